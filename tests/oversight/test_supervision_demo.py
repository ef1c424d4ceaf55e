"""The demo city shows supervision records in each follow-up state and a computed evaluation."""

import pytest
from django.core.management import call_command

from oversight.models import EvaluationPeriod, EvaluationScore, Finding, SupervisionRecord
from powers.models import Agency

pytestmark = pytest.mark.django_db


def test_demo_supervision_and_evaluation_are_seeded_once():
    call_command("seed_demo", quiet=True)
    call_command("seed_demo", quiet=True)
    records = SupervisionRecord.objects.select_related("unit")
    assert records.count() == 3 and {r.unit.code for r in records} == {"jwjw"}
    assert set(Finding.objects.values_list("status", flat=True)) == {
        "rectifying",
        "reported",
        "rectified",
    }
    period = EvaluationPeriod.objects.get()
    assert period.kind == "year" and period.computed_at is not None
    enforcing = Agency.objects.filter(is_enforcement_body=True).count()
    assert EvaluationScore.objects.filter(period=period).count() == enforcing
