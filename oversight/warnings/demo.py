"""Demo data: the early warnings of the demo city, computed by the scan (as beat runs it).

Runs after every case, publication and report exists and before the evaluation is computed
(order 115), so the dashboard, the warning list and the evaluation count the same warnings.
Once the demo has warnings, seeding again leaves them to the scheduled scan: a scan records
itself in the audit trail, and a second ``seed_demo`` changes nothing.
"""

from __future__ import annotations

from ..models import EarlyWarning
from .engine import scan


def seed_warnings(*, stdout=None, quiet: bool = False) -> None:
    if EarlyWarning.objects.exists():
        return
    result = scan()
    if stdout is not None and not quiet:
        stdout.write(f"oversight: warning scan, {result.opened} opened, {result.resolved} resolved")
