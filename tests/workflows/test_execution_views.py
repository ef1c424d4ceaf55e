"""The execution pages: bad input comes back at the field in Chinese, never a 500; the case
page shows what is owed today; only the leader decides on instalments."""

import datetime as dt

import pytest
from django.utils import translation

from enforcement_portal.roles import Role
from tests.factories import UserFactory
from workflows.models import Deferral
from workflows.services.instalments import deferral_apply

from .execution_helpers import at_execution

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"
    with translation.override("zh-hans"):
        yield


def test_case_page_shows_the_balance_and_bad_input_stays_at_the_field(client):
    case, user = at_execution(days_ago=40, received_days_ago=39)
    client.force_login(user)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="execution"' in page and "1,000.00" in page
    response = client.post(f"/cases/{case.pk}/urge/", {"number": "催1", "issued_on": "x"})
    assert response.status_code == 200
    response = client.post(
        f"/cases/{case.pk}/urge/", {"number": "催1", "issued_on": dt.date.today().isoformat()}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "第五十三条" in body
    response = client.post(
        f"/cases/{case.pk}/payment/",
        {
            "version": case.version,
            "bank_receipt_number": "R9",
            "bank_name": "银行",
            "amount": "99999",
            "paid_on": dt.date.today().isoformat(),
        },
    )
    assert response.status_code == 200 and "第七十二条" in response.content.decode()


def test_only_the_leader_decides_on_instalments(client):
    case, user = at_execution(days_ago=10, received_days_ago=9)
    deferral = deferral_apply(case=case, user=user, kind="deferral", reason="资金周转困难")
    client.force_login(user)
    assert client.get(f"/cases/deferrals/{deferral.pk}/decide/").status_code == 403
    leader = UserFactory(agency=case.agency, roles=[Role.AGENCY_LEADER])
    client.force_login(leader)
    later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    response = client.post(
        f"/cases/deferrals/{deferral.pk}/decide/",
        {"approve": "1", "schedule": "not a date", "note": ""},
    )
    assert response.status_code == 200 and "第1行" in response.content.decode()
    response = client.post(
        f"/cases/deferrals/{deferral.pk}/decide/",
        {"approve": "1", "schedule": f"{later} 1000", "note": "同意延期"},
    )
    assert response.status_code == 302
    deferral.refresh_from_db()
    assert deferral.status == Deferral.Status.APPROVED
    assert str(deferral.instalments.get().due_on) == later
