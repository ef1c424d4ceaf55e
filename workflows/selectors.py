"""Reads of workflows; each returns a queryset ready for what the page shows."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from enforcement_portal.predicates import scope_to_user
from powers.models import Officer

from .models import Case, CaseEvent, Document, ProcessNode, ProcessTemplate, Record

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
        "agency", "power", "template", "current_node", "decision", "payment", "created_by"
    ).prefetch_related(
        Prefetch("officers", queryset=Officer.objects.order_by("name")),
        Prefetch(
            "records",
            queryset=Record.objects.select_related("node").prefetch_related("officers"),
        ),
        Prefetch("documents", queryset=Document.objects.order_by("kind")),
        Prefetch("events", queryset=CaseEvent.objects.order_by("id")),
        "visits__node",
        "adjustments__requested_by",
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


def pending_adjustments(user):
    from .models import Adjustment

    return scope_to_user(
        Adjustment.objects.filter(status=Adjustment.Status.REQUESTED), user, "case__agency"
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
    from .models import Decision

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
