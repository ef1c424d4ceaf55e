"""Celery tasks of the inbox: one e-mail per message (with retries), the daily digest."""

import smtplib

from celery import shared_task
from django.conf import settings


@shared_task(bind=True, name="oversight.send_message_mail", acks_late=True)
def send_message_mail(self, message_id: int) -> str:
    """E-mail one message; an SMTP or network error retries with a growing wait, and after
    ``OVERSIGHT_MAIL_RETRIES`` the message is marked failed (it stays in the inbox)."""
    from ..reminders.conf import mail_retries
    from .mail import message_mail_failed, message_mail_send

    try:
        return "sent" if message_mail_send(message_id=message_id) else "skipped"
    except (smtplib.SMTPException, OSError) as exc:
        if self.request.retries >= mail_retries():
            message_mail_failed(message_id=message_id)
            return "failed"
        wait = getattr(settings, "OVERSIGHT_MAIL_RETRY_SECONDS", 60) * 2**self.request.retries
        raise self.retry(exc=exc, countdown=wait, max_retries=mail_retries()) from exc


@shared_task(name="oversight.send_digests")
def send_digests(today: str | None = None) -> dict:
    import datetime as dt

    from .digest import digests_send
    from .services import mail_dispatch

    created = digests_send(today=dt.date.fromisoformat(today) if today else None)
    queued = mail_dispatch()
    return {"digests": created, "mailed": len(queued)}
