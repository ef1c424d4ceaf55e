"""Warning rules about the procedure before and at service of the decision: a decision not
served within 7 working days of being made (Arts. 61, 85), and a hearing whose notice was not
served 7 working days before it (Arts. 64, 85). Registered through ``@rule`` (registry.py);
the rows come from ``workflows.selectors_procedure``, the dates from ``workflows.deadlines``.
Both are querysets compiled into the scan's SQL (the second picks its hearings with the
working-day calendar in Python first, reading scheduled hearings only).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import CharField, F, IntegerField, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy

from ..models import Level
from .registry import as_text, pk_text, rule, text


@rule(
    code="decision_not_served",
    name=gettext_lazy("Decision not served within 7 days"),
    description=gettext_lazy(
        "A decision has no service record 7 working days after it was made "
        "(行政处罚法 Arts. 61, 85)."
    ),
    level=Level.ORANGE,
    subject_type="workflows.case",
    orange_after_days=0,
    red_after_days=7,
)
def decision_not_served(rule_row, today: dt.date):
    from workflows.selectors_procedure import decisions_not_served

    return decisions_not_served(today).values(
        subject_id=pk_text("case_id"),
        label=Concat("case__number", Value(" "), "case__title", output_field=CharField()),
        detail=text(
            gettext_lazy("Decision %(n)s made on %(d)s, not served"),
            n=F("number"),
            d=as_text("decided_on"),
        ),
        agency_ref=F("case__agency_id"),
        officer_ref=Value(None, output_field=IntegerField()),
    )


@rule(
    code="hearing_notice_late",
    name=gettext_lazy("Hearing notice later than 7 days before the hearing"),
    description=gettext_lazy(
        "A hearing's notice was not served at least 7 working days before the hearing "
        "(行政处罚法 Arts. 64, 85)."
    ),
    level=Level.ORANGE,
    subject_type="workflows.case",
    orange_after_days=0,
    red_after_days=3,
)
def hearing_notice_late(rule_row, today: dt.date):
    from workflows.selectors_procedure import hearings_notice_late

    return hearings_notice_late(today).values(
        subject_id=pk_text("case_id"),
        label=Concat("case__number", Value(" "), "case__title", output_field=CharField()),
        detail=text(
            gettext_lazy("Hearing on %(d)s: its notice was not served 7 working days before"),
            d=as_text("hearing_on"),
        ),
        agency_ref=F("case__agency_id"),
        officer_ref=Value(None, output_field=IntegerField()),
    )
