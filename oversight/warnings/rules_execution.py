"""Warning rules after the decision: a fine overdue (Arts. 67, 72), a 催告书 due once the
periods for reconsideration and a lawsuit have passed unpaid, and the court deadline
approaching (行政强制法 Arts. 53-54). Registered through ``@rule`` (registry.py).

The candidates are found in SQL (decided cases with a fine, not revoked or void, past the
relevant date) and then checked case by case against ``workflows.balance`` (payments,
instalments, pending challenges), so a rule and the case page never disagree about what is
owed; the result goes back to the engine as one queryset.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case as DbCase
from django.db.models import CharField, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from ..models import Level
from .registry import pk_text, rule


def _candidates(**filters):
    from workflows.models import Case, Instalment, Revocation

    stopped = Revocation.objects.filter(
        decision__case=OuterRef("pk"), kind__in=[Revocation.Kind.REVOKED, Revocation.Kind.VOID]
    )
    return (
        Case.objects.filter(
            status=Case.Status.DECIDED,
            decision__no_penalty=False,
            decision__fine_amount__gt=0,
            **filters,
        )
        .filter(~Exists(stopped))
        .select_related("decision")
        .order_by("id"),
        Instalment,
    )


def _row(case, detail: str) -> tuple[int, str]:
    return case.pk, str(detail)[:300]


def _as_queryset(rows: list[tuple[int, str]]):
    """The checked cases as one queryset of candidate rows (the engine opens and resolves
    warnings in a single statement over it), each with its own detail."""
    from workflows.models import Case

    details = [When(pk=pk, then=Value(detail)) for pk, detail in rows]
    pks = [pk for pk, _d in rows]
    # No match still compiles to SQL (an empty IN does not): the engine resolves from it.
    return Case.objects.filter(Q(pk__in=pks) if pks else Q(pk__isnull=True)).values(
        subject_id=pk_text(),
        label=Concat("number", Value(" "), "title", output_field=CharField()),
        detail=DbCase(*details, default=Value(""), output_field=CharField())
        if details
        else Value("", output_field=CharField()),
        agency_ref=F("agency_id"),
        officer_ref=Value(None, output_field=IntegerField()),
    )


@rule(
    code="fine_overdue",
    name=_("Fine not paid by its deadline"),
    description=_(
        "A fine (or an approved instalment) is unpaid after its deadline; the late surcharge "
        "of 3 % a day runs (行政处罚法 Arts. 67, 72)."
    ),
    level=Level.YELLOW,
    subject_type="workflows.case",
    orange_after_days=15,
    red_after_days=30,
)
def fine_overdue(rule_row, today: dt.date):
    from workflows.balance import balance

    cases, instalment = _candidates()
    late_instalment = instalment.objects.filter(
        deferral__case=OuterRef("pk"), deferral__status="approved", due_on__lt=today
    )
    cases = cases.filter(Q(decision__performance_due_on__lt=today) | Exists(late_instalment))
    rows = []
    for case in cases:
        owed = balance(case, on=today)
        if owed.overdue and not owed.pending_challenge:
            rows.append(
                _row(
                    case,
                    _("%(fine)s yuan of the fine unpaid, late surcharge %(s)s yuan so far")
                    % {"fine": owed.fine_outstanding, "s": owed.surcharge},
                )
            )
    return _as_queryset(rows)


@rule(
    code="urge_due",
    name=_("催告书 due before asking the court"),
    description=_(
        "The periods for reconsideration (60 days) and a lawsuit (6 months) have passed with "
        "the fine unpaid and no 催告书 has been served (行政强制法 Arts. 53-54)."
    ),
    level=Level.YELLOW,
    subject_type="workflows.case",
    orange_after_days=10,
    red_after_days=30,
)
def urge_due(rule_row, today: dt.date):
    from workflows.balance import balance, enforcement_window
    from workflows.deadlines import add_months

    cases, _instalment = _candidates(
        # no 催告书 served yet: none issued, or issued and its service not recorded
        decision__received_on__lte=add_months(today, -6),
        urge__received_on__isnull=True,
    )
    rows = []
    for case in cases:
        window = enforcement_window(case.decision)
        assert window is not None  # the filter requires the receipt date
        opens, closes = window
        owed = balance(case, on=today)
        if opens <= today and owed.total_outstanding > 0 and not owed.pending_challenge:
            rows.append(
                _row(
                    case,
                    _("Serve the 催告书; the court must be asked by %(d)s") % {"d": closes},
                )
            )
    return _as_queryset(rows)


@rule(
    code="court_deadline",
    name=_("Deadline for asking the court approaching"),
    description=_(
        "The 3 months after the reconsideration and lawsuit periods, within which the agency "
        "must apply to the court for compulsory execution, end soon (行政强制法 Art. 53)."
    ),
    level=Level.ORANGE,
    subject_type="workflows.case",
    orange_after_days=0,
    red_after_days=7,
)
def court_deadline(rule_row, today: dt.date):
    from workflows import conf
    from workflows.balance import balance, enforcement_window

    cases, _instalment = _candidates(
        decision__received_on__isnull=False, court_application__isnull=True
    )
    cases = cases.filter(decision__received_on__lte=today - dt.timedelta(days=150))
    rows = []
    for case in cases:
        window = enforcement_window(case.decision)
        assert window is not None  # the filter requires the receipt date
        opens, closes = window
        left = (closes - today).days
        if opens <= today and left <= conf.court_warning_days():
            owed = balance(case, on=today)
            if owed.total_outstanding > 0 and not owed.pending_challenge:
                detail = (
                    _("%(n)s days left to apply to the court (by %(d)s)")
                    if left >= 0
                    else _("The court had to be asked by %(d)s")
                )
                rows.append(_row(case, detail % {"n": left, "d": closes}))
    return _as_queryset(rows)
