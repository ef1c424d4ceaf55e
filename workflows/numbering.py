"""Document numbers in use: where an agency's series must continue from.

A series row (DocumentSeries) counts the numbers the portal handed out. Numbers can also be
in use without it: decisions and cases entered before the series existed (an import, the
demo, a migration from another system) or a series row reset by hand. The next number always
continues after the highest one the agency has used that year, so a number is never handed
out twice.
"""

from __future__ import annotations

import re

from .models import Case, Decision

SERIAL = re.compile(r"〕(\d+)号$")


def highest_used_serial(agency, prefix: str, year: int) -> int:
    """The highest serial in '<prefix>〔<year>〕<n>号' among the agency's cases and decisions."""
    head = f"{prefix}〔{year}〕"
    numbers = list(
        Decision.objects.filter(case__agency=agency, number__startswith=head).values_list(
            "number", flat=True
        )
    ) + list(
        Case.objects.filter(agency=agency, number__startswith=head).values_list("number", flat=True)
    )
    serials = [int(m.group(1)) for n in numbers if (m := SERIAL.search(n))]
    return max(serials, default=0)
