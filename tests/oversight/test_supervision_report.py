"""The monthly supervision report of a unit: page and PDF (CJK font embedded), built from that
month's records only, with overdue rectifications and the month's warnings."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from enforcement_portal.roles import Role
from oversight.models import EarlyWarning, WarningAction, WarningRule
from oversight.supervision import services as services
from tests.factories import AgencyFactory, UserFactory

from .supervision_factories import discipline_unit, leader, make_record, supervisor

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LAST_MONTH_END = TODAY.replace(day=1) - dt.timedelta(days=1)
MONTH = LAST_MONTH_END.replace(day=1)


@pytest.fixture
def month_of_work():
    unit = discipline_unit()
    other_unit = AgencyFactory(code="unit-2", name="另一监督单位", is_enforcement_body=False)
    a = AgencyFactory(code="rep-a", name="甲执法局")
    b = AgencyFactory(code="rep-b", name="乙执法局")
    sup = supervisor(unit)
    first = make_record(
        unit,
        a,
        sup,
        checked_on=MONTH + dt.timedelta(days=2),
        method="file_review",
        findings=[("procedure", MONTH + dt.timedelta(days=9)), ("discretion", TODAY)],
    )
    make_record(
        unit, b, sup, checked_on=MONTH + dt.timedelta(days=4), findings=[("conduct", TODAY)]
    )
    make_record(unit, a, sup, checked_on=MONTH + dt.timedelta(days=5), method="unannounced")
    # outside the report: another month, another unit
    older = make_record(
        unit,
        b,
        sup,
        checked_on=MONTH - dt.timedelta(days=20),
        findings=[("disclosure", MONTH - dt.timedelta(days=1))],
    )
    make_record(
        other_unit, a, sup, checked_on=MONTH + dt.timedelta(days=3), findings=[("other", TODAY)]
    )
    discretion = first.findings.get(kind="discretion")
    services.finding_report_rectification(finding=discretion, actor=leader(a), note="已整改")
    services.finding_verify(finding=discretion, actor=sup, accepted=True)
    rule = WarningRule.objects.create(code="report_test", name="测试", level="yellow")
    opened = timezone.make_aware(dt.datetime.combine(MONTH + dt.timedelta(days=6), dt.time(10)))
    for n, level in enumerate(["red", "yellow", "yellow"]):
        w = EarlyWarning.objects.create(
            rule=rule, subject_type="t", subject_id=str(n), subject_label="t", agency=a,
            level=level, opened_at=opened,
        )  # fmt: skip
    step = WarningAction.objects.create(warning=w, action="handle", note="整改")
    WarningAction.objects.filter(pk=step.pk).update(created_at=opened)
    return unit, sup, first, older


def test_the_page_counts_the_months_work(client, month_of_work):
    unit, sup, _first, _older = month_of_work
    client.force_login(sup)
    response = client.get(
        reverse("oversight:supervision_monthly"), {"unit": unit.pk, "month": f"{MONTH:%Y-%m}"}
    )
    report = response.context["report"]
    assert report["checks"] == 3 and report["agencies_checked"] == 2 and report["findings"] == 3
    assert dict(report["by_method"]) == {"专项检查": 1, "案卷评查": 1, "明察暗访": 1}
    rows = {r["agency"].code: (r["checks"], r["kinds"], r["total"]) for r in report["agency_rows"]}
    assert rows["rep-a"][0] == 2 and rows["rep-a"][2] == 2
    assert rows["rep-a"][1]["procedure"] == 1 and rows["rep-a"][1]["discretion"] == 1
    assert rows["rep-b"][:1] == (1,) and rows["rep-b"][1]["conduct"] == 1
    assert dict(report["status_counts"]) == {
        "整改中": 2,
        "已报整改，待核验": 0,
        "已整改（监督单位核验）": 1,
    }
    overdue = [f.description for f in report["overdue"]]
    assert overdue == ["问题：disclosure", "问题：procedure"]  # the older month's one too
    assert report["warnings_opened"] == {"total": 3, "red": 1, "orange": 0, "yellow": 2}
    assert report["warnings_handled"] == {"handled": 1, "closed": 0}
    html = response.content.decode()
    assert f"{MONTH.year}年{MONTH.month}月" in html and "甲执法局" in html
    assert "新增预警3条（红色1条、橙色0条、黄色2条），处置1条，办结0条。" in html


def test_the_pdf_embeds_the_font_and_reads_in_chinese(client, month_of_work, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is required")
    unit, sup, _first, _older = month_of_work
    client.force_login(sup)
    response = client.get(
        reverse("oversight:supervision_monthly_pdf"), {"unit": unit.pk, "month": f"{MONTH:%Y-%m}"}
    )
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    flat = "".join(text.split())
    assert "月度监督报告" in flat and unit.name in flat
    assert "共开展监督检查3次，涉及执法机关2个，发现问题3个" in flat
    assert f"{MONTH.year}年{MONTH.month}月1日至" in flat
    assert "问题：procedure" in flat and "问题：disclosure" in flat
    path = tmp_path / "monthly.pdf"
    path.write_bytes(response.content)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    lines = fonts.stdout.splitlines()[2:]
    assert lines and all(" yes " in line for line in lines)  # every font embedded


def test_bad_month_and_who_may_read(client, month_of_work):
    unit, _sup, _first, _older = month_of_work
    client.force_login(UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR]))
    url = reverse("oversight:supervision_monthly")
    bad = client.get(url, {"unit": unit.pk, "month": "2026-13"})
    assert bad.status_code == 400 and "请选择监督单位和不晚于本月的月份" in bad.content.decode()
    future = (TODAY.replace(day=28) + dt.timedelta(days=10)).strftime("%Y-%m")
    assert client.get(url, {"unit": unit.pk, "month": future}).status_code == 400
    client.force_login(leader(AgencyFactory()))
    assert client.get(url, {"unit": unit.pk}).status_code == 403
