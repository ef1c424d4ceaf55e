"""Agencies' no-penalty and lighter-penalty lists: filed and withdrawn by the agency filer,
audited, and shown on the agency's public page (withdrawn entries are not)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from discretion.lists import entries_by_kind, list_entry_create, list_entry_withdraw
from discretion.models import OutcomeListEntry
from enforcement_portal.audit import audit_history
from enforcement_portal.roles import Role
from tests.factories import AgencyFactory, PowerFactory, UserFactory

pytestmark = pytest.mark.django_db
K = OutcomeListEntry.Kind


@pytest.fixture
def power():
    return PowerFactory(name="对未按规定公示食品经营许可证的行政处罚")


def filer(agency):
    return UserFactory(roles=[Role.AGENCY_FILER], agency=agency)


def data(power, **kw):
    values = {
        "kind": K.FIRST_VIOLATION,
        "power": power,
        "violation": "首次未在经营场所显著位置公示许可证",
        "basis": "《中华人民共和国行政处罚法》第三十三条第一款",
        "conditions": "初次违法、危害后果轻微并及时改正",
    }
    values.update(kw)
    return values


def test_filer_publishes_and_withdraws_an_entry_audited(power):
    user = filer(power.agency)
    entry = list_entry_create(user=user, **data(power))
    assert entry.agency == power.agency and entry.is_active
    assert audit_history(entry).filter(action="discretion.list_entry_created").exists()
    lists = dict(entries_by_kind(power.agency_id))
    assert entry in lists[K.FIRST_VIOLATION.label]
    with pytest.raises(ValidationError):
        list_entry_withdraw(entry=entry, user=user, reason=" ")
    list_entry_withdraw(entry=entry, user=user, reason="法规修订")
    entry.refresh_from_db()
    assert not entry.is_active and entry.withdrawn_reason == "法规修订"
    assert audit_history(entry).filter(action="discretion.list_entry_withdrawn").exists()
    assert entry not in dict(entries_by_kind(power.agency_id))[K.FIRST_VIOLATION.label]
    with pytest.raises(ValidationError):
        list_entry_withdraw(entry=entry, user=user, reason="再次")


def test_only_the_agency_filer_for_its_own_penalty_power(power):
    officer = UserFactory(roles=[Role.CASE_OFFICER], agency=power.agency)
    with pytest.raises(PermissionDenied):
        list_entry_create(user=officer, **data(power))
    other = filer(AgencyFactory())
    with pytest.raises(ValidationError) as exc:
        list_entry_create(user=other, **data(power))
    assert "power" in exc.value.message_dict
    entry = list_entry_create(user=filer(power.agency), **data(power))
    with pytest.raises(PermissionDenied):
        list_entry_withdraw(entry=entry, user=other, reason="越权")
    with pytest.raises(ValidationError) as exc:
        list_entry_create(user=filer(power.agency), **data(power, conditions=""))
    assert "conditions" in exc.value.message_dict


def test_staff_page_files_and_withdraws(power, client):
    user = filer(power.agency)
    client.force_login(user)
    html = client.get("/discretion/lists/").content.decode()
    assert 'data-testid="list-entry-form"' in html
    response = client.post("/discretion/lists/", {**data(power), "power": power.pk})
    assert response.status_code == 302
    entry = OutcomeListEntry.objects.get(agency=power.agency)
    response = client.post("/discretion/lists/", {**data(power), "power": power.pk, "basis": ""})
    assert response.status_code == 400
    client.post(f"/discretion/lists/{entry.pk}/withdraw/", {"reason": "清单调整"})
    entry.refresh_from_db()
    assert entry.withdrawn_reason == "清单调整"
    officer = UserFactory(roles=[Role.CASE_OFFICER], agency=power.agency)
    client.force_login(officer)
    assert client.post("/discretion/lists/", {**data(power), "power": power.pk}).status_code == 403


def test_public_page_shows_the_active_lists(power, client):
    user = filer(power.agency)
    kept = list_entry_create(user=user, **data(power))
    lighter = list_entry_create(
        user=user, **data(power, kind=K.LIGHTER, violation="主动消除违法后果的经营行为")
    )
    gone = list_entry_create(user=user, **data(power, kind=K.NO_PENALTY, violation="已撤回的事项"))
    list_entry_withdraw(entry=gone, user=user, reason="调整")
    code = power.agency.code
    html = client.get(f"/public/agencies/{code}/lists/").content.decode()
    assert kept.violation in html and lighter.violation in html and kept.conditions in html
    assert gone.violation not in html
    assert html.count('data-testid="list-section"') == 3
    agency_page = client.get(f"/public/agencies/{code}/").content.decode()
    assert f"/public/agencies/{code}/lists/" in agency_page
    assert client.get("/public/agencies/no-such/lists/").status_code == 404
