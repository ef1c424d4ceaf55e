"""Whether a decision's full text is public and why not (the provincial layout's columns):
a withheld full text names its ground and law; the page, the full-text URLs and open data agree."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from disclosure import services
from disclosure.forms import PublicationForm
from disclosure.models import Publication
from tests.disclosure.factories import PublicationFactory, publish
from tests.disclosure.test_from_cases import decided

pytestmark = pytest.mark.django_db


def withhold(publication, ground="privacy", note="《政府信息公开条例》第十五条：涉及未成年人隐私"):
    return services.publication_update_draft(
        publication=publication,
        data={"full_text_withheld": ground, "full_text_withheld_note": note},
    )


def test_a_withheld_full_text_is_not_published_and_says_why(
    client, django_capture_on_commit_callbacks
):
    case = decided(django_capture_on_commit_callbacks)
    publication = Publication.objects.get(case=case)
    assert publication.full_text  # the document was made from the decision
    withhold(publication)
    publish(Publication.objects.get(pk=publication.pk))
    publication.refresh_from_db()
    assert publication.public_data["full_text"] == ""
    assert publication.public_data["full_text_public"] == "否"
    reason = publication.public_data["full_text_withheld_reason"]
    assert reason.startswith("涉及个人隐私") and "第十五条" in reason

    page = client.get(reverse("disclosure:decision", args=[publication.pk])).content.decode()
    assert 'data-testid="full-text-withheld"' in page and "第十五条" in page
    assert 'data-testid="full-text-link"' not in page
    for name in ("disclosure:decision_full_text", "disclosure:decision_full_text_pdf"):
        assert client.get(reverse(name, args=[publication.pk])).status_code == 404

    rows = json.loads(client.get("/open-data/decisions.json").content)["results"]
    row = next(r for r in rows if r["decision_number"] == publication.decision_number)
    assert row["full_text_public"] == "否" and "第十五条" in row["full_text_withheld_reason"]


def test_a_published_full_text_is_marked_public(client, django_capture_on_commit_callbacks):
    case = decided(django_capture_on_commit_callbacks)
    publication = Publication.objects.get(case=case)
    publish(publication)
    publication.refresh_from_db()
    assert publication.public_data["full_text_public"] == "是"
    assert publication.public_data["full_text_withheld_reason"] == ""
    assert (
        client.get(reverse("disclosure:decision_full_text", args=[publication.pk])).status_code
        == 200
    )


def test_withholding_needs_the_law_and_the_reason_at_the_field():
    publication = PublicationFactory()
    with pytest.raises(ValidationError) as exc:
        withhold(publication, note="  ")
    assert "full_text_withheld_note" in exc.value.error_dict
    assert Publication.objects.get(pk=publication.pk).full_text_withheld == ""
    form = PublicationForm(
        data={**_form_data(publication), "full_text_withheld": "trade_secret"}, instance=publication
    )
    assert not form.is_valid() and "full_text_withheld_note" in form.errors


def _form_data(publication):
    from disclosure.services import PUBLICATION_FIELDS

    data = {}
    for field in PUBLICATION_FIELDS:
        value = getattr(publication, field)
        data[field] = "" if value is None else value
    return data
