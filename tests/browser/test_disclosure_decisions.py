"""In Chromium: a visitor finds a decision by a two-character keyword, sees masked data, and
sees a withdrawal notice in place of a withdrawn decision."""

import datetime as dt

import pytest

from disclosure import services
from tests.disclosure.factories import PublicationFactory, publish
from tests.disclosure.test_redaction import VALID_ID
from tests.factories import AgencyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_finds_masked_decision_and_withdrawal_notice(page):
    agency = AgencyFactory(name="示范市市场监督管理局", code="scjg-d")
    person = PublicationFactory(
        agency=agency,
        party_type="person",
        party_uscc="",
        party_name="欧阳娜娜",
        facts=f"当事人欧阳娜娜（身份证号{VALID_ID}，电话13900001111）在夜市无证销售熟食。",
        violation_type="无证销售熟食",
    )
    publish(person, on=dt.date(2026, 11, 16))
    withdrawn = PublicationFactory(
        agency=agency, party_name="鑫源熟食店有限公司", facts="销售变质熟食。"
    )
    publish(withdrawn, on=dt.date(2026, 11, 10))
    services.publication_withdraw(
        publication=withdrawn, reason="经行政复议撤销", revoked_on=dt.date(2026, 11, 18)
    )

    page.goto("/")
    page.click("text=执法决定公示")
    page.fill("input[name=q]", "熟食")
    page.click("#decision-search [type=submit]")
    rows = page.locator("[data-testid=decision-list] tbody tr")
    # the withdrawn decision's content left the site, so its words no longer find it
    assert rows.count() == 1
    listing = page.locator("[data-testid=decision-list]").inner_text()
    assert "欧阳某" in listing and "欧阳娜娜" not in listing

    page.click(f"text={person.decision_number}")
    assert page.locator("[data-testid=party-name]").inner_text() == "欧阳某"
    facts = page.locator("[data-testid=facts]").inner_text()
    assert VALID_ID not in facts and "13900001111" not in facts and "欧阳某" in facts

    page.click("text=执法决定公示")
    assert "经行政复议撤销" in page.locator("[data-testid=decision-list]").inner_text()
    page.click(f"text={withdrawn.decision_number}")
    notice = page.locator("[data-testid=withdrawal-notice]").inner_text()
    assert "经行政复议撤销" in notice
    assert "销售变质熟食" not in page.content()
