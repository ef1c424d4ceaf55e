"""Development on the embedded default: SQLite under var/, eager tasks, DEBUG on."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)

# No collectstatic outside production: WhiteNoise serves from the finders.
STATIC_ROOT = None

# Mail goes to the console under `make run` unless an SMTP backend is named.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
