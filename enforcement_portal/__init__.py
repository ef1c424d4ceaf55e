"""The enforcement portal's project package and shared core (audit, working days, roles)."""

from .celery import app as celery_app

__all__ = ["celery_app"]
