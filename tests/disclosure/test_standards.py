"""Registered discretion standards are public (行政处罚法 Art. 34); drafts are not."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tests.discretion.factories import make_standard
from tests.factories import AgencyFactory, PowerBasisFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def standards():
    agency = AgencyFactory(code="std-a")
    registered = make_standard(agency=agency)
    PowerBasisFactory(power=registered.power)
    draft = make_standard(agency=agency, registered=False)
    other = make_standard(agency=AgencyFactory(code="std-b"))
    return {"agency": agency, "registered": registered, "draft": draft, "other": other}


def test_only_registered_standards_are_listed_and_shown(client, standards):
    listing = client.get(reverse("disclosure:standards")).content.decode()
    assert standards["registered"].registration_number in listing
    assert standards["other"].registration_number in listing
    assert (
        client.get(reverse("disclosure:standard", args=[standards["draft"].pk])).status_code == 404
    )
    page = client.get(
        reverse("disclosure:standard", args=[standards["registered"].pk])
    ).content.decode()
    assert page.count('data-testid="band"') == standards["registered"].bands.count()
    assert standards["registered"].violation in page


def test_filter_by_agency(client, standards):
    listing = client.get(reverse("disclosure:standards"), {"agency": "std-b"})
    assert [s.pk for s in listing.context["page"].items] == [standards["other"].pk]


def test_the_power_page_shows_its_standard(client, standards):
    power = standards["registered"].power
    html = client.get(reverse("disclosure:power", args=[power.pk])).content.decode()
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert 'data-testid="power-standard-link"' in main and 'data-testid="bands-table"' in main
    assert "<title>" in html and "bands-table" not in html.split("</title>")[0]


def test_open_data_has_one_row_per_band(client, standards):
    data = json.loads(client.get("/open-data/standards.json", {"agency": "std-a"}).content)
    bands = standards["registered"].bands.count()
    assert len(data["results"]) == bands
    assert {r["severity"] for r in data["results"]} == {"轻微", "一般", "严重", "特别严重"}
    rows = list(
        csv.reader(io.StringIO(client.get("/open-data/standards.csv").content.decode("utf-8-sig")))
    )
    assert rows[0][5] == "违法程度" and len(rows) == 1 + 2 * bands


def test_list_query_count_does_not_grow(client, standards, django_assert_max_num_queries):
    for _ in range(3):
        make_standard()
    with django_assert_max_num_queries(12):
        client.get(reverse("disclosure:standards"))


def test_the_power_page_draws_its_registered_flow(client):
    from tests.factories import UserFactory
    from tests.workflows.factories import penalty_power
    from workflows.models import ProcessTemplate
    from workflows.services.templates import (
        template_copy,
        template_ensure_ready_made,
        template_register,
        template_submit,
    )

    power = penalty_power()
    # before any template is registered for it, a penalty power shows no flow of its own
    page = client.get(reverse("disclosure:power", args=[power.pk])).content.decode()
    assert "一般程序" not in page.split('<main id="main"')[1]
    filer = UserFactory(roles=["agency_filer"], agency=power.agency)
    registrar = UserFactory(roles=["registry_reviewer"])
    source = template_ensure_ready_made(kind=ProcessTemplate.Kind.GENERAL_PENALTY)
    template = template_copy(source=source, power=power, user=filer)
    template_submit(template=template, user=filer)
    template_register(template=template, user=registrar)
    html = client.get(reverse("disclosure:power", args=[power.pk])).content.decode()
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert 'data-testid="power-flowchart"' in main and "<svg" in main and "立案" in main
