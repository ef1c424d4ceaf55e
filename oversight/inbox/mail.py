"""E-mail of inbox messages through Django's e-mail backend (SMTP from the environment in
production, the console under ``make run``). A message is e-mailed at most once: the row is
locked, its status checked, the mail sent and the status set in one transaction."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Message


def message_url(message: Message) -> str:
    base = getattr(settings, "PORTAL_BASE_URL", "http://localhost:8000").rstrip("/")
    return base + reverse("oversight:inbox_message", args=[message.pk])


def mail_subject(message: Message) -> str:
    prefix = {
        Message.Category.REMINDER: _("Reminder"),
        Message.Category.ESCALATION: _("Escalation"),
        Message.Category.DIGEST: _("Daily digest"),
    }[Message.Category(message.category)]
    return f"[{settings.CITY_NAME}] {prefix}: {message.label or message.due_on.isoformat()}"[:200]


def mail_body(message: Message) -> str:
    return f"{message.text}\n\n{_('Open it in the portal:')} {message_url(message)}\n"


def message_mail_send(*, message_id: int) -> bool:
    """Send the message's e-mail if it is still to be sent. True when it was sent now."""
    with transaction.atomic():
        message = Message.objects.select_for_update().select_related("recipient").get(pk=message_id)
        if message.mail_status != Message.Mail.ENQUEUED or not message.recipient.email:
            return False
        with translation.override("zh-hans"):
            mail = EmailMessage(
                subject=mail_subject(message),
                body=mail_body(message),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[message.recipient.email],
            )
        mail.send(fail_silently=False)
        message.mail_status = Message.Mail.SENT
        message.mailed_at = timezone.now()
        message.save(update_fields=["mail_status", "mailed_at"])
    return True


def message_mail_failed(*, message_id: int) -> None:
    Message.objects.filter(pk=message_id, mail_status=Message.Mail.ENQUEUED).update(
        mail_status=Message.Mail.FAILED
    )
