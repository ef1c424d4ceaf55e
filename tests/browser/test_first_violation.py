"""In Chromium: the agency's filer publishes a first-violation list entry (首违不罚清单); an
officer decides a case with no penalty citing that entry; after the publicity officer's
sign-off the public decision says 不予处罚 and why, and the agency's lists page shows the entry."""

import pytest

from disclosure import services as publishing
from disclosure.models import Publication
from enforcement_portal.roles import Role
from tests.browser.confirming import confirm
from tests.discretion.factories import make_standard
from tests.factories import UserFactory
from tests.workflows.factories import CaseFactory, penalty_power

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIOLATION = "首次销售少量临近保质期食品"


def test_first_violation_no_penalty_published_as_such(page, login):
    power = penalty_power()
    make_standard(power=power)
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=power.agency)
    login(filer)
    page.goto("/discretion/lists/")
    form = page.locator("[data-testid=list-entry-form]")
    form.locator("#id_kind").select_option("first_violation")
    form.locator("#id_power").select_option(str(power.pk))
    form.locator("#id_violation").fill(VIOLATION)
    form.locator("#id_basis").fill("《中华人民共和国行政处罚法》第三十三条第一款")
    form.locator("#id_conditions").fill("初次违法、危害后果轻微并及时改正")
    page.click("[data-testid=add-entry]")
    assert VIOLATION in page.locator("[data-testid=staff-list-entries]").inner_text()

    case = CaseFactory(power=power, at="decision")
    page.context.clear_cookies()
    login(case.created_by)
    page.goto(f"/cases/{case.pk}/decision/")
    page.select_option("#id_severity", "minor")
    page.fill("#id_evidence", "现场检查笔录、询问笔录。")
    page.check("#id_no_penalty")
    page.select_option("#id_outcome_reason", "first_violation")
    page.fill("#id_outcome_note", "当场下架并在责令期限内改正。")
    page.click("[data-testid=submit]")
    confirm(page)
    # Without the list entry 首违不罚 is refused, naming the article.
    assert "第三十三条第一款" in page.content()
    page.select_option("#id_list_entry", label=f"首违不罚清单：{VIOLATION}")
    page.click("[data-testid=submit]")
    confirm(page)
    outcome = page.locator("[data-testid=outcome]")
    outcome.wait_for()
    assert "第三十三条第一款" in outcome.inner_text()
    assert VIOLATION in page.locator("[data-testid=outcome-list-entry]").inner_text()

    publication = Publication.objects.get(case=case)
    assert publication.penalty_category == "不予处罚"
    reviewer = UserFactory(roles=[Role.PUBLICITY_OFFICER], agency=power.agency)
    publication = publishing.publication_sign_off(publication=publication, reviewer=reviewer)
    publishing.publication_publish(publication=publication)

    page.context.clear_cookies()
    page.goto(f"/public/decisions/{publication.pk}/")
    record = page.locator("[data-testid=public-record]").inner_text()
    assert "不予处罚" in record and "首违不罚" in record and VIOLATION in record

    page.goto(f"/public/agencies/{power.agency.code}/")
    page.click("[data-testid=agency-lists-link]")
    entry = page.locator("[data-testid=list-entry]")
    assert VIOLATION in entry.inner_text()
