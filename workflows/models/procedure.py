"""The procedure before the decision (行政处罚法 Arts. 44-45, 57, 61-65): the notice of the
proposed penalty, the party's statement and defence point by point, the hearing, the collective
discussion, the leader's approval and the service record of every served document.

Rules live in ``workflows.services.procedure_*`` and ``workflows.deadlines``; these are rows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from .cases import Case


class PenaltyNotice(models.Model):
    """行政处罚事先告知书: the proposed penalty, its facts, reasons and basis, and the rights."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="penalty_notices")
    penalty_kinds = models.JSONField(_("proposed penalty kinds"), default=list, blank=True)
    penalty_text = models.CharField(_("proposed penalty"), max_length=200, blank=True)
    fine_amount = models.DecimalField(
        _("proposed fine (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    confiscation_amount = models.DecimalField(
        _("proposed confiscation (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    facts = models.TextField(_("facts"))
    reasons = models.TextField(_("reasons"))
    basis = models.TextField(_("legal basis (provisions)"))
    hearing_rights = models.BooleanField(_("states the right to a hearing"), default=False)
    issued_on = models.DateField(_("issued on"))
    waived_on = models.DateField(_("rights waived in writing on"), null=True, blank=True)
    waiver_document = models.CharField(_("written waiver (document)"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("notice of the proposed penalty")
        verbose_name_plural = _("notices of the proposed penalty")
        ordering = ["case_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(waived_on__isnull=True) | ~Q(waiver_document=""),
                name="notice_waiver_needs_document",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.issued_on}"

    @property
    def agency_id(self):
        return self.case.agency_id

    def service(self):
        return self.services.order_by("id").last()


class DefencePoint(models.Model):
    """One point of the party's statement and defence (陈述申辩) and how the agency answered."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("Not yet answered")
        ADOPTED = "adopted", _("Adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="defence_points")
    notice = models.ForeignKey(
        PenaltyNotice, on_delete=models.CASCADE, related_name="defence_points"
    )
    stated_on = models.DateField(_("stated on"))
    statement = models.TextField(_("the party's point"))
    answer = models.CharField(
        _("answer"), max_length=12, choices=Answer.choices, default=Answer.PENDING
    )
    answer_reason = models.TextField(_("why"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("defence point")
        verbose_name_plural = _("defence points")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return self.statement[:40]


class Hearing(models.Model):
    """The party's hearing request (Art. 64) and the hearing it leads to."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")

    class Signature(models.TextChoices):
        SIGNED = "signed", _("Signed by the party")
        REFUSED = "refused", _("Party refused to sign (noted)")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="hearing")
    notice = models.ForeignKey(PenaltyNotice, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField(_("requested on"))
    status = FSMField(_("status"), default=Status.REQUESTED, choices=Status.choices)
    hearing_on = models.DateField(_("hearing on"), null=True, blank=True)
    hearing_time = models.TimeField(_("hearing starts at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("host"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    is_public = models.BooleanField(_("public hearing"), default=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    record_text = models.TextField(_("hearing record (听证笔录)"), blank=True)
    signature = models.CharField(
        _("signature"), max_length=10, choices=Signature.choices, blank=True
    )
    refusal_note = models.CharField(_("refusal noted"), max_length=200, blank=True)
    record = models.ForeignKey(
        "workflows.Record", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")

    def __str__(self) -> str:
        return f"{self.case_id}:{self.hearing_on or self.requested_on}"

    @property
    def agency_id(self):
        return self.case.agency_id

    @transition(field=status, source=[Status.REQUESTED, Status.SCHEDULED], target=Status.SCHEDULED)
    def schedule(self) -> None:
        pass

    @transition(field=status, source=Status.SCHEDULED, target=Status.HELD)
    def hold(self) -> None:
        pass


class CollectiveDiscussion(models.Model):
    """集体讨论 of the agency's responsible persons (Art. 57)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="discussions")
    held_on = models.DateField(_("held on"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("participants"), related_name="+"
    )
    opinions = models.TextField(_("opinions"))
    conclusion = models.TextField(_("conclusion"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("collective discussion")
        verbose_name_plural = _("collective discussions")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.held_on}"


class Approval(models.Model):
    """审批: the agency's responsible person (负责人) approves the decision (Art. 57)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="approval")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField(_("approved on"))
    opinion = models.TextField(_("opinion"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")

    def __str__(self) -> str:
        return f"{self.case_id}:{self.approved_on}"


class ServiceRecord(models.Model):
    """送达回证 of one served document (Art. 61; service under the Civil Procedure Law)."""

    class DocumentKind(models.TextChoices):
        NOTICE = "notice", _("Notice of the proposed penalty")
        HEARING_NOTICE = "hearing_notice", _("Hearing notice")
        DECISION = "decision", _("Decision")
        URGE = "urge", _("Reminder to perform (催告书)")

    class Method(models.TextChoices):
        DIRECT = "direct", _("In person (直接送达)")
        LEFT = "left", _("Left at the address with witnesses (留置送达)")
        POST = "post", _("By post (邮寄送达)")
        PUBLIC = "public", _("Public notice (公告送达)")
        ELECTRONIC = "electronic", _("Electronic, with the party's consent (电子送达)")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="service_records")
    document_kind = models.CharField(_("document"), max_length=16, choices=DocumentKind.choices)
    notice = models.ForeignKey(
        PenaltyNotice, on_delete=models.PROTECT, related_name="services", null=True, blank=True
    )
    # The 催告书 served (行政强制法 Art. 54): its receipt is the UrgeNotice's, from this record.
    urge = models.ForeignKey(
        "workflows.UrgeNotice",
        on_delete=models.PROTECT,
        related_name="services",
        null=True,
        blank=True,
    )
    method = models.CharField(_("method"), max_length=12, choices=Method.choices)
    recipient = models.CharField(_("received by"), max_length=100, blank=True)
    served_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    served_on = models.DateField(_("served on"))
    received_on = models.DateField(_("received on"))
    witnesses = models.CharField(_("witnesses"), max_length=200, blank=True)
    tracking_number = models.CharField(_("postal tracking number"), max_length=40, blank=True)
    public_from = models.DateField(_("public notice from"), null=True, blank=True)
    public_until = models.DateField(_("public notice until"), null=True, blank=True)
    electronic_address = models.CharField(_("electronic address"), max_length=200, blank=True)
    consent_document = models.CharField(
        _("party's signed consent to electronic service"), max_length=200, blank=True
    )
    consent_address = models.CharField(_("address in the consent"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["case_id", "id"]
        indexes = [models.Index(fields=["document_kind", "case"], name="service_kind_case")]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__gte=models.F("served_on")), name="service_received_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_document_kind_display()} {self.received_on}"
