"""After the decision: payments (罚缴分离) with their fine and surcharge parts, reconsideration
and lawsuits, deferral and instalments (Art. 66), the 催告书 and the application to the court
(行政强制法 Arts. 53-54), changes to the decision (Art. 48) and refunds."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from .cases import Case
from .decisions import Decision

_USER: dict[str, Any] = {
    "to": settings.AUTH_USER_MODEL,
    "on_delete": models.PROTECT,
    "related_name": "+",
}


class Payment(models.Model):
    """One payment at the bank (罚缴分离), never cash to the agency; payments accumulate and
    each says how much of it settled the fine and how much the late surcharge."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="payments")
    bank_receipt_number = models.CharField(_("bank receipt number"), max_length=60, unique=True)
    bank_name = models.CharField(_("bank"), max_length=100)
    amount = models.DecimalField(_("amount paid (yuan)"), max_digits=14, decimal_places=2)
    fine_part = models.DecimalField(
        _("of which fine (yuan)"), max_digits=14, decimal_places=2, default=0
    )
    surcharge_part = models.DecimalField(
        _("of which late surcharge (yuan)"), max_digits=14, decimal_places=2, default=0
    )
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(**_USER)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive"),
            models.CheckConstraint(
                condition=Q(amount=models.F("fine_part") + models.F("surcharge_part")),
                name="payment_parts_add_up",
            ),
        ]

    def __str__(self) -> str:
        return self.bank_receipt_number


class LegalChallenge(models.Model):
    """A reconsideration or lawsuit against the decision: while it is pending no surcharge
    accrues and the decision is not enforced (Arts. 72-73; 行政强制法 Art. 45)."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", _("Administrative reconsideration")
        LAWSUIT = "lawsuit", _("Administrative lawsuit")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="challenges")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    body = models.CharField(_("reconsideration body or court"), max_length=200)
    started_on = models.DateField(_("applied or filed on"))
    ended_on = models.DateField(_("decided or ended on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(**_USER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reconsideration or lawsuit")
        verbose_name_plural = _("reconsiderations and lawsuits")
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="challenge_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}"


class Deferral(models.Model):
    """The party's application to defer or pay in instalments (Art. 66) and the responsible
    person's decision with the schedule."""

    class Kind(models.TextChoices):
        DEFERRAL = "deferral", _("Deferral")
        INSTALMENTS = "instalments", _("Instalments")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="deferrals")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    applied_on = models.DateField(_("applied on"))
    reason = models.TextField(_("the party's economic difficulty"))
    status = FSMField(_("status"), max_length=10, choices=Status.choices, default=Status.APPLIED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)
    recorded_by = models.ForeignKey(**_USER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deferral or instalments")
        verbose_name_plural = _("deferrals and instalments")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.applied_on}"

    @property
    def agency_id(self):
        return self.case.agency_id

    @transition(field=status, source=Status.APPLIED, target=Status.APPROVED)
    def approve(self) -> None:
        pass

    @transition(field=status, source=Status.APPLIED, target=Status.REFUSED)
    def refuse(self) -> None:
        pass


class Instalment(models.Model):
    """One date of an approved schedule and the part of the fine due on it."""

    deferral = models.ForeignKey(Deferral, on_delete=models.CASCADE, related_name="instalments")
    due_on = models.DateField(_("due on"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="instalment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.due_on} {self.amount}"


class UrgeNotice(models.Model):
    """The 催告书 issued before asking the court to enforce (行政强制法 Arts. 35, 54). It is
    served through a ServiceRecord (``services``); ``served_on`` and ``received_on`` are copied
    from that record when it is saved and never entered here."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="urge")
    number = models.CharField(_("document number"), max_length=60)
    issued_on = models.DateField(_("issued on"))
    served_on = models.DateField(_("served on"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    recorded_by = models.ForeignKey(**_USER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("urge notice (催告书)")
        verbose_name_plural = _("urge notices (催告书)")

    def __str__(self) -> str:
        return self.number


class CourtApplication(models.Model):
    """The application to the people's court for compulsory execution and its ruling
    (行政强制法 Arts. 53, 55-58)."""

    class Ruling(models.TextChoices):
        PENDING = "pending", _("Awaiting the ruling")
        GRANTED = "granted", _("Execution granted")
        REFUSED = "refused", _("Execution refused")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="court_application")
    court = models.CharField(_("court"), max_length=200)
    applied_on = models.DateField(_("applied on"))
    reference = models.CharField(_("application reference"), max_length=100, blank=True)
    ruling = models.CharField(
        _("ruling"), max_length=10, choices=Ruling.choices, default=Ruling.PENDING
    )
    ruled_on = models.DateField(_("ruled on"), null=True, blank=True)
    ruling_reference = models.CharField(_("ruling document number"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(**_USER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("application to the court")
        verbose_name_plural = _("applications to the court")

    def __str__(self) -> str:
        return f"{self.court} {self.applied_on}"


class Revocation(models.Model):
    """The decision was changed, revoked, confirmed illegal or declared void (Art. 48): by the
    agency itself, on reconsideration or by a court, with the document that did it."""

    class Kind(models.TextChoices):
        CHANGED = "changed", _("Changed")
        REVOKED = "revoked", _("Revoked")
        ILLEGAL = "illegal", _("Confirmed illegal")
        VOID = "void", _("Confirmed void")

    class By(models.TextChoices):
        AGENCY = "agency", _("The agency itself")
        RECONSIDERATION = "reconsideration", _("Reconsideration body")
        COURT = "court", _("People's court")

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="revocations")
    kind = models.CharField(_("what happened to the decision"), max_length=10, choices=Kind.choices)
    by = models.CharField(_("by"), max_length=20, choices=By.choices)
    document_reference = models.CharField(_("document number"), max_length=100)
    decided_on = models.DateField(_("date of the document"))
    reason = models.TextField(_("reason (published with the withdrawal)"))
    new_fine_amount = models.DecimalField(
        _("fine as changed (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    withdrawal_due = models.DateField(_("withdraw from publication by"))
    recorded_by = models.ForeignKey(**_USER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("change or revocation of a decision")
        verbose_name_plural = _("changes and revocations of decisions")
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["withdrawal_due"], name="revocation_withdrawal_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_fine_amount__isnull=True) | Q(new_fine_amount__gte=0),
                name="revocation_fine_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.document_reference

    @property
    def stops_execution(self) -> bool:
        """A revoked or void decision is not executed; a changed one is executed as changed;
        one confirmed illegal stays in force (行政诉讼法 Art. 74) and is executed."""
        return self.kind in (self.Kind.REVOKED, self.Kind.VOID)


class Refund(models.Model):
    """Money paid back to the party after the decision was revoked, void or reduced."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(_("amount refunded (yuan)"), max_digits=14, decimal_places=2)
    refunded_on = models.DateField(_("refunded on"))
    reference = models.CharField(_("treasury or bank reference"), max_length=100)
    recorded_by = models.ForeignKey(**_USER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["refunded_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="refund_positive")]

    def __str__(self) -> str:
        return self.reference
