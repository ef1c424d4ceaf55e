"""Demo data: the early warnings of the demo city, computed by the scan (as beat runs it).

Runs after every case, publication and report exists and before the evaluation is computed
(order 115), so the dashboard, the warning list and the evaluation count the same warnings.
The scan is idempotent: a second run opens nothing new.
"""

from __future__ import annotations

from .engine import scan


def seed_warnings(*, stdout=None, quiet: bool = False) -> None:
    result = scan()
    if stdout is not None and not quiet:
        stdout.write(f"oversight: warning scan, {result.opened} opened, {result.resolved} resolved")
