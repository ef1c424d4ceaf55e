"""Celery task of the reminders: the periodic run (idempotent: a rerun sends nothing twice)."""

from celery import shared_task


@shared_task(name="oversight.send_reminders")
def send_reminders(today: str | None = None) -> dict:
    """Reminders before deadlines, escalations of orange and red warnings, then the e-mails.
    Beat sends no argument (today); ``today`` (ISO date) replays a given day."""
    import datetime as dt

    from ..inbox.services import mail_dispatch
    from .escalation import escalations_send
    from .services import reminders_send

    result = reminders_send(today=dt.date.fromisoformat(today) if today else None)
    escalated = escalations_send()
    queued = mail_dispatch()
    return {"sent": result.sent, "done": result.done, "escalated": escalated, "mailed": len(queued)}
