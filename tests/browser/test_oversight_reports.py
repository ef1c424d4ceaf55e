"""In Chromium: an anonymous visitor files a report with a photo, keeps the receipt code,
and later reads the handler's reply and the conclusion with it; a wrong code shows nothing."""

import pytest

from enforcement_portal.roles import Role
from reports.models import Report
from tests.factories import AgencyFactory, UserFactory
from tests.reports.factories import jpeg_with_gps

from .confirming import confirm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(browser, live_server, user):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(15_000)
    staff = context.new_page()
    staff.goto("/accounts/login/")
    staff.fill("input[name=username]", user.username)
    staff.fill("input[name=password]", "pw-Secret-2026")
    staff.click("#login-form [type=submit]")
    staff.wait_for_selector("[data-testid=desk]")
    return context, staff


def test_anonymous_report_with_photo_followed_by_receipt_code(
    page, browser, live_server, settings, tmp_path
):
    settings.REPORTS_CHALLENGE_BITS = 12  # solved for real by static/js/oversight.js
    body = AgencyFactory(name="示范市纪委监委", code="jwjw", is_enforcement_body=False)
    AgencyFactory(name="示范市城市管理综合执法局", code="cgzf-b")
    handler = UserFactory(roles=[Role.REPORT_HANDLER], agency=body, display_name="吴处理")
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(jpeg_with_gps().read())

    # The visitor files a report; the photo goes with it.
    page.goto("/")
    page.click("text=我要举报")
    page.select_option("select[name=agency]", label="示范市城市管理综合执法局")
    page.select_option("select[name=violation_type]", "bribery")
    page.fill("input[name=subject]", "城管队员索要好处费")
    page.fill(
        "textarea[name=description]", "2026年11月在夜市，一名城管队员要求摊主送烟后才不没收推车。"
    )
    page.set_input_files("input[name=pictures]", str(photo))
    assert page.is_hidden("[data-testid=reporter-identity]")
    page.click("[data-testid=report-submit]")
    confirm(page)
    page.wait_for_selector("[data-testid=report-received]")
    code = page.inner_text("[data-testid=receipt-code]").strip()
    assert len(code.replace("-", "")) == 28
    report = Report.objects.get()
    assert report.attachments.count() == 1 and report.is_anonymous

    # A handler accepts it, replies and concludes it.
    context, staff = _sign_in(browser, live_server, handler)
    staff.goto("/oversight/reports/")
    staff.click("text=城管队员索要好处费")
    staff.wait_for_selector("[data-testid=report-facts]")
    assert staff.locator("[data-testid=attachments] a").count() == 1
    staff.click("[data-testid=accept]")
    staff.wait_for_selector("[data-testid=conclude-form]")
    staff.fill("[data-testid=reply-form] textarea[name=body]", "您好，举报已受理，我们正在核查。")
    staff.click("[data-testid=reply-form] button")
    staff.wait_for_selector("text=举报已受理，我们正在核查")
    staff.select_option("[data-testid=conclude-form] select[name=outcome]", "substantiated")
    staff.fill(
        "[data-testid=conclude-form] textarea[name=conclusion]",
        "经核查举报属实，涉事队员已停职接受调查。",
    )
    staff.click("[data-testid=conclude]")
    confirm(staff)
    staff.wait_for_selector("[data-testid=report-status]:has-text('已办结')")
    context.close()

    # Later the visitor comes back with the code and reads the reply and the conclusion.
    page.goto("/public/reports/follow/")
    page.fill("input[name=code]", code.lower())
    page.click("#receipt-form [type=submit]")
    page.wait_for_selector("[data-testid=report-status-page]")
    assert "已办结" in page.inner_text("[data-testid=report-status]")
    assert "我们正在核查" in page.inner_text("[data-testid=report-thread]")
    assert "停职接受调查" in page.inner_text("[data-testid=report-conclusion]")

    # A wrong code shows nothing, the same way an unknown one does.
    wrong = ("Z" if code[-1] != "Z" else "Y").join([code[:-1], ""])
    page.goto("/public/reports/follow/")
    page.fill("input[name=code]", wrong)
    page.click("#receipt-form [type=submit]")
    page.wait_for_selector("[data-testid=receipt-unknown]")
    wrong_text = page.inner_text("main")
    assert "城管队员索要好处费" not in wrong_text and "停职" not in wrong_text
    page.goto("/public/reports/follow/")
    page.fill("input[name=code]", "0000-0000-0000-0000-0000-0000-0000")
    page.click("#receipt-form [type=submit]")
    page.wait_for_selector("[data-testid=receipt-unknown]")
    assert page.inner_text("main") == wrong_text
