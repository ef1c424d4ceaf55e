"""Approval and collective discussion (Art. 57): the responsible person of the case's agency,
never an officer on the case, approves; complex or serious cases are discussed first; the
decision leaves the decision node and is served only once approved."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from enforcement_portal.workdays import add_workdays
from workflows.exceptions import GateRefused
from workflows.models import Approval, CollectiveDiscussion
from workflows.selectors_procedure import discussion_reasons
from workflows.services.cases import case_advance
from workflows.services.procedure_decision import decision_approve, discussion_record

from .factories import DecisionFactory, case_officer, leader, to_node
from .procedure_factories import TODAY, at_notice, serve, served_notice

pytestmark = pytest.mark.django_db


def _decided(fine=Decimal("5000")):
    case = at_notice()
    served_notice(case, received_on=add_workdays(TODAY, -6), fine=fine)
    case = to_node(case, case.created_by, "decision")
    DecisionFactory(case=case, user=case.created_by, fine_amount=fine, approve=False)
    case.refresh_from_db()
    return case


def test_only_the_agencys_responsible_person_approves(client):
    case = _decided()
    with pytest.raises(ValidationError) as exc:
        decision_approve(case=case, user=case_officer(case.agency))
    assert "第五十七条" in str(exc.value)
    client.force_login(case.created_by)
    assert client.get(f"/cases/{case.pk}/procedure/approval/").status_code == 403
    boss = leader(case.agency)
    client.force_login(boss)
    response = client.post(f"/cases/{case.pk}/procedure/approval/", {"approved_on": TODAY})
    assert response.status_code == 302
    approval = Approval.objects.get(case=case)
    assert approval.approved_by == boss
    assert case.events.filter(kind="approval").exists()


def test_an_officer_on_the_case_cannot_approve_its_decision(client):
    case = _decided()
    officer_leader = case.created_by
    officer_leader.groups.add(*leader(case.agency).groups.all())
    with pytest.raises(ValidationError) as exc:
        decision_approve(case=case, user=officer_leader)
    assert "第五十七条" in str(exc.value) and "承办" in str(exc.value)
    client.force_login(officer_leader)
    html = client.post(
        f"/cases/{case.pk}/procedure/approval/", {"approved_on": TODAY}
    ).content.decode()
    assert "第五十七条" in html
    assert not Approval.objects.filter(case=case).exists()


def test_a_serious_case_needs_a_collective_discussion_before_approval(client):
    case = _decided(fine=Decimal("65000"))  # organisation: 50,000 (a setting)
    assert discussion_reasons(case)
    boss = leader(case.agency)
    with pytest.raises(ValidationError) as exc:
        decision_approve(case=case, user=boss)
    assert "第五十七条" in str(exc.value) and "集体讨论" in str(exc.value)
    client.force_login(boss)
    html = client.post(
        f"/cases/{case.pk}/procedure/approval/", {"approved_on": TODAY}
    ).content.decode()
    assert "第五十七条" in html
    two = [boss, leader(case.agency)]
    with pytest.raises(ValidationError) as exc:
        discussion_record(
            case=case,
            user=boss,
            held_on=TODAY,
            participants=two,
            opinions="同意",
            conclusion="同意",
        )
    assert "第五十七条" in str(exc.value)
    client.force_login(case.created_by)
    html = client.post(
        f"/cases/{case.pk}/procedure/discussion/",
        {
            "held_on": TODAY,
            "participants": [u.pk for u in two],
            "opinions": "同意",
            "conclusion": "同意",
        },
    ).content.decode()
    assert "第五十七条" in html
    three = [*two, leader(case.agency)]
    client.post(
        f"/cases/{case.pk}/procedure/discussion/",
        {
            "held_on": TODAY,
            "participants": [u.pk for u in three],
            "opinions": "一致同意",
            "conclusion": "同意处罚",
        },
    )
    assert CollectiveDiscussion.objects.get(case=case).participants.count() == 3
    decision_approve(case=case, user=boss)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "同意处罚" in page and str(boss) in page


def test_the_decision_leaves_its_node_and_is_served_only_once_approved(client):
    case = _decided()
    with pytest.raises(GateRefused) as exc:
        case_advance(case=case, user=case.created_by, expected_version=case.version)
    assert "第五十七条" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        serve(case, "decision")
    assert "第五十七条" in str(exc.value)
    client.force_login(case.created_by)
    html = client.post(
        f"/cases/{case.pk}/procedure/service/",
        {"document_kind": "decision", "method": "direct", "served_on": TODAY},
    ).content.decode()
    assert "第五十七条" in html
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "第五十七条" in page  # the next-step problems say why it cannot move
    decision_approve(case=case, user=leader(case.agency))
    case.refresh_from_db()
    case_advance(case=case, user=case.created_by, expected_version=case.version)
    serve(case, "decision")
