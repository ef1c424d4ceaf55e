"""The main write paths fuzzed end to end through HTTP (issue #11, ASVS V5, V11, V13).

For each form page below, generated submissions (the same value strategies as
test_fuzz_forms.py, built from the form's own fields) are POSTed by a user who may use
the page. Whatever is sent: never a 500; a refused submission writes nothing (the rows of
the models the page writes, and the audit trail, are counted before and after); and the
page that comes back shows each error in Chinese next to its field's label.

Examples per page: SECURITY_FUZZ_EXAMPLES (default 50; the form-level fuzz runs 200 per
form). Run deeper with e.g. ``SECURITY_FUZZ_EXAMPLES=1000 pytest tests/security``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure.forms import CertificateCheckForm, InspectionItemForm, PublicationForm
from disclosure.models import InspectionItem, Publication
from enforcement_portal.models import AuditEvent
from oversight.legal_review.forms import ConcludeForm
from oversight.models import LegalReview
from powers.forms import PowerForm, RegulationForm
from powers.models import FilingBatch, Power, PowerVersion, Regulation
from reports.challenge import challenge_solve
from reports.forms import ReportForm
from reports.models import Report
from tests.reports.factories import challenge_from
from workflows.forms import CaseOpenForm, RecordForm
from workflows.models import Case, Record

from .test_fuzz_forms import bind, submission

CJK = re.compile(r"[\u4e00-\u9fff]")
EXAMPLES = int(os.environ.get("SECURITY_FUZZ_EXAMPLES", "50"))


@dataclass
class Page:
    role: str
    url: object  # callable(world) -> str
    form: object  # callable(world) -> an unbound form with the page's fields
    writes: tuple  # models whose row counts must not change when the page refuses
    audited: bool = True  # the audit trail must not grow on refusal either
    challenge: bool = False  # the public report form's proof of work
    extra: dict = field(default_factory=dict)


PAGES = {
    "public report": Page(
        "anon",
        lambda w: reverse("reports_public:report_new"),
        lambda w: ReportForm(),
        (Report,),
        challenge=True,
    ),
    "power filing": Page(
        "filer",
        lambda w: reverse("powers:power_create"),
        lambda w: PowerForm(batches=FilingBatch.objects.filter(agency=w.own.agency)),
        (Power, PowerVersion),
    ),
    "regulation": Page(
        "filer",
        lambda w: reverse("powers:regulation_create"),
        lambda w: RegulationForm(),
        (Regulation,),
    ),
    # A refused attempt to open a case on a power that may not be exercised is itself
    # audited (workflows), so only the case rows are counted here.
    "case opening": Page(
        "officer",
        lambda w: reverse("workflows:case_open"),
        lambda w: CaseOpenForm(user=w.users["officer"]),
        (Case,),
        audited=False,
    ),
    "case record": Page(
        "officer",
        lambda w: reverse("workflows:record_add", args=[w.own.case.pk]),
        lambda w: RecordForm(case=w.own.case),
        (Record,),
    ),
    "decision publication": Page(
        "filer",
        lambda w: reverse("disclosure:publication_create"),
        lambda w: PublicationForm(),
        (Publication,),
    ),
    "inspection item": Page(
        "filer",
        lambda w: reverse("disclosure:inspection_item_create"),
        lambda w: InspectionItemForm(),
        (InspectionItem,),
    ),
    "legal review conclusion": Page(
        "reviewer",
        lambda w: reverse("oversight:legal_case_action", args=[w.own.case.pk, "conclude"]),
        lambda w: ConcludeForm(),
        (LegalReview,),
    ),
}


def _client(world, role) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anon":
        client.force_login(world.users[role])
    return client


def forms_in(response):
    """The bound forms with errors that the page was rendered with."""
    found = []
    for context in response.context or []:
        for value in context.flatten().values():
            candidates = value.values() if isinstance(value, dict) else [value]
            for item in candidates:
                if hasattr(item, "errors") and getattr(item, "is_bound", False) and item.errors:
                    found.append(item)
    return list({id(f): f for f in found}.values())


def check_refusal(response) -> None:
    html = response.content.decode()
    assert CJK.search(html)
    for form in forms_in(response):
        for name, errors in form.errors.items():
            for message in errors:
                assert CJK.search(message), f"{name}: not in Chinese: {message!r}"
                assert escape(message) in html, f"{name}: message not shown: {message!r}"
            if name != "__all__" and name in form.fields and form.fields[name].label:
                label = str(form.fields[name].label)
                assert escape(label) in html, f"the label of {name} is not on the page"


@pytest.mark.parametrize("page_name", list(PAGES))
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_fuzzed_submissions_never_500_and_refusals_write_nothing(world_db, page_name, data):
    page = PAGES[page_name]
    world = world_db
    client = _client(world, page.role)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    with translation.override("zh-hans"):
        values = data.draw(submission(page.form(world)))
    files: dict = {}
    payload = bind(values, files)
    url = page.url(world)
    with transaction.atomic():
        if page.challenge:
            token, bits = challenge_from(client.get(url).content.decode())
            payload["challenge"], payload["proof"] = token, challenge_solve(token, bits)
        before = [m.objects.count() for m in page.writes]
        audit_before = AuditEvent.objects.count()
        post = {**{k: payload.getlist(k) for k in payload}, **files}
        response = client.post(url, post)
        assert response.status_code != 500, response.content.decode()[:2000]
        refused = response.status_code in (200, 400) and forms_in(response)
        if refused:
            assert [m.objects.count() for m in page.writes] == before, "partial write"
            if page.audited:
                assert AuditEvent.objects.count() == audit_before, "audited a refusal"
            check_refusal(response)
        transaction.set_rollback(True)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    params=st.dictionaries(
        st.sampled_from(
            ["q", "agency", "kind", "from", "to", "date_from", "date_to", "cursor", "page", "fmt"]
        ),
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(["2026-02-30", "９", "-1", "9" * 30, "<b>x</b>", "%00", "'"]),
        ),
        max_size=5,
    ),
    where=st.sampled_from(
        [
            "disclosure:decisions",
            "disclosure:standards",
            "disclosure:agencies",
            "disclosure:certificate_check",
            "reports_public:follow",
            "home",
        ]
    ),
)
def test_public_search_pages_take_any_query(world_db, params, where):
    """The public pages that read a query string: never a 500, the input echoed escaped."""
    response = Client(raise_request_exception=False).get(reverse(where), params)
    assert response.status_code in (200, 400), (where, params, response.status_code)
    html = response.content.decode()
    for value in params.values():
        if "<" in value:
            assert value not in html, f"{where} echoes {value!r} unescaped"


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.data())
def test_certificate_check_takes_any_number(world_db, values):
    form = CertificateCheckForm()
    data = values.draw(submission(form))
    query = {k: v for k, v in data.items() if isinstance(v, str)}
    response = Client(raise_request_exception=False).get(
        reverse("disclosure:certificate_check"), query
    )
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("page_name", list(PAGES))
def test_an_empty_submission_is_refused_at_the_fields(world_db, page_name):
    """The fuzz test above is not vacuous: each page refuses an empty form with field errors
    that check_refusal can find on the page."""
    page = PAGES[page_name]
    client = _client(world_db, page.role)
    url = page.url(world_db)
    with transaction.atomic():
        response = client.post(url, {})
        assert response.status_code in (200, 400)
        found = forms_in(response)
        assert found and any(name != "__all__" for f in found for name in f.errors)
        check_refusal(response)
        transaction.set_rollback(True)
