"""The import benchmark runs end to end at a tiny size (timings are measured, not asserted)."""

import pytest

from bench.__main__ import main
from powers.models import Agency, Power

pytestmark = pytest.mark.django_db


def test_bench_powers_import_tiny(capsys):
    assert main(["powers_import", "--rows", "30", "--keep"]) == 0
    out = capsys.readouterr().out
    assert "first import" in out and "created 30" in out and "unchanged 30" in out
    assert Power.objects.filter(agency=Agency.objects.get(code="bench-powers")).count() == 30
