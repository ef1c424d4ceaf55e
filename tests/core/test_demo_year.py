"""The demo city has been running for a year (#21): hundreds of cases over twelve months in
every state, publications on time and late, reports, supervision, an evaluation and warnings;
the dashboard's trend has twelve months of shape; a second ``seed_demo`` adds nothing."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from disclosure.models import Publication
from discretion.models import DiscretionStandard
from enforcement_portal.models import AuditEvent
from oversight.dashboard.selectors import monthly_trend
from oversight.models import EarlyWarning, EvaluationPeriod, EvaluationScore, SupervisionRecord
from powers.models import Agency, Power
from reports.models import Report
from workflows import deadlines
from workflows.models import (
    Case,
    Decision,
    Hearing,
    Payment,
    Revocation,
    ServiceRecord,
    UrgeNotice,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

COUNTED = [
    Case,
    Decision,
    Payment,
    ServiceRecord,
    Publication,
    Report,
    EarlyWarning,
    SupervisionRecord,
    EvaluationScore,
    AuditEvent,
    get_user_model(),
]


def counts() -> dict:
    out = {model.__name__: model.objects.count() for model in COUNTED}
    out["published"] = Publication.objects.filter(status="published").count()
    out["open warnings"] = EarlyWarning.objects.filter(status__in=EarlyWarning.OPEN).count()
    return out


def test_seed_demo_builds_a_year_in_every_state_and_is_idempotent():
    call_command("seed_demo", quiet=True)
    first = counts()
    call_command("seed_demo", quiet=True)
    assert counts() == first

    today = timezone.localdate()
    year = Case.objects.filter(filed_on__gt=today - dt.timedelta(days=366))
    assert year.count() >= 200
    months = {(d.year, d.month) for d in year.values_list("filed_on", flat=True)}
    assert len(months) >= 10, sorted(months)

    # Every enforcement agency has registered powers and cases on them.
    for agency in Agency.objects.filter(is_enforcement_body=True):
        assert Power.objects.filter(agency=agency, status="registered").exists(), agency.code
        assert Case.objects.filter(agency=agency).exists(), agency.code
    assert DiscretionStandard.objects.filter(status="registered").exists()

    # Cases in each state the issue lists.
    waiting = [
        c
        for c in Case.objects.filter(current_node__code="notice", status="open")
        if (s := c.service_records.filter(document_kind="notice").first())
        and deadlines.defence_window_ends(s.received_on) >= today
    ]
    assert waiting, "a case waiting for the defence window"
    assert Hearing.objects.filter(held_on__isnull=True).exists(), "a hearing requested"
    assert Hearing.objects.filter(held_on__isnull=False).exists(), "a hearing held"
    assert Case.objects.filter(status="decided").count() >= 10
    assert Payment.objects.filter(surcharge_part=0).count() >= 100, "fines paid"
    assert Payment.objects.filter(surcharge_part__gt=0).count() >= 5, "paid late, surcharged"
    assert UrgeNotice.objects.exists(), "a case at the 催告书"
    assert Case.objects.filter(status="archived").count() >= 100
    assert Case.objects.filter(status="closed").exists()
    assert Revocation.objects.filter(kind="revoked").exists()
    assert Decision.objects.filter(no_penalty=True).exists()
    # Decisions served through service records, the receipt recorded from them.
    decided = Decision.objects.filter(case__in=year)
    assert decided.count() >= 150
    assert decided.filter(received_on__isnull=False).count() >= 150
    served = set(
        ServiceRecord.objects.filter(document_kind="decision").values_list("case", flat=True)
    )
    assert set(decided.filter(received_on__isnull=False).values_list("case", flat=True)) <= served

    # Publications on time and late, and some drafts; each published one has its public record.
    published = Publication.objects.filter(status="published")
    assert published.filter(published_on__lte=F("due_by")).count() >= 100
    assert published.filter(published_on__gt=F("due_by")).count() >= 5
    assert Publication.objects.filter(status="draft").exists()
    assert not published.filter(public_data={}).exists()
    assert not published.filter(signoff="awaiting").exists()

    # Reports in every handling state, supervision records, an evaluation, warnings.
    assert {"received", "investigating", "concluded", "rejected"} <= set(
        Report.objects.values_list("status", flat=True)
    )
    assert SupervisionRecord.objects.exists()
    period = EvaluationPeriod.objects.get()
    assert period.computed_at is not None and period.scores.count() >= 8
    assert EarlyWarning.objects.filter(status__in=EarlyWarning.OPEN).count() >= 20

    # The dashboard's chart: twelve months, none empty (the trigger-kept figures and live).
    supervisor = get_user_model().objects.get(username="supervisor")
    for live in (False, True):
        trend = monthly_trend(supervisor, today=today, live=live)
        assert len(trend) == 12
        assert all(point["filed"] > 0 for point in trend), trend
        assert sum(point["decided"] for point in trend) >= 150
