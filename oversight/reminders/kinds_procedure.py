"""The reminder kinds for the procedure's running windows and the enforcement deadlines: the
party's statement and defence window and hearing request window after the notice of the
proposed penalty (行政处罚法 Arts. 44-45, 64), the hearing notice 7 working days before the
hearing (Art. 64), service of the decision within 7 working days (Arts. 61, 85), the 催告书
once the periods for reconsideration and a lawsuit pass unpaid, and the court window
(行政强制法 Arts. 53-54).

Their last days are functions of a stored date (``workflows.deadlines``); ``dates.py`` turns
each into a CASE over that date for the few due dates a run needs, so every kind stays one
queryset. All are about the case (``workflows.case``, the warnings' subject), told to its
officers. Registered in ``registry.KIND_MODULES``.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case as DbCase
from django.db.models import (
    CharField,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from .dates import LOOKBACK_DAYS, date_map, due_range, workday_map
from .registry import reminder_kind, rows


def _label():
    return Concat("case__number", Value(" "), "case__title", output_field=CharField())


def _case_rows(qs, due):
    return rows(
        qs, due=due, label=_label(), agency="case__agency_id", case="case_id", obj="case_id"
    )


def _open_notices():
    """The notice in force on each open case (a later notice replaces it), served and not
    waived in writing, with the day the party received it."""
    from workflows.models import PenaltyNotice, ServiceRecord

    later = PenaltyNotice.objects.filter(case=OuterRef("case"), pk__gt=OuterRef("pk"))
    received = ServiceRecord.objects.filter(
        notice=OuterRef("pk"), document_kind=ServiceRecord.DocumentKind.NOTICE
    ).order_by("id")
    return (
        PenaltyNotice.objects.filter(case__status="open", waived_on__isnull=True)
        .exclude(Exists(later))
        .annotate(rem_received=Subquery(received.values("received_on")[:1]))
    )


def _notice_window(code: str, today: dt.date, qs):
    from workflows import conf

    window = workday_map(code, "rem_received", conf.defence_window_workdays(), today)
    return _case_rows(qs.filter(window.q()), window.due())


@reminder_kind(
    code="defence_window_due",
    name=_("Statement and defence window (Arts. 44-45)"),
    action=_("hear the party's statement and defence"),
    text=_(
        "%(label)s: the party may state and defend themselves until %(due)s (Arts. 44-45). "
        "Record every point and answer it; do not make the decision before the window ends."
    ),
    object_type="workflows.case",
)
def defence_window_due(today: dt.date):
    """Ends 5 working days after the notice was received (``deadlines.defence_window_ends``);
    quiet once it ends, the party waives in writing, or the case is decided."""
    return _notice_window("defence_window_due", today, _open_notices())


@reminder_kind(
    code="hearing_request_due",
    name=_("Hearing request window (Art. 64)"),
    action=_("record the party's hearing request"),
    text=_(
        "%(label)s: the party may ask for a hearing until %(due)s (Art. 64). Record a request "
        "the day it comes and schedule the hearing; do not make the decision before the window "
        "ends."
    ),
    object_type="workflows.case",
)
def hearing_request_due(today: dt.date):
    """The same 5 working days, for a notice that states hearing rights; quiet once the party
    asked for a hearing (or waived, or the window ended)."""
    from workflows.models import Hearing

    asked = Hearing.objects.filter(case=OuterRef("case"))
    qs = _open_notices().filter(hearing_rights=True).exclude(Exists(asked))
    return _notice_window("hearing_request_due", today, qs)


@reminder_kind(
    code="hearing_notice_due",
    name=_("Hearing notice 7 days before the hearing (Art. 64)"),
    action=_("serve the hearing notice"),
    text=_(
        "%(label)s: serve the hearing notice by %(due)s, at least 7 working days before the "
        "hearing (Art. 64), or move the hearing."
    ),
    object_type="workflows.case",
)
def hearing_notice_due(today: dt.date):
    """``deadlines.hearing_notice_latest(hearing_on)``: 7 working days before the hearing;
    quiet once a hearing notice is served or the hearing is held."""
    from workflows import conf
    from workflows.models import Hearing, ServiceRecord

    served = ServiceRecord.objects.filter(
        case=OuterRef("case"), document_kind=ServiceRecord.DocumentKind.HEARING_NOTICE
    )
    latest = workday_map(
        "hearing_notice_due",
        "hearing_on",
        -conf.hearing_notice_workdays(),
        today,
        lookback=LOOKBACK_DAYS,
    )
    qs = (
        Hearing.objects.filter(
            status__in=(Hearing.Status.REQUESTED, Hearing.Status.SCHEDULED),
            case__status="open",
        )
        .exclude(Exists(served))
        .filter(latest.q())
    )
    return _case_rows(qs, latest.due())


@reminder_kind(
    code="decision_service_due",
    name=_("Service of the decision within 7 days (Art. 61)"),
    action=_("serve the decision on the party and record the service"),
    object_type="workflows.case",
)
def decision_service_due(today: dt.date):
    """7 working days after the decision was made (Arts. 61, 85; ``CASE_SERVICE_WORKDAYS``,
    as the warning ``decision_not_served`` counts); on-the-spot decisions are handed over at
    once. Quiet once a service record of the decision exists."""
    from workflows import conf
    from workflows.models import Decision, ProcessTemplate, ServiceRecord

    served = ServiceRecord.objects.filter(
        case=OuterRef("case"), document_kind=ServiceRecord.DocumentKind.DECISION
    )
    by = workday_map(
        "decision_service_due", "decided_on", conf.service_days(), today, lookback=LOOKBACK_DAYS
    )
    qs = (
        Decision.objects.filter(case__status__in=("decided", "executed"))
        .exclude(case__template__kind=ProcessTemplate.Kind.SIMPLIFIED_PENALTY)
        .exclude(Exists(served))
        .filter(by.q())
    )
    return _case_rows(qs, by.due())


def _unpaid_decisions(today: dt.date):
    """Decided fines received by the party, neither revoked nor void, no reconsideration or
    lawsuit pending, and less of the fine (as last changed, Art. 48) paid than imposed. The
    late surcharge alone is not counted here (the warnings, case by case, do)."""
    from workflows.models import LegalChallenge, Payment, Revocation

    stopped = Revocation.objects.filter(
        decision=OuterRef("pk"), kind__in=(Revocation.Kind.REVOKED, Revocation.Kind.VOID)
    )
    latest = Revocation.objects.filter(decision=OuterRef("pk")).order_by("-decided_on", "-id")
    pending = LegalChallenge.objects.filter(case=OuterRef("case")).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )
    money = DecimalField(max_digits=16, decimal_places=2)
    paid = (
        Payment.objects.filter(case=OuterRef("case"))
        .order_by()
        .values("case")
        .annotate(total=Sum("fine_part"))
        .values("total")
    )
    from workflows.models import Decision

    return (
        Decision.objects.filter(
            case__status="decided",
            no_penalty=False,
            fine_amount__gt=0,
            received_on__isnull=False,
        )
        .exclude(Exists(stopped))
        .exclude(Exists(pending))
        .annotate(
            rem_last_kind=Subquery(latest.values("kind")[:1]),
            rem_new_fine=Subquery(latest.values("new_fine_amount")[:1]),
            rem_paid=Coalesce(Subquery(paid, output_field=money), Value(0, output_field=money)),
        )
        .annotate(
            rem_fine=DbCase(
                When(
                    rem_last_kind=Revocation.Kind.CHANGED,
                    rem_new_fine__isnull=False,
                    then=F("rem_new_fine"),
                ),
                default=F("fine_amount"),
                output_field=money,
            )
        )
        .filter(rem_paid__lt=F("rem_fine"))
    )


def _window_map(code: str, today: dt.date, end: int, *, lookback: int = 0):
    """The decisions whose enforcement window (``deadlines.enforcement_application_window``,
    from the receipt) opens (``end`` 0) or closes (1) on a due date of this run."""
    from workflows.deadlines import add_months, enforcement_application_window

    dues = due_range(code, today, lookback=lookback)
    months = 6 if end == 0 else 9  # the lawsuit's 6 months, and the court's 3 after them
    # Month ends share a due date (29-31 Aug all give 28 Feb), so read a few days either side.
    slack = dt.timedelta(days=4)
    starts = (add_months(dues[0], -months) - slack, add_months(dues[1], -months) + slack)
    return date_map(
        "received_on",
        lambda day: enforcement_application_window(received_on=day)[end],
        starts=starts,
        dues=dues,
    )


@reminder_kind(
    code="urge_due",
    name=_("催告书 once the periods for reconsideration and a lawsuit pass"),
    action=_("serve the 催告书"),
    text=_(
        "%(label)s: the periods for reconsideration and a lawsuit end before %(due)s. If the "
        "fine is still unpaid then, serve the 催告书 (行政强制法 Art. 54) so that the court can "
        "be asked in time."
    ),
    object_type="workflows.case",
)
def urge_due(today: dt.date):
    """Due on the day the court window opens (the day after 6 months from receipt; the
    warning ``urge_due`` opens then); quiet once the 催告书 is served, the fine paid, or a
    reconsideration or lawsuit is pending."""
    opens = _window_map("urge_due", today, 0, lookback=LOOKBACK_DAYS)
    # A 催告书 issued but not yet served does not end it: its receipt comes from its service.
    qs = _unpaid_decisions(today).filter(case__urge__received_on__isnull=True).filter(opens.q())
    return _case_rows(qs, opens.due())


@reminder_kind(
    code="court_application_due",
    name=_("Applying to the court for compulsory execution (行政强制法 Art. 53)"),
    action=_("apply to the people's court for compulsory execution"),
    text=_(
        "%(label)s: the 催告书 has been served; once its 10 days have passed, apply to the "
        "people's court for compulsory execution by %(due)s (行政强制法 Arts. 53-54)."
    ),
    object_type="workflows.case",
)
def court_application_due(today: dt.date):
    """The 3 months after the periods for reconsideration and a lawsuit end; quiet once the
    application is recorded, the fine paid, or the window closed."""
    closes = _window_map("court_application_due", today, 1)
    qs = (
        _unpaid_decisions(today)
        .filter(case__urge__isnull=False, case__urge__received_on__isnull=False)
        .filter(case__court_application__isnull=True)
        .filter(closes.q())
    )
    return _case_rows(qs, closes.due())
