"""Supervision records (监督检查记录) by discipline units, their findings and files."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition


class SupervisionRecord(models.Model):
    """One check a discipline-inspection unit made of an enforcement agency."""

    class Method(models.TextChoices):
        ROUTINE = "routine", _("Routine supervision (日常监督)")
        SPECIAL = "special", _("Special inspection (专项检查)")
        UNANNOUNCED = "unannounced", _("Unannounced visit (明察暗访)")
        FILE_REVIEW = "file_review", _("Case-file review (案卷评查)")
        OTHER = "other", _("Other")

    unit = models.ForeignKey(
        "powers.Agency",
        verbose_name=_("supervising unit"),
        on_delete=models.PROTECT,
        related_name="supervision_done",
        limit_choices_to={"is_enforcement_body": False},
    )
    agency = models.ForeignKey(
        "powers.Agency",
        verbose_name=_("agency inspected"),
        on_delete=models.PROTECT,
        related_name="supervision_records",
        limit_choices_to={"is_enforcement_body": True},
    )
    checked_on = models.DateField(_("date of the check"))
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    matters = models.TextField(_("matters checked"))
    cases = models.ManyToManyField(
        "workflows.Case", verbose_name=_("cases"), blank=True, related_name="supervision_records"
    )
    warnings = models.ManyToManyField(
        "oversight.EarlyWarning",
        verbose_name=_("warnings"),
        blank=True,
        related_name="supervision_records",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("supervision record")
        verbose_name_plural = _("supervision records")
        ordering = ["-checked_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "checked_on"]),
            models.Index(fields=["agency", "-checked_on", "-id"]),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.checked_on}"


class Finding(models.Model):
    """A problem (问题) found in a check, with what must be rectified by when, and follow-up."""

    class Kind(models.TextChoices):
        PROCEDURE = "procedure", _("Enforcement procedure")
        DISCRETION = "discretion", _("Discretion not applied properly")
        DISCLOSURE = "disclosure", _("Disclosure late or missing")
        CONDUCT = "conduct", _("Conduct and discipline")
        QUALIFICATION = "qualification", _("Enforcement qualification")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        RECTIFYING = "rectifying", _("Being rectified")  # 整改中
        REPORTED = "reported", _("Rectification reported")  # 已报整改，待核验
        RECTIFIED = "rectified", _("Rectified (verified)")  # 已整改（监督单位核验）

    record = models.ForeignKey(SupervisionRecord, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("kind of problem"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("problem found"))
    requirement = models.TextField(_("rectification required"))
    deadline = models.DateField(_("rectify by"))
    status = FSMField(_("status"), max_length=12, choices=Status.choices, default=Status.RECTIFYING)
    rectification_note = models.TextField(_("rectification done"), blank=True)
    rectified_on = models.DateField(_("rectification reported on"), null=True, blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verification_note = models.TextField(_("verification note"), blank=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["record", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rectified") | Q(verified_on__isnull=False),
                name="rectified_finding_is_verified",
            )
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.description[:40]

    @property
    def agency_id(self) -> int:
        """The inspected agency: what permission predicates compare with the user's."""
        return self.record.agency_id

    def is_overdue(self, today) -> bool:
        return self.status != self.Status.RECTIFIED and self.deadline < today

    @transition(field=status, source=Status.RECTIFYING, target=Status.REPORTED)
    def report_rectification(self) -> None:
        pass

    @transition(field=status, source=Status.REPORTED, target=Status.RECTIFIED)
    def verify(self) -> None:
        pass

    @transition(field=status, source=Status.REPORTED, target=Status.RECTIFYING)
    def send_back(self) -> None:
        pass


def supervision_attachment_path(instance, filename: str) -> str:
    return f"private/supervision/{instance.record_id}/{uuid.uuid4().hex}"


class SupervisionAttachment(models.Model):
    """A file on a record (or one of its findings); served only through a checked view."""

    record = models.ForeignKey(
        SupervisionRecord, on_delete=models.CASCADE, related_name="attachments"
    )
    finding = models.ForeignKey(
        Finding, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=supervision_attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("supervision attachment")
        verbose_name_plural = _("supervision attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
