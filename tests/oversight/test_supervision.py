"""Supervision records: who may create, read and rectify; findings' follow-up; private files;
bad input; and list pages whose query count does not grow with the rows."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from enforcement_portal.audit import audit_history
from enforcement_portal.roles import Role
from oversight.models import Finding, SupervisionAttachment, SupervisionRecord
from oversight.supervision import services as services
from tests.factories import AgencyFactory, UserFactory
from tests.workflows.factories import open_case, penalty_power

from .supervision_factories import (
    discipline_unit,
    leader,
    make_record,
    pdf_upload,
    png_upload,
    supervisor,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def setting():
    unit = discipline_unit()
    agency, other = AgencyFactory(), AgencyFactory()
    return unit, agency, other, supervisor(unit)


def test_a_supervisor_records_a_check_with_cases_and_the_audit_trail(client, setting):
    unit, agency, _other, sup = setting
    case = open_case(penalty_power(agency=agency))
    client.force_login(sup)
    page = client.get(reverse("oversight:supervision_new"))
    assert page.status_code == 200 and page.context["form"].initial["unit"] == unit.pk
    response = client.post(
        reverse("oversight:supervision_new"),
        {
            "unit": unit.pk,
            "agency": agency.pk,
            "checked_on": (TODAY - dt.timedelta(days=1)).isoformat(),
            "method": "unannounced",
            "matters": "明察暗访执法窗口",
            "case_numbers": case.number,
            "warning_ids": "",
        },
    )
    record = SupervisionRecord.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/supervision/{record.pk}/")
    assert list(record.cases.all()) == [case] and record.created_by == sup
    assert [e.action for e in audit_history(record)] == ["supervision.create"]
    detail = client.get(response.url).content.decode()
    assert "明察暗访执法窗口" in detail and case.number in detail and "明察暗访" in detail


def test_bad_input_is_refused_at_the_field_and_nothing_is_written(client, setting):
    unit, agency, other, sup = setting
    case_elsewhere = open_case(penalty_power(agency=other))
    client.force_login(sup)
    response = client.post(
        reverse("oversight:supervision_new"),
        {
            "unit": unit.pk,
            "agency": agency.pk,
            "checked_on": (TODAY + dt.timedelta(days=3)).isoformat(),
            "method": "special",
            "matters": "检查",
            "case_numbers": case_elsewhere.number,
        },
    )
    assert response.status_code == 400
    assert "检查日期不能晚于今天" in response.content.decode()
    response = client.post(
        reverse("oversight:supervision_new"),
        {
            "unit": unit.pk,
            "agency": agency.pk,
            "checked_on": TODAY.isoformat(),
            "method": "special",
            "matters": "检查",
            "case_numbers": case_elsewhere.number,
            "warning_ids": "abc",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert case_elsewhere.number in errors["case_numbers"][0]
    assert not SupervisionRecord.objects.exists()


def test_who_may_read_and_write(client, setting):
    unit, agency, other, sup = setting
    record = make_record(unit, agency, sup)
    url = reverse("oversight:supervision_record", args=[record.pk])
    own_leader, other_leader = leader(agency), leader(other)
    officer = UserFactory(roles=[Role.CASE_OFFICER], agency=agency)
    registrar = UserFactory(roles=[Role.REGISTRY_REVIEWER])  # reads other things across
    client.force_login(own_leader)
    assert client.get(url).status_code == 200
    assert client.get(reverse("oversight:supervision_edit", args=[record.pk])).status_code == 403
    assert client.get(reverse("oversight:supervision_new")).status_code == 403
    listed = client.get(reverse("oversight:supervision"))
    assert [r.pk for r in listed.context["page"].items] == [record.pk]
    for user in (other_leader, officer, registrar):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(other_leader)
    assert list(client.get(reverse("oversight:supervision")).context["page"].items) == []
    client.force_login(officer)
    assert client.get(reverse("oversight:supervision")).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_finding_follow_up_rectify_return_verify(client, setting):
    unit, agency, _other, sup = setting
    record = make_record(unit, agency, sup, findings=[("procedure", TODAY + dt.timedelta(days=5))])
    finding = record.findings.get()
    boss = leader(agency)
    client.force_login(boss)
    # the leader cannot verify their own rectification
    assert (
        client.post(reverse("oversight:finding_action", args=[finding.pk, "verify"])).status_code
        == 403
    )
    empty = client.post(reverse("oversight:finding_action", args=[finding.pk, "rectify"]), {})
    assert empty.status_code == 400
    response = client.post(
        reverse("oversight:finding_action", args=[finding.pk, "rectify"]),
        {"note": "已补正送达回证", "attachment": pdf_upload()},
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == Finding.Status.REPORTED and finding.rectified_on == TODAY
    attachment = finding.attachments.get()
    assert (
        attachment.content_type == "application/pdf" and attachment.original_name == "整改报告.pdf"
    )

    client.force_login(sup)
    refused = client.post(reverse("oversight:finding_action", args=[finding.pk, "return"]))
    assert refused.status_code == 400 and "请说明整改不予认可的理由" in refused.content.decode()
    client.post(
        reverse("oversight:finding_action", args=[finding.pk, "return"]), {"note": "材料不全"}
    )
    finding.refresh_from_db()
    assert finding.status == Finding.Status.RECTIFYING and finding.verification_note == "材料不全"
    services.finding_report_rectification(finding=finding, actor=boss, note="已补充材料")
    client.post(
        reverse("oversight:finding_action", args=[finding.pk, "verify"]), {"note": "整改到位"}
    )
    finding.refresh_from_db()
    assert finding.status == Finding.Status.RECTIFIED and finding.verified_by == sup
    actions = [e.action for e in audit_history(record)]
    assert actions == [
        "supervision.create",
        "supervision.finding_add",
        "supervision.attach",
        "supervision.rectify",
        "supervision.return",
        "supervision.rectify",
        "supervision.verify",
    ]
    html = client.get(reverse("oversight:supervision_record", args=[record.pk])).content.decode()
    assert "已整改（监督单位核验）" in html and "整改到位" in html


def test_private_files_are_sniffed_and_served_only_to_readers(client, setting, settings):
    unit, agency, other, sup = setting
    record = make_record(unit, agency, sup)
    client.force_login(sup)
    action = reverse("oversight:supervision_action", args=[record.pk, "attach"])
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf at all")
    response = client.post(action, {"attachment": fake})
    assert response.status_code == 400 and "只接受PDF文件和图片" in response.content.decode()
    settings.UPLOAD_MAX_BYTES = 10
    response = client.post(action, {"attachment": png_upload()})
    assert response.status_code == 400 and not SupervisionAttachment.objects.exists()
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    client.post(action, {"attachment": png_upload()})
    attachment = SupervisionAttachment.objects.get()
    assert attachment.file.name.startswith(f"private/supervision/{record.pk}/")
    url = reverse("oversight:supervision_attachment", args=[record.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert "no-store" in response["Cache-Control"]
    client.force_login(leader(agency))
    assert client.get(url).status_code == 200
    client.force_login(leader(other))
    assert client.get(url).status_code == 403


def test_editing_is_audited_with_the_changes(client, setting):
    unit, agency, _other, sup = setting
    record = make_record(unit, agency, sup)
    client.force_login(sup)
    form = client.get(reverse("oversight:supervision_edit", args=[record.pk])).context["form"]
    data = {**form.initial, "matters": "改为检查公示情况", "unit": unit.pk, "agency": agency.pk}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    response = client.post(reverse("oversight:supervision_edit", args=[record.pk]), data)
    assert response.status_code == 302
    event = list(audit_history(record))[-1]
    assert event.action == "supervision.update"
    assert event.changes["matters"] == ["专项检查行政处罚案卷", "改为检查公示情况"]


def test_list_and_detail_query_counts_do_not_grow(client, setting, django_assert_max_num_queries):
    unit, agency, other, sup = setting
    for n in range(3):
        make_record(unit, agency if n % 2 else other, sup, findings=[("other", TODAY)] * 2)
    client.force_login(sup)
    client.get(reverse("oversight:supervision"))  # warm the session and role caches
    with django_assert_max_num_queries(8) as first:
        client.get(reverse("oversight:supervision"))
    for _n in range(10):
        make_record(unit, agency, sup, findings=[("conduct", TODAY)] * 3)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(reverse("oversight:supervision"))
    assert len(page.context["page"].items) == 13
    assert page.context["page"].items[0].n_findings in (2, 3)
    record = SupervisionRecord.objects.first()
    for _ in range(3):
        services.attachment_add(record=record, actor=sup, upload=png_upload())
    with django_assert_max_num_queries(20) as detail:
        client.get(reverse("oversight:supervision_record", args=[record.pk]))
    make_record(unit, agency, sup)
    for _ in range(4):
        services.finding_add(
            record=record,
            actor=sup,
            data={"kind": "other", "description": "x", "requirement": "y", "deadline": TODAY},
        )
    with django_assert_max_num_queries(len(detail.captured_queries)):
        client.get(reverse("oversight:supervision_record", args=[record.pk]))
