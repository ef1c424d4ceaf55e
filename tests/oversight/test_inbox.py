"""The inbox: the header count, read and unread, links to the object, the query count of the
list; escalations of orange and red warnings (once, with the reminders before them); the
daily digests of supervisors and leaders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from enforcement_portal.roles import Role
from oversight.inbox.digest import digests_send
from oversight.inbox.models import Message
from oversight.models import EarlyWarning, Level
from oversight.reminders.escalation import escalations_send
from oversight.reminders.services import reminders_send
from oversight.warnings.engine import scan
from tests.factories import UserFactory
from workflows.models import Case

from .reminder_factories import at, case_due

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 10, 9)


def remind(day=dt.date(2026, 9, 29)):
    return reminders_send(today=day, now=at(day))


def test_the_header_counts_unread_and_opening_marks_read(client):
    case = case_due(DUE)
    officer = case.officers.first().user
    remind()
    client.force_login(officer)
    page = client.get(reverse("workflows:case_list")).content.decode()
    assert 'data-testid="inbox-count">1<' in page
    inbox = client.get(reverse("oversight:inbox")).content.decode()
    message = Message.objects.get(recipient=officer)
    assert case.number in inbox and reverse("oversight:inbox_message", args=[message.pk]) in inbox
    detail = client.get(reverse("oversight:inbox_message", args=[message.pk])).content.decode()
    assert reverse("workflows:case_detail", args=[case.pk]) in detail
    assert "2026-10-09" in detail
    message.refresh_from_db()
    assert message.read_at is not None
    assert 'data-testid="inbox-count">0<' in client.get(reverse("oversight:inbox")).content.decode()
    client.post(reverse("oversight:inbox_message", args=[message.pk]), {"read": "0"})
    message.refresh_from_db()
    assert message.read_at is None
    unread = client.get(reverse("oversight:inbox") + "?show=unread").content.decode()
    assert case.number in unread


def test_nobody_reads_another_users_message(client):
    case = case_due(DUE)
    remind()
    message = Message.objects.first()
    client.force_login(UserFactory(roles=[Role.CASE_OFFICER], agency=case.agency))
    assert client.get(reverse("oversight:inbox_message", args=[message.pk])).status_code == 404
    assert case.number not in client.get(reverse("oversight:inbox")).content.decode()


def test_opening_the_inbox_marks_done_what_was_acted_on(client):
    case = case_due(DUE)
    officer = case.officers.first().user
    remind()
    Case.objects.filter(pk=case.pk).update(status=Case.Status.DECIDED)
    client.force_login(officer)
    page = client.get(reverse("oversight:inbox")).content.decode()
    assert Message.objects.get(recipient=officer).done_at is not None
    assert "已办" in page or "Done" in page


def test_the_inbox_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    case = case_due(DUE, node_due=dt.date(2026, 9, 30))
    officer = case.officers.first().user
    remind()
    client.force_login(officer)
    client.get(reverse("oversight:inbox"))
    with django_assert_max_num_queries(14):
        client.get(reverse("oversight:inbox"))


def test_preferences_are_saved_and_bad_input_is_refused(client):
    user = UserFactory(roles=[Role.CASE_OFFICER])
    client.force_login(user)
    url = reverse("oversight:inbox_preferences")
    assert "case_decision_due" in client.get(url).content.decode()
    data = {code: "email" for code in ("case_node_due",)}
    bad = client.post(url, {**data, "case_decision_due": "fax"})
    assert bad.status_code == 400
    assert not user.delivery_preferences.exists()
    from oversight.inbox.forms import preference_kinds

    good = {code: "inbox" for code, _name in preference_kinds()}
    good["digest"] = "email"
    assert client.post(url, good).status_code == 302
    assert user.delivery_preferences.get(kind="case_decision_due").mode == "inbox"


# ------------------------------------------------------------------ escalation


def overdue_case_with_history():
    case = case_due(DUE)
    remind()
    remind(dt.date(2026, 10, 8))
    Case.objects.filter(pk=case.pk).update(decision_due_on=dt.date(2026, 10, 9))
    return case


def test_orange_tells_the_leader_red_the_supervisors_once_with_the_history():
    case = overdue_case_with_history()
    leader = UserFactory(roles=[Role.AGENCY_LEADER], agency=case.agency)
    UserFactory(roles=[Role.AGENCY_LEADER])  # another agency's leader: not told
    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    scan(today=dt.date(2026, 10, 12), now=at(dt.date(2026, 10, 12)))
    warning = EarlyWarning.objects.get(rule__code="case_decision_overdue")
    assert warning.level == Level.ORANGE  # the 90-day rule opens orange
    escalations_send(now=at(dt.date(2026, 10, 12)))
    told = Message.objects.get(category="escalation", object_id=warning.pk)
    assert told.recipient == leader and told.kind == "orange" and told.object_id == warning.pk
    assert case.number in told.text
    # The history: both reminders (to both officers) before the breach.
    assert told.text.count("2026-10-09") >= 4 and "2026-09-29" in told.text
    assert escalations_send(now=at(dt.date(2026, 10, 12))) == 0  # once
    EarlyWarning.objects.filter(pk=warning.pk).update(level=Level.RED)
    assert escalations_send(now=at(dt.date(2026, 10, 20))) == 1
    red = Message.objects.get(category="escalation", kind="red", object_id=warning.pk)
    assert red.recipient == supervisor
    assert escalations_send(now=at(dt.date(2026, 10, 21))) == 0
    assert Message.objects.filter(category="escalation", object_id=warning.pk).count() == 2


def test_the_supervisors_digest_lists_the_days_red_warnings_and_the_leaders_their_agency():
    case = overdue_case_with_history()
    other = case_due(dt.date(2026, 10, 9))
    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    leader = UserFactory(roles=[Role.AGENCY_LEADER], agency=case.agency)
    scan(today=dt.date(2026, 10, 12), now=at(dt.date(2026, 10, 12)))
    EarlyWarning.objects.filter(subject_id=str(case.pk)).update(level=Level.RED)
    assert digests_send(today=dt.date(2026, 10, 12), now=at(dt.date(2026, 10, 12), 8)) == 2
    digest = Message.objects.get(category="digest", recipient=supervisor)
    assert case.number in digest.text
    assert other.number not in digest.text.split("\n\n")[0] or other.agency == case.agency
    mine = Message.objects.get(category="digest", recipient=leader)
    assert case.number in mine.text
    assert digests_send(today=dt.date(2026, 10, 12)) == 0  # one a day
    assert Message.objects.filter(category="digest").count() == 2
