"""Settings for the throughput benchmark only: production settings over plain HTTP on
loopback, plus bench.urls (the production URLconf and one bare constant view)."""

from enforcement_portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False  # loopback, no TLS terminator in front
SECURE_HSTS_SECONDS = 0
# No collectstatic step for a benchmark run: static URLs without the manifest.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
