"""Test settings: the database and broker come from DATABASE_URL / REDIS_URL when set."""

from .base import *  # noqa: F403

DEBUG = False
# Fast hashing for test users only; production keeps Django's PBKDF2 default.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run inline unless a test starts a real worker against the Redis broker.
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# No collectstatic outside production: WhiteNoise serves from the finders.
STATIC_ROOT = None
