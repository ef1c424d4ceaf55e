"""Demo data: a first-violation no-penalty case (首违不罚) decided by citing the agency's list
entry (Art. 33 para 1). Runs after the demo cases and the lists (order 45); skipped, never
failed, when the power, the officers or the list entry are missing. Idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from discretion.models import Circumstance, OutcomeListEntry
from powers.models import Power
from powers.selectors import officers_with_valid_certificate

from .models import Case, DecisionOutcome
from .services.cases import case_advance, case_open
from .services.decisions import decision_make
from .services.records import record_add

TITLE = "食品经营许可证过期后继续经营案（首违不罚）"


def _say(stdout, quiet, text):
    if stdout is not None and not quiet:
        stdout.write(text)


def seed_outcomes(*, stdout=None, quiet: bool = False) -> None:
    power = Power.objects.filter(agency__code="scjg", code="CF-SCJG-001").first()
    user = get_user_model().objects.filter(username="officer").first()
    entry = (
        OutcomeListEntry.objects.filter(
            power=power, kind=OutcomeListEntry.Kind.FIRST_VIOLATION, withdrawn_at__isnull=True
        ).first()
        if power
        else None
    )
    if power is None or user is None or entry is None or not power.is_exercisable:
        _say(stdout, quiet, "workflows: no-penalty demo case skipped (power or list missing)")
        return
    if Case.objects.filter(power=power, title=TITLE).exists():
        return
    try:
        _seed(power, user, entry)
    except ValidationError as exc:  # a gate or rule of this deployment refuses: skip the demo
        _say(stdout, quiet, f"workflows: no-penalty demo case skipped: {'；'.join(exc.messages)}")
        return
    _say(stdout, quiet, f"workflows: demo case {TITLE}")


@transaction.atomic
def _seed(power, user, entry) -> None:
    officers = list(
        officers_with_valid_certificate(power.agency).order_by("certificate_number")[:2]
    )
    if len(officers) < 2:
        return
    case = case_open(
        power=power,
        officers=officers,
        user=user,
        title=TITLE,
        party_kind=Case.PartyKind.PERSON,
        party_name="李春生",
        party_id_number="230202199503151239",
        source=Case.Source.PATROL,
        filed_on=timezone.localdate() - dt.timedelta(days=10),
        party_address="齐齐哈尔市建华区中华路8号",
        facts_summary="食品经营许可证有效期届满后第12日仍在经营，当场责令改正。",
    )
    for _step in range(20):
        case.refresh_from_db()
        if case.current_node.code == "decision":
            break
        for kind in case.current_node.required_records or []:
            record_add(
                case=case,
                user=user,
                kind=kind,
                title="现场检查笔录",
                content="执法人员出示执法证件后进行现场检查，当事人在场并签字确认。",
                recorded_at=timezone.now(),
                place=case.party_address,
                officers=officers,
                signature="signed",
            )
        case_advance(case=case, user=user, expected_version=case.version)
    case.refresh_from_db()
    if case.current_node.code != "decision":
        return
    decision_make(
        case=case,
        user=user,
        expected_version=case.version,
        facts="当事人食品经营许可证有效期届满后第12日仍在经营预包装食品，系初次违法，"
        "货值金额不足500元，未造成危害后果；责令改正后当事人于3日内办结许可延续。",
        evidence="现场检查笔录、询问笔录、许可延续证明。",
        legal_basis="《中华人民共和国行政处罚法》第三十三条第一款；"
        "《中华人民共和国食品安全法》第一百二十二条第一款",
        penalty_types="",
        no_penalty=True,
        severity="minor",
        goods_value=Decimal("420"),
        circumstances=list(
            Circumstance.objects.filter(
                standard__power=power, text__startswith="初次违法"
            ).values_list("pk", flat=True)[:1]
        ),
        outcome_reason=DecisionOutcome.Reason.FIRST_VIOLATION,
        outcome_note="初次违法、危害后果轻微，并在责令改正期限内办结许可延续。",
        list_entry=entry,
    )
