"""In Chromium: the case-opening form's pickers search as the officer types (Tom Select,
served by the portal) and offer only what is valid; the chosen power and officers open the
case."""

import datetime as dt

import pytest

from enforcement_portal.roles import Role
from powers.models import Power
from tests.factories import OfficerFactory, UserFactory
from tests.workflows.factories import penalty_power, valid_uscc
from workflows.models import Case

from .picking import pick

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_type_part_of_a_name_choose_it_and_the_case_is_opened_with_it(page, login):
    power = penalty_power(code="330201001")
    other = penalty_power(code="330201002")  # same name, another agency
    suspended = penalty_power(agency=power.agency, code="330201003")
    Power.objects.filter(pk=suspended.pk).update(status=Power.Status.SUSPENDED)
    user = UserFactory(roles=[Role.CASE_OFFICER], agency=power.agency)
    first = OfficerFactory(agency=power.agency, name="王建华")
    second = OfficerFactory(agency=power.agency, name="王秀英")
    OfficerFactory(agency=power.agency, name="王过期", certificate_valid_until=dt.date(2020, 1, 1))
    OfficerFactory(agency=other.agency, name="王别局")
    login(user)
    page.goto("/cases/new/")

    box = page.locator("#id_power-ts-control")
    box.click()
    box.fill("过期")
    options = page.locator("#id_power-ts-dropdown .option")
    options.first.wait_for(state="visible")
    assert options.all_inner_texts() == [str(power)]  # not the other agency's, not suspended
    page.keyboard.press("Escape")
    assert pick(page, "id_power", "食品", str(power)) == str(power)

    box = page.locator("#id_officers-ts-control")
    box.click()
    box.fill("王")
    offered = page.locator("#id_officers-ts-dropdown .option")
    offered.first.wait_for(state="visible")
    texts = offered.all_inner_texts()
    assert sorted(texts) == sorted([str(first), str(second)]), texts  # valid certificates only
    page.keyboard.press("Escape")
    pick(page, "id_officers", "建华")
    pick(page, "id_officers", "秀英")

    page.fill("#id_title", "销售过期食品案")
    page.select_option("#id_party_kind", "organisation")
    page.fill("#id_party_name", "齐齐哈尔市鹤城百货有限公司")
    page.fill("#id_party_id_number", valid_uscc())
    page.select_option("#id_source", "complaint")
    page.fill("#id_violation_on", (dt.date.today() - dt.timedelta(days=10)).isoformat())
    page.fill("#id_discovered_on", dt.date.today().isoformat())
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=case-number]")
    case = Case.objects.get()
    assert case.power == power
    assert set(case.officers.all()) == {first, second}
