"""In Chromium: a visitor browses an agency's registered powers and checks a certificate."""

import datetime as dt

import pytest

from tests.factories import (
    AgencyFactory,
    OfficerFactory,
    PowerBasisFactory,
    PowerFactory,
    ProvisionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_browses_powers_and_checks_certificates(page):
    agency = AgencyFactory(name="示范市生态环境局", code="sthj-b")
    provision = ProvisionFactory(
        article="第九十九条",
        text="超过大气污染物排放标准排放大气污染物的，处十万元以上一百万元以下的罚款。",
    )
    power = PowerFactory(agency=agency, code="CF-B-1", name="对超标排放大气污染物的行政处罚")
    PowerBasisFactory(power=power, provision=provision, kind="penalty")
    OfficerFactory(agency=agency, name="孙志强", certificate_number="2302009900001")
    OfficerFactory(
        agency=agency,
        name="周过期",
        certificate_number="2302009900002",
        certificate_valid_until=dt.date(2025, 1, 31),
    )

    page.goto("/")
    page.click("text=执法主体与权力清单")
    page.click("text=示范市生态环境局")
    assert "孙志强" in page.locator("[data-testid=officer-list]").inner_text()
    assert "周过期" not in page.locator("[data-testid=officer-list]").inner_text()
    page.click("text=对超标排放大气污染物的行政处罚")
    assert "十万元以上一百万元以下" in page.locator("[data-testid=legal-bases]").inner_text()

    page.click("text=执法证查验")
    page.fill("input[name=number]", "2302009900001")
    page.click("#certificate-check-form [type=submit]")
    result = page.locator("[data-testid=certificate-result]").inner_text()
    assert "孙志强" in result and "有效" in result and "示范市生态环境局" in result

    page.fill("input[name=number]", "2302009900002")
    page.click("#certificate-check-form [type=submit]")
    assert "2025年1月31日" in page.locator("[data-testid=certificate-invalid]").inner_text()
