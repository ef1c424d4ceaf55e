"""#20: every person linked to the case (witnesses, agents, guardians, persons in records) is
given to the masking of the case's publications, on top of the party."""

import pytest
from django.core.exceptions import ValidationError

from disclosure.models import Publication
from enforcement_portal.models import AuditEvent
from tests.disclosure.factories import publish
from tests.factories import UserFactory
from tests.workflows.factories import case_officer, decide, open_case, penalty_power, to_node
from workflows.models import CaseEvent, CasePerson
from workflows.services.persons import case_person_add

pytestmark = pytest.mark.django_db

FACTS = "证人欧阳明远看到当事人销售过期牛奶，委托代理人司马兰出具授权书。"


@pytest.fixture
def case_and_officer():
    power = penalty_power()
    user = case_officer(power.agency)
    return open_case(power, user=user), user


def test_adding_a_person_is_audited_and_on_the_timeline_without_the_name(case_and_officer):
    case, user = case_and_officer
    person = case_person_add(case=case, user=user, role="witness", name=" 欧阳明远 ")
    assert person.name == "欧阳明远"
    event = AuditEvent.objects.filter(action="case.person_add").latest("seq")
    assert event.changes == {"case": case.pk, "role": "witness"}
    line = CaseEvent.objects.filter(case=case, kind="person").get()
    assert "欧阳明远" not in line.summary


@pytest.mark.parametrize(
    ("role", "name", "field"),
    [("witness", "  ", "name"), ("boss", "欧阳明远", "role"), ("agent", "名" * 51, "name")],
)
def test_a_person_needs_a_role_and_a_name(case_and_officer, role, name, field):
    case, user = case_and_officer
    with pytest.raises(ValidationError) as exc:
        case_person_add(case=case, user=user, role=role, name=name)
    assert field in exc.value.error_dict
    assert not CasePerson.objects.exists()


def test_the_same_person_twice_in_one_role_is_refused(case_and_officer):
    case, user = case_and_officer
    case_person_add(case=case, user=user, role="witness", name="欧阳明远")
    with pytest.raises(ValidationError, match=r"already listed|列入本案"):
        case_person_add(case=case, user=user, role="witness", name="欧阳明远")


def test_the_page_adds_a_person_and_another_agency_cannot(case_and_officer, client):
    case, user = case_and_officer
    client.force_login(user)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="person-form"' in page
    response = client.post(f"/cases/{case.pk}/persons/new/", {"role": "agent", "name": "司马兰"})
    assert response.status_code == 302
    assert "司马兰" in client.get(f"/cases/{case.pk}/").content.decode()
    bad = client.post(f"/cases/{case.pk}/persons/new/", {"role": "agent", "name": ""}, follow=True)
    assert CasePerson.objects.filter(case=case).count() == 1
    assert bad.status_code == 200

    stranger = case_officer(penalty_power().agency)
    client.force_login(stranger)
    assert (
        client.post(f"/cases/{case.pk}/persons/new/", {"role": "agent", "name": "某"}).status_code
        == 403
    )
    assert CasePerson.objects.filter(case=case).count() == 1


def test_a_publication_masks_every_listed_person(
    case_and_officer, django_capture_on_commit_callbacks
):
    case, user = case_and_officer
    case_person_add(case=case, user=user, role="witness", name="欧阳明远")
    case_person_add(case=case, user=user, role="agent", name="司马兰")
    case = to_node(case, user, "decision")
    with django_capture_on_commit_callbacks(execute=True):
        decide(case, user, facts=FACTS)
    publication = Publication.objects.get(case=case)
    publish(publication)
    publication.refresh_from_db()
    public = str(publication.public_data)
    assert "欧阳明远" not in public and "司马兰" not in public
    assert "欧阳某某" in public or "欧阳某" in public
    assert "司马某" in public


def test_a_reader_without_change_rights_sees_no_form(case_and_officer, client):
    case, _user = case_and_officer
    from enforcement_portal.roles import Role

    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    client.force_login(supervisor)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="persons"' in page and 'data-testid="person-form"' not in page
