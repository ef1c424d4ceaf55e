"""Writes of the inbox: reading a message, a user's delivery preferences, and deciding which
new messages go out by e-mail (then queueing them for the mail task)."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone

from enforcement_portal.audit import audit_append
from enforcement_portal.models import User

from ..reminders.conf import default_delivery
from .models import Delivery, DeliveryPreference, Message
from .selectors import forget_unread


def message_mark_read(*, message: Message, read: bool = True) -> Message:
    message.read_at = timezone.now() if read else None
    message.save(update_fields=["read_at"])
    forget_unread(message.recipient_id)
    return message


@transaction.atomic
def preferences_set(*, user, modes: dict[str, str]) -> None:
    """Store the user's choice per kind (inbox, email, digest) and audit it."""
    for kind, mode in modes.items():
        DeliveryPreference.objects.update_or_create(user=user, kind=kind, defaults={"mode": mode})
    audit_append(
        action="inbox.preferences",
        object_type="core.user",
        object_id=str(user.pk),
        changes=dict(modes),
        actor=user,
    )


def _mode_cases(key) -> Case:
    """The mail status of a NEW message from its recipient's preference for ``key``."""

    def prefers(mode):
        return Exists(
            DeliveryPreference.objects.filter(user=OuterRef("recipient_id"), kind=key, mode=mode)
        )

    chose = Exists(DeliveryPreference.objects.filter(user=OuterRef("recipient_id"), kind=key))
    has_email = Exists(User.objects.filter(pk=OuterRef("recipient_id")).exclude(email=""))
    mail_for: dict[str, str] = {
        Delivery.EMAIL: Message.Mail.QUEUED,
        Delivery.DIGEST: Message.Mail.DIGEST,
    }
    default = mail_for.get(default_delivery(), Message.Mail.NONE)
    return Case(
        When(prefers(Delivery.INBOX), then=Value(Message.Mail.NONE)),
        When(~Q(category=Message.Category.DIGEST) & prefers(Delivery.DIGEST), then=Value("digest")),
        When(~has_email, then=Value(Message.Mail.NONE)),
        When(prefers(Delivery.EMAIL), then=Value(Message.Mail.QUEUED)),
        When(~chose & Q(category=Message.Category.DIGEST), then=Value(Message.Mail.QUEUED)),
        When(~chose, then=Value(default)),
        default=Value(Message.Mail.NONE),
    )


def mail_dispatch() -> list[int]:
    """Decide the delivery of every NEW message (set-based) and queue the e-mails. Returns the
    ids handed to the mail task; a rerun hands none twice."""
    from .tasks import send_message_mail

    new = Message.objects.filter(mail_status=Message.Mail.NEW)
    new.filter(category=Message.Category.REMINDER).update(mail_status=_mode_cases(OuterRef("kind")))
    for category in (Message.Category.ESCALATION, Message.Category.DIGEST):
        new.filter(category=category).update(mail_status=_mode_cases(Value(category.value)))
    with transaction.atomic():
        ids = list(
            Message.objects.filter(mail_status=Message.Mail.QUEUED)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        Message.objects.filter(pk__in=ids).update(mail_status=Message.Mail.ENQUEUED)
        for pk in ids:
            transaction.on_commit(partial(send_message_mail.delay, pk))
    return ids
