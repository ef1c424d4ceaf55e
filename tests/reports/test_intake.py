"""The public form: the proof-of-work limit, field errors in Chinese, nothing written."""

import pytest
from django.core.signing import dumps

from reports.challenge import SALT, challenge_solve
from reports.models import Report

from .factories import challenge_from, solved_post

pytestmark = pytest.mark.django_db


def _data(agency, **extra):
    return {
        "agency": agency.pk,
        "violation_type": "other",
        "subject": "执法不规范",
        "description": "检查时态度恶劣。",
        "is_anonymous": "1",
        **extra,
    }


def test_public_form_needs_no_login_and_shows_the_privacy_notice(client):
    page = client.get("/public/reports/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="privacy-notice"' in html and "js/oversight.js" in html
    assert "sessionid" not in page.cookies


def test_without_the_work_done_nothing_is_written(client, agency):
    page = client.get("/public/reports/")
    token, _bits = challenge_from(page.content.decode())
    response = client.post("/public/reports/", {**_data(agency), "challenge": token, "proof": ""})
    assert response.status_code == 400
    assert "请重新提交" in response.content.decode() or "send it again" in response.content.decode()
    assert Report.objects.count() == 0


def test_a_solved_challenge_works_once(client, agency):
    page = client.get("/public/reports/")
    token, bits = challenge_from(page.content.decode())
    payload = {**_data(agency), "challenge": token, "proof": challenge_solve(token, bits)}
    assert client.post("/public/reports/", payload).status_code == 200
    assert client.post("/public/reports/", payload).status_code == 400
    assert Report.objects.count() == 1


def test_forged_or_easier_challenges_are_refused(client, agency, settings):
    easy = dumps({"n": "abc", "b": 0}, salt=SALT)
    payload = {**_data(agency), "challenge": easy, "proof": "0"}
    assert client.post("/public/reports/", payload).status_code == 400
    forged = dumps({"n": "abc", "b": 6}, salt="another-salt")
    payload = {**_data(agency), "challenge": forged, "proof": challenge_solve(forged, 6)}
    assert client.post("/public/reports/", payload).status_code == 400
    assert Report.objects.count() == 0


def test_named_report_needs_name_and_contact_at_their_fields(client, agency):
    response = solved_post(client, _data(agency, is_anonymous="0"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error_1_id_reporter_name"' in html or "reporter_name" in html
    assert Report.objects.count() == 0


def test_an_anonymous_report_drops_any_name_typed(client, agency):
    response = solved_post(
        client, _data(agency, reporter_name="张三", reporter_contact="13900001111")
    )
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.is_anonymous and report.reporter_name == "" and report.reporter_contact == ""


def test_reporter_adds_information_and_a_photo_while_open_only(client, agency):
    from reports import services as services

    from .factories import handler, jpeg_with_gps, submit_report

    report, code = submit_report(agency)
    response = client.post(
        "/public/reports/follow/add/",
        {"code": code.display, "body": "补充：当时有监控。", "pictures": [jpeg_with_gps()]},
    )
    assert response.status_code == 200
    assert "补充：当时有监控。" in response.content.decode()
    assert report.attachments.count() == 1 and report.messages.count() == 1
    h = handler()
    services.report_reject(report=report, handler=h, reason="不属于本机关职责")
    response = client.post(
        "/public/reports/follow/add/", {"code": code.display, "body": "再补充一点"}
    )
    assert response.status_code == 400
    assert report.messages.count() == 1
