"""`make run` as a new user meets it: the scheduled jobs run on the embedded broker (a real
Celery worker and beat, no server), the demo's warnings are there without a manual scan, the
pages with computed figures say when, and the error pages are the portal's own Chinese ones.
"""

import json
import re
import subprocess
import sys

import pytest

from . import makerun

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_embedded_broker_worker_runs_a_queued_task(make_run):
    """A task sent on the filesystem broker is run by the real worker; its result comes back."""
    code = (
        "import django, json; django.setup()\n"
        "from enforcement_portal.celery import app\n"
        "print(json.dumps(app.send_task('oversight.scan_warnings').get(timeout=90)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=makerun.BASE_DIR,
        env=make_run.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr + make_run.log()
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(result) == {"opened", "resolved"}


def test_warnings_are_there_without_a_manual_scan(make_run, run_login):
    assert makerun.wait_for(make_run.scans, timeout=90) >= 1, make_run.log()
    page = run_login("supervisor")
    page.goto("/oversight/warnings/")
    note = page.locator("[data-testid=computed-at]").inner_text()
    assert "计算于" in note and "最近一次扫描于" in note
    assert page.locator("table tbody tr").count() >= 1
    page.goto("/oversight/dashboard/")
    assert "计算于" in page.locator("[data-testid=computed-at]").inner_text()


def test_error_pages_are_the_portals_chinese_pages_under_make_run(make_run, run_page):
    page = run_page
    response = page.goto("/no-such-page/")
    assert response.status == 404
    assert "页面不存在" in page.locator("[data-testid=error-404]").inner_text()
    assert "Traceback" not in page.content() and "Page not found" not in page.content()

    response = page.goto("/?q=%00")
    assert response.status == 400
    assert page.locator("[data-testid=error-400]").is_visible()

    page.goto("/accounts/login/")
    page.context.clear_cookies()
    page.fill("input[name=username]", "supervisor")
    page.fill("input[name=password]", makerun.DEMO_PASSWORD)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.click("#login-form [type=submit]")
    assert posted.value.status == 403
    assert "表单已过期" in page.locator("[data-testid=error-csrf]").inner_text()


def test_ctrl_c_stops_web_worker_and_beat(make_run, tmp_path):
    """A second `make run` supervisor on the same demo city: SIGINT stops all three children."""
    import os
    import signal
    import time

    from tests.conftest import free_port

    env = {**make_run.env, "PORT": str(free_port())}
    log = (tmp_path / "second.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "scripts/run_portal.py"],
        cwd=makerun.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def children():
        found = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True)
        return [int(pid) for pid in found.stdout.split()]

    started = makerun.wait_for(lambda: len(children()) >= 3 and children(), timeout=30)
    assert len(started) == 3, (tmp_path / "second.log").read_text()
    time.sleep(2)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 0
    assert "stopped." in (tmp_path / "second.log").read_text()
    for pid in started:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_make_run_prints_every_demo_login_the_readme_lists(make_run):
    readme = (makerun.BASE_DIR / "README.md").read_text()
    table = readme.split("## Demo logins", 1)[1].split("\n## ", 1)[0]
    listed = set(
        re.findall(
            r"`([a-z_0-9]+)`",
            "\n".join(line.split("|")[1] for line in table.splitlines() if line.startswith("| `")),
        )
    )
    assert {"filer", "handler2", "safety_publicity", "admin"} <= listed
    printed = subprocess.run(
        [sys.executable, "scripts/print_demo_logins.py"],
        cwd=makerun.BASE_DIR,
        env=make_run.env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = {line.split()[0] for line in printed.splitlines() if line.startswith("    ")}
    assert listed <= names, listed - names
    assert makerun.DEMO_PASSWORD in printed


def test_report_form_preselects_no_category(run_page):
    run_page.goto("/public/reports/")
    select = run_page.locator("select[name=violation_type]")
    assert select.input_value() == ""
    assert select.locator("option").first.inner_text() == "请选择问题类型"
