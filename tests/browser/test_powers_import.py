"""In Chromium: a bad spreadsheet is refused with row-and-column messages; a good one imports."""

import pytest

from enforcement_portal.roles import Role
from powers.models import Power
from tests.factories import AgencyFactory, UserFactory
from tests.powers.factories import food_law, row, sheet
from tests.powers.worker import import_worker  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bad_file_shows_every_problem_then_good_file_imports(page, login, tmp_path):
    agency = AgencyFactory()
    food_law()
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    bad = tmp_path / "清单.xlsx"
    bad.write_bytes(
        sheet(
            [
                row(agency, 1),
                row(agency, 2, 权力类别="行政罚款"),
                row(agency, 3, 权力编码="CF-T-001"),
                row(agency, 4, 具体条款="第三十五款"),
            ]
        )
    )
    login(filer)
    page.goto("/powers/")
    page.click("[data-testid=import-link]")
    page.set_input_files("input[name=file]", str(bad))
    page.click("#import-form [type=submit]")
    page.wait_for_selector("[data-testid=import-refused]")
    errors = page.locator("[data-testid=import-error]")
    assert errors.count() == 3
    texts = [errors.nth(i).inner_text() for i in range(3)]
    assert "第3行" in texts[0] and "权力类别" in texts[0] and "行政罚款" in texts[0]
    assert "第4行" in texts[1] and "权力编码" in texts[1] and "第2行" in texts[1]
    assert "第5行" in texts[2] and "具体条款" in texts[2]
    assert not Power.objects.exists()

    good = tmp_path / "good.csv"
    good.write_bytes(sheet([row(agency, n) for n in range(1, 4)], "csv"))
    page.goto("/powers/import/")
    page.set_input_files("input[name=file]", str(good))
    page.click("#import-form [type=submit]")
    page.wait_for_selector("[data-testid=import-done]")
    assert "新增3项" in page.inner_text("[data-testid=import-done]")
    assert Power.objects.filter(agency=agency).count() == 3


@pytest.mark.redis
@pytest.mark.usefixtures("import_worker")
def test_progress_page_polls_until_the_worker_is_done(page, login, tmp_path):
    agency = AgencyFactory()
    food_law()
    filer = UserFactory(roles=[Role.AGENCY_FILER], agency=agency)
    big = tmp_path / "big.xlsx"
    big.write_bytes(sheet([row(agency, n) for n in range(1, 1501)]))
    login(filer)
    page.goto("/powers/import/")
    page.set_input_files("input[name=file]", str(big))
    page.click("#import-form [type=submit]")
    page.wait_for_selector("[data-testid=import-progress]")
    # the page itself (static/js/powers.js) polls the status and reloads when finished
    page.wait_for_selector("[data-testid=import-done]", timeout=60_000)
    assert "新增1500项" in page.inner_text("[data-testid=import-done]")
    assert page.locator("#import-bar").get_attribute("value") == "100"
