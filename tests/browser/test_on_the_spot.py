"""In Chromium: an officer imposes a penalty on the spot. A licence revocation with a 200 yuan
fine is refused with Art. 51; a 200 yuan fine with the certificates shown and the party's
statement is decided, handed over, and then filed with the agency; the timeline shows each step
and the case page its filing due day."""

import pytest

from enforcement_portal.roles import Role
from tests.browser.confirming import confirm
from tests.browser.picking import pick
from tests.factories import OfficerFactory, UserFactory
from tests.workflows.factories import PERSON_ID, penalty_power
from workflows.models import Case, OnTheSpotDecision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_on_the_spot_case_end_to_end(page, login):
    power = penalty_power()
    user = UserFactory(roles=[Role.CASE_OFFICER], agency=power.agency, display_name="王建华")
    first = OfficerFactory(agency=power.agency, name="王建华", user=user)
    second = OfficerFactory(agency=power.agency, name="李秀英")
    login(user)

    page.goto("/cases/")
    page.click("[data-testid=on-the-spot]")
    page.wait_for_selector("[data-testid=on-the-spot-form]")
    pick(page, "id_power", "过期食品")  # type part of the name, choose it
    pick(page, "id_officers", first.name)
    pick(page, "id_officers", second.name)
    page.fill("#id_certificates_shown", f"{first.certificate_number} {second.certificate_number}")
    page.fill("#id_title", "占道经营案")
    page.select_option("#id_party_kind", "person")
    page.fill("#id_party_name", "李四")
    page.fill("#id_party_id_number", PERSON_ID)
    page.fill("#id_place", "龙沙区卜奎大街")
    page.fill("#id_facts", "当事人在人行道上摆摊经营。")
    page.fill("#id_legal_basis", "《城市市容和环境卫生管理条例》第三十六条")
    page.fill("#id_penalty_types", "吊销许可证、责令停产停业、罚款")
    page.fill("#id_fine_amount", "200")
    page.fill("#id_party_statement", "当事人承认违法事实。")
    page.click("[data-testid=submit]")
    asked = confirm(page)  # names the case and the party from the form as filled
    assert "占道经营案" in asked and "李四" in asked and "200" in asked, asked
    page.wait_for_selector("text=《行政处罚法》第五十一条")
    assert not Case.objects.exists()

    page.fill("#id_penalty_types", "罚款")
    page.click("[data-testid=submit]")
    confirm(page)
    page.wait_for_selector("[data-testid=on-the-spot]")
    case = Case.objects.get()
    assert case.status == "decided" and case.template.kind == "simplified_penalty"
    section = page.inner_text("[data-testid=on-the-spot]")
    assert first.certificate_number in section and "当事人承认违法事实" in section
    timeline = page.inner_text("[data-testid=timeline]")
    assert "立案" in timeline and "当场交付" in timeline and "备案" in timeline

    page.click("[data-testid=file-on-the-spot]")
    page.click("[data-testid=submit]")
    confirm(page)
    page.wait_for_selector("[data-testid=filed-on]")
    assert OnTheSpotDecision.objects.get().filed_on is not None
    assert "报所属行政机关备案" in page.inner_text("[data-testid=timeline]")
