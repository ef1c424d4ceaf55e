"""Early warnings (预警): rules with thresholds and levels, the warnings they open, handling."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition


class Level(models.TextChoices):
    YELLOW = "yellow", _("Yellow")
    ORANGE = "orange", _("Orange")
    RED = "red", _("Red")


class WarningRule(models.Model):
    """One warning rule; its thresholds and escalation are data an administrator edits."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("level when opened"), max_length=8, choices=Level.choices)
    threshold = models.IntegerField(_("threshold"), null=True, blank=True)
    window_days = models.PositiveIntegerField(_("window (days)"), null=True, blank=True)
    orange_after_days = models.PositiveIntegerField(_("orange after (days open)"), default=7)
    red_after_days = models.PositiveIntegerField(_("red after (days open)"), default=21)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("warning rule")
        verbose_name_plural = _("warning rules")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(red_after_days__gte=models.F("orange_after_days")),
                name="warning_rule_red_after_orange",
            )
        ]

    def __str__(self) -> str:
        return self.name


class EarlyWarning(models.Model):
    """A warning opened by a rule on one subject (a case, publication, power, officer, agency)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting handling")  # 待处置
        VERIFYING = "verifying", _("Being verified")  # 核查中
        HANDLED = "handled", _("Handled")  # 已处置
        CLOSED = "closed", _("Closed")  # 办结
        RESOLVED = "resolved", _("Resolved by itself")  # 条件消除

    class Handling(models.TextChoices):
        RECTIFY = "rectify", _("Rectification ordered (整改)")
        TALK = "talk", _("Admonishing talk (约谈)")
        ACCOUNTABILITY = "accountability", _("Referred for accountability (移送问责)")

    OPEN = (Status.PENDING, Status.VERIFYING)

    rule = models.ForeignKey(WarningRule, on_delete=models.PROTECT, related_name="warnings")
    subject_type = models.CharField(_("subject type"), max_length=60)
    subject_id = models.CharField(_("subject"), max_length=64)
    subject_label = models.CharField(_("subject"), max_length=300)
    detail = models.TextField(_("detail"), blank=True)
    agency = models.ForeignKey(
        "powers.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="warnings",
    )
    officer = models.ForeignKey(
        "powers.Officer",
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="warnings",
    )
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    status = FSMField(_("status"), default=Status.PENDING, choices=Status.choices)
    opened_at = models.DateTimeField(_("opened"), db_index=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    handling = models.CharField(_("handling"), max_length=16, choices=Handling.choices, blank=True)
    handling_note = models.TextField(_("handling note"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        ordering = ["-opened_at", "-id"]
        constraints = [
            # One open warning per rule and subject: what makes a second scan open nothing.
            models.UniqueConstraint(
                fields=["rule", "subject_type", "subject_id"],
                condition=Q(status__in=["pending", "verifying"]),
                name="one_open_warning_per_subject",
            ),
            models.CheckConstraint(
                condition=~Q(status="handled") | ~Q(handling=""),
                name="handled_warning_names_its_handling",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "-opened_at"]),
            models.Index(fields=["status", "level"]),
        ]

    def __str__(self) -> str:
        return f"{self.rule} · {self.subject_label}"

    @transition(field=status, source=Status.PENDING, target=Status.VERIFYING)
    def start_verification(self) -> None:
        pass

    @transition(field=status, source=[Status.PENDING, Status.VERIFYING], target=Status.HANDLED)
    def record_handling(self, handling: str, note: str) -> None:
        self.handling, self.handling_note = handling, note

    @transition(field=status, source=Status.HANDLED, target=Status.CLOSED)
    def close(self) -> None:
        from django.utils import timezone

        self.closed_at = timezone.now()


def warning_attachment_path(instance, filename: str) -> str:
    import uuid

    return f"private/warnings/{instance.warning_id}/{uuid.uuid4().hex}"


class WarningAction(models.Model):
    """A step in handling a warning, with its note and an optional attachment."""

    warning = models.ForeignKey(EarlyWarning, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(_("action"), max_length=30)
    note = models.TextField(_("note"), blank=True)
    attachment = models.FileField(
        _("attachment"), upload_to=warning_attachment_path, blank=True, max_length=200
    )
    attachment_name = models.CharField(max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("handling step")
        verbose_name_plural = _("handling steps")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.warning_id} {self.action}"
