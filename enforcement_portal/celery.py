"""Celery application; with no REDIS_URL, tasks run eagerly in the calling process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement_portal.settings.local")

app = Celery("enforcement_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
