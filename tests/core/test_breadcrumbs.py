"""Every detail page names its object in the page <title> and has a breadcrumb trail with a
link back to its list (templates/core/_breadcrumbs.html; docs/development.md), on the
security tests' fixture world, which has an object of every kind (#21)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.security import conftest as security
from tests.security.matrix import AGENCY_ARGS, SHARED_ARGS
from workflows.models import ProcessTemplate

# The security tests' world (an object of every kind), built once for this module.
world_media, world, world_db = security.world_media, security.world, security.world_db
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
READERS = ("admin", "supervisor", "officer", "filer", "handler", "registrar", "leader")

# URL name: (its list's URL name, what the title must contain, taken from the world)
DETAIL_PAGES = {
    "workflows:case_detail": ("workflows:case_list", lambda w: [w.own.case.number]),
    "workflows:template_detail": ("workflows:template_list", lambda w: [w.own.template.name]),
    "powers:power_detail": ("powers:power_list", lambda w: [w.own.power.code, w.own.power.name]),
    "powers:batch_detail": ("powers:batch_list", lambda w: [w.own.batch.title]),
    "powers:regulation_detail": ("powers:regulation_list", lambda w: [str(w.regulation)]),
    "powers:agency_detail": ("powers:power_list", lambda w: [w.own.agency.name]),
    "powers:import_job": ("powers:import", lambda w: [w.own.import_job.filename]),
    "discretion:detail": ("discretion:list", lambda w: [w.own.standard.power.name]),
    "disclosure:publication": (
        "disclosure:publications",
        lambda w: [w.own.publication.decision_number],
    ),
    "oversight:legal_case": ("oversight:legal_reviews", lambda w: [w.own.case.number]),
    "oversight:legal_catalogue": ("oversight:legal_reviews", lambda w: [w.own.agency.name]),
    "oversight:warning": ("oversight:warnings", lambda w: [w.own.warning.rule.name]),
    "oversight:supervision_record": (
        "oversight:supervision",
        lambda w: [w.own.supervision.agency.name],
    ),
    "oversight:evaluation": ("oversight:evaluations", lambda w: [w.evaluation.label]),
    "reports:report": ("reports:reports", lambda w: [w.own.report.reference]),
    # public pages
    "disclosure:decision": ("disclosure:decisions", lambda w: [w.own.published.decision_number]),
    "disclosure:decision_full_text": (
        "disclosure:decisions",
        lambda w: [w.own.published.decision_number],
    ),
    "disclosure:power": ("disclosure:agencies", lambda w: [w.own.power.name]),
    "disclosure:agency": ("disclosure:agencies", lambda w: [w.own.agency.name]),
    "disclosure:agency_lists": ("disclosure:agencies", lambda w: [w.own.agency.name]),
    "disclosure:standard": ("disclosure:standards", lambda w: [w.own.standard.violation[:20]]),
    "disclosure:annual_report": (
        "disclosure:annual_reports",
        lambda w: [w.own.agency.name, str(w.own.annual_report.year)],
    ),
    "workflows:public_flow": ("workflows:public_flow_list", lambda w: [w.own.template.name]),
}


def kwargs_of(name, w):
    if name == "workflows:public_flow":  # the world's flow is a draft: register it (rolled back)
        ProcessTemplate.objects.filter(pk=w.own.template.pk).update(status="registered")
    if name in AGENCY_ARGS:
        return AGENCY_ARGS[name](w.own)
    return SHARED_ARGS[name](w)


def fetch(url, w):
    """The page as the public sees it, or else as the first staff role that may read it."""
    response = Client().get(url)
    if response.status_code == 200:
        return response
    for role in READERS:
        client = Client()
        client.force_login(w.users[role])
        response = client.get(url)
        if response.status_code == 200:
            return response
    raise AssertionError(f"nobody reads {url}")


@pytest.mark.parametrize("name", sorted(DETAIL_PAGES))
def test_detail_page_title_names_the_object_and_crumbs_lead_back(world_db, name):
    list_name, expected = DETAIL_PAGES[name]
    url = reverse(name, kwargs=kwargs_of(name, world_db))
    html = fetch(url, world_db).content.decode()
    title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
    for text in expected(world_db):
        assert text in title, (url, title, text)
    trail = re.search(r'<nav aria-label="[^"]+" data-testid="breadcrumbs">(.*?)</nav>', html, re.S)
    assert trail, f"{url}: no breadcrumbs"
    links = re.findall(r'<a href="([^"]+)">', trail.group(1))
    assert links[0] == reverse("home") and reverse(list_name) in links, (url, links)
    assert 'aria-current="page"' in trail.group(1)


def test_every_detail_template_fills_the_breadcrumbs_block():
    details = [
        p
        for p in TEMPLATES.rglob("*detail*.html")
        if not p.name.startswith("_") and "pdf" not in p.parts
    ]
    assert len(details) >= 15
    missing = [
        str(p.relative_to(TEMPLATES))
        for p in details
        if "{% block breadcrumbs %}" not in p.read_text()
    ]
    assert missing == []
