"""决定书全文: the decision document, published masked as a page and a PDF, after sign-off."""

import subprocess

import pytest
from django.urls import reverse
from stdnum.cn import ric

from disclosure.models import Publication
from tests.disclosure.factories import publicity_officer, publish
from tests.disclosure.test_from_cases import decided

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_case(django_capture_on_commit_callbacks):
    body = "23020219850315123"
    resident_id = body + ric.calc_check_digit(body + "0")
    case = decided(
        django_capture_on_commit_callbacks,
        party_kind="person",
        party_name="李秀英",
        party_id_number=resident_id,
        party_address="齐齐哈尔市龙沙区卜奎大街18号3单元502室",
    )
    return case, resident_id


def test_the_full_text_is_made_from_the_decision_and_published_masked(client, person_case):
    case, resident_id = person_case
    publication = Publication.objects.get(case=case)
    # the document as issued, kept privately: party and address (never the resident ID)
    assert publication.full_text.splitlines()[1] == "行政处罚决定书"
    for private in ("李秀英", "卜奎大街18号3单元502室"):
        assert private in publication.full_text
    assert resident_id not in publication.full_text
    assert case.decision.number in publication.full_text and "救济途径" in publication.full_text
    url = reverse("disclosure:decision_full_text", args=[publication.pk])
    assert client.get(url).status_code == 404  # nothing public before sign-off

    client.force_login(publicity_officer(publication.agency))
    review = client.get(reverse("disclosure:publication_signoff", args=[publication.pk]))
    html = review.content.decode()
    original = html.split('data-testid="original-full_text"')[1].split("</div>")[0]
    assert 'data-kind="person_name" title="案件当事人等自然人">李秀英</mark>' in original
    assert 'data-kind="address"' in original and "502室" in original
    client.logout()

    publish(publication)
    page = client.get(url).content.decode()
    text = page.split('data-testid="full-text"')[1].split("</article>")[0]
    assert "当事人：李某" in text and case.decision.number in text
    for private in ("李秀英", resident_id, "卜奎大街18号", "502室"):
        assert private not in page
    detail = client.get(reverse("disclosure:decision", args=[publication.pk])).content.decode()
    assert 'data-testid="full-text-link"' in detail

    pdf = client.get(reverse("disclosure:decision_full_text_pdf", args=[publication.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    pdf_text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "行政处罚决定书" in pdf_text and "李某" in pdf_text
    assert "李秀英" not in pdf_text and resident_id not in pdf_text


def test_the_officers_edit_of_the_full_text_is_what_the_public_reads(client, person_case):
    case, _resident_id = person_case
    publication = Publication.objects.get(case=case)
    from disclosure.publishing import masked_text

    edited = masked_text(publication, publication.full_text) + "\n（本文书已经公示审核。）"
    publish(publication, texts={"full_text": edited})
    page = client.get(reverse("disclosure:decision_full_text", args=[publication.pk]))
    assert "（本文书已经公示审核。）" in page.content.decode()


def test_a_record_without_a_full_text_has_no_full_text_page(client):
    from tests.disclosure.factories import PublishedFactory

    publication = PublishedFactory()
    for name in ("disclosure:decision_full_text", "disclosure:decision_full_text_pdf"):
        assert client.get(reverse(name, args=[publication.pk])).status_code == 404
