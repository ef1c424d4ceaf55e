"""The decision (处罚决定) of a case; what follows it is in execution.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .cases import Case


class Decision(models.Model):
    """The decision (处罚决定) with its number, penalty, basis and the discretion applied."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    number = models.CharField(_("document number"), max_length=60, unique=True)
    decided_on = models.DateField(_("decided on"))
    facts = models.TextField(_("facts of the violation"))
    evidence = models.TextField(_("evidence"))
    legal_basis = models.TextField(_("legal basis of the penalty"))
    # Arts. 44-45: the party was told the notice's basis; a decision citing other provisions
    # says why here, and the decision document states it.
    basis_change_reason = models.TextField(
        _("why the basis differs from the notice's"), blank=True, default=""
    )
    penalty_types = models.CharField(_("penalty types"), max_length=200)
    no_penalty = models.BooleanField(_("no penalty (不予处罚)"), default=False)
    fine_amount = models.DecimalField(
        _("fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    confiscation_amount = models.DecimalField(
        _("confiscated illegal income (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    severity = models.CharField(_("severity"), max_length=30, blank=True)
    circumstances = models.TextField(_("circumstances"), blank=True)
    recommendation = models.JSONField(_("recommended band"), default=dict, blank=True)
    is_deviation = models.BooleanField(_("outside the recommended band"), default=False)
    deviation_reason = models.TextField(_("justification for the deviation"), blank=True)
    received_on = models.DateField(
        _("received by the party on"),
        null=True,
        blank=True,
        help_text=_("From the service record (送达回证); the payment period runs from it."),
    )
    # Filled with deadlines.payment_due(received_on) when the receipt is recorded (Art. 67).
    performance_due_on = models.DateField(_("perform by"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            # The few decisions outside the band, by day: the two deviation warning rules.
            models.Index(
                fields=["decided_on"],
                name="decision_deviation_day",
                condition=Q(is_deviation=True),
            ),
            # Decisions in a period, answered from the index alone (dashboard, trend).
            models.Index(
                fields=["decided_on"], name="decision_day", include=["case", "is_deviation"]
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_deviation=False) | ~Q(deviation_reason=""),
                name="decision_deviation_needs_reason",
            ),
            models.CheckConstraint(
                condition=Q(fine_amount__isnull=True) | Q(fine_amount__gte=0),
                name="decision_fine_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def agency_id(self):
        return self.case.agency_id
