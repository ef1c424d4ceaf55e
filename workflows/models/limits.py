"""Limits on a case's time (行政处罚法 Arts. 51-52, 60): suspensions recorded as they happen,
extensions approved by the agency's responsible person, and the on-the-spot decision's record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from .cases import Case


class CaseSuspension(models.Model):
    """A suspension (中止, Art. 60): its start and end are entered when they happen, so only
    the days actually suspended move the 90-day limit."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspensions")
    reason = models.TextField(_("reason"))
    started_on = models.DateField(_("suspended from"))
    ended_on = models.DateField(_("resumed on"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["case_id", "started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="suspension_ends_after_start",
            ),
            # At most one suspension runs at a time.
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_on__isnull=True), name="suspension_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.started_on}–{self.ended_on or ''}"

    @property
    def agency_id(self):
        return self.case.agency_id


class CaseExtension(models.Model):
    """An extension (延期, Art. 60) of the decision limit, approved by the agency's responsible
    person (负责人) who is not an officer on the case. A second or later extension links to
    the recorded collective discussion (集体讨论) of the case that decided it (``discussion``)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField(_("days"))
    reason = models.TextField(_("reason"))
    discussion = models.ForeignKey(
        "workflows.CollectiveDiscussion",
        verbose_name=_("collective discussion (for a further extension)"),
        on_delete=models.PROTECT,
        related_name="extensions",
        null=True,
        blank=True,
    )
    status = FSMField(_("status"), default=Status.REQUESTED, choices=Status.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["case_id", "id"]
        constraints = [models.CheckConstraint(condition=Q(days__gte=1), name="extension_days")]

    def __str__(self) -> str:
        return f"{self.case_id}:+{self.days}"

    @property
    def agency_id(self):
        return self.case.agency_id

    @transition(field=status, source=Status.REQUESTED, target=Status.APPROVED)
    def approve(self) -> None:
        pass

    @transition(field=status, source=Status.REQUESTED, target=Status.REFUSED)
    def refuse(self) -> None:
        pass


class OnTheSpotDecision(models.Model):
    """What the on-the-spot procedure (当场处罚, Arts. 51-52) records besides the decision: the
    certificates shown, the party's statement, the hand-over (or the refusal to sign) and the
    filing with the agency within 2 working days (a setting)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="on_the_spot")
    decided_at = models.DateTimeField(_("decided at"))
    place = models.CharField(_("place"), max_length=200)
    certificates_shown = models.CharField(_("certificates shown (numbers)"), max_length=300)
    party_statement = models.TextField(_("the party's statement and defence"))
    handed_over = models.BooleanField(_("decision handed over on the spot"), default=True)
    refusal_note = models.TextField(_("note on the refusal to sign"), blank=True)
    filing_due_on = models.DateField(_("file with the agency by"))
    filed_on = models.DateField(_("filed with the agency on"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("on-the-spot decision")
        verbose_name_plural = _("on-the-spot decisions")
        indexes = [
            # The filing warning reads the few unfiled or late ones.
            models.Index(fields=["filing_due_on"], name="on_the_spot_filing_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(handed_over=True) | ~Q(refusal_note=""),
                name="on_the_spot_handed_or_refusal_noted",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.decided_at:%Y-%m-%d}"

    @property
    def agency_id(self):
        return self.case.agency_id
