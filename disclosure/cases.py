"""Publications made from decided cases.

The case workflow announces each decision (``case.decided``, after its transaction commits);
disclosure answers with a draft publication due 7 or 15 working days after the decision,
awaiting the publicity officer's sign-off (nothing is published without it).
``publications_sync_from_cases`` is the catch-up that finds any decided case still without one
(run by beat and by ``manage.py sync_publications``), so nothing depends on the announcement
arriving.
"""

from __future__ import annotations

from discretion.models import DiscretionStandard
from discretion.selectors import registered_standard_for
from enforcement_portal.formatting import cn_date, format_yuan, rmb_upper
from powers.models import Power
from workflows.balance import payment_clause
from workflows.conf import remedy_bodies
from workflows.models import Case, Decision
from workflows.services.outcomes import outcome_of

from . import services
from .models import Publication

KIND_BY_CATEGORY: dict[str, str] = {
    Power.Category.PENALTY: Publication.Kind.PENALTY,
    Power.Category.PERMIT: Publication.Kind.PERMIT,
}


def _outcome_statement(decision: Decision) -> str:
    outcome = outcome_of(decision)
    return outcome.statement() if outcome else ""


def penalty_content(decision: Decision) -> str:
    if decision.no_penalty:
        reason = _outcome_statement(decision)
        return f"不予行政处罚（{reason}）" if reason else "不予行政处罚"
    parts = []
    if decision.fine_amount:
        parts.append(f"罚款{format_yuan(decision.fine_amount)}")
    if decision.confiscation_amount:
        parts.append(f"没收违法所得{format_yuan(decision.confiscation_amount)}")
    others = [
        p
        for p in (decision.penalty_types or "").split("、")
        if p and p not in ("罚款", "没收违法所得")
    ]
    return "；".join([*others, *parts]) or decision.penalty_types


def violation_of(case: Case, decision: Decision) -> str:
    """违法行为类型: the violation of the discretion standard the decision applied (or the
    one in force for the power), else the power's name. Never the case's title, which names
    the party ("刘某无证经营卤味熟食案")."""
    standard_id = (decision.recommendation or {}).get("standard_id")
    standard = (
        DiscretionStandard.objects.filter(pk=standard_id).first() if standard_id else None
    ) or registered_standard_for(case.power)
    violation = " ".join((standard.violation if standard else "").split())
    return (violation or case.power.name)[:300]


def decision_full_text(case: Case, decision: Decision) -> str:
    """The decision document (行政处罚决定书) as text, as the case's PDF states it (Art. 59).

    It names the party and their address: it is stored privately and published only masked,
    after the publicity officer's sign-off. A natural person's resident ID is left out: it is
    never copied from the case file into a publication."""
    organisation = case.party_kind == Case.PartyKind.ORGANISATION
    lines = [case.agency.name, "行政处罚决定书", decision.number, f"当事人：{case.party_name}"]
    if organisation:
        lines.append(f"统一社会信用代码：{case.party_id_number}")
        if case.legal_representative:
            lines.append(f"法定代表人：{case.legal_representative}")
    lines.append(f"住所（地址）：{case.party_address or '—'}")
    lines.append(
        f"{cn_date(case.filed_on)}，本机关对当事人涉嫌{violation_of(case, decision)}立案调查。现已调查终结。"
    )
    lines.append(f"一、违法事实。{decision.facts}")
    lines.append(f"二、证据。{decision.evidence}")
    if decision.no_penalty:
        reason = _outcome_statement(decision)
        penalty = f"鉴于{reason}，对当事人不予行政处罚。" if reason else "对当事人不予行政处罚。"
    else:
        penalty = decision.penalty_types
        if decision.fine_amount:
            penalty += (
                f"，罚款{rmb_upper(decision.fine_amount)}（{format_yuan(decision.fine_amount)}）"
            )
        if decision.confiscation_amount:
            penalty += f"，没收违法所得{rmb_upper(decision.confiscation_amount)}"
        penalty += "。"
    lines.append(f"三、处罚依据和处罚内容。依据{decision.legal_basis}，本机关决定：{penalty}")
    number = "四"
    if not decision.no_penalty and decision.fine_amount:
        lines.append(f"四、履行方式和期限。{payment_clause(decision)}")
        number = "五"
    body, court = remedy_bodies(case.agency)  # as the decision PDF names them
    lines.append(
        f"{number}、救济途径和期限。当事人如不服本决定，可以在收到本决定书之日起六十日内向"
        f"{body}申请行政复议，或者在六个月内依法向{court}提起行政诉讼。"
        "行政复议或者行政诉讼期间，本决定不停止执行，法律另有规定的除外。"
    )
    lines += [case.agency.name, cn_date(decision.decided_on)]
    return "\n".join(lines)


def publication_from_case(*, case: Case) -> Publication | None:
    """The case's publication, made now as a draft awaiting sign-off if it has none.
    Idempotent."""
    existing = Publication.objects.filter(case=case).first()
    if existing is not None:
        return existing
    decision = Decision.objects.filter(case=case).first()
    if decision is None:
        return None
    organisation = case.party_kind == Case.PartyKind.ORGANISATION
    data = {
        "kind": KIND_BY_CATEGORY.get(case.power.category, Publication.Kind.OTHER),
        "decision_number": decision.number,
        "decided_on": decision.decided_on,
        "party_type": (
            Publication.PartyType.ORGANISATION if organisation else Publication.PartyType.PERSON
        ),
        "party_name": case.party_name,
        # A resident ID is never published; an organisation's credit code always is.
        "party_uscc": case.party_id_number if organisation else "",
        "legal_representative": case.legal_representative if organisation else "",
        "violation_type": violation_of(case, decision),
        "full_text": decision_full_text(case, decision),
        "facts": decision.facts,
        "basis": decision.legal_basis,
        "penalty_category": "不予处罚" if decision.no_penalty else decision.penalty_types,
        "penalty_content": penalty_content(decision),
        "fine_amount": decision.fine_amount,
        "confiscation_amount": decision.confiscation_amount,
    }
    return services.publication_create(agency=case.agency, power=case.power, data=data, case=case)


def on_case_decided(*, case: Case, **_payload) -> None:
    publication_from_case(case=Case.objects.select_related("agency", "power").get(pk=case.pk))


def on_decision_revoked(*, case: Case, revocation, **_payload) -> None:
    """The decision was changed, revoked, confirmed illegal or void (Art. 48): its publication
    stays public until withdrawn, which is due by the revocation's withdrawal date."""
    publication = Publication.objects.filter(case_id=case.pk).first()
    if publication is not None:
        services.publication_note_revocation(
            publication=publication,
            revoked_on=revocation.decided_on,
            withdrawal_due=revocation.withdrawal_due,
        )


def publications_sync_from_cases() -> int:
    """Make the missing publication of every decided case; returns how many were made."""
    missing = (
        Case.objects.filter(decision__isnull=False, publication__isnull=True)
        .select_related("agency", "power")
        .order_by("id")
    )
    made = 0
    for case in missing.iterator(chunk_size=500):
        if publication_from_case(case=case) is not None:
            made += 1
    return made
