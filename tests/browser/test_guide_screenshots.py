"""The screenshots of the user guides (docs/guides/<role>.md), taken on the demo city as
`make run` serves it, each role signed in with its demo login (#21).

Every step asserts what the page shows (its heading and the texts the guide names), so a guide
whose page changed fails here. The PNGs go to docs/guides/img/<role>-<step>.png only with
``GUIDE_SCREENSHOTS=1`` (to refresh the guides); otherwise to a temporary folder, so a test run
never changes the tree.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from . import makerun

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GUIDES = makerun.BASE_DIR / "docs" / "guides"
VIEWPORT = {"width": 1280, "height": 800}


@dataclass
class Step:
    name: str
    go: str | Callable  # a path, or a function of the page that gets there
    expect: tuple[str, ...]  # texts the page shows (the first: in its main heading)


def _open_first(selector: str):
    def go(page):
        page.locator(selector).first.click()
        page.wait_for_load_state()

    return go


def _case(title: str):
    def go(page):
        page.goto(f"/cases/?q={title}")
        page.locator("table a[href^='/cases/']").first.click()  # the case number
        page.wait_for_load_state()

    return go


def _search_decisions(page):
    page.goto("/public/decisions/")
    page.fill("input[name=q]", "食品")
    page.locator("input[name=q]").press("Enter")
    page.wait_for_load_state()


def _first_decision(page):
    page.goto("/public/decisions/?q=食品")
    hrefs = page.eval_on_selector_all(
        "a[href^='/public/decisions/']",
        "els => els.map(e => e.getAttribute('href')).filter(h => /decisions[/][0-9]+[/]$/.test(h))",
    )
    assert hrefs, "the search finds published decisions"
    page.goto(hrefs[0])


ROLES: dict[str, tuple[str | None, list[Step]]] = {
    "public": (
        None,
        [
            Step("home", "/", ("行政执法",)),
            Step("decisions", _search_decisions, ("执法决定公示", "食品")),
            Step("decision", _first_decision, ("执法决定公示", "处罚决定日期", "公示截止期")),
            Step("agencies", "/public/agencies/", ("执法主体", "齐齐哈尔市市场监督管理局")),
            Step("report", "/public/reports/", ("举报执法违法违纪行为", "匿名")),
        ],
    ),
    "officer": (
        "officer",
        [
            Step("desk", "/", ("王建华，您好", "在办案件")),
            Step("cases", "/cases/", ("案件办理",)),
            Step("case-defence", _case("超范围经营冷冻食品案"), ("超范围经营冷冻食品案",)),
            Step("case-overdue", _case("逾期未缴纳罚款案"), ("逾期未缴纳罚款案", "罚款")),
            Step("open-case", "/cases/new/", ("立案",)),
        ],
    ),
    "reviewer": (
        "reviewer",
        [
            Step("desk", "/", ("陈静，您好",)),
            Step("reviews", "/oversight/legal/", ("重大执法决定法制审核",)),
            Step(
                "review",
                _open_first("a[href^='/oversight/legal/cases/']"),
                ("法制审核", "用非食品原料生产食品案"),
            ),
        ],
    ),
    "leader": (
        "leader",
        [
            Step("desk", "/", ("刘国庆，您好",)),
            Step("dashboard", "/oversight/dashboard/", ("执法监督看板", "预警")),
            Step("case-approval", _case("餐饮服务未公示许可证案"), ("餐饮服务未公示许可证案",)),
            Step("warnings", "/oversight/warnings/", ("预警处置",)),
        ],
    ),
    "registrar": (
        "registrar",
        [
            Step("desk", "/", ("孙志强，您好",)),
            Step("batches", "/powers/batches/", ("填报批次",)),
            Step("powers", "/powers/", ("权力清单",)),
            Step("standards", "/discretion/", ("裁量基准",)),
            Step("regulation-requests", "/powers/regulations/requests/", ("待补录法规",)),
        ],
    ),
    "supervisor": (
        "supervisor",
        [
            Step("dashboard", "/oversight/dashboard/", ("执法监督看板", "预警")),
            Step("warnings", "/oversight/warnings/", ("预警处置",)),
            Step(
                "warning",
                _open_first("[data-testid=warning-list] tbody a"),
                ("预警",),
            ),
            Step("supervision", "/oversight/supervision/", ("监督检查记录",)),
            Step("evaluation", "/oversight/evaluation/", ("考评",)),
            Step("reports", "/oversight/reports/", ("群众举报",)),
        ],
    ),
    "admin": (
        "admin",
        [
            Step("desk", "/", ("系统管理员，您好",)),
            Step("django-admin", "/admin/", ("站点管理",)),
            Step("users", "/admin/core/user/", ("用户",)),
            Step("calendar", "/admin/core/calendarday/", ("日历调整",)),
        ],
    ),
}


def _save_small(png: bytes, path: Path) -> None:
    """The screenshot as a 64-colour PNG: the guides' pictures stay well under 3 MB in all."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def _target(tmp_path: Path) -> Path:
    out = GUIDES / "img" if os.environ.get("GUIDE_SCREENSHOTS") == "1" else tmp_path / "img"
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.mark.parametrize("role", list(ROLES))
def test_guide_screenshots(browser, make_run, tmp_path, role):
    username, steps = ROLES[role]
    out = _target(tmp_path)
    context = browser.new_context(locale="zh-CN", base_url=make_run.url, viewport=VIEWPORT)
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        if username:
            page.goto("/accounts/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", makerun.DEMO_PASSWORD)
            page.click("#login-form [type=submit]")
            page.wait_for_selector("[data-testid=desk]")
        for step in steps:
            if isinstance(step.go, str):
                response = page.goto(step.go)
                assert response is not None and response.status == 200, (role, step.name)
            else:
                step.go(page)
            heading = page.locator("h1").first.inner_text()
            text = page.locator("body").inner_text()
            assert step.expect[0] in heading or step.expect[0] in text, (role, step.name, heading)
            for expected in step.expect:
                assert expected in text, (role, step.name, expected)
            assert "Traceback" not in text and "Server Error" not in text
            _save_small(page.screenshot(), out / f"{role}-{step.name}.png")
        guide = GUIDES / f"{role}.md"
        assert guide.exists(), guide
        body = guide.read_text()
        for step in steps:  # the guide shows every screenshot this test takes
            assert f"img/{role}-{step.name}.png" in body, (role, step.name)
    finally:
        context.close()
