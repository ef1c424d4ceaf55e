"""Suspension and extension (行政处罚法 Art. 60): only days actually suspended move the 90-day
limit; an extension is capped, approved by the agency's responsible person who is not an
officer on the case, and a further one needs a recorded collective discussion. Broken through
the service, a direct POST and the page."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from enforcement_portal.audit import audit_history
from enforcement_portal.roles import Role
from tests.factories import OfficerFactory, UserFactory
from workflows.models import Case, CaseExtension, CaseSuspension
from workflows.services.limits import (
    extension_decide,
    extension_request,
    suspension_end,
    suspension_start,
)
from workflows.services.procedure_decision import discussion_record

from .factories import case_officer, open_case, penalty_power

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def world():
    power = penalty_power()
    user = case_officer(power.agency)
    leader = UserFactory(roles=[Role.AGENCY_LEADER], agency=power.agency)
    case = open_case(power, user=user, filed_on=TODAY - dt.timedelta(days=40))
    return user, leader, case


def _fresh(case):
    return Case.objects.get(pk=case.pk)


def test_a_suspension_ended_the_same_day_moves_nothing(world):
    user, _leader, case = world
    before = case.decision_due_on
    suspension_start(case=case, user=user, expected_version=case.version, reason="等待检验结果")
    case = _fresh(case)
    assert case.status == "suspended"
    suspension_end(case=case, user=user, expected_version=case.version)
    case = _fresh(case)
    assert case.status == "open" and case.decision_due_on == before
    assert "0" in case.events.filter(kind="resume").get().summary


def test_only_the_days_actually_suspended_count(world):
    user, _leader, case = world
    before = case.decision_due_on
    suspension_start(
        case=case,
        user=user,
        expected_version=case.version,
        reason="等待鉴定",
        started_on=TODAY - dt.timedelta(days=12),
    )
    case = _fresh(case)
    suspension_end(
        case=case, user=user, expected_version=case.version, ended_on=TODAY - dt.timedelta(days=5)
    )
    case = _fresh(case)
    assert case.decision_due_on == before + dt.timedelta(days=7)
    actions = [e.action for e in audit_history(case)]
    assert "case.suspend" in actions and "case.resume" in actions


def test_a_suspension_cannot_be_declared_in_advance(world):
    user, _leader, case = world
    with pytest.raises(ValidationError) as exc:
        suspension_start(
            case=case,
            user=user,
            expected_version=case.version,
            reason="预计等待30天",
            started_on=TODAY + dt.timedelta(days=1),
        )
    assert "第六十条" in " ".join(exc.value.message_dict["started_on"])
    suspension_start(case=case, user=user, expected_version=case.version, reason="等待")
    case = _fresh(case)
    with pytest.raises(ValidationError) as exc:
        suspension_end(
            case=case,
            user=user,
            expected_version=case.version,
            ended_on=TODAY + dt.timedelta(days=30),
        )
    assert "第六十条" in " ".join(exc.value.message_dict["ended_on"])
    assert CaseSuspension.objects.get().ended_on is None


def test_an_extension_above_the_cap_is_refused(world):
    user, _leader, case = world
    with pytest.raises(ValidationError) as exc:
        extension_request(case=case, user=user, days=365, reason="案情复杂")
    assert "第六十条" in " ".join(exc.value.message_dict["days"])
    assert not CaseExtension.objects.exists()


def test_the_cap_is_a_setting(world, settings):
    user, _leader, case = world
    settings.CASE_EXTENSION_MAX_DAYS = 60
    assert extension_request(case=case, user=user, days=60, reason="案情复杂").days == 60


def test_only_the_responsible_person_not_on_the_case_approves(world):
    user, leader, case = world
    extension = extension_request(case=case, user=user, days=30, reason="案情复杂")
    with pytest.raises(ValidationError) as exc:
        extension_decide(extension=extension, user=user, approve=True)
    assert "负责人" in " ".join(exc.value.messages)
    officer_leader = UserFactory(roles=[Role.AGENCY_LEADER], agency=case.agency)
    officer = OfficerFactory(agency=case.agency, user=officer_leader)
    case.case_officers.create(officer=officer)
    with pytest.raises(ValidationError) as exc:
        extension_decide(extension=extension, user=officer_leader, approve=True)
    assert "承办本案" in " ".join(exc.value.messages)
    before = _fresh(case).decision_due_on
    extension_decide(extension=extension, user=leader, approve=True)
    assert _fresh(case).decision_due_on == before + dt.timedelta(days=30)
    extension.refresh_from_db()
    assert extension.status == "approved" and extension.decided_by == leader


def _discussion(case, leader):
    return discussion_record(
        case=case,
        user=leader,
        held_on=TODAY,
        participants=[leader, *(UserFactory(agency=case.agency) for _ in range(2))],
        opinions="案件需补充鉴定，同意延期。",
        conclusion="经局务会集体讨论，同意延期20日。",
    )


def test_a_further_extension_needs_a_collective_discussion(world):
    user, leader, case = world
    first = extension_request(case=case, user=user, days=30, reason="案情复杂")
    extension_decide(extension=first, user=leader, approve=True)
    with pytest.raises(ValidationError) as exc:
        extension_request(case=case, user=user, days=30, reason="仍需鉴定")
    message = " ".join(exc.value.message_dict["discussion"])
    assert "集体讨论" in message and "第六十条" in message
    other = open_case(case.power, user=user, filed_on=case.filed_on)
    with pytest.raises(ValidationError) as exc:  # another case's discussion does not count
        extension_request(
            case=case, user=user, days=20, reason="仍需鉴定", discussion=_discussion(other, leader)
        )
    assert "第六十条" in " ".join(exc.value.message_dict["discussion"])
    discussion = _discussion(case, leader)
    second = extension_request(
        case=case, user=user, days=20, reason="仍需鉴定", discussion=discussion
    )
    assert second.discussion == discussion
    extension_decide(extension=second, user=leader, approve=True)
    case = _fresh(case)
    assert case.decision_due_on == case.filed_on + dt.timedelta(days=90 + 30 + 20)
    with pytest.raises(ValidationError) as exc:  # each further extension its own discussion
        extension_request(case=case, user=user, days=10, reason="再次延期", discussion=discussion)
    assert "第六十条" in " ".join(exc.value.message_dict["discussion"])


def test_a_further_extension_by_post_links_the_discussion(world, client):
    user, leader, case = world
    first = extension_request(case=case, user=user, days=30, reason="案情复杂")
    extension_decide(extension=first, user=leader, approve=True)
    client.force_login(user)
    url = f"/cases/{case.pk}/extensions/new/"
    html = client.post(url, {"days": "20", "reason": "仍需鉴定"}).content.decode()
    assert "《行政处罚法》第六十条" in html and "集体讨论" in html
    assert CaseExtension.objects.filter(case=case).count() == 1
    discussion = _discussion(case, leader)
    page = client.get(url).content.decode()
    assert f'value="{discussion.pk}"' in page  # the form offers the case's discussion
    response = client.post(url, {"days": "20", "reason": "仍需鉴定", "discussion": discussion.pk})
    assert response.status_code == 302
    assert CaseExtension.objects.filter(case=case).last().discussion == discussion


def test_direct_posts_are_refused_with_the_article(world, client):
    user, leader, case = world
    client.force_login(user)
    html = client.post(
        f"/cases/{case.pk}/extensions/new/", {"days": "365", "reason": "案情复杂"}
    ).content.decode()
    assert "《行政处罚法》第六十条" in html and not CaseExtension.objects.exists()
    future = (TODAY + dt.timedelta(days=3)).isoformat()
    html = client.post(
        f"/cases/{case.pk}/suspend/",
        {"version": case.version, "reason": "等待", "started_on": future},
    ).content.decode()
    assert "《行政处罚法》第六十条" in html and not CaseSuspension.objects.exists()
    client.post(f"/cases/{case.pk}/extensions/new/", {"days": "10", "reason": "案情复杂"})
    extension = CaseExtension.objects.get()
    # The officer is no leader: the approval URL refuses outright.
    assert (
        client.post(f"/cases/extensions/{extension.pk}/decide/", {"approve": "1"}).status_code
        == 403
    )
    client.force_login(leader)
    client.post(f"/cases/extensions/{extension.pk}/decide/", {"approve": "1"})
    extension.refresh_from_db()
    assert extension.status == "approved"


def test_the_page_shows_the_limit_and_how_it_was_computed(world, client):
    user, leader, case = world
    suspension_start(
        case=case,
        user=user,
        expected_version=case.version,
        reason="等待检验",
        started_on=TODAY - dt.timedelta(days=10),
    )
    case = _fresh(case)
    suspension_end(
        case=case, user=user, expected_version=case.version, ended_on=TODAY - dt.timedelta(days=6)
    )
    extension = extension_request(case=_fresh(case), user=user, days=15, reason="案情复杂")
    extension_decide(extension=extension, user=leader, approve=True)
    client.force_login(user)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="limit-computation"' in html
    assert "+ 90" in html and "+ 4" in html and "+ 15" in html
    due = case.filed_on + dt.timedelta(days=90 + 4 + 15)
    assert f"{due.year}年{due.month}月{due.day}日" in html
    assert _fresh(case).decision_due_on == due
    # The page's own form refuses a suspension dated ahead.
    html = client.get(f"/cases/{case.pk}/suspend/").content.decode()
    assert 'name="started_on"' in html
