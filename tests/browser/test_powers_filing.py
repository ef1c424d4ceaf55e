"""In Chromium: a filer files and submits a batch; a registry reviewer registers and returns."""

import pytest

from enforcement_portal.roles import Role
from powers.models import Power, PowerVersion
from tests.factories import AgencyFactory, ProvisionFactory, UserFactory
from tests.powers.factories import FOOD, food_law

from .confirming import confirm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def file_power(page, code, name):
    page.click("[data-testid=add-power]")
    page.fill("input[name=code]", code)
    page.fill("input[name=name]", name)
    page.select_option("select[name=category]", "penalty")
    # the search helper adds the basis line from the ledger
    page.fill("[data-testid=basis-search-input]", "食品安全法 第三十五")
    page.select_option("#provision-kind", "设定依据")
    page.click("[data-testid=basis-result]")
    bases = page.input_value("[data-testid=bases-input]")
    assert bases == f"《{FOOD}》第三十五条第一款（设定依据）"
    page.fill("[data-testid=bases-input]", bases + f"\n《{FOOD}》第一百二十二条第一款（处罚依据）")
    page.fill("input[name=responsible_post]", "食品经营监管科")
    page.click("#power-form [type=submit]")
    page.wait_for_selector("[data-testid=batch-title]")


def test_filer_files_and_submits_reviewer_registers_and_returns(page, login):
    agency = AgencyFactory(name="齐齐哈尔市市场监督管理局", short_name="齐市监")
    food_law()
    ProvisionFactory(regulation=food_law(), article="第三十五条第一款", text="食品经营许可")
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency, display_name="赵立新")
    registrar = UserFactory(roles=[Role.REGISTRY_REVIEWER], display_name="孙志强")

    login(filer)
    page.goto("/powers/batches/")
    page.fill("[data-testid=new-batch] input[name=title]", "2026年第一批权力清单")
    page.click("[data-testid=new-batch] [type=submit]")
    page.wait_for_selector("[data-testid=batch-title]")
    assert page.inner_text("[data-testid=batch-status]") == "填报中"
    file_power(page, "CF-A-001", "对未取得食品经营许可从事食品经营活动的行政处罚")
    file_power(page, "CF-A-002", "对食品经营者未按规定查验进货的行政处罚")
    assert page.locator("[data-testid=batch-item]").count() == 2
    page.click("[data-testid=submit-batch]")
    confirm(page)
    page.wait_for_selector("text=已报送2项权力事项。司法局备案审查人员现在可以看到该批次")
    assert page.inner_text("[data-testid=batch-status]") == "审核中"
    page.click("[data-testid=logout]")

    login(registrar)
    page.click("[data-testid=panel-batches] >> text=2026年第一批权力清单")
    items = page.locator("[data-testid=batch-item]")
    assert (
        "第一百二十二条第一款（处罚依据）"
        in items.nth(0).locator("[data-testid=diff]").inner_text()
    )
    items.nth(0).locator("[data-testid=review-comment]").fill("同意备案")
    items.nth(0).locator("[data-testid=register]").click()
    confirm(page)
    page.wait_for_selector("text=CF-A-001 已备案，现已列入公开的权力清单")
    items = page.locator("[data-testid=batch-item]")
    items.nth(1).locator("[data-testid=return]").click()  # no comment: refused
    page.wait_for_selector("text=请填写退回理由")
    items.nth(1).locator("[data-testid=review-comment]").fill("处罚依据条款有误，请核实")
    items.nth(1).locator("[data-testid=return]").click()
    page.wait_for_selector("text=CF-A-002 已退回")
    assert page.inner_text("[data-testid=batch-status]") == "已审结"
    page.click("[data-testid=logout]")

    registered = Power.objects.get(code="CF-A-001")
    assert registered.status == Power.Status.REGISTERED and registered.registration_number
    returned = PowerVersion.objects.get(power__code="CF-A-002")
    assert returned.status == PowerVersion.Status.RETURNED

    # the filer sees the return reason and the registered power's history
    login(filer)
    page.goto(f"/powers/{registered.pk}/")
    assert page.inner_text("[data-testid=power-status]") == "已备案"
    history = page.inner_text("[data-testid=audit-history]")
    assert "孙志强" in history and "赵立新" in history and "权力事项备案通过" in history
    page.goto(f"/powers/{returned.power_id}/")
    assert "处罚依据条款有误" in page.inner_text("main")
