"""Browser fixtures beyond tests/conftest.py: the portal as `make run` serves it."""

import pytest

from tests.conftest import free_port

from . import makerun


@pytest.fixture(scope="session")
def make_run(tmp_path_factory):
    run = makerun.start(tmp_path_factory.mktemp("make-run"), free_port())
    yield run
    makerun.stop(run)


@pytest.fixture
def run_page(browser, make_run):
    """A Chromium page on the `make run` portal (zh-CN, like a visitor's phone or desk)."""
    context = browser.new_context(locale="zh-CN", base_url=make_run.url)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def run_login(run_page):
    def _login(username: str):
        run_page.goto("/accounts/login/")
        run_page.fill("input[name=username]", username)
        run_page.fill("input[name=password]", makerun.DEMO_PASSWORD)
        run_page.click("#login-form [type=submit]")
        run_page.wait_for_selector("[data-testid=desk]")
        return run_page

    return _login
