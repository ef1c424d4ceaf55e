"""Service guides (办事指南): kept by the agency's filers, public on the power's page."""

import pytest
from django.urls import reverse

from disclosure.models import ServiceGuide
from enforcement_portal.audit import audit_history
from enforcement_portal.roles import Role
from powers.models import Power
from tests.factories import AgencyFactory, PowerFactory, UserFactory

pytestmark = pytest.mark.django_db

GUIDE = {
    "conditions": "申请人应当具有与经营食品品种、数量相适应的经营场所。",
    "materials": "食品经营许可申请书\n营业执照复印件\n\n<script>alert(1)</script>",
    "fees": "不收费",
    "place": "市政务服务中心二楼市场监管窗口",
    "hours": "工作日 9:00-17:00",
    "phone": "0452-12345",
    "complaints": "",
}


def test_a_filer_publishes_the_guide_and_the_public_reads_it(client):
    power = PowerFactory(category=Power.Category.PERMIT)
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=power.agency)
    client.force_login(filer)
    response = client.post(reverse("disclosure:service_guide_edit", args=[power.pk]), GUIDE)
    assert response.status_code == 302
    guide = ServiceGuide.objects.get(power=power)
    assert guide.material_list == [
        "食品经营许可申请书",
        "营业执照复印件",
        "<script>alert(1)</script>",
    ]
    assert [e.action for e in audit_history(guide)] == ["service_guide.save"]

    own_page = client.get(reverse("disclosure:power", args=[power.pk])).content.decode()
    assert 'data-testid="edit-guide"' in own_page
    client.logout()
    page = client.get(reverse("disclosure:power", args=[power.pk])).content.decode()
    section = page.split('data-testid="service-guide"')[1].split("</dl>")[0]
    assert "<li>营业执照复印件</li>" in section and "0452-12345" in section
    assert "&lt;script&gt;" in section and "<script>alert" not in page
    assert 'data-testid="edit-guide"' not in page


def test_another_agency_cannot_edit_and_bad_input_changes_nothing(client):
    power = PowerFactory()
    client.force_login(UserFactory(roles=[Role.AGENCY_FILER], agency=AgencyFactory()))
    url = reverse("disclosure:service_guide_edit", args=[power.pk])
    assert client.get(url).status_code == 403 and client.post(url, GUIDE).status_code == 403
    client.force_login(UserFactory(roles=[Role.AGENCY_FILER], agency=power.agency))
    too_long = client.post(url, {**GUIDE, "phone": "1" * 41})
    assert too_long.status_code == 400 and "不超过 40 字符" in too_long.content.decode()
    assert not ServiceGuide.objects.exists()
    draft = PowerFactory(agency=power.agency, status=Power.Status.DRAFT)
    assert client.get(reverse("disclosure:service_guide_edit", args=[draft.pk])).status_code == 404
