"""In Chromium: the publicity officer checks a record whose masked text still names a
relative the case did not list (highlighted), masks the name, signs off and publishes; the
public page shows the officer's masked text."""

import pytest

from enforcement_portal.roles import Role
from tests.disclosure.factories import PublicationFactory
from tests.disclosure.test_redaction import VALID_ID
from tests.factories import AgencyFactory, UserFactory

from .confirming import confirm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_publicity_officer_masks_an_unlisted_name_and_signs_off(page, login):
    agency = AgencyFactory(name="示范市市场监督管理局", code="scjg-s")
    publication = PublicationFactory(
        agency=agency,
        party_type="person",
        party_uscc="",
        party_name="王丽华",
        facts=f"经查，当事人王丽华（身份证号{VALID_ID}）无证销售熟食，货物由其表哥宋江提供。",
    )
    officer = UserFactory(roles=[Role.PUBLICITY_OFFICER], agency=agency, display_name="孙丽娟")
    login(officer)
    panel = page.locator("[data-testid=publication-deadlines]")
    assert (
        "1 条待公示审核员审核签批" in panel.locator("[data-testid=awaiting-signoff]").inner_text()
    )
    panel.locator("a").click()
    page.click(f"text={publication.decision_number}")
    assert page.locator("[data-testid=publish]").is_disabled()
    page.click("[data-testid=review]")

    original = page.locator("[data-testid=original-facts]")
    masked = page.locator("[data-testid=masked-facts]")
    assert "王丽华" in original.inner_text() and VALID_ID in original.inner_text()
    assert "王丽华" not in masked.inner_text() and VALID_ID not in masked.inner_text()
    suspect = masked.locator("mark[data-kind=segmenter_name]")
    assert suspect.inner_text() == "宋江"
    assert suspect.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"

    box = page.locator("[data-testid=edit-facts]")
    box.fill(box.input_value().replace("宋江", "宋某"))
    page.click("[data-testid=sign-off]")
    assert page.locator("[data-testid=signoff-status]").inner_text() == "已审核签批"
    assert "孙丽娟" in page.locator("[data-testid=signed-off-by]").inner_text()
    page.click("[data-testid=publish]")
    confirm(page)
    assert page.locator("[data-testid=publication-status]").inner_text() == "已公开"

    page.goto(f"/public/decisions/{publication.pk}/")
    facts = page.locator("[data-testid=facts]").inner_text()
    assert "宋某" in facts and "王某" in facts
    assert "宋江" not in page.content() and "王丽华" not in page.content()
    assert VALID_ID not in page.content()
