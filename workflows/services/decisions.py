"""The decision (处罚决定) at the decision node: on a power still exercisable, the penalty
checked against the discretion band and the on-the-spot limits, numbered from the agency's
series."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append
from enforcement_portal.formatting import document_number
from enforcement_portal.registry import emit_on_commit
from powers.services import power_check_exercisable

from .. import conf, deadlines, penalty
from ..exceptions import GateRefused
from ..gates import check_gates
from ..models import Case, Decision, ProcessTemplate
from ._shared import bump, event, lock, next_serial, prefixes
from .outcomes import outcome_check, outcome_deviation, outcome_record
from .procedure_decision import decision_procedure_problems


@transaction.atomic
def decision_make(
    *,
    case: Case,
    user,
    expected_version,
    facts: str,
    evidence: str,
    legal_basis: str,
    penalty_types: str,
    fine_amount: Decimal | None = None,
    confiscation_amount: Decimal | None = None,
    no_penalty: bool = False,
    severity: str = "",
    circumstances=(),
    deviation_reason: str = "",
    illegal_income: Decimal | None = None,
    goods_value: Decimal | None = None,
    penalty_type_codes=(),
    decided_on: dt.date | None = None,
    outcome_reason: str = "",
    outcome_note: str = "",
    party_age: int | None = None,
    list_entry=None,
    basis_change_reason: str = "",
) -> Decision:
    """Record the decision at the decision node, numbered from the agency's series.

    The discretion calculator recommends a band (``workflows.penalty``); a penalty outside it
    needs a written justification and is marked as a deviation.
    """
    case = lock(case, expected_version)
    if case.status != Case.Status.OPEN or case.current_node.code != "decision":
        raise ValidationError(_("A decision is made at the decision node of a case in progress."))
    # 立改废: a basis repealed (or flagged for review) since filing stops the decision too.
    power_check_exercisable(power=case.power)
    refusals = check_gates(case, case.current_node, user)
    if refusals:
        raise GateRefused([r.reason for r in refusals], code="gate_refused")
    penalty_type_codes = [] if no_penalty else list(penalty_type_codes or [])
    if not no_penalty and not (fine_amount or penalty_types.strip() or penalty_type_codes):
        raise ValidationError({"fine_amount": _("State the penalty, or choose no penalty.")})
    if fine_amount is not None and fine_amount < 0:
        raise ValidationError({"fine_amount": _("A fine cannot be negative.")})
    if case.template.kind == ProcessTemplate.Kind.SIMPLIFIED_PENALTY and not no_penalty:
        kinds = penalty.penalty_kinds(
            penalty_types=penalty_types, codes=penalty_type_codes, fine=fine_amount
        )
        if not deadlines.simplified_allowed(
            penalty_kinds=kinds, fine=fine_amount or 0, party_kind=case.party_kind
        ):
            raise ValidationError(
                {
                    "fine_amount": _(
                        "Administrative Penalty Law Art. 51: the on-the-spot procedure imposes "
                        "only a warning or a fine of at most %(cap)s yuan for this party; use "
                        "the general procedure."
                    )
                    % {"cap": conf.simplified_fine_cap(case.party_kind)}
                }
            )
    # The procedure before the decision (Arts. 44, 45, 62, 64, 65): procedure_decision.py.
    procedure = decision_procedure_problems(
        case,
        decided_on=decided_on or timezone.localdate(),
        fine_amount=fine_amount,
        confiscation_amount=confiscation_amount,
        penalty_type_codes=penalty_type_codes,
        no_penalty=no_penalty,
        evidence=evidence,
        legal_basis=legal_basis,
        basis_change_reason=basis_change_reason,
    )
    if procedure:
        raise ValidationError(procedure, code="procedure")
    circumstances = list(circumstances or [])
    choice = outcome_check(  # Arts. 30-33: no penalty, or a reduced penalty, and why
        case=case,
        no_penalty=no_penalty,
        severity=severity,
        reason=outcome_reason,
        note=outcome_note,
        party_age=party_age,
        list_entry=list_entry,
    )
    rec = penalty.recommend(
        power=case.power,
        severity=severity,
        circumstances=circumstances,
        illegal_income=illegal_income,
        goods_value=goods_value,
    )
    outside, deviation_reasons = penalty.deviation(
        rec, fine_amount=fine_amount, penalty_type_codes=penalty_type_codes, no_penalty=no_penalty
    )
    outside, deviation_reasons = outcome_deviation(
        choice,
        rec,
        outside,
        deviation_reasons,
        fine_amount=fine_amount,
        penalty_type_codes=penalty_type_codes,
    )
    if outside and not deviation_reason.strip():
        raise ValidationError(
            {
                "deviation_reason": [
                    _("The penalty is outside the recommended band; write the justification."),
                    *deviation_reasons,
                ]
            }
        )
    if not penalty_types.strip() and penalty_type_codes:
        names = dict(penalty.penalty_type_choices(penalty.standard_for(case.power)))
        penalty_types = "、".join(names.get(c, c) for c in penalty_type_codes)
    decided_on = decided_on or timezone.localdate()
    prefix, _case_prefix = prefixes(case.agency)
    serial = next_serial(case.agency, prefix, decided_on.year)
    decision = Decision.objects.create(
        case=case,
        number=document_number(prefix, decided_on.year, serial),
        decided_on=decided_on,
        facts=facts,
        evidence=evidence,
        legal_basis=legal_basis,
        basis_change_reason=basis_change_reason.strip(),
        penalty_types=penalty_types,
        no_penalty=no_penalty,
        fine_amount=None if no_penalty else fine_amount,
        confiscation_amount=None if no_penalty else confiscation_amount,
        severity=severity,
        circumstances="\n".join(rec.circumstances if rec else [str(c) for c in circumstances]),
        recommendation={**rec.as_json(), "deviation_reasons": deviation_reasons} if rec else {},
        is_deviation=outside,
        deviation_reason=deviation_reason if outside else "",
        decided_by=user,
    )
    outcome = outcome_record(decision=decision, choice=choice, rec=rec)
    case.decide()
    bump(case, "status")
    audit_append(
        action="decision.make",
        obj=case,
        actor=user,
        changes={
            "number": decision.number,
            "fine": str(decision.fine_amount or ""),
            "no_penalty": no_penalty,
            "deviation": outside,
            "recommendation": decision.recommendation,
            "outcome": outcome.reason if outcome else "",
            "list_entry": outcome.list_entry_id if outcome else None,
        },
    )
    summary = _("Decision %(n)s") % {"n": decision.number}
    if outside:
        summary += " · " + _("outside the recommended band")
    if outcome:
        summary += f" · {outcome.get_reason_display()}"
    event(case, "decision", summary, user)
    # Disclosure (to our right) listens: the decision must be published within its deadline.
    emit_on_commit("case.decided", case=case)
    return decision
