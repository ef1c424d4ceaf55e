"""Legal review pages: the whole round trip by form, field errors, agency isolation, the PDF."""

import subprocess
import tempfile
from decimal import Decimal

import pytest

from enforcement_portal.roles import Role
from oversight.legal_review.gates import register_legal_review_gate
from oversight.models import CHECKLIST, LegalReview, ReviewCatalogue
from tests.factories import AgencyFactory, UserFactory

from .legal_factories import conclude, submit, world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _real_gate():
    register_legal_review_gate()


def _conclude_data(outcome, failed=()):
    data = {"outcome": outcome, "opinion": "经审核，提出如下意见。"}
    for code, _label in CHECKLIST:
        data[f"{code}_passed"] = "0" if code in failed else "1"
        data[f"{code}_note"] = "证据链不完整" if code in failed else ""
    return data


def test_round_trip_through_the_forms(client):
    w = world()
    url = f"/oversight/legal/cases/{w.case.pk}/"
    client.force_login(w.handler)
    page = client.get(url).content.decode()
    assert 'data-testid="form-submit"' in page and 'data-testid="form-conclude"' not in page
    response = client.post(
        url + "submit/",
        {"draft_decision": "拟罚款二十万元", "case_file": "案卷材料", "proposed_fine": "200000"},
    )
    assert response.status_code == 302
    review = LegalReview.objects.get(case=w.case)
    client.force_login(w.reviewer)
    page = client.get(url).content.decode()
    assert 'data-testid="form-conclude"' in page and "拟罚款二十万元" in page
    # A problem without a note: the error sits at that item's note, nothing is written.
    bad = _conclude_data("problems", failed=["facts"])
    bad["facts_note"] = ""
    response = client.post(url + "conclude/", bad)
    assert response.status_code == 400
    assert 'id="error_1_id_facts_note"' in response.content.decode()
    review.refresh_from_db()
    assert review.status == LegalReview.Status.SUBMITTED
    response = client.post(url + "conclude/", _conclude_data("problems", failed=["facts"]))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == LegalReview.Status.PROBLEMS and review.reviewer == w.reviewer
    pdf = client.get(f"/oversight/legal/reviews/{review.pk}/opinion.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(pdf.content)
        fh.flush()
        text = subprocess.run(
            ["pdftotext", fh.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    assert "法制审核意见书" in text and "证据链不完整" in text and w.case.number in text
    assert text.count("通过") >= len(CHECKLIST) - 1 and "存在问题" in text


def test_leader_sees_and_records_the_ruling(client):
    w = world()
    conclude(submit(w), w.reviewer, LegalReview.Status.PROBLEMS, failed=["law"])
    second = submit(w)
    conclude(second, w.reviewer, LegalReview.Status.PROBLEMS, failed=["law"])
    url = f"/oversight/legal/cases/{w.case.pk}/"
    client.force_login(w.handler)
    assert 'data-testid="form-escalate"' in client.get(url).content.decode()
    client.post(url + "escalate/", {"handler_opinion": "裁量适当"})
    client.force_login(w.leader)
    page = client.get(url).content.decode()
    assert 'data-testid="form-rule"' in page and "裁量适当" in page
    client.post(url + "rule/", {"ruling": "proceed", "note": "同意承办机构意见"})
    second.refresh_from_db()
    assert second.status == LegalReview.Status.LEADER_DECIDED and second.leader == w.leader
    assert "同意承办机构意见" in client.get(url).content.decode()


def test_other_agency_can_neither_read_nor_act(client):
    w = world()
    review = submit(w)
    other = AgencyFactory()
    for role in (Role.LEGAL_REVIEWER, Role.CASE_OFFICER, Role.AGENCY_LEADER):
        client.force_login(UserFactory(roles=[role], agency=other))
        assert client.get(f"/oversight/legal/cases/{w.case.pk}/").status_code == 403
        response = client.post(
            f"/oversight/legal/cases/{w.case.pk}/conclude/", _conclude_data("agreed")
        )
        assert response.status_code == 403
        assert client.get(f"/oversight/legal/reviews/{review.pk}/opinion.pdf").status_code in (
            403,
            404,
        )
        assert w.case.number not in client.get("/oversight/legal/").content.decode()
        assert client.get(f"/oversight/legal/?case={w.case.number}").status_code == 200
    review.refresh_from_db()
    assert review.status == LegalReview.Status.SUBMITTED


def test_supervisor_reads_across_but_cannot_act(client):
    w = world()
    submit(w)
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    page = client.get("/oversight/legal/").content.decode()
    assert (
        w.case.number in page and w.agency.name in page and 'data-testid="reviewer-ratio"' in page
    )
    page = client.get(f"/oversight/legal/cases/{w.case.pk}/").content.decode()
    assert "form-conclude" not in page
    response = client.post(
        f"/oversight/legal/cases/{w.case.pk}/conclude/", _conclude_data("agreed")
    )
    assert response.status_code == 403


def test_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    w = world()
    submit(w)
    client.force_login(w.reviewer)
    with django_assert_max_num_queries(12) as few:
        client.get("/oversight/legal/")
    for _ in range(3):
        submit(world(), fine=Decimal("300000"))
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        client.get("/oversight/legal/")


def test_catalogue_is_public_and_edited_by_the_legal_office(client):
    w = world()
    url = f"/oversight/legal/catalogues/{w.agency.pk}/"
    assert (
        "10,000" in client.get(url).content.decode() or "10000" in client.get(url).content.decode()
    )
    client.force_login(w.handler)
    assert client.post(url, {"person_fine_threshold": "1"}).status_code == 403
    client.force_login(w.reviewer)
    response = client.post(url, {"person_fine_threshold": "-5", "organisation_fine_threshold": "1"})
    assert response.status_code == 400 and not ReviewCatalogue.objects.exists()
    client.post(
        url,
        {
            "person_fine_threshold": "20000",
            "organisation_fine_threshold": "200000",
            "licence_revocation": "on",
            "is_published": "on",
        },
    )
    catalogue = ReviewCatalogue.objects.get(agency=w.agency)
    assert catalogue.person_fine_threshold == 20000 and not catalogue.hearing_held


def test_desk_panel_and_agency_page_show_waiting_reviews_and_the_ratio(client):
    w = world()
    submit(w)
    client.force_login(w.reviewer)
    desk = client.get("/").content.decode()
    assert 'data-testid="legal-review-panel"' in desk
    assert 'data-testid="legal-waiting">1<' in desk and 'data-testid="legal-ratio"' in desk
    page = client.get(f"/oversight/legal/catalogues/{w.agency.pk}/").content.decode()
    # 1 reviewer against the case's 2 officers plus the reviewer's own certificate.
    assert "1 / " in page and "33.3%" in page
    client.force_login(w.handler)
    assert 'data-testid="legal-review-panel"' not in client.get("/").content.decode()
