"""The demo seeder, public process pages, warnings' selectors, and the strict CSP rule."""

import datetime as dt

import pytest

from enforcement_portal.roles import Role
from powers.models import Power
from tests.factories import AgencyFactory, OfficerFactory, PowerFactory, UserFactory
from workflows import demo, selectors
from workflows.models import Case, ProcessTemplate

from .factories import case_officer, open_case, penalty_power

pytestmark = pytest.mark.django_db


def test_seeder_skips_cases_without_powers_then_seeds_them_idempotently():
    demo.seed(quiet=True)
    assert ProcessTemplate.objects.filter(is_ready_made=True).count() == 4
    assert not Case.objects.exists()
    agency = AgencyFactory(code="scjg", short_name="齐市监")
    UserFactory(username="officer", roles=[Role.CASE_OFFICER], agency=agency)
    OfficerFactory(agency=agency), OfficerFactory(agency=agency)
    UserFactory(username="leader", roles=[Role.AGENCY_LEADER], agency=agency)
    for code in ("CF-SCJG-001", "CF-SCJG-002", "CF-SCJG-004"):
        PowerFactory(agency=agency, code=code, status=Power.Status.REGISTERED)
    demo.seed(quiet=True)
    demo.seed(quiet=True)
    # Three cases along the process, and the limit cases (#18): suspended, extended, two on
    # the spot (one filed late); the repealed-basis case needs the registry's CF-SCJG-090.
    assert Case.objects.count() == 7
    assert Case.objects.get(title__endswith="（中止）").status == "suspended"
    extended = Case.objects.get(title__endswith="（延期）")
    assert extended.extensions.get().status == "approved"
    assert extended.decision_due_on == extended.filed_on + dt.timedelta(days=90 + 10 + 30)
    late = Case.objects.get(title__endswith="（逾期备案）").on_the_spot
    assert late.filed_on > late.filing_due_on
    assert ProcessTemplate.objects.filter(is_ready_made=True).count() == 4
    moved = Case.objects.get(title="无证销售散装熟食案")
    assert moved.current_node.code == "review"


def test_public_sees_registered_and_ready_made_processes_only(client):
    demo.seed(quiet=True)
    power = penalty_power()
    draft = ProcessTemplate.objects.create(
        agency=power.agency, power=power, name="草稿流程", kind="general_penalty"
    )
    html = client.get("/cases/flows/").content.decode()
    assert "一般程序行政处罚流程" in html and "草稿流程" not in html
    assert client.get(f"/cases/flows/{draft.pk}/").status_code == 404


def test_overdue_selectors():
    power = penalty_power()
    case = open_case(power, filed_on=dt.date(2026, 1, 5))
    assert case in selectors.cases_past_decision_due(on=dt.date(2026, 4, 6))
    assert case not in selectors.cases_past_decision_due(on=dt.date(2026, 4, 4))
    assert case in selectors.cases_past_node_due(on=dt.date(2026, 3, 1))


def test_pages_carry_no_inline_style_or_script(client):
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user)
    client.force_login(user)
    for url in (
        "/cases/",
        "/cases/new/",
        f"/cases/{case.pk}/",
        f"/cases/{case.pk}/records/new/",
        f"/cases/{case.pk}/extensions/new/",
        f"/cases/{case.pk}/suspend/",
        "/cases/on-the-spot/",
        f"/cases/processes/{case.template_id}/",
        "/cases/processes/",
    ):
        html = client.get(url).content.decode()
        assert ' style="' not in html, url
        assert "<script>" not in html and "<script " not in html.replace(
            '<script src="/static/', ""
        ), url
