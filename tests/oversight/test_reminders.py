"""Reminders before deadlines: the working-day lead times across the 2026 National Day holiday,
who is told, a rerun that sends nothing twice, quiet once the deadline is met, each kind."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from disclosure.models import Publication
from enforcement_portal.models import AuditEvent
from enforcement_portal.roles import Role
from oversight.inbox.models import Message
from oversight.legal_review.models import LegalReview
from oversight.reminders import conf
from oversight.reminders.registry import all_kinds
from oversight.reminders.services import reminders_send, windows
from reports.models import Report
from tests.disclosure.factories import PublicationFactory, PublishedFactory, publicity_officer
from tests.factories import AgencyFactory, UserFactory
from tests.oversight.legal_factories import LegalReviewFactory
from tests.reports.factories import ReportFactory, handler, handling_body
from workflows.models import Case

from .reminder_factories import at, case_due, days

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 10, 9)  # a Friday, the second working day after the National Day holiday


def run(day: dt.date, **kwargs):
    return reminders_send(today=day, now=at(day), **kwargs)


def reminders(**filters):
    return Message.objects.filter(category=Message.Category.REMINDER, **filters)


def test_lead_times_count_working_days_across_national_day():
    case = case_due(DUE)
    officers = {o.user_id for o in case.officers.all()}
    sent_on: dict[dt.date, list[tuple]] = {}
    for day in days(dt.date(2026, 9, 21), dt.date(2026, 10, 12)):
        before = set(reminders().values_list("pk", flat=True))
        run(day, codes=["case_decision_due"])
        new = reminders().exclude(pk__in=before)
        if new:
            sent_on[day] = sorted(new.values_list("recipient_id", "lead", "due_on"))
    # 3 working days before Fri 9 Oct: Tue 29 Sep (30 Sep, 8 Oct, 9 Oct; 1-7 Oct are off),
    # not 6 Oct as three calendar days would say; 1 working day before: Thu 8 Oct.
    assert sent_on == {
        dt.date(2026, 9, 29): sorted((u, 3, DUE) for u in officers),
        dt.date(2026, 10, 8): sorted((u, 1, DUE) for u in officers),
    }
    message = reminders(lead=3).first()
    assert message.object_type == "workflows.case" and message.object_id == case.pk
    assert case.number in message.text and "2026-10-09" in message.text
    assert "作出处罚决定" in message.text or "decision" in message.text


def test_windows_do_not_overlap():
    today = dt.date(2026, 9, 29)
    assert windows((3, 1), today) == [
        (3, (dt.date(2026, 9, 30), DUE)),
        (1, (dt.date(2026, 9, 28), dt.date(2026, 9, 30))),
    ]


def test_a_deadline_first_seen_one_day_ahead_gets_only_the_one_day_reminder():
    case_due(DUE)
    run(dt.date(2026, 10, 8), codes=["case_decision_due"])
    assert set(reminders().values_list("lead", flat=True)) == {1}


def test_a_rerun_sends_nothing_twice_and_it_is_audited():
    case_due(DUE)
    first = run(dt.date(2026, 9, 29))
    again = run(dt.date(2026, 9, 29))
    assert first.per_kind["case_decision_due"]["sent"] == 2
    assert again.sent == 0
    assert reminders().count() == 2
    assert AuditEvent.objects.filter(action="reminders.run").count() == 2


def test_quiet_once_the_deadline_is_met():
    case = case_due(DUE)
    run(dt.date(2026, 9, 29))
    assert reminders(done_at__isnull=True).count() == 2
    Case.objects.filter(pk=case.pk).update(status=Case.Status.DECIDED)  # decided in time
    result = run(dt.date(2026, 9, 30))
    assert result.per_kind["case_decision_due"]["done"] == 2
    assert reminders(done_at__isnull=True).count() == 0
    run(dt.date(2026, 10, 8))
    assert not reminders(kind="case_decision_due", lead=1).exists()  # no 1-day reminder


def test_an_extension_closes_the_old_reminder_and_the_new_date_gets_its_own():
    case = case_due(DUE)
    run(dt.date(2026, 9, 29))
    later = dt.date(2026, 10, 12)  # 3 working days after 8 Oct: 9, 10 (a Saturday worked), 12
    Case.objects.filter(pk=case.pk).update(decision_due_on=later)
    run(dt.date(2026, 10, 8))
    assert reminders(due_on=DUE, done_at__isnull=True).count() == 0
    assert set(reminders(due_on=later).values_list("lead", flat=True)) == {3}


def test_suspended_cases_are_not_reminded():
    case = case_due(DUE)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.SUSPENDED)
    assert run(dt.date(2026, 9, 29)).sent == 0


def test_lead_times_come_from_settings(settings):
    settings.OVERSIGHT_REMINDER_LEADS = {"case_decision_due": (5, 2, 0)}
    assert conf.lead_days("case_decision_due") == (5, 2, 0)
    assert conf.lead_days("case_node_due") == (3, 1)
    case_due(DUE)
    for day in days(dt.date(2026, 9, 21), DUE):
        run(day, codes=["case_decision_due"])
    by_lead = dict(reminders().values_list("lead", "created_at__date"))
    assert set(by_lead) == {5, 2, 0}


def test_every_kind_reaches_the_people_responsible():
    today = dt.date(2026, 9, 29)
    # A step limit, and (another case) payment and archiving.
    stepping = case_due(dt.date(2026, 12, 1), node_due=DUE)
    paying = case_due(dt.date(2026, 12, 1))
    from tests.workflows.factories import decide, to_node

    to_node(paying, paying.created_by, "decision")
    decide(paying, paying.created_by, fine=Decimal("500.00"))
    paying.decision.__class__.objects.filter(pk=paying.decision.pk).update(performance_due_on=DUE)
    Case.objects.filter(pk=paying.pk).update(status=Case.Status.DECIDED, node_due_on=None)
    archiving = case_due(dt.date(2026, 12, 1))
    Case.objects.filter(pk=archiving.pk).update(status=Case.Status.CLOSED, archive_due_on=DUE)
    # A publication, a withdrawal, a legal review, two reports.
    agency = stepping.agency
    publication = PublicationFactory(agency=agency, due_by=DUE)
    publicist = publicity_officer(agency)
    withdrawn = PublishedFactory(agency=agency, due_by=DUE, published_on=dt.date(2026, 9, 1))
    Publication.objects.filter(pk=withdrawn.pk).update(revoked_on=today, withdrawal_due=DUE)
    review = LegalReviewFactory(case=stepping, status=LegalReview.Status.SUBMITTED, due_on=DUE)
    lawyer = UserFactory(roles=[Role.LEGAL_REVIEWER], agency=agency)
    UserFactory(roles=[Role.LEGAL_REVIEWER])  # another agency's: not told
    body_handler = handler()
    report = ReportFactory(agency=agency)
    Report.objects.filter(pk=report.pk).update(accept_due=DUE)
    concluding = ReportFactory(agency=agency)
    Report.objects.filter(pk=concluding.pk).update(status=Report.Status.ACCEPTED, conclude_due=DUE)
    assert report.handling_agency_id == handling_body().pk

    run(today)
    told = {(m.kind, m.object_id, m.recipient_id) for m in reminders().filter(lead=3)}
    officers = lambda case: {o.user_id for o in case.officers.all()}  # noqa: E731
    expected = {
        *{("case_node_due", stepping.pk, u) for u in officers(stepping)},
        *{("case_payment_due", paying.pk, u) for u in officers(paying)},
        *{("case_archive_due", archiving.pk, u) for u in officers(archiving)},
        ("publication_due", publication.pk, publicist.pk),
        ("publication_withdrawal_due", withdrawn.pk, publicist.pk),
        ("legal_review_due", review.pk, lawyer.pk),
        ("report_accept_due", report.pk, body_handler.pk),
        ("report_conclude_due", concluding.pk, body_handler.pk),
    }
    assert told == expected
    # The procedure's and enforcement's kinds are tested in test_reminders_procedure.py.
    procedure = {
        "defence_window_due",
        "hearing_request_due",
        "hearing_notice_due",
        "decision_service_due",
        "urge_due",
        "court_application_due",
    }
    assert (
        set(all_kinds()) == {kind for kind, _o, _u in expected} | {"case_decision_due"} | procedure
    )


def test_nothing_about_the_reporter_in_a_reminder():
    handler()
    report = ReportFactory(
        agency=AgencyFactory(),
        is_anonymous=False,
        reporter_name="王秘密",
        reporter_contact="13900001111",
        subject="举报人自述张三",
        description="我是王秘密，住在幸福小区",
    )
    Report.objects.filter(pk=report.pk).update(accept_due=DUE)
    run(dt.date(2026, 9, 29))
    message = reminders(kind="report_accept_due").get()
    for secret in ("王秘密", "13900001111", "张三", "幸福小区", report.lookup):
        assert secret not in message.text and secret not in message.label
    assert str(report.pk) in message.label


def test_the_task_runs_the_job(settings):
    from oversight.reminders.tasks import send_reminders

    case_due(timezone.localdate() + dt.timedelta(days=1))
    result = send_reminders.delay().get()
    assert result["sent"] >= 1
