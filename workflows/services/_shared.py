"""What several workflows services share: the case timeline, the case lock and version, the
agency's number series."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ..exceptions import CaseChanged
from ..models import Case, CaseEvent, DocumentSeries, NodeVisit, NumberPattern, ProcessNode
from ..numbering import highest_used_serial
from ..selectors import node_due


def event(case: Case, kind: str, summary: str, user=None, node: ProcessNode | None = None):
    """A line on the case's timeline, at ``node`` or where the case stands."""
    CaseEvent.objects.create(
        case=case,
        kind=kind,
        summary=summary[:300],
        node_name=(node or case.current_node).name,
        actor_name=str(user) if user else "",
    )


def lock(case: Case, expected_version: int | None) -> Case:
    """The case row locked for this transaction, refused if it changed since the user saw it."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != int(expected_version):
        raise CaseChanged(
            _("The case was changed by someone else meanwhile; reload the page and try again."),
            code="case_changed",
        )
    return locked


def bump(case: Case, *fields: str) -> None:
    """Save ``fields`` with the next version, so forms posted against the old one are refused."""
    case.version += 1
    case.save(update_fields=[*fields, "version", "updated_at"])


def enter(case: Case, target: ProcessNode, today: dt.date) -> None:
    """Leave the open node visit and stand the case at ``target`` with its due date."""
    NodeVisit.objects.filter(case=case, left_on__isnull=True).update(left_on=today)
    case.current_node = target
    case.node_due_on = node_due(target, today)
    NodeVisit.objects.create(case=case, node=target, entered_on=today, due_on=case.node_due_on)


def next_serial(agency, prefix: str, year: int) -> int:
    """The next number of the agency's series for ``prefix`` in ``year`` (locked, no gaps)."""
    DocumentSeries.objects.bulk_create(
        [DocumentSeries(agency=agency, prefix=prefix, year=year)], ignore_conflicts=True
    )
    series = DocumentSeries.objects.select_for_update().get(agency=agency, prefix=prefix, year=year)
    # Continue after the highest number already used that year (workflows/numbering.py).
    series.last_serial = max(series.last_serial, highest_used_serial(agency, prefix, year)) + 1
    series.save(update_fields=["last_serial"])
    return series.last_serial


def prefixes(agency) -> tuple[str, str]:
    """The agency's (decision, case) number prefixes: its own pattern or the short name's."""
    pattern = NumberPattern.objects.filter(agency=agency).first()
    decision = pattern.decision_prefix if pattern else f"{agency.short_name}罚"
    case = (pattern.case_prefix if pattern else "") or f"{agency.short_name}立"
    return decision, case
