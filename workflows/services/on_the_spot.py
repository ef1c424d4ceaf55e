"""The on-the-spot procedure (当场处罚, 行政处罚法 Arts. 51-52): only a warning or a small fine,
certificates shown, the party's statement noted, the decision handed over on the spot (or the
refusal to sign noted), and the decision filed with the agency within 2 working days.

One service runs the whole procedure on the ready-made simplified process through the same
services as any case (filing, the on-site record, the decision), so every step is on the
timeline and in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append
from enforcement_portal.workdays import add_workdays
from powers.models import Power

from .. import conf, deadlines, penalty
from ..models import Case, OnTheSpotDecision, ProcessTemplate, Record
from ._shared import event, lock
from .cases import case_advance, case_open
from .decisions import decision_make
from .records import record_add
from .templates import template_ensure_ready_made


def simplified_problem(
    *, party_kind: str, penalty_types: str = "", codes=(), fine=None
) -> str | None:
    """Why the on-the-spot procedure may not impose this penalty (Art. 51), or None."""
    kinds = penalty.penalty_kinds(penalty_types=penalty_types, codes=codes, fine=fine)
    if deadlines.simplified_allowed(penalty_kinds=kinds, fine=fine or 0, party_kind=party_kind):
        return None
    return _(
        "Administrative Penalty Law Art. 51: the on-the-spot procedure imposes only a warning "
        "or a fine of at most %(cap)s yuan for this party; use the general procedure."
    ) % {"cap": conf.simplified_fine_cap(party_kind)}


def _certificate_problems(officers, certificates_shown: str) -> list[str]:
    shown = {c for c in re.split(r"[\s,，、；;]+", certificates_shown or "") if c}
    missing = [o.name for o in officers if o.certificate_number not in shown]
    if not missing:
        return []
    return [
        _(
            "Administrative Penalty Law Art. 52: the officers show their enforcement "
            "certificates; enter the certificate numbers shown (missing: %(names)s)."
        )
        % {"names": "、".join(missing)}
    ]


@transaction.atomic
def on_the_spot_decide(
    *,
    power: Power,
    officers,
    user,
    title: str,
    party_kind: str,
    party_name: str,
    party_id_number: str,
    facts: str,
    legal_basis: str,
    place: str,
    certificates_shown: str,
    party_statement: str,
    handed_over: bool = True,
    refusal_note: str = "",
    penalty_types: str = "",
    penalty_type_codes=(),
    fine_amount: Decimal | None = None,
    decided_at: dt.datetime | None = None,
    party_address: str = "",
    violation_on: dt.date | None = None,
    severity: str = "",
    deviation_reason: str = "",
) -> Case:
    """Impose a penalty on the spot: the case, its on-site record and its decision at once."""
    officers = list(officers)
    decided_at = decided_at or timezone.now()
    decided_on = timezone.localtime(decided_at).date()
    errors: dict[str, list[str]] = {}
    problem = simplified_problem(
        party_kind=party_kind,
        penalty_types=penalty_types,
        codes=penalty_type_codes,
        fine=fine_amount,
    )
    if problem:
        errors["penalty_types"] = [problem]
    certificate_problems = _certificate_problems(officers, certificates_shown)
    if certificate_problems:
        errors["certificates_shown"] = certificate_problems
    if not party_statement.strip():
        errors["party_statement"] = [
            _(
                "Administrative Penalty Law Art. 52: the party is told the facts, reasons and "
                "basis and heard; note the party's statement and defence (or that there was none)."
            )
        ]
    if not handed_over and not refusal_note.strip():
        errors["refusal_note"] = [
            _(
                "Administrative Penalty Law Art. 52: the decision is handed over on the spot; "
                "when the party refuses to sign, note it."
            )
        ]
    if not place.strip():
        errors["place"] = [_("Enter where the decision was made.")]
    if decided_on > timezone.localdate():
        errors["decided_at"] = [_("An on-the-spot decision cannot be dated in the future.")]
    if errors:
        raise ValidationError(errors)
    template = template_ensure_ready_made(kind=ProcessTemplate.Kind.SIMPLIFIED_PENALTY)
    case = case_open(
        power=power,
        officers=officers,
        user=user,
        title=title,
        party_kind=party_kind,
        party_name=party_name,
        party_id_number=party_id_number,
        party_address=party_address,
        source=Case.Source.PATROL,
        filed_on=decided_on,
        facts_summary=facts,
        template=template,
        violation_on=violation_on,
        discovered_on=decided_on if violation_on else None,
    )
    signature = Record.Signature.SIGNED if handed_over else Record.Signature.REFUSED
    record_add(
        case=case,
        user=user,
        kind=Record.Kind.ON_SITE,
        title=_("On-the-spot penalty record"),
        recorded_at=decided_at,
        place=place,
        officers=officers,
        content=_("Certificates shown: %(certs)s\nThe party's statement and defence: %(stmt)s")
        % {"certs": certificates_shown.strip(), "stmt": party_statement.strip()},
        signature=signature,
        refusal_note=refusal_note,
    )
    case = case_advance(case=case, user=user, expected_version=None)
    decision_make(
        case=case,
        user=user,
        expected_version=None,
        facts=facts,
        evidence=_("On-the-spot penalty record"),
        legal_basis=legal_basis,
        penalty_types=penalty_types,
        penalty_type_codes=penalty_type_codes,
        fine_amount=fine_amount,
        decided_on=decided_on,
        severity=severity,
        deviation_reason=deviation_reason,
    )
    record = OnTheSpotDecision.objects.create(
        case=case,
        decided_at=decided_at,
        place=place.strip(),
        certificates_shown=certificates_shown.strip()[:300],
        party_statement=party_statement.strip(),
        handed_over=handed_over,
        refusal_note=refusal_note.strip(),
        filing_due_on=add_workdays(decided_on, conf.simplified_filing_workdays()),
    )
    audit_append(
        action="on_the_spot.decide",
        obj=case,
        actor=user,
        changes={
            "certificates_shown": record.certificates_shown,
            "handed_over": handed_over,
            "refusal_note": record.refusal_note,
            "filing_due_on": str(record.filing_due_on),
        },
    )
    summary = (
        _("Decision handed over on the spot")
        if handed_over
        else _("The party refused to sign: %(note)s") % {"note": record.refusal_note}
    )
    event(
        case,
        "on_the_spot",
        summary + " · " + _("file with the agency by %(due)s") % {"due": record.filing_due_on},
        user,
    )
    return case


@transaction.atomic
def on_the_spot_file(*, case: Case, user, filed_on: dt.date | None = None) -> OnTheSpotDecision:
    """Record that the on-the-spot decision was filed with the agency (Art. 52)."""
    case = lock(case, None)
    record = OnTheSpotDecision.objects.select_for_update().filter(case=case).first()
    if record is None:
        raise ValidationError(_("This case has no on-the-spot decision."))
    if record.filed_on:
        raise ValidationError(
            _("The decision was already filed on %(d)s.") % {"d": record.filed_on}
        )
    today = timezone.localdate()
    filed_on = filed_on or today
    if filed_on > today or filed_on < timezone.localtime(record.decided_at).date():
        raise ValidationError(
            {"filed_on": _("The filing date lies between the decision and today.")}
        )
    record.filed_on, record.filed_by = filed_on, user
    record.save(update_fields=["filed_on", "filed_by"])
    late = filed_on > record.filing_due_on
    audit_append(
        action="on_the_spot.file",
        obj=case,
        actor=user,
        changes={"filed_on": str(filed_on), "due": str(record.filing_due_on), "late": late},
    )
    summary = _("On-the-spot decision filed with the agency on %(d)s") % {"d": filed_on}
    if late:
        summary += " · " + _("late (due %(due)s, Art. 52)") % {"due": record.filing_due_on}
    event(case, "on_the_spot_filed", summary, user)
    return record
