"""Reads of workflows: the querysets pages show, and what a case may do next (the next node,
its due date, what stops it from moving). Nothing here writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from enforcement_portal.predicates import scope_to_user
from enforcement_portal.workdays import add_workdays
from powers.models import Officer, Power

from .gates import check_gates
from .models import (
    Case,
    CaseEvent,
    Decision,
    Document,
    ProcessNode,
    ProcessTemplate,
    Record,
)

PAGE_SIZE = 25


def cases_for(
    user,
    *,
    status: str = "",
    power: str = "",
    q: str = "",
    node: str = "",
    agency: str = "",
    overdue: bool = False,
):
    qs = scope_to_user(Case.objects.all(), user).select_related("agency", "power", "current_node")
    if overdue:
        qs = qs.filter(pk__in=overdue_cases().values("pk"))
    if agency:
        qs = qs.filter(agency__code=agency)
    if status:
        qs = qs.filter(status=status)
    if power:
        qs = qs.filter(power__code=power)
    if node:
        qs = qs.filter(current_node__code=node)
    if q:
        qs = qs.filter(Q(party_name__icontains=q) | Q(number__icontains=q) | Q(title__icontains=q))
    return qs


def keyset_page(qs: QuerySet[Case], after: int | None, size: int = PAGE_SIZE):
    """Newest first by id; ``after`` is the last id of the previous page (no OFFSET)."""
    if after:
        qs = qs.filter(id__lt=after)
    rows = list(qs.order_by("-id")[: size + 1])
    return rows[:size], (rows[size - 1].pk if len(rows) > size else None)


def case_detail() -> QuerySet[Case]:
    return Case.objects.select_related(
        "agency",
        "power",
        "template",
        "current_node",
        "decision",
        "created_by",
        "on_the_spot",
    ).prefetch_related(
        Prefetch("officers", queryset=Officer.objects.order_by("name")),
        Prefetch(
            "records",
            queryset=Record.objects.select_related("node").prefetch_related("officers"),
        ),
        Prefetch("documents", queryset=Document.objects.order_by("kind")),
        Prefetch("events", queryset=CaseEvent.objects.order_by("id")),
        "visits__node",
        "persons",
        "suspensions",
        "extensions__requested_by",
        "extensions__decided_by",
        "extensions__discussion",
    )


def templates_for(user) -> QuerySet[ProcessTemplate]:
    own = scope_to_user(ProcessTemplate.objects.filter(is_ready_made=False), user)
    ready = ProcessTemplate.objects.filter(is_ready_made=True)
    return (own | ready).select_related("agency", "power").order_by("-is_ready_made", "name")


def template_detail() -> QuerySet[ProcessTemplate]:
    return ProcessTemplate.objects.select_related("agency", "power").prefetch_related(
        Prefetch("nodes", queryset=ProcessNode.objects.order_by("order"))
    )


def public_templates() -> QuerySet[ProcessTemplate]:
    return template_detail().filter(
        Q(is_ready_made=True) | Q(status=ProcessTemplate.Status.REGISTERED)
    )


def pending_extensions(user):
    from .models import CaseExtension

    return scope_to_user(
        CaseExtension.objects.filter(status=CaseExtension.Status.REQUESTED), user, "case__agency"
    ).select_related("case", "requested_by")


def cases_past_decision_due(on=None) -> QuerySet[Case]:
    """Cases still undecided after their 90-day limit (Art. 60), for oversight's warnings."""
    from django.utils import timezone

    day = on or timezone.localdate()
    return Case.objects.filter(status=Case.Status.OPEN, decision_due_on__lt=day)


def cases_past_node_due(on=None) -> QuerySet[Case]:
    from django.utils import timezone

    day = on or timezone.localdate()
    active = (Case.Status.OPEN, Case.Status.DECIDED, Case.Status.EXECUTED)
    return Case.objects.filter(status__in=active, node_due_on__lt=day)


def cases_past_archive_due(on=None) -> QuerySet[Case]:
    """Closed cases whose file is not archived within 15 days of closing."""
    from django.utils import timezone

    day = on or timezone.localdate()
    return Case.objects.filter(status=Case.Status.CLOSED, archive_due_on__lt=day)


def deviating_decisions() -> QuerySet:
    """Decisions outside the recommended band (with their justification), for warnings."""
    return Decision.objects.filter(is_deviation=True).select_related("case__agency", "case__power")


def overdue_cases(on=None) -> QuerySet[Case]:
    """Cases past a step's time limit or, undecided, past the 90-day limit (for dashboards)."""
    from django.utils import timezone

    day = on or timezone.localdate()
    active = (Case.Status.OPEN, Case.Status.DECIDED, Case.Status.EXECUTED)
    return Case.objects.filter(
        Q(status__in=active, node_due_on__lt=day)
        | Q(status=Case.Status.OPEN, decision_due_on__lt=day)
    )


# ---------------------------------------------------------------------------- limits

UNDECIDED = (Case.Status.OPEN, Case.Status.SUSPENDED)


def open_cases_on_unexercisable_powers() -> QuerySet[Case]:
    """Undecided cases whose power may no longer be exercised: a legal basis repealed or not in
    force, the basis flagged for review (依据待复核), or the power no longer registered. One
    query (EXISTS), for oversight's warning; deciding on them is refused."""
    from powers.models import PowerBasis, Regulation

    stale_basis = PowerBasis.objects.filter(power=OuterRef("power_id")).exclude(
        provision__regulation__status=Regulation.Status.EFFECTIVE
    )
    return Case.objects.filter(status__in=UNDECIDED).filter(
        Q(power__basis_needs_review=True)
        | ~Q(power__status=Power.Status.REGISTERED)
        | Exists(stale_basis)
    )


def on_the_spot_not_filed(on=None) -> QuerySet:
    """On-the-spot decisions not filed with the agency by their due day (Art. 52), or filed
    late, for oversight's warning."""
    from django.utils import timezone

    from .models import OnTheSpotDecision

    day = on or timezone.localdate()
    return OnTheSpotDecision.objects.filter(
        Q(filed_on__isnull=True, filing_due_on__lt=day) | Q(filed_on__gt=F("filing_due_on"))
    ).select_related("case")


@dataclass(frozen=True)
class DecisionLimit:
    """The decision limit and how it was computed (Art. 60), for the case page."""

    filed_on: dt.date
    base_days: int
    suspensions: list  # (started_on, ended_on or None, days counted)
    extensions: list  # (days, decided_on)
    due_on: dt.date


def decision_limit_breakdown(case: Case, today: dt.date | None = None) -> DecisionLimit:
    """From the prefetched suspensions and extensions, through ``deadlines.decision_limit``."""
    from django.utils import timezone

    from . import conf, deadlines

    today = today or timezone.localdate()
    pairs = [(s.started_on, s.ended_on) for s in case.suspensions.all()]
    approved = [e for e in case.extensions.all() if e.status == "approved"]
    return DecisionLimit(
        filed_on=case.filed_on,
        base_days=conf.decision_days(),
        suspensions=[
            (start, end, deadlines.suspended_days([(start, end)], today=today))
            for start, end in pairs
        ],
        extensions=[(e.days, e.decided_at) for e in approved],
        due_on=deadlines.decision_limit(
            case.filed_on, suspensions=pairs, extensions=[e.days for e in approved], today=today
        ),
    )


# ---------------------------------------------------------------------------- processes


def node_due(node: ProcessNode, start: dt.date) -> dt.date | None:
    """When a node entered on ``start`` is due, in its working or calendar days (None: no limit)."""
    if not node.time_limit:
        return None
    if node.day_kind == ProcessNode.DayKind.WORKING:
        return add_workdays(start, node.time_limit)
    return start + dt.timedelta(days=node.time_limit)


def node_due_moved(node: ProcessNode, due: dt.date | None, days: int) -> dt.date | None:
    """A node's due date moved by ``days`` of the node's own kind (a suspension or extension)."""
    if due is None:
        return None
    if node.day_kind == ProcessNode.DayKind.WORKING:
        return add_workdays(due, days)
    return due + dt.timedelta(days=days)


def applies(node: ProcessNode, case: Case) -> bool:
    """Whether a conditional node (hearing, major decision, coercive measure) applies to the case."""
    cond = ProcessNode.Condition
    conditions: dict[str, bool] = {
        cond.ALWAYS: True,
        cond.HEARING_REQUESTED: case.hearing_requested,
        cond.MAJOR_DECISION: case.is_major,
        cond.COERCIVE_MEASURE: case.coercive_measure,
    }
    return conditions.get(node.condition, True)


def next_node(case: Case) -> ProcessNode | None:
    later = case.template.nodes.filter(order__gt=case.current_node.order).order_by("order")
    return next((n for n in later if applies(n, case)), None)


def ready_made_kind(power: Power) -> str:
    """The kind of ready-made process a power without its own registered one runs."""
    kinds: dict[str, str] = {
        Power.Category.PENALTY: ProcessTemplate.Kind.GENERAL_PENALTY,
        Power.Category.INSPECTION: ProcessTemplate.Kind.INSPECTION,
        Power.Category.PERMIT: ProcessTemplate.Kind.PERMIT,
    }
    return kinds.get(power.category, ProcessTemplate.Kind.GENERAL_PENALTY)


def template_for_power(power: Power) -> ProcessTemplate | None:
    """The power's registered process, or the ready-made one of its category.

    None only while that ready-made template is not yet created
    (``services.templates.template_ensure_ready_made`` creates it).
    """
    own = ProcessTemplate.objects.filter(
        power=power, status=ProcessTemplate.Status.REGISTERED
    ).first()
    if own:
        return own
    return ProcessTemplate.objects.filter(is_ready_made=True, kind=ready_made_kind(power)).first()


def _execution_finished(case: Case) -> bool:
    """Paid in full, no longer executed (revoked or void), or handed to the court."""
    from .balance import balance
    from .models import CourtApplication

    if case.status == Case.Status.EXECUTED or balance(case).settled:
        return True
    return CourtApplication.objects.filter(
        case=case, ruling=CourtApplication.Ruling.GRANTED
    ).exists()


def leaving_problems(case: Case) -> list[str]:
    """What stops the case from leaving its current node (required records, decision, payment)."""
    node, problems = case.current_node, []
    present = set(case.records.filter(node=node).values_list("kind", flat=True))
    labels = dict(Record.Kind.choices)
    for kind in node.required_records or []:
        if kind not in present:
            problems.append(
                _("The node “%(node)s” requires a record: %(kind)s")
                % {"node": node.name, "kind": labels.get(kind, kind)}
            )
    if node.code == "decision" and not Decision.objects.filter(case=case).exists():
        problems.append(_("Record the decision before leaving the decision node."))
    if node.code == "decision":
        from .selectors_procedure import approval_problems

        problems += approval_problems(case)
    if node.code == "execution":
        decision = Decision.objects.filter(case=case).first()
        needs_payment = decision and not decision.no_penalty and (decision.fine_amount or 0) > 0
        if needs_payment and not _execution_finished(case):
            problems.append(
                _("The fine and any late surcharge are not fully paid; record the payments first.")
            )
    if node.code == "closing":
        problems.append(_("Close the case to finish this node."))
    return problems


def transition_problems(case: Case, user) -> tuple[ProcessNode | None, list[str]]:
    """The node the case would move to and every reason it may not (empty when it may)."""
    if case.status not in (Case.Status.OPEN, Case.Status.DECIDED, Case.Status.EXECUTED):
        return None, [_("A case that is %(s)s cannot move.") % {"s": case.get_status_display()}]
    target = next_node(case)
    if target is None:
        return None, [_("This is the last node of the process.")]
    problems = leaving_problems(case)
    problems += [r.reason for r in check_gates(case, target, user)]
    return target, problems
