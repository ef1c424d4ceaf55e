"""Phones: every public page works at 390 px (nothing wider than the screen; tables as
stacked cards), also in the large-text mode (适老化), which is one click away and remembered."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
START = ["/", "/public/reports/", "/public/reports/follow/", "/public/certificate/"]
MAX_PAGES = 60


def public_pages(page) -> list[str]:
    """Crawl the public site from the home page (links under / and /public/)."""
    queue, seen = list(START), []
    while queue and len(seen) < MAX_PAGES:
        href = queue.pop(0).split("#")[0]
        if href in seen:
            continue
        seen.append(href)
        page.goto(href)
        for link in page.locator("a[href^='/public/'], a[href='/']").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        ):
            if not any(x in link for x in ("format=", "download", ".pdf", "export", "page=")):
                queue.append(link)
    return seen


def overflow(page) -> tuple[int, int, list[str]]:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    culprits = page.evaluate(
        "() => [...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".slice(0, 5).map(e => e.tagName + '.' + e.className)"
    )
    return width, inner, culprits


@pytest.fixture
def phone(browser, make_run):
    context = browser.new_context(
        locale="zh-CN", base_url=make_run.url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_public_pages_fit_a_390px_phone_in_both_text_sizes(phone):
    pages = public_pages(phone)
    assert len(pages) >= 10, pages
    problems = {}
    for large in (False, True):
        phone.goto("/")
        if large:
            phone.click("[data-testid=large-text]")
            assert phone.evaluate("document.documentElement.classList.contains('large-text')")
        for href in pages:
            phone.goto(href)
            width, inner, culprits = overflow(phone)
            if width > inner:
                problems[(href, large)] = (width, inner, culprits)
    assert problems == {}, problems


def test_tables_become_stacked_cards(phone):
    phone.goto("/public/decisions/")
    table = phone.locator("main table").first
    if not table.count():
        phone.goto("/public/agencies/")
        table = phone.locator("main table").first
    assert table.count(), "a public list with a table"
    assert "table-stack" in table.get_attribute("class")
    cell = table.locator("tbody td").first
    assert cell.evaluate("e => getComputedStyle(e).display") == "block"
    assert cell.get_attribute("data-label")
    assert table.locator("thead").evaluate("e => e.getBoundingClientRect().height") <= 1


def test_large_text_is_one_click_away_and_remembered(phone):
    phone.goto("/")
    before = phone.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    toggle = phone.locator("[data-testid=large-text]")
    assert toggle.is_visible() and toggle.inner_text() == "大字版"
    toggle.click()
    after = phone.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert after >= before * 1.2
    assert toggle.get_attribute("aria-pressed") == "true"
    phone.goto("/public/decisions/")
    assert phone.evaluate("document.documentElement.classList.contains('large-text')")
    assert phone.locator("[data-testid=large-text]").inner_text() == "标准版"
    phone.click("[data-testid=large-text]")
    phone.reload()
    assert not phone.evaluate("document.documentElement.classList.contains('large-text')")
