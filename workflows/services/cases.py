"""Writes of a case's life before the decision: opening (立案), moving through the nodes and
flags that switch conditional nodes on. Suspensions and extensions are in ``limits``.

Callers have checked permission. Every write appends an audit event and a line on the case's
timeline. Changes lock the case row and compare the version the user saw, so two officers
acting at once cannot both move it.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append
from enforcement_portal.formatting import document_number
from powers.models import Officer, Power
from powers.services import power_check_exercisable

from .. import deadlines
from ..exceptions import GateRefused
from ..models import Case, CaseOfficer, NodeVisit, ProcessTemplate
from ..selectors import (
    node_due,
    ready_made_kind,
    template_for_power,
    transition_problems,
)
from ..validators import validate_party
from ._shared import bump, enter, event, lock, next_serial, prefixes
from .limits import limitation_check, suspension_end
from .templates import template_ensure_ready_made


@transaction.atomic
def case_event_add(*, case: Case, kind: str, summary: str, user=None) -> None:
    """A line on a case's timeline written by another app (oversight's legal review, say)."""
    event(case, kind, summary, user)


def case_refused_power_record(*, power: Power, user) -> None:
    """Record an attempt to open a case on a power that may not be exercised (for warnings).

    Called by the view after the refusal, so the record survives the refused change.
    """
    audit_append(
        action="case.refused_power",
        obj=power,
        actor=user,
        changes={"power_status": power.status, "code": power.code},
    )


@transaction.atomic
def case_open(
    *,
    power: Power,
    officers,
    user,
    title: str,
    party_kind: str,
    party_name: str,
    party_id_number: str,
    source: str,
    filed_on: dt.date | None = None,
    party_address: str = "",
    legal_representative: str = "",
    facts_summary: str = "",
    coercive_measure: bool = False,
    template: ProcessTemplate | None = None,
    lead_officer: Officer | None = None,
    violation_on: dt.date | None = None,
    violation_ended_on: dt.date | None = None,
    discovered_on: dt.date | None = None,
    limitation_ground: str = "",
    limitation_exception_basis: str = "",
) -> Case:
    """Open (立案) a case on a registered power with at least two certified officers, within
    the limitation period (Art. 36) counted from ``violation_on`` (or ``violation_ended_on``
    for a continuing or repeated violation) to ``discovered_on`` (the filing day when not
    given). A case without ``violation_on`` is not checked (older callers, imports)."""
    power_check_exercisable(power=power)
    filed_on = filed_on or timezone.localdate()
    officers = list(officers)
    errors: dict[str, list[str]] = limitation_check(
        filed_on=filed_on,
        violation_on=violation_on,
        violation_ended_on=violation_ended_on,
        discovered_on=discovered_on,
        limitation_ground=limitation_ground,
        limitation_exception_basis=limitation_exception_basis,
    )
    wrong_agency = [o.name for o in officers if o.agency_id != power.agency_id]
    invalid = [o.name for o in officers if not o.certificate_valid_on(filed_on)]
    if wrong_agency:
        errors.setdefault("officers", []).append(
            _("Not officers of this agency: %(n)s") % {"n": "、".join(wrong_agency)}
        )
    if invalid:
        errors.setdefault("officers", []).append(
            _("No valid enforcement certificate: %(names)s") % {"names": "、".join(invalid)}
        )
    if len({o.pk for o in officers}) < 2:
        errors.setdefault("officers", []).append(
            _(
                "At least two officers holding valid enforcement certificates must act on a "
                "case (Administrative Penalty Law Art. 42)."
            )
        )
    try:
        party_id_number = validate_party(party_kind, party_id_number)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not party_name.strip():
        errors["party_name"] = [_("Enter the party's name.")]
    if errors:
        raise ValidationError(errors)
    template = (
        template
        or template_for_power(power)
        or template_ensure_ready_made(kind=ready_made_kind(power))
    )
    if not (template.is_ready_made or template.power_id == power.pk) or not template.is_public:
        raise ValidationError(_("The process template does not belong to this power."))
    first = template.nodes.order_by("order").first()
    if first is None:
        raise ValidationError(_("The process template has no nodes."))

    _decision_prefix, case_prefix = prefixes(power.agency)
    serial = next_serial(power.agency, case_prefix, filed_on.year)
    case = Case(
        agency_id=power.agency_id,
        power=power,
        template=template,
        number=document_number(case_prefix, filed_on.year, serial),
        title=title,
        party_kind=party_kind,
        party_name=party_name.strip(),
        party_id_number=party_id_number,
        party_address=party_address,
        legal_representative=legal_representative,
        source=source,
        facts_summary=facts_summary,
        filed_on=filed_on,
        violation_on=violation_on,
        violation_ended_on=violation_ended_on,
        discovered_on=(discovered_on or filed_on) if violation_on else discovered_on,
        limitation_ground=limitation_ground,
        limitation_exception_basis=limitation_exception_basis.strip(),
        current_node=first,
        node_due_on=node_due(first, filed_on),
        decision_due_on=deadlines.decision_limit(filed_on),
        coercive_measure=coercive_measure,
        created_by=user,
    )
    case.save()
    lead = lead_officer or officers[0]
    CaseOfficer.objects.bulk_create(
        CaseOfficer(case=case, officer=o, is_lead=o.pk == lead.pk) for o in officers
    )
    NodeVisit.objects.create(case=case, node=first, entered_on=filed_on, due_on=case.node_due_on)
    audit_append(
        action="case.open",
        obj=case,
        actor=user,
        changes={
            "number": case.number,
            "power": power.code,
            "template": template.pk,
            "officers": [o.certificate_number for o in officers],
            "party": case.party_name,
            "violation_on": str(violation_on or ""),
            "discovered_on": str(case.discovered_on or ""),
            "limitation_ground": limitation_ground,
            "limitation_exception_basis": case.limitation_exception_basis,
        },
    )
    event(case, "open", _("Case filed: %(number)s") % {"number": case.number}, user, first)
    if case.limitation_exception_basis:
        event(
            case,
            "limitation",
            _("Filed after the limitation period under %(basis)s")
            % {"basis": case.limitation_exception_basis},
            user,
            first,
        )
    return case


def case_advance(*, case: Case, user, expected_version: int | None) -> Case:
    """Move the case to its next applicable node, after every gate of that node agrees.

    A refusal is audited outside the failed transaction, so the attempt stays on record.
    """
    try:
        return _case_advance(case=case, user=user, expected_version=expected_version)
    except GateRefused as refused:
        audit_append(
            action="case.advance_refused",
            obj=case,
            actor=user,
            changes={"from": case.current_node.code, "why": refused.messages},
        )
        raise


@transaction.atomic
def _case_advance(*, case: Case, user, expected_version: int | None) -> Case:
    case = lock(case, expected_version)
    source = case.current_node
    target, problems = transition_problems(case, user)
    if problems or target is None:
        raise GateRefused(problems, code="gate_refused")
    enter(case, target, timezone.localdate())
    bump(case, "current_node", "node_due_on")
    audit_append(
        action="case.advance",
        obj=case,
        actor=user,
        changes={"node": [source.code, target.code], "due": str(case.node_due_on or "")},
    )
    event(
        case,
        "advance",
        _("Moved from %(a)s to %(b)s") % {"a": source.name, "b": target.name},
        user,
        target,
    )
    return case


@transaction.atomic
def case_set_flag(*, case: Case, user, expected_version, flag: str, value: bool = True, reason=""):
    """Record that the party requested a hearing, a coercive measure applies, or the case is
    major (oversight's review catalogue calls this with its reason)."""
    if flag not in ("hearing_requested", "coercive_measure", "is_major"):
        raise ValueError(flag)
    case = lock(case, expected_version)
    setattr(case, flag, value)
    fields = [flag]
    if flag == "is_major":
        case.major_reason = reason[:300]
        fields.append("major_reason")
    bump(case, *fields)
    audit_append(
        action=f"case.{flag}", obj=case, actor=user, changes={flag: value, "reason": reason}
    )
    label = {
        "hearing_requested": _("The party requested a hearing"),
        "coercive_measure": _("A coercive measure applies"),
        "is_major": _("Marked as a major decision"),
    }[flag]
    event(case, flag, f"{label}{('：' + reason) if reason else ''}", user)
    return case


def case_resume(*, case: Case, user, expected_version) -> Case:
    """Resume a suspended case today (the suspension's end is recorded in ``limits``)."""
    suspension_end(case=case, user=user, expected_version=expected_version)
    case.refresh_from_db()
    return case
