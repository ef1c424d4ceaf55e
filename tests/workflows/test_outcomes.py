"""Outcomes other than a penalty (Arts. 30-33): each no-penalty reason by service, direct POST
and page; refusals name their article; a reduced penalty below the minimum is no deviation."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from disclosure.models import Publication
from discretion.lists import list_entry_create, list_entry_withdraw
from discretion.models import OutcomeListEntry
from enforcement_portal.audit import audit_history
from enforcement_portal.roles import Role
from tests.discretion.factories import make_standard
from tests.factories import UserFactory
from workflows.models import Case, DecisionOutcome

from .factories import PERSON_ID, CaseFactory, decide, penalty_power

pytestmark = pytest.mark.django_db
R = DecisionOutcome.Reason


@pytest.fixture
def power():
    power = penalty_power()
    make_standard(power=power)
    return power


def at_decision(power, **kwargs):
    case = CaseFactory(power=power, at="decision", **kwargs)
    return case, case.created_by


def person(power):
    return at_decision(
        power,
        party_kind=Case.PartyKind.PERSON,
        party_name="张三",
        party_id_number=PERSON_ID,
        legal_representative="",
    )


def entry(power, kind=OutcomeListEntry.Kind.FIRST_VIOLATION):
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=power.agency)
    return list_entry_create(
        user=filer,
        kind=kind,
        power=power,
        violation="首次销售少量临近保质期食品",
        basis="《中华人民共和国行政处罚法》第三十三条第一款",
        conditions="初次违法、危害后果轻微并在责令期限内改正",
    )


def no_penalty(case, user, reason, severity="minor", **kwargs):
    return decide(
        case,
        user,
        fine=None,
        penalty_types="",
        no_penalty=True,
        severity=severity,
        outcome_reason=reason,
        outcome_note=kwargs.pop("note", "当场改正，未造成危害后果。"),
        **kwargs,
    )


def messages(exc) -> str:
    return " ".join(m for ms in exc.value.message_dict.values() for m in ms)


def test_no_penalty_needs_a_reason(power):
    case, user = at_decision(power)
    with pytest.raises(ValidationError) as exc:
        decide(case, user, fine=None, penalty_types="", no_penalty=True, severity="minor")
    assert "outcome_reason" in exc.value.message_dict
    assert "第三十条、第三十一条或者第三十三条" in messages(exc)


def test_minor_corrected_is_no_penalty_for_a_minor_violation(power):
    case, user = at_decision(power)
    decision = no_penalty(case, user, R.MINOR_CORRECTED)
    outcome = decision.outcome
    assert decision.no_penalty and decision.fine_amount is None
    assert outcome.article == "《中华人民共和国行政处罚法》第三十三条第一款"
    assert not decision.is_deviation
    assert audit_history(case).filter(action="decision.make").last().changes["outcome"] == (
        "minor_corrected"
    )


def test_minor_corrected_is_refused_for_an_ordinary_violation(power):
    case, user = at_decision(power)
    with pytest.raises(ValidationError) as exc:
        no_penalty(case, user, R.MINOR_CORRECTED, severity="ordinary")
    assert "第三十三条第一款" in messages(exc)


def test_first_violation_requires_the_agency_list_entry(power):
    case, user = at_decision(power)
    with pytest.raises(ValidationError) as exc:
        no_penalty(case, user, R.FIRST_VIOLATION)
    assert "list_entry" in exc.value.message_dict and "第三十三条第一款" in messages(exc)
    other = penalty_power(agency=power.agency)
    with pytest.raises(ValidationError) as exc:
        no_penalty(case, user, R.FIRST_VIOLATION, list_entry=entry(other))
    assert "不是本机关就本职权事项公布的事项" in messages(exc)
    withdrawn = entry(power)
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=power.agency)
    list_entry_withdraw(entry=withdrawn, user=filer, reason="上级清单调整")
    with pytest.raises(ValidationError) as exc:
        no_penalty(case, user, R.FIRST_VIOLATION, list_entry=withdrawn)
    assert "已撤回" in messages(exc)
    good = entry(power)
    decision = no_penalty(case, user, R.FIRST_VIOLATION, list_entry=good)
    assert decision.outcome.list_entry == good
    assert "首违不罚清单" in decision.outcome.statement()


def test_first_violation_refused_for_a_repeat_offender(power):
    listed = entry(power)
    case, user = at_decision(power)
    first = decide(case, user)
    again, user2 = at_decision(power)
    with pytest.raises(ValidationError) as exc:
        no_penalty(again, user2, R.FIRST_VIOLATION, list_entry=listed)
    assert first.number in messages(exc)


def test_first_violation_refused_at_ordinary_severity(power):
    case, user = at_decision(power)
    with pytest.raises(ValidationError) as exc:
        no_penalty(case, user, R.FIRST_VIOLATION, severity="ordinary", list_entry=entry(power))
    assert "第三十三条第一款" in messages(exc)


def test_no_fault_applies_at_any_severity_and_is_no_deviation(power):
    case, user = at_decision(power)
    decision = no_penalty(case, user, R.NO_FAULT, severity="serious", note="供货商伪造检验报告。")
    assert decision.outcome.article.endswith("第三十三条第二款")
    assert not decision.is_deviation and decision.deviation_reason == ""


def test_under_14_needs_a_natural_person_under_fourteen(power):
    case, user = at_decision(power)
    with pytest.raises(ValidationError) as exc:
        no_penalty(case, user, R.UNDER_14, severity="ordinary", party_age=12)
    assert "适用于自然人" in messages(exc)
    case, user = person(power)
    with pytest.raises(ValidationError) as exc:
        no_penalty(case, user, R.UNDER_14, severity="ordinary", party_age=15)
    assert "第三十条" in messages(exc) and "party_age" in exc.value.message_dict
    decision = no_penalty(case, user, R.UNDER_14, severity="ordinary", party_age=13)
    assert decision.outcome.party_age == 13 and decision.outcome.article.endswith("第三十条")


def test_incapacity_applies_to_a_natural_person(power):
    case, user = person(power)
    decision = no_penalty(case, user, R.INCAPACITY, severity="serious", note="司法鉴定意见书。")
    assert decision.outcome.article.endswith("第三十一条") and not decision.is_deviation


def test_no_penalty_reason_with_a_penalty_is_refused(power):
    case, user = at_decision(power)
    with pytest.raises(ValidationError) as exc:
        decide(case, user, outcome_reason=R.NO_FAULT, outcome_note="无过错。")
    assert "no_penalty" in exc.value.message_dict


def test_reduced_penalty_below_the_minimum_is_no_deviation(power):
    case, user = at_decision(power)
    decision = decide(
        case,
        user,
        fine=Decimal("500"),
        penalty_types="",
        penalty_type_codes=["fine"],
        severity="minor",
        outcome_reason=R.REDUCED,
        outcome_note="受他人胁迫实施违法行为。",
    )
    assert not decision.is_deviation and decision.fine_amount == Decimal("500")
    assert decision.outcome.below_statutory_minimum
    assert decision.outcome.article.endswith("第三十二条")


def test_reduced_circumstance_in_the_calculator_allows_below_minimum(power):
    from workflows import penalty

    case, user = at_decision(power)
    reduced = power.discretion_standards.get().circumstances.get(kind="reduced")
    rec = penalty.recommend(power=power, severity="minor", circumstances=[reduced.pk])
    assert "不属于偏离裁量基准" in rec.explanation
    decision = decide(
        case,
        user,
        fine=Decimal("300"),
        penalty_types="",
        penalty_type_codes=["fine"],
        severity="minor",
        circumstances=[reduced.pk],
    )
    assert not decision.is_deviation


def test_reduced_penalty_above_the_band_is_still_a_deviation(power):
    case, user = at_decision(power)
    with pytest.raises(ValidationError) as exc:
        decide(
            case,
            user,
            fine=Decimal("40000"),
            penalty_types="",
            penalty_type_codes=["fine"],
            severity="minor",
            outcome_reason=R.REDUCED,
            outcome_note="受他人胁迫。",
        )
    assert "deviation_reason" in exc.value.message_dict


def test_minor_aged_14_to_18_gets_a_reduced_penalty(power):
    case, user = person(power)
    with pytest.raises(ValidationError) as exc:
        decide(
            case,
            user,
            severity="minor",
            outcome_reason=R.MINOR_14_18,
            outcome_note="未成年",
            party_age=19,
        )
    assert "第三十条" in messages(exc)
    decision = decide(
        case,
        user,
        fine=Decimal("200"),
        penalty_types="",
        penalty_type_codes=["fine"],
        severity="minor",
        outcome_reason=R.MINOR_14_18,
        outcome_note="违法时十六周岁。",
        party_age=16,
    )
    assert not decision.is_deviation and decision.outcome.party_age == 16


def test_no_penalty_publication_names_the_reason(power):
    case, user = at_decision(power)
    listed = entry(power)
    no_penalty(case, user, R.FIRST_VIOLATION, list_entry=listed)
    from disclosure.cases import publication_from_case

    publication = publication_from_case(case=case)
    assert publication.penalty_category == "不予处罚"
    assert "首违不罚" in publication.penalty_content
    assert "第三十三条第一款" in publication.penalty_content
    assert "首违不罚" in publication.full_text
    assert Publication.objects.filter(case=case).count() == 1


def post_data(case, **extra):
    data = {
        "version": case.version,
        "severity": "minor",
        "facts": "销售临近保质期食品。",
        "evidence": "现场检查笔录。",
        "legal_basis": "《中华人民共和国食品安全法》第一百二十四条第一款",
        "no_penalty": "on",
        "outcome_note": "当场下架改正。",
    }
    data.update(extra)
    return data


def test_first_violation_by_direct_post_and_page(power, client):
    case, user = at_decision(power)
    listed = entry(power)
    client.force_login(user)
    html = client.get(f"/cases/{case.pk}/decision/").content.decode()
    assert 'name="outcome_reason"' in html and listed.violation in html
    html = client.post(
        f"/cases/{case.pk}/decision/", post_data(case, outcome_reason=R.FIRST_VIOLATION)
    ).content.decode()
    assert "第三十三条第一款" in html
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN
    response = client.post(
        f"/cases/{case.pk}/decision/",
        post_data(case, outcome_reason=R.FIRST_VIOLATION, list_entry=listed.pk),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.decision.outcome.list_entry_id == listed.pk
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "首违不罚清单" in html


@pytest.mark.parametrize(
    ("reason", "extra", "refusal"),
    [
        (R.MINOR_CORRECTED, {"severity": "ordinary"}, "第三十三条第一款"),
        (R.NO_FAULT, {"outcome_note": ""}, "认定情形"),
        (R.UNDER_14, {"party_age": "15"}, "第三十条"),
        (R.INCAPACITY, {}, "第三十条、第三十一条适用于自然人"),
    ],
)
def test_refusals_by_direct_post(power, client, reason, extra, refusal):
    case, user = at_decision(power)
    client.force_login(user)
    html = client.post(
        f"/cases/{case.pk}/decision/", post_data(case, outcome_reason=reason, **extra)
    ).content.decode()
    assert refusal in html
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN


def test_a_major_no_penalty_case_still_needs_its_legal_review(power):
    from workflows import gates
    from workflows.gates import GateResult, register_gate
    from workflows.services.cases import case_set_flag

    from .factories import advance, case_officer, open_case, to_node

    user = case_officer(power.agency)
    case = to_node(open_case(power, user=user), user, "notice")
    case_set_flag(
        case=case, user=user, expected_version=case.version, flag="is_major", reason="重大"
    )
    register_gate("legal_review", lambda c, n, u: GateResult(True), replace=True)
    try:
        advance(case, user)
        advance(case, user)
        assert case.current_node.code == "decision"
        register_gate("legal_review", lambda c, n, u: GateResult(False, "审核未通过"), replace=True)
        with pytest.raises(ValidationError) as exc:
            no_penalty(case, user, R.NO_FAULT, severity="serious")
        assert "审核未通过" in str(exc.value)
    finally:
        gates.unregister_gate("legal_review")
        gates.register_builtin_gates()


def test_demo_city_has_lists_and_a_first_violation_case():
    from enforcement_portal.registry import demo_seeders

    for _ in range(2):  # idempotent
        for seeder in demo_seeders():
            if seeder.order <= 45:
                seeder.seed(quiet=True)
    by_agency = {}
    for e in OutcomeListEntry.objects.filter(withdrawn_at__isnull=True):
        by_agency.setdefault(e.agency.code, []).append(e)
    assert set(by_agency) == {"scjg", "sthj", "yjgl"}
    assert OutcomeListEntry.objects.count() == 7
    case = Case.objects.get(title__contains="首违不罚")
    outcome = case.decision.outcome
    assert case.decision.no_penalty and outcome.reason == R.FIRST_VIOLATION
    assert outcome.list_entry.kind == OutcomeListEntry.Kind.FIRST_VIOLATION
    assert outcome.list_entry.agency.code == "scjg"


def test_decision_pdf_states_the_no_penalty_reason_and_list_entry(power):
    from workflows.services.documents import document_request

    from .test_documents import pdf_text

    case, user = at_decision(power)
    listed = entry(power)
    no_penalty(case, user, R.FIRST_VIOLATION, list_entry=listed)
    case.refresh_from_db()
    document = document_request(case=case, kind="decision", user=user)
    text = pdf_text(document.file.path)
    assert "鉴于初次违法且危害后果轻微并及时改正（首违不罚）" in text
    assert "第三十三条第一款" in text and listed.violation in text
    assert "对当事人不予行政处罚" in text and "履行方式和期限" not in text


def test_decision_pdf_states_the_reduced_penalty(power):
    from workflows.services.documents import document_request

    from .test_documents import pdf_text

    case, user = at_decision(power)
    decide(
        case,
        user,
        fine=Decimal("500"),
        penalty_types="",
        penalty_type_codes=["fine"],
        severity="minor",
        outcome_reason=R.REDUCED,
        outcome_note="受他人胁迫实施违法行为。",
    )
    case.refresh_from_db()
    text = pdf_text(document_request(case=case, kind="decision", user=user).file.path)
    assert "依据《中华人民共和国行政处罚法》第三十二条减轻处罚" in text
    assert "人民币伍佰元整" in text
