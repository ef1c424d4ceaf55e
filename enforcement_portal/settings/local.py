"""Development on the embedded default: SQLite under var/, eager tasks, DEBUG on.

Under ``make run`` (scripts/run_portal.py sets EMBEDDED_WORKER=true) the scheduled jobs run
as in production: a real Celery worker and beat next to runserver, on kombu's filesystem
transport under var/broker/ (no broker server), with a file cache under var/cache/ that the
three processes share. docs/development.md#make-run.
"""

from pathlib import Path

from .base import *  # noqa: F403
from .base import REDIS_URL, VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)

# No collectstatic outside production: WhiteNoise serves from the finders.
STATIC_ROOT = None

# Mail goes to the console under `make run` unless an SMTP backend is named.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMBEDDED_WORKER = env.bool("EMBEDDED_WORKER", default=False) and not REDIS_URL
if EMBEDDED_WORKER:
    EMBEDDED_BROKER_DIR = Path(env("EMBEDDED_BROKER_DIR", default=str(VAR_DIR / "broker")))
    _folders = {
        name: EMBEDDED_BROKER_DIR / name for name in ("queue", "processed", "control", "results")
    }
    for _folder in _folders.values():
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://localhost//"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_folders["queue"]),
        "data_folder_out": str(_folders["queue"]),
        "processed_folder": str(_folders["processed"]),
        "control_folder": str(_folders["control"]),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{_folders['results']}"
    CELERY_TASK_ALWAYS_EAGER = False
    # No remote control or gossip: the filesystem transport is a plain queue.
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
    CELERY_WORKER_SEND_TASK_EVENTS = False
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(EMBEDDED_BROKER_DIR.parent / "cache"),
        }
    }
