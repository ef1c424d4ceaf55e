"""Settings shared by every environment; values come from the environment (django-environ)."""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from kombu import Exchange, Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env.smart_cast = False

# ------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------
SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-change-me-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A failed CSRF check answers with the portal's own Chinese page, not Django's English one.
CSRF_FAILURE_VIEW = "enforcement_portal.views.csrf_failure"

ROOT_URLCONF = "enforcement_portal.urls"
WSGI_APPLICATION = "enforcement_portal.wsgi.application"
AUTH_USER_MODEL = "core.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The city this deployment serves; it appears in page titles and documents.
CITY_NAME = env("CITY_NAME", default="齐齐哈尔市")
PORTAL_NAME = env("PORTAL_NAME", default="")

# ------------------------------------------------------------------------------
# Apps
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "rules.apps.AutodiscoverRulesConfig",
    "enforcement_portal.apps.CoreConfig",
    "powers.apps.PowersConfig",
    "discretion.apps.DiscretionConfig",
    "workflows.apps.WorkflowsConfig",
    "disclosure.apps.DisclosureConfig",
    "reports.apps.ReportsConfig",
    "oversight.apps.OversightConfig",
]

MIDDLEWARE = [
    "enforcement_portal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "enforcement_portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "enforcement_portal.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "enforcement_portal.middleware.RejectUnstorableInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "enforcement_portal.dbrouting.ReplicaRoutingMiddleware",  # scale (#23): read replicas
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "enforcement_portal.middleware.AuditContextMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "enforcement_portal.context_processors.portal",
                "oversight.inbox.context_processors.inbox",
            ],
            "builtins": ["enforcement_portal.templatetags.portal"],
        },
    }
]

# ------------------------------------------------------------------------------
# Database: SQLite file under var/ unless DATABASE_URL says otherwise
# ------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so two writers never read the
    # same audit-chain head (the chain is serialised by the database on SQLite).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"transaction_mode": "IMMEDIATE", "timeout": 20})
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database that does not answer fails the request (a 503 page) instead of hanging it.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
    # PgBouncer in transaction mode cannot hold server-side cursors.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
        "DISABLE_SERVER_SIDE_CURSORS", default=False
    )

# --- scale (issue #23): read replicas -------------------------------------------------------
# Each URL in DATABASE_REPLICA_URLS (a PostgreSQL streaming standby of the primary) becomes an
# alias replica1, replica2, ...; enforcement_portal/dbrouting.py sends the public site's reads
# there and everything else to the primary (docs/operations.md#read-replicas).
DATABASE_REPLICA_URLS = env.list("DATABASE_REPLICA_URLS", default=[])
for _number, _url in enumerate(DATABASE_REPLICA_URLS, start=1):
    _replica = env.db_url_config(_url)
    _replica.update(
        ATOMIC_REQUESTS=False,
        CONN_MAX_AGE=DATABASES["default"].get("CONN_MAX_AGE", 0),
        CONN_HEALTH_CHECKS=True,
        DISABLE_SERVER_SIDE_CURSORS=DATABASES["default"].get("DISABLE_SERVER_SIDE_CURSORS", False),
        TEST={"MIRROR": "default"},
    )
    _replica.setdefault("OPTIONS", {})
    _replica["OPTIONS"].setdefault(
        "connect_timeout", env.int("DATABASE_REPLICA_CONNECT_TIMEOUT", default=2)
    )
    DATABASES[f"replica{_number}"] = _replica
DATABASE_ROUTERS = ["enforcement_portal.dbrouting.ReplicaRouter"]
# Reads older than this many seconds are never served: beyond it the primary answers.
DATABASE_REPLICA_MAX_LAG_SECONDS = env.float("DATABASE_REPLICA_MAX_LAG_SECONDS", default=10.0)
# How long one lag measurement is trusted (per process); it counts against the allowed lag.
DATABASE_REPLICA_CHECK_SECONDS = env.float("DATABASE_REPLICA_CHECK_SECONDS", default=1.0)
# A visitor who just wrote (any POST, a report filed, a receipt looked up) reads from the
# primary for this long.
DATABASE_READ_YOUR_WRITES_SECONDS = env.int("DATABASE_READ_YOUR_WRITES_SECONDS", default=30)
DATABASE_REPLICA_PATHS = env.list("DATABASE_REPLICA_PATHS", default=["/public/", "/open-data/"])
DATABASE_PRIMARY_PATHS = env.list(
    "DATABASE_PRIMARY_PATHS", default=["/public/reports/", "/public/certificate/"]
)
# Adds X-Database-Read: replicaN|primary to each response (tests, diagnosis); off by default.
DATABASE_ROUTING_HEADER = env.bool("DATABASE_ROUTING_HEADER", default=False)
# Behind PgBouncer in transaction mode (docs/operations.md#pgbouncer): no session-level
# state survives a transaction, so session advisory locks are replaced by transaction ones.
DATABASE_TRANSACTION_POOLING = env.bool(
    "DATABASE_TRANSACTION_POOLING",
    default=DATABASES["default"].get("DISABLE_SERVER_SIDE_CURSORS", False),
)
# --- end scale: read replicas --------------------------------------------------------------

# ------------------------------------------------------------------------------
# Cache and Celery: Redis when REDIS_URL is set, otherwise in-process and eager
# ------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Falls back to each process's memory while Redis is down (enforcement_portal/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "enforcement_portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="portal"),
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=1.0),
                "socket_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=2.0),
                "fallback_seconds": env.float("CACHE_FALLBACK_SECONDS", default=5.0),
            },
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged after it ran, so a worker killed mid-task has it redelivered;
# every task is written to be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A message taken but not acknowledged (its worker died) goes back to the queue after this
# many seconds; it must exceed the longest task (CELERY_TASK_TIME_LIMIT) or a slow task would
# be handed to a second worker while the first still runs.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 3600)
# Bounded broker waits: a web request that queues work fails fast and visibly when the broker
# is down (enforcement_portal/queueing.py) instead of hanging on reconnects.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "socket_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=5.0),
    # How often a worker sweeps for messages whose worker died (interval x throttle seconds).
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = CELERY_BROKER_CONNECTION_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=5.0)
# A worker keeps trying to reach a broker that went away, and waits for one at start.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE: dict = {
    "scan-warnings": {
        "task": "oversight.scan_warnings",
        "schedule": env.int("WARNING_SCAN_SECONDS", default=15 * 60),
    },
    "send-reminders": {
        "task": "oversight.send_reminders",
        "schedule": env.int("REMINDER_RUN_SECONDS", default=15 * 60),
    },
    "send-digests": {
        "task": "oversight.send_digests",
        "schedule": crontab(hour=env.int("DIGEST_HOUR", default=8), minute=0),
    },
    "verify-audit-chain": {"task": "core.verify_audit_chain", "schedule": 24 * 3600},
    "sync-publications": {"task": "disclosure.sync_publications", "schedule": 15 * 60},
    "export-audit-head": {
        "task": "core.export_audit_head",
        "schedule": env.int("AUDIT_HEAD_EXPORT_SECONDS", default=3600),
    },
    "verify-evidence": {
        "task": "workflows.verify_evidence",
        "schedule": env.int("EVIDENCE_VERIFY_SECONDS", default=24 * 3600),
    },
    "sweep-orphan-uploads": {"task": "core.sweep_orphan_uploads", "schedule": 24 * 3600},
}
# --- scale (issue #23): Celery queues ----------------------------------------------------------
# Slow or bursty work has a queue of its own so it never holds up the rest: PDF rendering,
# the early-warning scans, table imports and mail (any task named mail.*). Everything else
# (audit chain, evidence re-hash, publication sync, purges) stays on "celery". A worker
# started without -Q serves every queue listed here; a dedicated one names its queue
# (docs/operations.md#celery-workers-and-queues).
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [
    Queue(name, Exchange(name, type="direct"), routing_key=name)
    for name in ("celery", "pdf", "scans", "imports", "mail")
]
CELERY_TASK_ROUTES = {
    "workflows.render_document": {"queue": "pdf"},
    "oversight.scan_*": {"queue": "scans"},
    "powers.run_import": {"queue": "imports"},
    "mail.*": {"queue": "mail"},
}
# --- end scale: Celery queues ---------------------------------------------------------------
# Data integrity (docs/reliability.md): the audit chain's head is appended to a JSON-lines
# file OUTSIDE the database (and outside MEDIA_ROOT) so a consistently rewritten chain is
# still caught; ship this directory off the database host. Evidence files are re-hashed
# by the periodic job in batches of EVIDENCE_VERIFY_BATCH.
AUDIT_HEAD_EXPORT_DIR = Path(env("AUDIT_HEAD_EXPORT_DIR", default=str(VAR_DIR / "audit-heads")))
# And, where a bucket is named, to an S3-compatible object store on another system (a key
# that may put and read but not delete; object lock or versioning on the bucket). Empty
# endpoint: AWS itself. docs/operations.md#the-audit-trail.
AUDIT_HEAD_S3_BUCKET = env("AUDIT_HEAD_S3_BUCKET", default="")
AUDIT_HEAD_S3_PREFIX = env("AUDIT_HEAD_S3_PREFIX", default="audit-heads/")
AUDIT_HEAD_S3_ENDPOINT_URL = env("AUDIT_HEAD_S3_ENDPOINT_URL", default="")
AUDIT_HEAD_S3_REGION = env("AUDIT_HEAD_S3_REGION", default="us-east-1")
AUDIT_HEAD_S3_ACCESS_KEY_ID = env("AUDIT_HEAD_S3_ACCESS_KEY_ID", default="")
AUDIT_HEAD_S3_SECRET_ACCESS_KEY = env("AUDIT_HEAD_S3_SECRET_ACCESS_KEY", default="")
AUDIT_VERIFY_WORKERS = env.int("AUDIT_VERIFY_WORKERS", default=0)  # 0: the CPU count, at most 8
EVIDENCE_VERIFY_BATCH = env.int("EVIDENCE_VERIFY_BATCH", default=200)

# ------------------------------------------------------------------------------
# Authentication
# ------------------------------------------------------------------------------
# Permissions come from the rules predicates alone; no superuser shortcut (see backends.py).
AUTHENTICATION_BACKENDS = ["enforcement_portal.backends.RolesBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)

# ------------------------------------------------------------------------------
# Internationalisation: Chinese first, English available
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# ------------------------------------------------------------------------------
# Static and media: served by the portal itself (no CDN); media is private
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT: Path | str | None = VAR_DIR / "staticfiles"
# Outside production, WhiteNoise serves straight from the source folders (no collectstatic).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATICFILES_DIRS = [BASE_DIR / "static"]
# Evidence and uploads live outside the web root and are served only through
# permission-checked views; there is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=50 * 1024 * 1024)
# A stored file no row names is deleted by the daily sweep once it is this old (uploads.py).
UPLOAD_ORPHAN_GRACE_HOURS = env.float("UPLOAD_ORPHAN_GRACE_HOURS", default=24)
SPREADSHEET_MAX_BYTES = env.int("SPREADSHEET_MAX_BYTES", default=20 * 1024 * 1024)
# Limits every table import reads within (enforcement_portal/tables.py), checked before and
# while reading so a decompression bomb is refused unread: each archive member's unpacked size,
# rows, columns, characters per cell (Excel's own maximum) and characters per CSV line.
TABLE_MAX_MEMBER_BYTES = env.int("TABLE_MAX_MEMBER_BYTES", default=64 * 1024 * 1024)
TABLE_MAX_ROWS = env.int("TABLE_MAX_ROWS", default=50_000)
TABLE_MAX_COLUMNS = env.int("TABLE_MAX_COLUMNS", default=100)
TABLE_MAX_CELL_CHARS = env.int("TABLE_MAX_CELL_CHARS", default=32_767)
TABLE_MAX_LINE_CHARS = env.int("TABLE_MAX_LINE_CHARS", default=1_000_000)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Case documents (workflows): the CJK font file embedded in generated PDFs.
PDF_CJK_FONT = env(
    "PDF_CJK_FONT", default="/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# ------------------------------------------------------------------------------
# Security headers (tightened further in production.py)
# ------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
ADMIN_URL = env("ADMIN_URL", default="admin/")

# ------------------------------------------------------------------------------
# Demo city
# ------------------------------------------------------------------------------
DEMO_PASSWORD = env("DEMO_PASSWORD", default="Demo@2026")

# ------------------------------------------------------------------------------
# Logging: every line carries the request id
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "enforcement_portal.context.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
    },
}

# ------------------------------------------------------------------------------
# Disclosure deadlines and periods (DOMAIN.md "Rules with numbers"; each a setting)
# ------------------------------------------------------------------------------
DISCLOSURE_PENALTY_PERMIT_WORKDAYS = env.int("DISCLOSURE_PENALTY_PERMIT_WORKDAYS", default=7)
DISCLOSURE_OTHER_WORKDAYS = env.int("DISCLOSURE_OTHER_WORKDAYS", default=15)
DISCLOSURE_WITHDRAWAL_WORKDAYS = env.int("DISCLOSURE_WITHDRAWAL_WORKDAYS", default=3)
# SAMR Order 45 (2021): 通报批评 or a small fine stays public 3 months, anything else 3 years.
PUBLICATION_SHORT_MONTHS = env.int("PUBLICATION_SHORT_MONTHS", default=3)
PUBLICATION_LONG_YEARS = env.int("PUBLICATION_LONG_YEARS", default=3)
PUBLICATION_SMALL_FINE_MAX = env.int("PUBLICATION_SMALL_FINE_MAX", default=10000)
# The public decision list keeps its rendered search form and result page in the cache under a
# key naming the data's state (disclosure.selectors.decision_list_cache_key); entries expire
# after this many seconds, a bound on changes made outside the portal (bulk SQL). 0: no cache.
PUBLIC_DECISION_LIST_CACHE_SECONDS = env.int("PUBLIC_DECISION_LIST_CACHE_SECONDS", default=60)

# Sign-in throttling (enforcement_portal.signin): no lockout. Per account and address, the
# failures after LOGIN_FAILURE_LIMIT each make that pair wait LOGIN_DELAY_SECONDS, doubling up
# to LOGIN_DELAY_MAX_SECONDS; after LOGIN_CHALLENGE_AFTER failures on an account (from any
# address) or from an address, signing in needs a proof of work of LOGIN_CHALLENGE_BITS bits.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_DELAY_SECONDS = env.int("LOGIN_DELAY_SECONDS", default=2)
LOGIN_DELAY_MAX_SECONDS = env.int("LOGIN_DELAY_MAX_SECONDS", default=15 * 60)
LOGIN_FAILURE_WINDOW_SECONDS = env.int("LOGIN_FAILURE_WINDOW_SECONDS", default=15 * 60)
LOGIN_CHALLENGE_AFTER = env.int("LOGIN_CHALLENGE_AFTER", default=3)
LOGIN_CHALLENGE_BITS = env.int("LOGIN_CHALLENGE_BITS", default=18)
LOGIN_CHALLENGE_TTL = env.int("LOGIN_CHALLENGE_TTL", default=10 * 60)
# The request header (META name) a trusted reverse proxy sets to the client's address, e.g.
# "HTTP_X_REAL_IP"; empty: REMOTE_ADDR. Behind a proxy, set it, or every sender shares the
# proxy's address and the per-address throttle becomes a per-account one.
CLIENT_ADDRESS_HEADER = env.str("CLIENT_ADDRESS_HEADER", default="")

# ------------------------------------------------------------------------------
# E-mail (reminders, escalations and digests; docs/oversight.md#reminders)
# ------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@localhost")
# Links in e-mails point here.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://localhost:8000")
# Reminder lead times in working days: a default and per kind (docs/oversight.md lists kinds).
OVERSIGHT_REMINDER_DEFAULT_LEADS = (3, 1)
OVERSIGHT_REMINDER_LEADS: dict[str, tuple[int, ...]] = {}
OVERSIGHT_REMINDER_DEFAULT_DELIVERY = env("REMINDER_DEFAULT_DELIVERY", default="email")
OVERSIGHT_MAIL_RETRIES = env.int("MAIL_RETRIES", default=5)
OVERSIGHT_MAIL_RETRY_SECONDS = env.int("MAIL_RETRY_SECONDS", default=60)
