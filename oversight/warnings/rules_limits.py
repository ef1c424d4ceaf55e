"""Warning rules about the procedure's limits: an undecided case on a power that may no longer
be exercised (its basis repealed or flagged 依据待复核), and an on-the-spot decision not filed
with the agency within 2 working days (行政处罚法 Art. 52). Registered through ``@rule``
(registry.py); each candidate query is one set-based statement.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.translation import gettext_lazy as _

from ..models import Level
from .registry import as_text, pk_text, rule, text


def _lead_officer(case_ref: str):
    from workflows.models import CaseOfficer

    # Every case has exactly one lead officer (case_open), so no ORDER BY is needed.
    return Subquery(
        CaseOfficer.objects.filter(case=OuterRef(case_ref), is_lead=True)
        .order_by()
        .values("officer_id")[:1]
    )


@rule(
    code="case_on_unexercisable_power",
    name=_("Open case on a power whose basis is repealed or under review"),
    description=_(
        "A case not yet decided rests on a power that may no longer be exercised: a legal "
        "basis was repealed or is no longer in force, or the basis is flagged for review "
        "(依据待复核). The decision is refused until the registry confirms or revises the power."
    ),
    level=Level.ORANGE,
    subject_type="workflows.case",
    orange_after_days=0,
    red_after_days=7,
)
def case_on_unexercisable_power(rule_row, today: dt.date):
    """For the case's agency (its officers and leaders) and its lead officer; supervisors read
    across. Resolves itself once the power is exercisable again or the case leaves."""
    from workflows.selectors import open_cases_on_unexercisable_powers

    reason = Coalesce(
        NullIf("power__basis_review_note", Value("")),
        Value(str(_("the power may not be exercised"))),
        output_field=CharField(),
    )
    return open_cases_on_unexercisable_powers().values(
        subject_id=pk_text(),
        label=Concat("number", Value(" "), "title", output_field=CharField()),
        detail=text(
            _("%(power)s: %(reason)s; the decision is refused (立改废)"),
            power=F("power__name"),
            reason=reason,
        ),
        agency_ref=F("agency_id"),
        officer_ref=_lead_officer("pk"),
    )


@rule(
    code="on_the_spot_not_filed",
    name=_("On-the-spot decision not filed with the agency"),
    description=_(
        "An on-the-spot decision was not filed with the agency within 2 working days "
        "(行政处罚法 Art. 52; a setting), or was filed late."
    ),
    level=Level.YELLOW,
    subject_type="workflows.case",
    orange_after_days=3,
    red_after_days=10,
)
def on_the_spot_not_filed(rule_row, today: dt.date):
    from workflows.selectors import on_the_spot_not_filed as not_filed

    return not_filed(today).values(
        subject_id=pk_text("case_id"),
        label=Concat("case__number", Value(" "), "case__title", output_field=CharField()),
        detail=text(
            _("File with the agency by %(due)s; filed on %(filed)s"),
            due=as_text("filing_due_on"),
            filed=Coalesce(as_text("filed_on"), Value("—"), output_field=CharField()),
        ),
        agency_ref=F("case__agency_id"),
        officer_ref=_lead_officer("case_id"),
    )
