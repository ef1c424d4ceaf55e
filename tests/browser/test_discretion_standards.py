"""In a real Chromium: a filer builds a discretion standard with 5 to 8 bands, sees each invalid
shape refused with its message, and an expert registers it."""

import pytest

from discretion.models import DiscretionStandard, PenaltyType
from discretion.services import penalty_types_ensure
from enforcement_portal.roles import Role
from tests.factories import (
    AgencyFactory,
    PowerBasisFactory,
    PowerFactory,
    ProvisionFactory,
    UserFactory,
)

from .confirming import confirm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def type_ids():
    penalty_types_ensure()
    return {t.code: str(t.pk) for t in PenaltyType.objects.all()}


def rows(page):
    """The band rows on screen (removed ones stay in the page, hidden)."""
    return page.locator(".band-list .band-row")


def fill_band(page, index, severity, types, low="", high="", when=None):
    ids = {type_ids()[t] for t in types}
    row = rows(page).nth(index)
    row.locator("select[name$=-severity]").select_option(severity)
    row.locator("textarea[name$=-circumstances]").fill(when or f"第{index + 1}档适用情形")
    for box in row.locator("input[name$=-penalty_types]").all():
        box.set_checked(box.get_attribute("value") in ids)
    row.locator("input[name$=-fine_min]").fill(low)
    row.locator("input[name$=-fine_max]").fill(high)


def save(page):
    page.click("[data-testid=save-standard]")
    page.wait_for_load_state()


def test_filer_builds_a_standard_and_an_expert_registers_it(page, login):
    agency = AgencyFactory(name="齐齐哈尔市应急管理局")
    power = PowerFactory(agency=agency, name="对未设置明显的安全警示标志的行政处罚")
    violated = ProvisionFactory(article="第三十五条")
    penalty = ProvisionFactory(article="第九十九条")
    PowerBasisFactory(power=power, provision=violated, kind="setting")
    PowerBasisFactory(power=power, provision=penalty, kind="penalty")
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    expert = UserFactory(
        roles=[Role.REGISTRY_REVIEWER], agency=AgencyFactory(), display_name="孙专家"
    )
    ids = type_ids()

    login(filer)
    page.click("[data-testid=nav-group-powers]")  # the menu's 权力事项 dropdown
    page.click("[data-testid=nav] >> text=裁量基准")
    page.click("[data-testid=new-standard]")
    page.select_option("select[name=power]", str(power.pk))
    page.fill("textarea[name=violation]", "未在有较大危险因素的场所设置明显的安全警示标志")
    page.select_option("select[name=violated_provision]", str(violated.pk))
    page.select_option("select[name=penalty_provision]", str(penalty.pk))
    for code in ("fine", "suspend_business"):
        page.check(f"input[name=allowed_types][value='{ids[code]}']")
    page.select_option("select[name=fine_basis]", "amount")
    page.fill("input[name=fine_min]", "0")
    page.fill("input[name=fine_max]", "200000")
    page.fill("textarea[name=no_penalty]", "首次违法且危害后果轻微并及时改正的")
    page.fill("textarea[name=heavier]", "一年内因同一种违法行为受过行政处罚的")

    # Four bands: too few.
    for _ in range(4):
        page.click("[data-testid=band-add]")
    assert rows(page).count() == 4
    fill_band(page, 0, "minor", ["fine"], "1000", "10000")
    fill_band(page, 1, "ordinary", ["fine"], "10000", "30000")
    fill_band(page, 2, "serious", ["fine"], "30000", "50000")
    fill_band(page, 3, "very_serious", ["fine"], "50000", "120000")
    save(page)
    errors = page.locator("[data-testid=standard-errors]")
    assert "裁量基准至少需要5个处罚档次，目前只有4个。" in errors.inner_text()

    # A fifth band overlapping the fourth, and a sixth that is removed again.
    page.click("[data-testid=band-add]")
    fill_band(page, 4, "very_serious", ["fine", "suspend_business"], "100000", "200000")
    page.click("[data-testid=band-add]")
    rows(page).nth(5).locator("[data-testid=band-remove]").click()
    assert rows(page).count() == 5
    save(page)
    assert "罚款幅度与第4档重叠。" in rows(page).nth(4).inner_text()

    # Above the statutory maximum.
    fill_band(page, 4, "very_serious", ["fine", "suspend_business"], "120000", "300000")
    save(page)
    assert "高于法定最高罚款200000元。" in rows(page).nth(4).inner_text()

    # A type the statute does not allow.
    fill_band(page, 4, "very_serious", ["fine", "revoke_licence"], "120000", "200000")
    save(page)
    assert "法定处罚种类不包括：吊销许可证件。" in rows(page).nth(4).inner_text()

    # 不予处罚 outside 轻微, and a severity level left without a band.
    fill_band(page, 4, "very_serious", ["fine", "suspend_business"], "120000", "200000")
    fill_band(page, 2, "ordinary", ["no_penalty"])
    save(page)
    assert (
        "不予处罚只能用于轻微违法行为（行政处罚法第三十三条）。" in rows(page).nth(2).inner_text()
    )
    assert (
        "违法程度“严重”没有处罚档次。" in page.locator("[data-testid=standard-errors]").inner_text()
    )

    # Ranges that fall as severity rises.
    fill_band(page, 2, "serious", ["fine"], "2000", "8000")
    save(page)
    assert "罚款幅度须随违法程度上升，不能低于第2档。" in rows(page).nth(2).inner_text()
    assert not DiscretionStandard.objects.exists()

    # Fixed: six bands with a no-penalty band for 轻微.
    fill_band(page, 2, "serious", ["fine"], "30000", "50000")
    page.click("[data-testid=band-add]")
    fill_band(page, 5, "minor", ["no_penalty"])
    # The no-penalty band belongs first: move its content by refilling the rows in order.
    fill_band(page, 5, "very_serious", ["fine", "suspend_business"], "150000", "200000")
    fill_band(page, 4, "very_serious", ["fine"], "120000", "150000")
    fill_band(page, 3, "serious", ["fine"], "50000", "120000")
    fill_band(page, 2, "ordinary", ["fine"], "10000", "30000")
    fill_band(page, 1, "minor", ["fine"], "1000", "10000")
    fill_band(page, 0, "minor", ["no_penalty"])
    save(page)
    page.wait_for_selector("[data-testid=standard-status]")
    assert page.locator("[data-testid=standard-status]").inner_text() == "草稿"
    assert page.locator("[data-testid=band]").count() == 6
    assert (
        "责令停产停业，处15万元以上20万元以下罚款"
        in page.locator("[data-testid=bands-table]").inner_text()
    )
    page.click("[data-testid=submit-standard]")
    confirm(page)
    assert page.locator("[data-testid=standard-status]").inner_text() == "专家评审中"
    page.click("[data-testid=logout]")

    login(expert)
    page.click("[data-testid=discretion-panel] >> text=" + power.name)
    page.check("input[name=verdict][value=agree]")
    page.fill("textarea[name=comment]", "档次划分合理，同意备案。")
    page.click("[data-testid=give-opinion]")
    assert "孙专家" in page.locator("[data-testid=opinions]").inner_text()
    page.fill("input[name=registered_on]", "2026-06-01")
    page.click("[data-testid=register-standard]")
    confirm(page)
    assert page.locator("[data-testid=standard-status]").inner_text() == "已备案"
    number = page.locator("[data-testid=registration-number]").inner_text()
    assert number.startswith(f"{agency.short_name}裁备〔2026〕1号") and "2026年6月1日" in number
    standard = DiscretionStandard.objects.get()
    assert standard.status == "registered" and standard.bands.count() == 6

    # Anyone on staff can now try it in the calculator.
    page.click("[data-testid=calculator-link]")
    page.check("input[name=severity][value=very_serious]")
    page.click("[data-testid=calculate]")
    assert "1,500,000" not in page.locator("[data-testid=recommendation]").inner_text()
    assert "第5档" in page.locator("[data-testid=recommendation]").inner_text()
