"""Every procedure and execution step form asks first (static/js/confirm.js): the page of each
step, rendered for a real case, has a submit button whose data-confirm names the case and its
party; the on-the-spot decision names the case and party from the form as filled (#21)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import URLPattern, reverse

from tests.workflows.execution_helpers import at_execution
from tests.workflows.factories import leader
from workflows import urls
from workflows.models import Deferral
from workflows.services.instalments import deferral_apply
from workflows.views.procedure import STEPS

pytestmark = pytest.mark.django_db

STEP_TEMPLATES = {
    "workflows/procedure/form.html",
    "workflows/execution/form.html",
    "workflows/limits/form.html",
}
# Pages a leader opens (Arts. 57, 66); the rest are the case officer's.
LEADER_PAGES = {"deferral_decide", ("procedure", "approval")}


def step_pages() -> list[tuple[str, str | None]]:
    """(URL name, procedure step) of every page that renders a step form: taken from the URL
    patterns, so a new step page is checked without being listed here."""
    pages: list[tuple[str, str | None]] = []
    for pattern in urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        view = getattr(pattern.callback, "view_class", None)
        if getattr(view, "template_name", None) not in STEP_TEMPLATES:
            continue
        assert pattern.name
        if "<slug:step>" in str(pattern.pattern):
            pages += [(pattern.name, step) for step in STEPS]
        else:
            pages.append((pattern.name, None))
    return pages


def submit_button(html: str) -> str:
    buttons = re.findall(r"<button\b[^>]*data-testid=\"submit\"[^>]*>", html)
    assert len(buttons) == 1, buttons
    return buttons[0]


def test_every_step_form_confirms_naming_the_case(client):
    case, officer = at_execution(days_ago=20)
    boss = leader(case.agency)
    deferral = deferral_apply(
        case=case, user=officer, kind=Deferral.Kind.DEFERRAL, reason="经营困难"
    )
    pages = step_pages()
    names = {name for name, _ in pages}
    assert {"procedure", "payment", "urge", "court_apply", "revocation"} <= names
    assert {"suspension_start", "extension_request", "deferral_decide"} <= names
    checked = []
    for name, step in pages:
        user = boss if (name in LEADER_PAGES or (name, step) in LEADER_PAGES) else officer
        client.force_login(user)
        if name == "deferral_decide":
            url = reverse(f"workflows:{name}", args=[deferral.pk])
        elif step:
            url = reverse(f"workflows:{name}", args=[case.pk, step])
        else:
            url = reverse(f"workflows:{name}", args=[case.pk])
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        button = submit_button(response.content.decode())
        found = re.search(r'data-confirm="([^"]+)"', button)
        assert found, f"{url}: the submit button asks nothing first"
        text = unescape(found.group(1))
        assert case.number in text and case.party_name in text, (url, text)
        assert "不能撤回" in text, (url, text)
        checked.append(url)
    assert len(checked) == len(pages) >= 20


def test_the_on_the_spot_decision_confirms_naming_the_case_as_filled(client):
    _case, officer = at_execution(days_ago=20)
    client.force_login(officer)
    html = client.get(reverse("workflows:on_the_spot")).content.decode()
    text = unescape(re.search(r'data-confirm="([^"]+)"', submit_button(html)).group(1))
    # confirm.js fills these from the form when it is submitted
    for field in ("{title}", "{party_name}", "{power}", "{fine_amount}"):
        assert field in text, text
    assert "当场" in text and "不能撤回" in text, text
