"""The early-warning engine: each rule on crafted data, no duplicates, self-resolution,
escalation with age, and handling to the end with every step audited."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from disclosure.models import Publication
from enforcement_portal.audit import audit_history
from enforcement_portal.models import CalendarDay
from enforcement_portal.roles import Role
from oversight.models import EarlyWarning, WarningRule
from oversight.warnings.engine import scan
from powers.models import Power
from tests.disclosure.factories import PublicationFactory
from tests.factories import AgencyFactory, OfficerFactory, PowerFactory, UserFactory
from tests.reports.factories import submit_report

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)
NOW = timezone.make_aware(dt.datetime(2026, 11, 22, 9, 0))


def open_warnings(code):
    return EarlyWarning.objects.filter(rule__code=code, status__in=EarlyWarning.OPEN)


def test_overdue_publication_opens_once_and_resolves_when_published():
    late = PublicationFactory(due_by=TODAY - dt.timedelta(days=1))
    PublicationFactory(due_by=TODAY + dt.timedelta(days=2))  # not yet due
    scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    warnings = list(open_warnings("publication_overdue"))
    assert [(w.subject_id, w.agency_id) for w in warnings] == [(str(late.pk), late.agency_id)]
    assert warnings[0].subject_label == late.decision_number

    Publication.objects.filter(pk=late.pk).update(
        status="published", published_on=TODAY, publish_until=TODAY
    )
    result = scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    assert result.per_rule["publication_overdue"]["resolved"] == 1
    warnings[0].refresh_from_db()
    assert warnings[0].status == EarlyWarning.Status.RESOLVED and warnings[0].resolved_at == NOW


def test_flagged_power_opens_and_clears():
    power = PowerFactory()
    Power.objects.filter(pk=power.pk).update(
        basis_needs_review=True, basis_review_note="《某条例》已废止"
    )
    scan(today=TODAY, now=NOW, codes=["power_basis_review"])
    assert open_warnings("power_basis_review").get().detail == "《某条例》已废止"
    Power.objects.filter(pk=power.pk).update(basis_needs_review=False)
    scan(today=TODAY, now=NOW, codes=["power_basis_review"])
    assert not open_warnings("power_basis_review").exists()


def test_legal_reviewers_under_five_percent():
    agency = AgencyFactory()
    OfficerFactory.create_batch(30, agency=agency)
    OfficerFactory.create_batch(5, agency=agency, certificate_valid_until=dt.date(2020, 1, 1))
    UserFactory(roles=[Role.LEGAL_REVIEWER], agency=agency)
    scan(today=TODAY, now=NOW, codes=["legal_reviewer_ratio"])
    warning = open_warnings("legal_reviewer_ratio").get()
    assert warning.agency_id == agency.pk and "1 人 / 执法人员 30 人" in warning.detail
    UserFactory(roles=[Role.LEGAL_REVIEWER], agency=agency)  # 2 of 30 is 6.7 %
    scan(today=TODAY, now=NOW, codes=["legal_reviewer_ratio"])
    assert not open_warnings("legal_reviewer_ratio").exists()


def test_repeated_reports_warn_supervisors_only():
    agency = AgencyFactory()
    officer = OfficerFactory(agency=agency)
    for _ in range(3):
        submit_report(agency, officer=officer)
    scan(codes=["repeated_reports_officer", "repeated_reports_agency"])
    officer_warning = open_warnings("repeated_reports_officer").get()
    agency_warning = open_warnings("repeated_reports_agency").get()
    assert officer_warning.subject_id == str(officer.pk) and "3 件" in officer_warning.detail
    assert agency_warning.subject_id == str(agency.pk)
    # the reported agency and officer must not learn of the reports through a warning
    assert officer_warning.agency_id is None and officer_warning.officer_id is None
    assert agency_warning.agency_id is None


def test_a_year_without_a_calendar_warns_until_its_holidays_are_entered():
    scan(today=TODAY, now=NOW, codes=["calendar_gap"])
    assert [w.subject_id for w in open_warnings("calendar_gap")] == ["2027"]
    CalendarDay.objects.create(date=dt.date(2027, 1, 1), kind=CalendarDay.Kind.HOLIDAY, note="元旦")
    scan(today=TODAY, now=NOW, codes=["calendar_gap"])
    assert not open_warnings("calendar_gap").exists()


def test_open_warnings_escalate_with_age():
    PublicationFactory(due_by=TODAY - dt.timedelta(days=20))
    scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    rule = WarningRule.objects.get(code="publication_overdue")
    warning = open_warnings("publication_overdue").get()
    assert warning.level == "yellow"
    scan(
        today=TODAY,
        now=NOW + dt.timedelta(days=rule.orange_after_days),
        codes=["publication_overdue"],
    )
    warning.refresh_from_db()
    assert warning.level == "orange"
    scan(
        today=TODAY, now=NOW + dt.timedelta(days=rule.red_after_days), codes=["publication_overdue"]
    )
    warning.refresh_from_db()
    assert warning.level == "red"


def test_inactive_rules_do_not_run():
    scan(today=TODAY, now=NOW, codes=["calendar_gap"])
    WarningRule.objects.filter(code="publication_overdue").update(is_active=False)
    PublicationFactory(due_by=TODAY - dt.timedelta(days=1))
    result = scan(today=TODAY, now=NOW)
    assert "publication_overdue" not in result.per_rule
    assert not open_warnings("publication_overdue").exists()


def test_handling_to_the_end_with_every_step_audited(client):
    agency = AgencyFactory()
    PublicationFactory(agency=agency, due_by=TODAY - dt.timedelta(days=1))
    scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    warning = open_warnings("publication_overdue").get()

    outsider = UserFactory(roles=[Role.AGENCY_LEADER], agency=AgencyFactory())
    client.force_login(outsider)
    assert client.get(reverse("oversight:warning", args=[warning.pk])).status_code == 403
    assert (
        client.post(reverse("oversight:warning_action", args=[warning.pk, "verify"])).status_code
        == 403
    )

    officer_of_agency = UserFactory(roles=[Role.CASE_OFFICER], agency=agency)
    client.force_login(officer_of_agency)
    assert client.get(reverse("oversight:warning", args=[warning.pk])).status_code == 200
    assert (
        client.post(reverse("oversight:warning_action", args=[warning.pk, "verify"])).status_code
        == 403
    )

    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    client.force_login(supervisor)
    early_close = client.post(reverse("oversight:warning_action", args=[warning.pk, "close"]))
    assert (
        early_close.status_code == 400
        and "只有已处置的预警才能办结" in early_close.content.decode()
    )
    client.post(
        reverse("oversight:warning_action", args=[warning.pk, "verify"]), {"note": "调取案卷核查"}
    )
    missing = client.post(
        reverse("oversight:warning_action", args=[warning.pk, "handle"]),
        {"handling": "rectify", "note": ""},
    )
    assert missing.status_code == 400 and "这个字段是必填项" in missing.content.decode()
    fake = SimpleUploadedFile(
        "整改报告.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    refused = client.post(
        reverse("oversight:warning_action", args=[warning.pk, "handle"]),
        {"handling": "rectify", "note": "责令限期公示", "attachment": fake},
    )
    assert refused.status_code == 400 and "只接受PDF" in refused.content.decode()
    pdf = SimpleUploadedFile("整改报告.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    client.post(
        reverse("oversight:warning_action", args=[warning.pk, "handle"]),
        {"handling": "rectify", "note": "责令限期公示", "attachment": pdf},
    )
    client.post(reverse("oversight:warning_action", args=[warning.pk, "close"]))
    warning.refresh_from_db()
    assert warning.status == EarlyWarning.Status.CLOSED and warning.handling == "rectify"
    assert [e.action for e in audit_history(warning)] == [
        "warning.verify",
        "warning.handle",
        "warning.close",
    ]
    assert warning.actions.get(action="handle").attachment_name == "整改报告.pdf"
    # a closed warning does not block a new one if the condition is still there
    scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    assert open_warnings("publication_overdue").count() == 1


def test_list_is_scoped_and_the_desk_counts(client):
    agency, other = AgencyFactory(), AgencyFactory()
    PublicationFactory(agency=agency, due_by=TODAY - dt.timedelta(days=1))
    PublicationFactory(agency=other, due_by=TODAY - dt.timedelta(days=1))
    scan(today=TODAY, now=NOW, codes=["publication_overdue"])
    client.force_login(UserFactory(roles=[Role.AGENCY_LEADER], agency=agency))
    listed = client.get(reverse("oversight:warnings")).context["page"].items
    assert {w.agency_id for w in listed} == {agency.pk}
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    assert len(client.get(reverse("oversight:warnings")).context["page"].items) == 2
    panel = client.get("/").content.decode().split('data-testid="warnings-panel"')[1]
    assert '<div class="stat-figure">2</div>' in panel


def test_scan_warnings_command_runs_every_rule(capsys):
    from django.core.management import call_command

    call_command("scan_warnings")
    out = capsys.readouterr().out
    assert "publication_overdue" in out and "calendar_gap" in out and "Scan done" in out


def test_a_change_not_public_within_a_month_warns_until_registered():
    from discretion import services as discretion_services
    from powers.models import PowerVersion
    from tests.discretion.factories import make_standard

    code = "public_update_overdue"
    changed, fresh, revised = PowerFactory(), PowerFactory(), PowerFactory()
    old = timezone.make_aware(dt.datetime.combine(TODAY - dt.timedelta(days=31), dt.time(9)))
    recent = timezone.make_aware(dt.datetime.combine(TODAY - dt.timedelta(days=20), dt.time(9)))
    for power, created in ((changed, old), (fresh, recent)):
        version = PowerVersion.objects.create(
            power=power, number=2, name=power.name, category=power.category
        )
        PowerVersion.objects.filter(pk=version.pk).update(created_at=created)
    standard = make_standard(power=revised)
    draft = discretion_services.standard_new_version(standard=standard)
    type(draft).objects.filter(pk=draft.pk).update(created_at=old)

    scan(today=TODAY, now=NOW, codes=[code])
    warnings = {w.subject_id: w for w in open_warnings(code)}
    assert set(warnings) == {str(changed.pk), str(revised.pk)}  # 20 days is within the month
    assert warnings[str(changed.pk)].detail == "权力事项的变更超过30日未公开"
    assert warnings[str(revised.pk)].detail == "裁量基准的变更超过30日未公开"
    assert warnings[str(changed.pk)].agency_id == changed.agency_id

    # Registered (the public now reads the new content): the warning resolves itself.
    PowerVersion.objects.filter(power=changed).update(status=PowerVersion.Status.REGISTERED)
    scan(today=TODAY, now=NOW, codes=[code])
    assert {w.subject_id for w in open_warnings(code)} == {str(revised.pk)}


def test_a_broken_audit_chain_warns_supervisors_until_a_verification_passes(require_postgres):
    from django.db import connection

    from enforcement_portal.audit import audit_append
    from enforcement_portal.models import AuditEvent
    from enforcement_portal.tasks import verify_audit_chain

    def as_owner(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only"
            )
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")

    code = "audit_chain_broken"
    events = [audit_append(action="test.event", changes={"i": i}) for i in range(4)]
    assert verify_audit_chain()["ok"] is True
    scan(today=TODAY, now=NOW, codes=[code])
    assert not open_warnings(code).exists()

    forged = events[1]
    as_owner("UPDATE core_auditevent SET action = 'forged' WHERE id = %s", [forged.pk])
    result = verify_audit_chain()
    assert result["ok"] is False and result["broken_seq"] == forged.seq
    scan(today=TODAY, now=NOW, codes=[code])
    warning = open_warnings(code).get()
    assert warning.level == "red" and warning.agency_id is None and warning.officer_id is None
    assert warning.detail.startswith(f"序号 {forged.seq} 处校验失败：")
    # The outcome itself is on the chain, after the event it names.
    latest = AuditEvent.objects.filter(action="audit.verified").order_by("-seq").first()
    assert latest.changes["ok"] is False and latest.seq > forged.seq

    # Repaired (the row put back as it was): the next verification passes and the warning
    # resolves itself.
    as_owner("UPDATE core_auditevent SET action = 'test.event' WHERE id = %s", [forged.pk])
    assert verify_audit_chain()["ok"] is True
    scan(today=TODAY, now=NOW, codes=[code])
    assert not open_warnings(code).exists()
    assert EarlyWarning.objects.get(rule__code=code).status == "resolved"
