"""The staff navigation fits a 1366 × 768 screen on one line for every demo role: every menu
item (and the account controls beside the menu) stands at the same height, and no item's
name is cut (scrollWidth > clientWidth) (#21)."""

import pytest

from .test_zh_ui import DEMO_LOGINS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MEASURE = """() => {
  const bar = document.querySelector('.portal-header .navbar');
  const items = [...document.querySelectorAll(
    '[data-testid=nav] > li, .navbar-collapse > form, .navbar-collapse > div, .navbar-collapse > a'
  )].filter(e => e.offsetParent !== null);
  const tops = items.map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2));
  const cut = [...document.querySelectorAll('.portal-header a, .portal-header .navbar-text, .portal-header button')]
    .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent.trim());
  const names = [...document.querySelectorAll('[data-testid=nav] a')].map(e => e.textContent.trim());
  return {height: bar.getBoundingClientRect().height, tops, cut, names,
          overflow: document.documentElement.scrollWidth > window.innerWidth};
}"""


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_the_staff_menu_fits_1366_on_one_line(run_page, run_login, username):
    run_page.set_viewport_size({"width": 1366, "height": 768})
    page = run_login(username)
    found = page.evaluate(MEASURE)
    assert found["names"], "the menu is shown expanded at 1366 px"
    assert len(set(found["tops"])) == 1, (username, found)
    assert found["cut"] == [], (username, found)
    assert not found["overflow"], (username, found)
    assert found["height"] < 80, (username, found)
