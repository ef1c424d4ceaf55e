"""Cases (案件) running through a process: their officers, node visits and timeline.
Suspensions, extensions and on-the-spot records live in ``limits``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from powers.models import Agency, Officer, Power

from .templates import ProcessNode, ProcessTemplate


class LimitationGround(models.TextChoices):
    """Why the 5-year limitation applies (Art. 36): harm to citizens' life and health, or to
    financial safety. Empty: the ordinary 2 years."""

    LIFE_HEALTH = "life_health", _("Citizens' life and health, with harmful consequences")
    FINANCIAL = "financial", _("Financial safety, with harmful consequences")


class Case(models.Model):
    """A case (案件) running through a registered power's process template."""

    class PartyKind(models.TextChoices):
        PERSON = "person", _("Natural person")
        ORGANISATION = "organisation", _("Organisation")

    class Source(models.TextChoices):
        PATROL = "patrol", _("Patrol (巡查)")
        COMPLAINT = "complaint", _("Complaint or report (投诉举报)")
        ASSIGNED = "assigned", _("Assigned by a superior (上级交办)")
        TRANSFERRED = "transferred", _("Transferred by another agency (部门移送)")
        OTHER = "other", _("Other (其他)")

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        SUSPENDED = "suspended", _("Suspended")
        DECIDED = "decided", _("Decided")
        EXECUTED = "executed", _("Executed")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="cases"
    )
    power = models.ForeignKey(
        Power, verbose_name=_("power"), on_delete=models.PROTECT, related_name="cases"
    )
    template = models.ForeignKey(
        ProcessTemplate, verbose_name=_("process template"), on_delete=models.PROTECT
    )
    number = models.CharField(_("case number"), max_length=60, unique=True)
    title = models.CharField(_("case title"), max_length=200)
    party_kind = models.CharField(_("party type"), max_length=12, choices=PartyKind.choices)
    party_name = models.CharField(_("party name"), max_length=200)
    party_id_number = models.CharField(
        _("resident ID or unified social credit code"), max_length=18
    )
    party_address = models.CharField(_("party address"), max_length=200, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    facts_summary = models.TextField(_("summary of the suspected violation"), blank=True)
    # Limitation (Art. 36): when the act happened (or, continuing or repeated, ended), when the
    # agency discovered it, and whether the 5-year period applies. Older cases have none.
    violation_on = models.DateField(_("violation happened on"), null=True, blank=True)
    violation_ended_on = models.DateField(
        _("continuing or repeated violation ended on"), null=True, blank=True
    )
    discovered_on = models.DateField(_("discovered on"), null=True, blank=True)
    limitation_ground = models.CharField(
        _("5-year limitation applies because"),
        max_length=20,
        choices=LimitationGround.choices,
        blank=True,
    )
    limitation_exception_basis = models.CharField(
        _("law providing otherwise on limitation"), max_length=300, blank=True
    )
    filed_on = models.DateField(_("filed on"))
    officers = models.ManyToManyField(
        Officer, verbose_name=_("officers"), related_name="cases", through="CaseOfficer"
    )
    current_node = models.ForeignKey(
        ProcessNode,
        verbose_name=_("current node"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    node_due_on = models.DateField(_("current node due"), null=True, blank=True)
    decision_due_on = models.DateField(_("decision due"))
    status = FSMField(_("status"), default=Status.OPEN, choices=Status.choices)
    hearing_requested = models.BooleanField(_("hearing requested"), default=False)
    coercive_measure = models.BooleanField(_("coercive measure applied"), default=False)
    is_major = models.BooleanField(_("major decision"), default=False)
    major_reason = models.CharField(_("why it is major"), max_length=300, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    archive_due_on = models.DateField(_("archive due"), null=True, blank=True)
    archived_on = models.DateField(_("archived on"), null=True, blank=True)
    # Optimistic lock: every change bumps it; a form posted against an old version is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["agency", "status", "-id"]),
            models.Index(fields=["status", "decision_due_on"]),
            models.Index(fields=["status", "archive_due_on"]),
            # The warning scan's overdue-step rule and the dashboard's overdue figure.
            models.Index(fields=["status", "node_due_on"], name="case_status_node_due"),
            # Cases filed per agency in a period (dashboard, annual-report warning).
            models.Index(fields=["agency", "filed_on"], name="case_agency_filed"),
            # Cases filed per month across agencies (the dashboard's trend).
            models.Index(fields=["filed_on"], name="case_filed"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def limitation_extended(self) -> bool:
        return bool(self.limitation_ground)

    @transition(field=status, source=Status.OPEN, target=Status.SUSPENDED)
    def suspend(self) -> None:
        pass

    @transition(field=status, source=Status.SUSPENDED, target=Status.OPEN)
    def resume(self) -> None:
        pass

    @transition(field=status, source=Status.OPEN, target=Status.DECIDED)
    def decide(self) -> None:
        pass

    @transition(field=status, source=Status.DECIDED, target=Status.EXECUTED)
    def execute(self) -> None:
        pass

    @transition(field=status, source=[Status.DECIDED, Status.EXECUTED], target=Status.CLOSED)
    def close(self) -> None:
        pass

    @transition(field=status, source=Status.CLOSED, target=Status.ARCHIVED)
    def archive(self) -> None:
        pass


class CaseOfficer(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_officers")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="case_roles")
    is_lead = models.BooleanField(_("lead officer"), default=False)

    class Meta:
        verbose_name = _("case officer")
        verbose_name_plural = _("case officers")
        constraints = [
            models.UniqueConstraint(fields=["case", "officer"], name="case_officer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.officer_id}"


class NodeVisit(models.Model):
    """A case's stay at one node: when it entered, when the node is due, when it left."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="visits")
    node = models.ForeignKey(ProcessNode, on_delete=models.PROTECT, related_name="visits")
    entered_on = models.DateField(_("entered on"))
    due_on = models.DateField(_("due"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("node visit")
        verbose_name_plural = _("node visits")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.node_id}"


class CaseEvent(models.Model):
    """One line of the case's timeline: every transition, record, document and payment."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"), auto_now_add=True)
    kind = models.CharField(_("kind"), max_length=40)
    summary = models.CharField(_("summary"), max_length=300)
    node_name = models.CharField(_("node"), max_length=50, blank=True)
    actor_name = models.CharField(_("by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return self.summary
