"""The type-ahead pickers' search (powers/pickers.py): a case officer finds only what the
case-opening form accepts, in their own agency; everyone else is refused; the form's page
carries only the chosen options and the search URL (enforcement_portal/widgets.py)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from enforcement_portal.roles import Role
from powers.models import Officer, Power
from tests.factories import OfficerFactory, UserFactory
from tests.workflows.factories import penalty_power

pytestmark = pytest.mark.django_db


def names(client, url, q=""):
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def power(code, name, agency=None, **kwargs) -> Power:
    made = penalty_power(agency=agency, code=code, **kwargs)
    Power.objects.filter(pk=made.pk).update(name=name)
    made.refresh_from_db()
    return made


@pytest.fixture
def two_agencies():
    mine = power("330201001", "对销售过期食品的行政处罚")
    theirs = power("330201002", "对销售过期药品的行政处罚")
    suspended = power("330201003", "对销售过期饮料的行政处罚", agency=mine.agency)
    Power.objects.filter(pk=suspended.pk).update(status=Power.Status.SUSPENDED)
    filed = power(
        "330201004", "对销售过期奶粉的行政处罚", agency=mine.agency, status=Power.Status.SUBMITTED
    )
    user = UserFactory(roles=[Role.CASE_OFFICER], agency=mine.agency)
    return mine, theirs, suspended, filed, user


def test_powers_are_the_own_agencys_exercisable_ones_only(client, two_agencies):
    mine, *_others, user = two_agencies
    client.force_login(user)
    url = reverse("powers:pick_powers")
    found = names(client, url, "过期")
    assert found == [str(mine)]  # not another agency's, not suspended, not merely filed
    assert names(client, url, "330201001") == [str(mine)]
    assert names(client, url, "药品") == []
    assert names(client, url, "食品 处罚") == [str(mine)]


def test_officers_are_the_own_agencys_with_a_valid_certificate(client, two_agencies):
    mine, theirs, _suspended, _filed, user = two_agencies
    valid = OfficerFactory(agency=mine.agency, name="王建华")
    OfficerFactory(agency=mine.agency, name="王过期", certificate_valid_until=dt.date(2020, 1, 1))
    OfficerFactory(
        agency=mine.agency, name="王暂扣", certificate_status=Officer.CertificateStatus.SUSPENDED
    )
    OfficerFactory(agency=theirs.agency, name="王别局")
    client.force_login(user)
    url = reverse("powers:pick_officers")
    assert names(client, url, "王") == [str(valid)]
    assert names(client, url, valid.certificate_number) == [str(valid)]


@pytest.mark.parametrize("name", ["pick_powers", "pick_officers"])
def test_the_public_and_other_roles_are_refused(client, two_agencies, name):
    mine, *_ = two_agencies
    url = reverse(f"powers:{name}")
    response = client.get(url, {"q": "过期"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    for roles, agency in (
        ([Role.DISCIPLINE_SUPERVISOR], None),  # reads across, but opens no case
        ([Role.AGENCY_FILER], mine.agency),
        ([Role.CASE_OFFICER], None),  # no agency: nothing of anyone's
    ):
        client.force_login(UserFactory(roles=roles, agency=agency))
        response = client.get(url, {"q": "过期"})
        assert response.status_code == 403, roles
        assert "过期" not in response.content.decode()


def test_case_form_carries_only_the_chosen_options_and_the_search(client, two_agencies):
    mine, theirs, *_ = two_agencies
    user = two_agencies[-1]
    first, second = OfficerFactory(agency=mine.agency), OfficerFactory(agency=mine.agency)
    client.force_login(user)
    html = client.get(reverse("workflows:case_open")).content.decode()
    select = re.search(r'<select name="power"[^>]*>(.*?)</select>', html, re.S)
    assert select and 'data-picker-url="/powers/pick/powers/"' in select.group(0)
    assert str(mine) not in select.group(1)  # fetched as the user types, not sent with the page
    officers = re.search(r'<select name="officers"[^>]*multiple[^>]*>(.*?)</select>', html, re.S)
    assert officers and 'data-picker-url="/powers/pick/officers/"' in officers.group(0)
    assert "<option" not in officers.group(1)

    # A refused form shows what was chosen, and only that.
    response = client.post(
        reverse("workflows:case_open"),
        {"power": mine.pk, "officers": [first.pk, second.pk], "title": ""},
    )
    html = response.content.decode()
    select = re.search(r'<select name="power"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert re.search(rf'<option value="{mine.pk}" selected>', select)
    assert str(theirs) not in html
    officers = re.search(r'<select name="officers"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert officers.count("<option") == 2 and officers.count("selected") == 2


def test_the_form_refuses_what_the_picker_would_not_offer(client, two_agencies):
    _mine, theirs, suspended, _filed, user = two_agencies
    client.force_login(user)
    for power in (theirs, suspended):
        response = client.post(reverse("workflows:case_open"), {"power": power.pk})
        assert "power" in response.context["form"].errors
