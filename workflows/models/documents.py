"""Generated documents of a case and the agency's document numbering (文号)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from powers.models import Agency

from .cases import Case


class DocumentSeries(models.Model):
    """Serial numbers of an agency's documents per prefix and year (齐市监罚〔2026〕12号)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    prefix = models.CharField(_("prefix"), max_length=30)
    year = models.PositiveSmallIntegerField(_("year"))
    last_serial = models.PositiveIntegerField(_("last serial"), default=0)

    class Meta:
        verbose_name = _("document number series")
        verbose_name_plural = _("document number series")
        constraints = [
            models.UniqueConstraint(fields=["agency", "prefix", "year"], name="series_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.last_serial}"


class NumberPattern(models.Model):
    """An agency's own document-number prefix; without one it is the agency prefix + 罚."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="number_pattern")
    decision_prefix = models.CharField(_("decision number prefix"), max_length=30)
    case_prefix = models.CharField(_("case number prefix"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("document number pattern")
        verbose_name_plural = _("document number patterns")

    def __str__(self) -> str:
        return self.decision_prefix


class Document(models.Model):
    """A generated PDF document of a case; regenerated in place, hashed when written."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Penalty decision (行政处罚决定书)")
        NOTICE = "notice", _("Notice of proposed penalty and hearing rights (行政处罚事先告知书)")
        SERVICE_RECEIPT = "service_receipt", _("Service receipt (送达回证)")
        FILE_COVER = "file_cover", _("Case file cover and catalogue (案卷封面及目录)")
        HEARING_NOTICE = "hearing_notice", _("Hearing notice (听证通知书)")
        URGE = "urge", _("Reminder to perform (催告书)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being generated")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = FSMField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(_("file"), upload_to="documents/", blank=True, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["case_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="document_one_per_kind")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def agency_id(self):
        return self.case.agency_id

    # A document is regenerated in place: asking again starts over from any state, and a
    # redelivered render task may finish or fail one that is already ready.
    ALL = [Status.PENDING, Status.READY, Status.FAILED]

    @transition(field=status, source=ALL, target=Status.PENDING)
    def request(self) -> None:
        self.error = ""

    @transition(field=status, source=ALL, target=Status.READY)
    def complete(self) -> None:
        self.error = ""

    @transition(field=status, source=ALL, target=Status.FAILED)
    def fail(self, error: str) -> None:
        self.error = error
