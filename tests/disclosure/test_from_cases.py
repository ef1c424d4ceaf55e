"""Each decided case becomes a draft publication, due 7 working days after the decision."""

import pytest
from stdnum.cn import ric

from disclosure.cases import publications_sync_from_cases
from disclosure.models import Publication
from enforcement_portal.workdays import add_workdays
from tests.disclosure.factories import publish
from tests.workflows.factories import case_officer, decide, open_case, penalty_power, to_node

pytestmark = pytest.mark.django_db


def decided(django_capture_on_commit_callbacks, *, announce=True, **case_kwargs):
    power = penalty_power()
    user = case_officer(power.agency)
    case = to_node(open_case(power, user=user, **case_kwargs), user, "decision")
    if announce:
        with django_capture_on_commit_callbacks(execute=True):
            decide(case, user)
    else:
        decide(case, user)
    case.refresh_from_db()
    return case


def test_a_decision_makes_a_draft_publication_with_its_deadline(django_capture_on_commit_callbacks):
    case = decided(django_capture_on_commit_callbacks)
    publication = Publication.objects.get(case=case)
    decision = case.decision
    assert publication.status == Publication.Status.DRAFT
    # nothing is published by itself: the record waits for the publicity officer
    assert publication.signoff == Publication.Signoff.AWAITING and publication.public_data == {}
    assert publication.decision_number == decision.number
    assert publication.kind == Publication.Kind.PENALTY and publication.power == case.power
    assert publication.due_by == add_workdays(decision.decided_on, 7)
    assert publication.party_uscc == case.party_id_number  # an organisation's code is public
    assert "警告" in publication.penalty_content and "罚款5,000.00元" in publication.penalty_content
    assert publication.facts == decision.facts


def test_a_persons_resident_id_is_never_copied_and_the_name_is_masked(
    django_capture_on_commit_callbacks,
):
    body = "23020219850315123"
    resident_id = body + ric.calc_check_digit(body + "0")
    case = decided(
        django_capture_on_commit_callbacks,
        party_kind="person",
        party_name="李秀英",
        party_id_number=resident_id,
    )
    publication = Publication.objects.get(case=case)
    assert publication.party_uscc == "" and resident_id not in str(publication.__dict__)
    publish(publication)
    publication.refresh_from_db()
    assert publication.public_data["party_name"] == "李某"


def test_the_catch_up_makes_what_the_announcement_missed(django_capture_on_commit_callbacks):
    case = decided(django_capture_on_commit_callbacks, announce=False)
    assert not Publication.objects.filter(case=case).exists()
    assert publications_sync_from_cases() == 1
    assert Publication.objects.filter(case=case).count() == 1
    assert publications_sync_from_cases() == 0
