"""Notice, statement and defence (Arts. 44, 45, 62): each rule broken through a service call,
a direct POST and the page, refused with its article."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from enforcement_portal.workdays import add_workdays
from workflows import deadlines
from workflows.models import Case, DefencePoint, PenaltyNotice
from workflows.services.procedure_notice import (
    defence_point_add,
    defence_point_answer,
    notice_issue,
    notice_waive,
)

from .factories import DecisionFactory, advance, to_node
from .procedure_factories import TODAY, at_notice, issue, served_notice

pytestmark = pytest.mark.django_db


def _decide(case, fine=Decimal("5000"), **kwargs):
    case = to_node(case, case.created_by, "decision")
    return DecisionFactory(case=case, user=case.created_by, fine_amount=fine, **kwargs)


def _decision_post(client, case, fine="5000"):
    case.refresh_from_db()
    client.force_login(case.created_by)
    data = {
        "version": case.version,
        "severity": "ordinary",
        "facts": "销售过期食品。",
        "evidence": "现场检查笔录。",
        "legal_basis": "《中华人民共和国食品安全法》第一百二十四条第一款",
        "penalty_types": "罚款",
        "fine_amount": fine,
    }
    return client.post(f"/cases/{case.pk}/decision/", data)


def test_notice_states_facts_reasons_basis_and_the_hearing_right():
    case = at_notice()
    with pytest.raises(ValidationError) as exc:
        notice_issue(case=case, user=case.created_by, facts="", reasons="", basis="", fine_amount=1)
    assert "第四十四条" in str(exc.value)
    small = issue(case, fine=Decimal("5000"))
    assert small.hearing_rights is False
    large = issue(case, fine=Decimal("100000"))  # organisation threshold (Art. 63)
    assert large.hearing_rights is True
    assert "告知" in case.events.filter(kind="notice").last().summary


def test_notice_page_refuses_a_notice_without_facts(client):
    case = at_notice()
    client.force_login(case.created_by)
    html = client.post(
        f"/cases/{case.pk}/procedure/notice/", {"fine_amount": "5000", "issued_on": TODAY}
    ).content.decode()
    assert "第四十四条" in html
    assert not PenaltyNotice.objects.filter(case=case).exists()
    response = client.post(
        f"/cases/{case.pk}/procedure/notice/",
        {
            "fine_amount": "5000",
            "penalty_kinds": ["fine"],
            "facts": "销售过期食品。",
            "reasons": "违法。",
            "basis": "食品安全法第一百二十四条",
            "issued_on": TODAY,
        },
    )
    assert response.status_code == 302
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="procedure"' in page and "尚未送达" in page


def test_no_decision_without_a_notice_service_call_post_and_page(client):
    case = at_notice()
    with pytest.raises(ValidationError) as exc:
        case = to_node(case, case.created_by, "decision", notice=False)
        DecisionFactory(case=case, user=case.created_by, procedure=False)
    assert "第六十二条" in str(exc.value)
    html = _decision_post(client, case).content.decode()
    assert "第六十二条" in html
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN


def test_no_decision_until_the_notice_is_served_and_its_window_passed(client):
    case = at_notice()
    issue(case)
    case = to_node(case, case.created_by, "decision")
    html = _decision_post(client, case).content.decode()
    assert "第六十二条" in html and "尚未送达" in html
    from .procedure_factories import serve

    serve(case)
    with pytest.raises(ValidationError) as exc:
        DecisionFactory(case=case, user=case.created_by, procedure=False)
    ends = deadlines.defence_window_ends(TODAY)
    assert "第六十二条" in str(exc.value) and str(ends) in str(exc.value)


def test_a_written_waiver_lets_the_decision_be_made_at_once():
    case = at_notice()
    notice = served_notice(case)
    with pytest.raises(ValidationError) as exc:
        notice_waive(case=case, user=case.created_by, waived_on=TODAY, waiver_document="")
    assert "第六十二条" in str(exc.value)
    notice_waive(case=case, user=case.created_by, waived_on=TODAY, waiver_document="放弃声明书")
    decision = _decide(case)
    assert decision.case.status == Case.Status.DECIDED
    notice.refresh_from_db()
    assert notice.waived_on == TODAY
    assert case.events.filter(kind="notice_waived").exists()


def test_after_the_window_the_decision_may_be_made():
    case = at_notice()
    received = add_workdays(TODAY, -6)
    served_notice(case, received_on=received)
    assert deadlines.defence_window_ends(received) < TODAY
    decision = _decide(case)
    assert decision.fine_amount == Decimal("5000")


def test_every_defence_point_is_answered_before_the_decision(client):
    case = at_notice()
    served_notice(case, received_on=add_workdays(TODAY, -6))
    point = defence_point_add(
        case=case, user=case.created_by, statement="初次违法", stated_on=add_workdays(TODAY, -5)
    )
    with pytest.raises(ValidationError) as exc:
        _decide(case)
    assert "第四十五条" in str(exc.value)
    html = _decision_post(client, case).content.decode()
    assert "第四十五条" in html
    with pytest.raises(ValidationError) as exc:
        defence_point_answer(point=point, user=case.created_by, answer="adopted", reason="")
    assert "第四十五条" in str(exc.value)
    html = client.post(
        f"/cases/{case.pk}/procedure/answer/",
        {"point": point.pk, "answer": "not_adopted", "answer_reason": ""},
    ).content.decode()
    assert "第四十五条" in html
    client.post(
        f"/cases/{case.pk}/procedure/answer/",
        {"point": point.pk, "answer": "not_adopted", "answer_reason": "无证据证明"},
    )
    point.refresh_from_db()
    assert point.answer == DefencePoint.Answer.NOT_ADOPTED
    case.refresh_from_db()
    decision = DecisionFactory(case=case, user=case.created_by, procedure=False)
    assert decision.number
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "无证据证明" in page and "不予采纳" in page


def test_the_penalty_is_never_heavier_than_the_notice(client):
    case = at_notice()
    served_notice(case, received_on=add_workdays(TODAY, -6), fine=Decimal("5000"))
    with pytest.raises(ValidationError) as exc:
        _decide(case, fine=Decimal("8000"))
    assert "第四十五条" in str(exc.value)
    html = _decision_post(client, case, fine="8000").content.decode()
    assert "第四十五条" in html
    case.refresh_from_db()
    assert not hasattr(case, "decision") or case.status == Case.Status.OPEN
    with pytest.raises(ValidationError) as exc:
        DecisionFactory(
            case=case,
            user=case.created_by,
            fine_amount=Decimal("3000"),
            penalty_type_codes=["fine", "revoke_licence"],
            procedure=False,
            deviation_reason="从重",
        )
    assert "第四十五条" in str(exc.value)


def test_a_notice_comes_before_the_decision_only():
    case = at_notice()
    _decide(case)
    with pytest.raises(ValidationError) as exc:
        issue(case)
    assert "第四十四条" in str(exc.value)


def test_no_penalty_needs_no_notice():
    case = at_notice()
    case = to_node(case, case.created_by, "decision", notice=False)
    decision = DecisionFactory(
        case=case,
        user=case.created_by,
        no_penalty=True,
        fine_amount=None,
        penalty_types="",
        outcome_reason="no_fault",  # Art. 33 para 2: at any severity
        outcome_note="当事人有证据足以证明没有主观过错。",
    )
    assert decision.no_penalty
    advance(case, case.created_by)


def test_window_dates_are_working_days():
    friday = dt.date(2026, 12, 4)
    assert deadlines.defence_window_ends(friday) == dt.date(2026, 12, 11)
