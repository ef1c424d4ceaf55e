"""#20: a correction goes public like the record did, after the publicity officer has seen the
masked result beside the original and signed it off; the page previews before it publishes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from disclosure import services
from disclosure.models import Publication, PublicationCorrection
from enforcement_portal.models import AuditEvent
from enforcement_portal.roles import Role
from tests.disclosure.factories import PublicationFactory, publicity_officer, publish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WITNESS_FACTS = "经查，当事人销售过期食品，证人王建国（电话13912345678）在场。"


@pytest.fixture
def published():
    publication = PublicationFactory(facts="当事人销售过期食品。")
    publish(publication)
    return Publication.objects.get(pk=publication.pk)


def publisher(agency):
    return UserFactory(roles=[Role.AGENCY_FILER], agency=agency)


def test_only_the_agencys_publicity_officer_signs_a_correction_off(published):
    for who in (publisher(published.agency), publicity_officer(PublicationFactory().agency)):
        with pytest.raises(ValidationError, match=r"公示审核|publicity officer"):
            services.publication_correct(
                publication=published, data={"facts": "更正后的事实。"}, note="笔误", reviewer=who
            )
    assert not PublicationCorrection.objects.exists()
    assert Publication.objects.get(pk=published.pk).public_data == published.public_data


def test_the_signed_off_correction_is_masked_audited_and_names_its_officer(published):
    officer = publicity_officer(published.agency)
    correction = services.publication_correct(
        publication=published, data={"facts": WITNESS_FACTS}, note="补充证人", reviewer=officer
    )
    published.refresh_from_db()
    assert "13912345678" not in published.public_data["facts"]
    assert correction.signed_off_by == officer
    event = AuditEvent.objects.filter(action="publication.correct").latest("seq")
    assert event.actor_id == officer.pk and "13912345678" not in str(event.changes)


def test_the_page_previews_the_masked_correction_before_it_publishes(published, client):
    officer = publicity_officer(published.agency)
    client.force_login(officer)
    url = reverse("disclosure:publication_action", args=[published.pk, "correct"])
    data = {"field": "facts", "value": WITNESS_FACTS, "note": "补充证人"}
    preview = client.post(url, data).content.decode()
    assert 'data-testid="correction-preview"' in preview
    assert "<mark" in preview  # the phone number is highlighted in the original
    masked = preview.split('data-testid="correction-masked"')[1].split("</td>")[0]
    assert "13912345678" not in masked
    assert not PublicationCorrection.objects.exists()  # nothing public yet
    client.post(url, {**data, "confirm": "1"})
    assert PublicationCorrection.objects.get().signed_off_by == officer
    public = client.get(reverse("disclosure:decision", args=[published.pk])).content.decode()
    assert "补充证人" in public and "13912345678" not in public


def test_a_filer_sees_no_correction_form_and_a_direct_post_changes_nothing(published, client):
    filer = publisher(published.agency)
    client.force_login(filer)
    page = client.get(reverse("disclosure:publication", args=[published.pk])).content.decode()
    assert 'data-testid="correction-needs-officer"' in page and 'id="correct"' not in page
    url = reverse("disclosure:publication_action", args=[published.pk, "correct"])
    response = client.post(
        url, {"field": "facts", "value": "改。", "note": "改", "confirm": "1"}, follow=True
    )
    assert (
        "公示审核" in response.content.decode() or "publicity officer" in response.content.decode()
    )
    assert not PublicationCorrection.objects.exists()
