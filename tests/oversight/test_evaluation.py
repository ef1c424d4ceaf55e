"""Evaluation (考评): the arithmetic pinned on crafted data, weights, freezing, ranking page,
XLSX export with formulas neutralised, and who may see it."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from disclosure.models import Publication
from enforcement_portal.audit import audit_history
from enforcement_portal.roles import Role
from oversight.evaluation import services as services
from oversight.models import EarlyWarning, EvaluationPeriod, EvaluationWeight, WarningRule
from tests.disclosure.factories import PublicationFactory
from tests.factories import AgencyFactory, UserFactory
from tests.reports.factories import submit_report
from tests.workflows.factories import open_case, penalty_power
from workflows.models import Case

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def warning(agency, level, status, n=[0]):  # noqa: B006  (a counter for subject ids)
    n[0] += 1
    rule, _ = WarningRule.objects.get_or_create(
        code="test_rule", defaults={"name": "测试规则", "level": "yellow"}
    )
    return EarlyWarning.objects.create(
        rule=rule,
        subject_type="test",
        subject_id=str(n[0]),
        subject_label="测试",
        agency=agency,
        level=level,
        status=status,
        opened_at=timezone.now(),
        handling="rectify" if status in ("handled", "closed") else "",
    )


@pytest.fixture
def crafted():
    """A: 4 cases, 1 overdue, 1 report, warnings red-open + yellow-closed (7 points).
    B: 2 cases, 2 publications (1 on time), an orange open warning (4 points). C: nothing."""
    a = AgencyFactory(code="eval-a", name="=甲局")
    b = AgencyFactory(code="eval-b", name="乙局")
    c = AgencyFactory(code="eval-c", name="丙局")
    power_a, power_b = penalty_power(agency=a), penalty_power(agency=b)
    cases = [open_case(power_a) for _ in range(4)]
    open_case(power_b)
    open_case(power_b)
    Case.objects.filter(pk=cases[0].pk).update(node_due_on=TODAY - dt.timedelta(days=1))
    submit_report(a)
    warning(a, "red", "pending")
    warning(a, "yellow", "closed")
    warning(b, "orange", "verifying")
    for published_on in (TODAY, TODAY + dt.timedelta(days=1)):
        PublicationFactory(
            agency=b,
            decided_on=TODAY,
            due_by=TODAY,
            status=Publication.Status.PUBLISHED,
            published_on=published_on,
            publish_until=TODAY + dt.timedelta(days=365),
        )
    return a, b, c


def month_period(actor):
    return services.evaluation_period_open(kind="month", day=TODAY, actor=actor)


def test_scores_follow_the_documented_formula(crafted):
    a, b, c = crafted
    sup = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    period = month_period(sup)
    scores = {s.agency_id: s for s in services.evaluation_compute(period=period, actor=sup)}
    # A: (10×100 + 20×75 + 10×0 + 15×0) / (10+20+10+15) = 2500/55
    assert scores[a.pk].score == Decimal("45.45")
    # B: (10×50 + 20×100 + 15×50 + 10×100 + 15×(100 − 4/7×100)) / 70
    assert scores[b.pk].score == Decimal("69.90")
    # C: no cases (0 of the peak 4), no rates apply, nothing reported or warned: 2500/35
    assert scores[c.pk].score == Decimal("71.43")
    assert [scores[x.pk].rank for x in (c, b, a)] == [1, 2, 3]
    metrics = scores[a.pk].breakdown["metrics"]
    assert metrics["overdue"] == {
        "figure": "1/4",
        "subscore": "75.00",
        "weight": "20.00",
        "applies": True,
        "points": "27.27",
    }
    assert metrics["timeliness"]["applies"] is False and metrics["timeliness"]["points"] is None
    assert metrics["warnings"]["figure"] == "7" and metrics["warnings"]["subscore"] == "0.00"
    assert scores[b.pk].breakdown["metrics"]["warnings"]["subscore"] == "42.86"
    assert scores[b.pk].breakdown["figures"]["on_time"] == 1
    period.refresh_from_db()
    assert period.weights["overdue"] == "20.00" and period.computed_at is not None


def test_ties_share_a_rank_and_weights_are_data():
    rows = [
        {"id": i, "code": code, "filed": 0, "overdue": 0, "decisions": d, "deviations": dev,
         "published": 0, "on_time": 0, "reviews": 0, "agreed": 0, "reports": 0,
         "warning_points": 0}
        for i, (code, d, dev) in enumerate([("x", 4, 1), ("y", 4, 1), ("z", 2, 0)], start=1)
    ]  # fmt: skip
    weights = dict(services.DEFAULT_WEIGHTS)
    scored = services.score_rows(rows, weights)
    # x and y: deviation 100 − 25 = 75 (w 15), reports and warnings 100 (w 10, 15): 6125/40
    assert [(r["agency_id"], r["score"], r["rank"]) for r in scored] == [
        (3, Decimal("100.00"), 1),
        (1, Decimal("90.63"), 2),
        (2, Decimal("90.63"), 2),
    ]
    weights["deviation"] = Decimal("0")  # a zero weight leaves the metric out
    assert {r["score"] for r in services.score_rows(rows, weights)} == {Decimal("100.00")}


def test_an_admin_changes_a_weight_and_the_next_computation_uses_it(crafted):
    a, _b, _c = crafted
    sup = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    period = month_period(sup)
    services.ensure_weights()
    EvaluationWeight.objects.exclude(metric="overdue").update(weight=0)
    scores = {s.agency_id: s for s in services.evaluation_compute(period=period, actor=sup)}
    assert scores[a.pk].score == Decimal("75.00")


def test_a_frozen_evaluation_never_changes_and_is_audited(client, crafted):
    a, _b, _c = crafted
    sup = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    client.force_login(sup)
    response = client.post(reverse("oversight:evaluations"), {"kind": "quarter", "day": TODAY})
    period = EvaluationPeriod.objects.get()
    assert response.url == reverse("oversight:evaluation", args=[period.pk])
    first_month = 3 * ((TODAY.month - 1) // 3) + 1
    assert period.starts_on == dt.date(TODAY.year, first_month, 1)
    freeze_first = client.post(response.url, {"action": "freeze"})
    assert freeze_first.status_code == 302 and not EvaluationPeriod.objects.get().is_frozen
    client.post(response.url, {"action": "compute"})
    client.post(response.url, {"action": "freeze"})
    period.refresh_from_db()
    assert period.is_frozen and period.frozen_by == sup
    before = list(period.scores.values_list("agency_id", "score", "rank"))
    submit_report(a)
    refused = client.post(response.url, {"action": "compute"}, follow=True)
    assert "本期考评已锁定" in refused.content.decode()
    assert list(period.scores.values_list("agency_id", "score", "rank")) == before
    events = [e.action for e in audit_history(period)]
    assert events == ["evaluation.open", "evaluation.compute", "evaluation.freeze"]
    digest = list(audit_history(period))[-1].changes["digest"]
    assert len(digest) == 64


def test_ranking_page_and_xlsx(client, crafted):
    sup = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    period = month_period(sup)
    services.evaluation_compute(period=period, actor=sup)
    client.force_login(sup)
    html = client.get(reverse("oversight:evaluation", args=[period.pk])).content.decode()
    assert "45.45" in html and "27.27" in html and "不适用" in html and "超期率" in html
    response = client.get(reverse("oversight:evaluation", args=[period.pk]), {"format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["排名", "单位", "得分"] and "超期率（单项得分）" in header
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["'=甲局"][0] == 3 and rows["'=甲局"][2] == 45.45
    assert rows["'=甲局"][header.index("超期率（指标数值）")] == "1/4"
    assert book.worksheets[1]["B2"].value is not None


def test_only_supervisors_see_evaluation(client, crafted):
    a, _b, _c = crafted
    sup = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    period = month_period(sup)
    for user in (
        UserFactory(roles=[Role.AGENCY_LEADER], agency=a),
        UserFactory(roles=[Role.REGISTRY_REVIEWER]),
    ):
        client.force_login(user)
        assert client.get(reverse("oversight:evaluations")).status_code == 403
        assert client.get(reverse("oversight:evaluation", args=[period.pk])).status_code == 403
    admin = UserFactory(roles=[Role.SYSTEM_ADMIN])
    client.force_login(admin)
    assert client.get(reverse("oversight:evaluation", args=[period.pk])).status_code == 200
    assert (
        client.post(
            reverse("oversight:evaluation", args=[period.pk]), {"action": "compute"}
        ).status_code
        == 403
    )


def test_computing_costs_the_same_queries_for_three_agencies_or_twelve(
    crafted, django_assert_max_num_queries
):
    sup = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    period = month_period(sup)
    services.ensure_weights()
    with django_assert_max_num_queries(40) as few:
        services.evaluation_compute(period=period, actor=sup)
    for _ in range(9):
        open_case(penalty_power(agency=AgencyFactory()))
    with django_assert_max_num_queries(len(few.captured_queries)):
        scores = services.evaluation_compute(period=period, actor=sup)
    assert len(scores) == 12
