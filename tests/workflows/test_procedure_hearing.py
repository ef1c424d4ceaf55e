"""Hearings (Arts. 63-65): the right, the 5-working-day request window, a host who is not on
the case, the notice 7 working days before, the signed record; a hearing held makes the case
major. Each broken through a service call, a direct POST and the page."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from enforcement_portal.workdays import add_workdays
from workflows import deadlines
from workflows.models import Hearing
from workflows.services.procedure_hearing import hearing_record, hearing_request, hearing_schedule

from .factories import DecisionFactory, advance, to_node
from .procedure_factories import (
    TODAY,
    at_notice,
    backdate_hearing,
    outsider,
    scheduled_hearing,
    serve,
    served_notice,
)

pytestmark = pytest.mark.django_db


def test_no_hearing_without_the_right(client):
    case = at_notice()
    served_notice(case, fine=Decimal("5000"))
    with pytest.raises(ValidationError) as exc:
        hearing_request(case=case, user=case.created_by)
    assert "第六十三条" in str(exc.value)
    client.force_login(case.created_by)
    html = client.post(
        f"/cases/{case.pk}/procedure/hearing-request/", {"requested_on": TODAY}
    ).content.decode()
    assert "第六十三条" in html
    assert not Hearing.objects.filter(case=case).exists()


def test_a_request_after_5_working_days_is_refused(client):
    case = at_notice()
    received = add_workdays(TODAY, -6)
    served_notice(case, received_on=received, fine=Decimal("200000"))
    with pytest.raises(ValidationError) as exc:
        hearing_request(case=case, user=case.created_by, requested_on=TODAY)
    assert "第六十四条" in str(exc.value)
    assert str(deadlines.defence_window_ends(received)) in str(exc.value)
    client.force_login(case.created_by)
    html = client.post(
        f"/cases/{case.pk}/procedure/hearing-request/", {"requested_on": TODAY}
    ).content.decode()
    assert "第六十四条" in html
    hearing = hearing_request(
        case=case, user=case.created_by, requested_on=add_workdays(received, 5)
    )
    case.refresh_from_db()
    assert hearing.status == Hearing.Status.REQUESTED and case.hearing_requested


def test_the_host_is_not_an_officer_on_the_case(client):
    case = at_notice()
    served_notice(case, fine=Decimal("200000"))
    hearing = hearing_request(case=case, user=case.created_by)
    with pytest.raises(ValidationError) as exc:
        hearing_schedule(
            hearing=hearing,
            user=case.created_by,
            hearing_on=add_workdays(TODAY, 10),
            host=case.created_by,
        )
    assert "第六十四条" in str(exc.value)
    client.force_login(case.created_by)
    html = client.post(
        f"/cases/{case.pk}/procedure/hearing-schedule/",
        {"hearing_on": add_workdays(TODAY, 10), "host": case.created_by.pk, "place": "听证室"},
    ).content.decode()
    assert "第六十四条" in html and "非本案调查人员" in html


def test_a_hearing_too_soon_for_its_notice_is_refused():
    case = at_notice()
    served_notice(case, fine=Decimal("200000"))
    hearing = hearing_request(case=case, user=case.created_by)
    with pytest.raises(ValidationError) as exc:
        hearing_schedule(
            hearing=hearing,
            user=case.created_by,
            hearing_on=add_workdays(TODAY, 3),
            host=outsider(case.agency),
        )
    assert "第六十四条" in str(exc.value)


def test_the_hearing_notice_is_served_7_working_days_before(client):
    case = at_notice()
    hearing = scheduled_hearing(case)
    latest = deadlines.hearing_notice_latest(hearing.hearing_on)
    backdate_hearing(hearing, add_workdays(TODAY, 5))
    with pytest.raises(ValidationError) as exc:
        serve(case, "hearing_notice")
    assert "第六十四条" in str(exc.value)
    client.force_login(case.created_by)
    html = client.post(
        f"/cases/{case.pk}/procedure/service/",
        {"document_kind": "hearing_notice", "method": "direct", "served_on": TODAY},
    ).content.decode()
    assert "第六十四条" in html
    backdate_hearing(hearing, add_workdays(TODAY, 10))
    assert latest >= TODAY
    serve(case, "hearing_notice")


def test_the_record_is_signed_or_the_refusal_noted_and_the_case_becomes_major(client):
    case = at_notice()
    hearing = scheduled_hearing(case, received_on=add_workdays(TODAY, -12))
    backdate_hearing(hearing, TODAY)  # scheduled ahead, held today
    serve(case, "hearing_notice", day=add_workdays(TODAY, -8))
    case = advance(case, case.created_by)
    assert case.current_node.code == "hearing"
    with pytest.raises(ValidationError) as exc:
        hearing_record(
            hearing=hearing, user=case.created_by, held_on=TODAY, record_text="", signature="signed"
        )
    assert "第六十四条" in str(exc.value)
    client.force_login(case.created_by)
    html = client.post(
        f"/cases/{case.pk}/procedure/hearing-record/",
        {"held_on": TODAY, "record_text": "听证笔录。", "signature": "refused"},
    ).content.decode()
    assert "第六十四条" in html and "拒绝签字" in html
    response = client.post(
        f"/cases/{case.pk}/procedure/hearing-record/",
        {
            "held_on": TODAY,
            "record_text": "听证笔录。",
            "signature": "refused",
            "refusal_note": "当事人拒绝签字，两名执法人员在场见证。",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    hearing.refresh_from_db()
    assert hearing.status == Hearing.Status.HELD and hearing.record.kind == "hearing"
    assert case.is_major and "第五十八条" in case.major_reason
    assert advance(case, case.created_by).current_node.code == "legal_review"


def test_a_hearing_notice_served_late_stops_the_hearing_record():
    case = at_notice()
    hearing = scheduled_hearing(case)
    serve(case, "hearing_notice")
    backdate_hearing(hearing, add_workdays(TODAY, 3))  # moved closer after the notice
    with pytest.raises(ValidationError) as exc:
        hearing_record(
            hearing=hearing,
            user=case.created_by,
            held_on=TODAY,
            record_text="x",
            signature="signed",
        )
    assert "第六十四条" in str(exc.value)


def test_no_decision_while_a_requested_hearing_is_not_held():
    case = at_notice()
    served_notice(case, received_on=add_workdays(TODAY, -6), fine=Decimal("200000"))
    hearing_request(case=case, user=case.created_by, requested_on=add_workdays(TODAY, -5))
    case.refresh_from_db()
    case = to_node(case, case.created_by, "decision")
    with pytest.raises(ValidationError) as exc:
        DecisionFactory(case=case, user=case.created_by, fine_amount=Decimal("5000"))
    assert "第六十四条" in str(exc.value)


def test_after_a_hearing_the_decision_cites_its_record():
    """Art. 65: the check decision_make runs refuses a decision whose evidence does not list
    the hearing record once a hearing was held."""
    from workflows.services.procedure_decision import decision_procedure_problems

    case = at_notice()
    hearing = scheduled_hearing(case, received_on=add_workdays(TODAY, -12))
    Hearing.objects.filter(pk=hearing.pk).update(status=Hearing.Status.HELD)
    case.refresh_from_db()

    def problems(evidence):
        return " ".join(
            str(p)
            for p in decision_procedure_problems(
                case, decided_on=TODAY, fine_amount=None, confiscation_amount=None,
                evidence=evidence,
            )
        )  # fmt: skip

    assert "第六十五条" in problems("现场检查笔录、询问笔录。")
    assert "第六十五条" not in problems("现场检查笔录、听证笔录。")
    assert "第六十五条" not in problems(None)  # callers that do not decide are not asked
