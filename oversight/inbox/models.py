"""The inbox (站内消息): one row per message to one staff user, and how each user wants each
kind of message delivered (inbox only, one e-mail each, or in the daily digest)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """A reminder before a deadline, an escalation of a warning, or a daily digest."""

    class Category(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        ESCALATION = "escalation", _("Escalation")
        DIGEST = "digest", _("Daily digest")

    class Mail(models.TextChoices):
        NEW = "new", _("Not yet decided")
        NONE = "none", _("Inbox only")
        DIGEST = "digest", _("In the daily digest")
        QUEUED = "queued", _("Queued for e-mail")
        ENQUEUED = "enqueued", _("Being e-mailed")
        SENT = "sent", _("E-mailed")
        FAILED = "failed", _("E-mail failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="inbox_messages",
    )
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    # A reminder kind's code, a warning level for an escalation, "digest" for a digest.
    kind = models.CharField(_("kind"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.BigIntegerField(_("object"), default=0)
    label = models.CharField(_("about"), max_length=300, blank=True)
    due_on = models.DateField(_("due"))
    lead = models.PositiveSmallIntegerField(_("working days ahead"), default=0)
    text = models.TextField(_("message"))
    agency = models.ForeignKey(
        "powers.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    mail_status = models.CharField(
        _("e-mail"), max_length=8, choices=Mail.choices, default=Mail.NEW
    )
    mailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("inbox message")
        verbose_name_plural = _("inbox messages")
        ordering = ["-created_at", "-id"]
        constraints = [
            # What makes a second run of the reminder job send nothing twice.
            models.UniqueConstraint(
                fields=[
                    "recipient",
                    "category",
                    "kind",
                    "object_type",
                    "object_id",
                    "lead",
                    "due_on",
                ],
                name="inbox_message_once",
            ),
        ]
        indexes = [
            models.Index(
                fields=["recipient"], name="inbox_unread", condition=Q(read_at__isnull=True)
            ),
            models.Index(fields=["recipient", "-created_at"], name="inbox_recipient_time"),
            models.Index(
                fields=["category", "kind", "object_id"],
                name="inbox_open_by_kind",
                condition=Q(done_at__isnull=True),
            ),
            models.Index(fields=["object_type", "object_id"], name="inbox_object"),
            models.Index(
                fields=["mail_status"],
                name="inbox_mail_pending",
                condition=Q(mail_status__in=["new", "queued", "enqueued"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} · {self.kind} · {self.label}"


class Delivery(models.TextChoices):
    INBOX = "inbox", _("Inbox only")
    EMAIL = "email", _("E-mail each message")
    DIGEST = "digest", _("In the daily digest")


class DeliveryPreference(models.Model):
    """How one user wants one kind of message (a reminder kind, "escalation")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delivery_preferences"
    )
    kind = models.CharField(_("kind"), max_length=60)
    mode = models.CharField(_("delivery"), max_length=8, choices=Delivery.choices)

    class Meta:
        verbose_name = _("delivery preference")
        verbose_name_plural = _("delivery preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="delivery_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.kind}: {self.mode}"
