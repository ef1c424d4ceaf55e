"""Settings of the reminders with their defaults (a province may set other lead times)."""

from __future__ import annotations

from django.conf import settings

DEFAULT_LEADS = (3, 1)


def lead_days(code: str) -> tuple[int, ...]:
    """Working days before a deadline of kind ``code`` at which its reminders go out, largest
    first: ``OVERSIGHT_REMINDER_LEADS[code]``, else ``OVERSIGHT_REMINDER_DEFAULT_LEADS``
    (3 and 1)."""
    per_kind = getattr(settings, "OVERSIGHT_REMINDER_LEADS", {}) or {}
    leads = per_kind.get(code, getattr(settings, "OVERSIGHT_REMINDER_DEFAULT_LEADS", DEFAULT_LEADS))
    return tuple(sorted({int(n) for n in leads if int(n) >= 0}, reverse=True))


def default_delivery() -> str:
    """How a message goes out when its recipient chose nothing for its kind: ``email`` (one
    e-mail each, to users with an address), ``digest`` or ``inbox``."""
    return str(getattr(settings, "OVERSIGHT_REMINDER_DEFAULT_DELIVERY", "email"))


def mail_retries() -> int:
    return int(getattr(settings, "OVERSIGHT_MAIL_RETRIES", 5))
