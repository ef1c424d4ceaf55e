"""Legal review of major enforcement decisions (重大执法决定法制审核).

Hami plan, section 二(三): a major decision is made only after the agency's legal office has
reviewed it and agreed. ``ReviewCatalogue`` is the agency's published catalogue (审核目录);
``LegalReview`` is one round of review of one case.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

# The checklist every review answers (code, label). Each item passes or carries a problem note.
CHECKLIST = [
    ("body", _("The enforcement body is lawful")),
    ("officers", _("The officers are qualified")),
    ("procedure", _("The procedure is lawful")),
    ("facts", _("The facts are clear and the evidence sufficient")),
    ("law", _("The law is applied correctly and the discretion standard properly")),
    ("authority", _("Within the agency's authority")),
    ("documents", _("The documents are complete and in form")),
    ("crime", _("No crime is suspected (no transfer to judicial organs needed)")),
]
CHECKLIST_CODES = [code for code, _label in CHECKLIST]


class ReviewCatalogue(models.Model):
    """An agency's review catalogue: which decisions are major and need legal review."""

    agency = models.OneToOneField(
        "powers.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="review_catalogue",
    )
    person_fine_threshold = models.DecimalField(
        _("fine threshold for a natural person (yuan)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("10000"),
    )
    organisation_fine_threshold = models.DecimalField(
        _("fine threshold for an organisation (yuan)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("100000"),
    )
    licence_revocation = models.BooleanField(_("revocation of a licence"), default=True)
    suspension_or_closure = models.BooleanField(
        _("suspension of business or closure"), default=True
    )
    hearing_held = models.BooleanField(_("a hearing was held"), default=True)
    outside_discretion = models.BooleanField(
        _("a penalty outside the discretion standard"), default=True
    )
    complex_relations = models.BooleanField(
        _("complex cases with several legal relationships"), default=True
    )
    is_published = models.BooleanField(_("published"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("review catalogue")
        verbose_name_plural = _("review catalogues")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person_fine_threshold__gt=0)
                & models.Q(organisation_fine_threshold__gt=0),
                name="review_catalogue_thresholds_positive",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} 审核目录"


class LegalReview(models.Model):
    """One round of legal review of a case's draft decision."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting review")
        AGREED = "agreed", _("Agreed (同意)")
        PROBLEMS = "problems", _("Problems found (存在问题)")
        TRANSFER = "transfer", _("Transfer to judicial organs (移送)")
        ESCALATED = "escalated", _("Referred to the agency leader")
        LEADER_DECIDED = "leader_decided", _("Decided by the agency leader")

    class LeaderRuling(models.TextChoices):
        PROCEED = "proceed", _("Proceed with the handler's draft decision")
        CORRECT = "correct", _("Follow the reviewer's opinion and correct the case")

    case = models.ForeignKey(
        "workflows.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="legal_reviews",
    )
    agency = models.ForeignKey(
        "powers.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    status = FSMField(_("status"), default=Status.SUBMITTED, choices=Status.choices)
    draft_decision = models.TextField(_("draft decision"))
    case_file = models.TextField(_("case file (materials submitted)"))
    handler_note = models.TextField(_("handler's note"), blank=True)
    proposed_fine = models.DecimalField(
        _("proposed fine (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_on = models.DateField(_("submitted on"))
    due_on = models.DateField(_("review due"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    checklist = models.JSONField(_("checklist"), default=list, blank=True)
    opinion = models.TextField(_("review opinion"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    handler_opinion = models.TextField(_("handler's opinion on disagreement"), blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agency leader"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    leader_ruling = models.CharField(
        _("leader's ruling"), max_length=10, choices=LeaderRuling.choices, blank=True
    )
    leader_note = models.TextField(_("leader's decision"), blank=True)
    leader_decided_on = models.DateField(_("leader decided on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("legal review")
        verbose_name_plural = _("legal reviews")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "round"], name="legal_review_case_round"),
        ]
        indexes = [models.Index(fields=["agency", "status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.case.number} 法制审核第{self.round}轮"

    @property
    def allows_decision(self) -> bool:
        return self.status == self.Status.AGREED or (
            self.status == self.Status.LEADER_DECIDED
            and self.leader_ruling == self.LeaderRuling.PROCEED
        )

    @property
    def allows_resubmission(self) -> bool:
        """The handler corrects and resubmits after problems, or after the leader ruled to
        follow the reviewer."""
        return self.status == self.Status.PROBLEMS or (
            self.status == self.Status.LEADER_DECIDED
            and self.leader_ruling == self.LeaderRuling.CORRECT
        )

    def checklist_rows(self) -> list[dict]:
        answers = {row.get("code"): row for row in self.checklist or []}
        return [
            {
                "code": code,
                "label": label,
                "passed": answers.get(code, {}).get("passed"),
                "note": answers.get(code, {}).get("note", ""),
            }
            for code, label in CHECKLIST
        ]

    @transition(field=status, source=Status.SUBMITTED, target=Status.AGREED)
    def agree(self) -> None:
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.PROBLEMS)
    def find_problems(self) -> None:
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.TRANSFER)
    def transfer(self) -> None:
        pass

    @transition(field=status, source=Status.PROBLEMS, target=Status.ESCALATED)
    def escalate(self) -> None:
        pass

    @transition(field=status, source=Status.ESCALATED, target=Status.LEADER_DECIDED)
    def leader_decide(self) -> None:
        pass
