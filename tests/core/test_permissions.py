"""Staff see their own agency; supervisors read across; visitors see nothing private."""

import pytest
from django.urls import reverse

from enforcement_portal.predicates import in_own_agency, scope_to_user
from enforcement_portal.roles import Role
from powers.models import Officer
from tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_agencies(agency, other_agency, make_user):
    return {
        "own": OfficerFactory(agency=agency),
        "other": OfficerFactory(agency=other_agency),
        "filer": make_user(Role.AGENCY_FILER, agency=agency),
        "supervisor": make_user(Role.DISCIPLINE_SUPERVISOR),
        "no_role": make_user(agency=agency),
    }


def test_predicates(two_agencies, agency):
    filer = two_agencies["filer"]
    assert in_own_agency(filer, two_agencies["own"])
    assert not in_own_agency(filer, two_agencies["other"])
    assert in_own_agency(filer, agency)  # an agency belongs to itself
    assert filer.has_perm("powers.view_officer", two_agencies["own"])
    assert not filer.has_perm("powers.view_officer", two_agencies["other"])
    assert not filer.has_perm("powers.change_officer", two_agencies["other"])
    supervisor = two_agencies["supervisor"]
    assert supervisor.has_perm("powers.view_officer", two_agencies["other"])
    assert not supervisor.has_perm("powers.change_officer", two_agencies["other"])


def test_scope_to_user(two_agencies):
    qs = Officer.objects.all()
    assert set(scope_to_user(qs, two_agencies["filer"])) == {two_agencies["own"]}
    assert set(scope_to_user(qs, two_agencies["supervisor"])) == {
        two_agencies["own"],
        two_agencies["other"],
    }
    assert not scope_to_user(qs, two_agencies["no_role"]).exists()


def test_history_of_another_agencys_object_cannot_be_read_by_guessing_urls(client, two_agencies):
    own, other = two_agencies["own"], two_agencies["other"]
    own_url = reverse("object_history", args=["powers.officer", own.pk])
    other_url = reverse("object_history", args=["powers.officer", other.pk])

    assert client.get(own_url).status_code == 302  # visitors go to the sign-in page

    client.force_login(two_agencies["filer"])
    response = client.get(own_url)
    assert response.status_code == 200
    assert own.name in response.content.decode()
    denied = client.get(other_url)
    assert denied.status_code == 403
    assert other.name not in denied.content.decode()
    assert "无权访问" in denied.content.decode()
    assert client.get(reverse("object_history", args=["powers.nothing", 1])).status_code == 404

    client.force_login(two_agencies["supervisor"])
    assert other.name in client.get(other_url).content.decode()
