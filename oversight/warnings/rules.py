"""Warning rules about publication, powers, legal review, public reports, the calendar and
annual reports (the case rules are in rules_cases.py). Each gives the set of subjects whose
condition holds today, as one query; ``@rule`` registers it (registry.py).

A rule's candidates are rows with ``subject_id`` (text), ``label`` and ``detail``, and may
name ``agency_id`` (whose staff see the warning) and ``officer_id``. Warnings that come
from public reports name no agency, so the reported agency never learns of the reports.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from disclosure.models import Publication
from enforcement_portal.models import CalendarDay, User
from enforcement_portal.roles import Role
from enforcement_portal.workdays import calendar_covers, is_workday
from powers.models import Agency, Officer, Power

from ..models import Level
from .registry import as_text, pk_text, rule, text


@rule(
    code="publication_overdue",
    name=_("Decision not published in time"),
    description=_(
        "A decision is not published within 7 working days (penalties and permits) or 15 "
        "working days (other decisions) of being made."
    ),
    level=Level.YELLOW,
    subject_type="disclosure.publication",
    orange_after_days=3,
    red_after_days=10,
)
def publication_overdue(rule_row, today: dt.date):
    return Publication.objects.filter(status=Publication.Status.DRAFT, due_by__lt=today).values(
        subject_id=pk_text(),
        label=F("decision_number"),
        detail=text(_("Publish by %(due)s"), due=as_text("due_by")),
        agency_ref=F("agency_id"),
        officer_ref=Value(None, output_field=IntegerField()),
    )


@rule(
    code="withdrawal_overdue",
    name=_("Revoked decision not withdrawn in time"),
    description=_(
        "A decision that was changed, revoked, confirmed illegal or void is still public 3 "
        "working days later (行政处罚法 Art. 48)."
    ),
    level=Level.ORANGE,
    subject_type="disclosure.publication",
    orange_after_days=0,
    red_after_days=3,
)
def withdrawal_overdue(rule_row, today: dt.date):
    """From the fourth working day after the decision was changed or revoked: the latest
    working day up to today is past the third. The revocation is the one recorded on the case
    (workflows.Revocation) or, for a publication without a case, the date on the publication."""
    from workflows.models import Revocation

    last_workday = today
    while not is_workday(last_workday):
        last_workday -= dt.timedelta(days=1)
    recorded = Revocation.objects.filter(
        decision__case=OuterRef("case_id"), withdrawal_due__lt=last_workday
    )
    due = Coalesce(
        Subquery(
            Revocation.objects.filter(decision__case=OuterRef("case_id"))
            .order_by()
            .values("decision__case")
            .annotate(first=Min("withdrawal_due"))
            .values("first")
        ),
        F("withdrawal_due"),
    )
    return (
        Publication.objects.filter(status=Publication.Status.PUBLISHED)
        .filter(Exists(recorded) | Q(revoked_on__isnull=False, withdrawal_due__lt=last_workday))
        .values(
            subject_id=pk_text(),
            label=F("decision_number"),
            detail=text(_("Withdraw by %(due)s"), due=as_text(due)),
            agency_ref=F("agency_id"),
            officer_ref=Value(None, output_field=IntegerField()),
        )
    )


@rule(
    code="power_basis_review",
    name=_("Power rests on an amended or repealed regulation"),
    description=_(
        "A power cites a regulation that was amended or repealed and is not yet reviewed."
    ),
    level=Level.YELLOW,
    subject_type="powers.power",
    orange_after_days=15,
    red_after_days=30,
)
def power_basis_review(rule_row, today: dt.date):
    live = [
        Power.Status.REGISTERED,
        Power.Status.SUBMITTED,
        Power.Status.DRAFT,
        Power.Status.RETURNED,
    ]
    return Power.objects.filter(basis_needs_review=True, status__in=live).values(
        subject_id=pk_text(),
        label=Concat("code", Value(" "), "name", output_field=CharField()),
        detail=F("basis_review_note"),
        agency_ref=F("agency_id"),
        officer_ref=Value(None, output_field=IntegerField()),
    )


@rule(
    code="legal_reviewer_ratio",
    name=_("Too few legal reviewers"),
    description=_(
        "An agency's legal reviewers are fewer than 5 per cent of its enforcement officers."
    ),
    level=Level.YELLOW,
    subject_type="powers.agency",
    threshold=5,
    orange_after_days=30,
    red_after_days=90,
)
def legal_reviewer_ratio(rule_row, today: dt.date):
    percent = rule_row.threshold if rule_row.threshold is not None else 5
    reviewers = (
        User.objects.filter(agency=OuterRef("pk"), is_active=True, groups__name=Role.LEGAL_REVIEWER)
        .values("agency")
        .annotate(n=Count("id", distinct=True))
        .values("n")
    )
    officers = (
        Officer.objects.filter(
            agency=OuterRef("pk"),
            certificate_status=Officer.CertificateStatus.VALID,
            certificate_valid_until__gte=today,
        )
        .values("agency")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Agency.objects.filter(is_enforcement_body=True)
        .annotate(
            officer_count=Coalesce(Subquery(officers, output_field=IntegerField()), 0),
            reviewer_count=Coalesce(Subquery(reviewers, output_field=IntegerField()), 0),
        )
        .filter(officer_count__gt=0, reviewer_count__lt=F("officer_count") * percent / 100.0)
        .values(
            subject_id=pk_text(),
            label=F("name"),
            detail=text(
                _("%(reviewers)s legal reviewers / %(officers)s enforcement officers"),
                reviewers=as_text("reviewer_count"),
                officers=as_text("officer_count"),
            ),
            agency_ref=F("pk"),
            officer_ref=Value(None, output_field=IntegerField()),
        )
    )


@rule(
    code="legal_review_overdue",
    name=_("Legal review past its deadline"),
    description=_(
        "A major decision submitted for legal review is not reviewed within the deadline "
        "(LEGAL_REVIEW_DAYS working days, 5 by default)."
    ),
    level=Level.YELLOW,
    subject_type="oversight.legalreview",
    orange_after_days=3,
    red_after_days=10,
)
def legal_review_overdue(rule_row, today: dt.date):
    from ..legal_review.selectors import overdue_reviews

    return overdue_reviews(today).values(
        subject_id=pk_text(),
        label=text(
            _("%(case)s legal review round %(round)s"),
            case=F("case__number"),
            round=as_text("round"),
        ),
        detail=text(_("Review due on %(due)s"), due=as_text("due_on")),
        agency_ref=F("agency_id"),
        officer_ref=Value(None, output_field=IntegerField()),
    )


def _report_model():
    from reports.models import Report

    return Report


@rule(
    code="report_overdue",
    name=_("Public report not handled in time"),
    description=_(
        "A report is not accepted within 15 days, or not concluded within 60 days of "
        "acceptance (plus an approved extension)."
    ),
    level=Level.YELLOW,
    subject_type="reports.report",
    orange_after_days=5,
    red_after_days=15,
)
def report_overdue(rule_row, today: dt.date):
    from reports.selectors import overdue_reports

    # Filed under the handling body: the reported agency must never learn of a report.
    return overdue_reports(today).values(
        subject_id=pk_text(),
        label=text(_("Report #%(id)s"), id=pk_text()),
        detail=text(_("Due on %(due)s"), due=as_text("due")),
        agency_ref=F("handling_agency_id"),
        officer_ref=Value(None, output_field=IntegerField()),
    )


def _repeated(model_field: str, rule_row, today: dt.date):
    """Officers or agencies with ``threshold`` or more reports received within the window.

    The warning names no agency and no officer: it is for supervisors only, so those
    reported on never learn of the reports through it.
    """
    Report = _report_model()
    window = rule_row.window_days or 90
    since = today - dt.timedelta(days=window)
    return (
        Report.objects.filter(
            received_on__gt=since, received_on__lte=today, **{f"{model_field}__isnull": False}
        )
        .values(model_field)
        .annotate(n=Count("id"))
        .filter(n__gte=rule_row.threshold or 3)
        .values(
            subject_id=Cast(model_field, CharField()),
            label=F(f"{model_field}__name"),
            detail=text(
                _("%(count)s reports in the last %(days)s days"),
                days=Value(str(window)),
                count=as_text("n"),
            ),
            agency_ref=Value(None, output_field=IntegerField()),
            officer_ref=Value(None, output_field=IntegerField()),
        )
    )


@rule(
    code="repeated_reports_officer",
    name=_("Repeated reports about one officer"),
    description=_("Three or more reports about the same officer within 90 days."),
    level=Level.ORANGE,
    subject_type="powers.officer",
    threshold=3,
    window_days=90,
)
def repeated_reports_officer(rule_row, today: dt.date):
    return _repeated("officer", rule_row, today)


@rule(
    code="repeated_reports_agency",
    name=_("Repeated reports about one agency"),
    description=_("Three or more reports about the same agency within 90 days."),
    level=Level.ORANGE,
    subject_type="powers.agency",
    threshold=3,
    window_days=90,
)
def repeated_reports_agency(rule_row, today: dt.date):
    return _repeated("agency", rule_row, today)


@rule(
    code="calendar_gap",
    name=_("Holiday calendar missing for a year deadlines reach"),
    description=_(
        "Deadlines reach into a year the State Council calendar does not cover and no "
        "holidays were entered by hand, so working days count Monday to Friday."
    ),
    level=Level.ORANGE,
    subject_type="core.calendar",
    orange_after_days=0,
    red_after_days=14,
)
def calendar_gap(rule_row, today: dt.date):
    # Deadlines of up to about 60 working days reach three months ahead.
    years = sorted({today.year, (today + dt.timedelta(days=92)).year})
    entered = set(
        CalendarDay.objects.filter(date__year__in=years)
        .values_list("date__year", flat=True)
        .distinct()
    )
    return [
        {
            "subject_id": str(year),
            "label": _("Year %(year)s") % {"year": year},
            "detail": str(
                _(
                    "No holidays or make-up working days entered for the year; working days are counted Monday to Friday"
                )
            ),
            "agency_ref": None,
            "officer_ref": None,
        }
        for year in years
        if not calendar_covers(year) and year not in entered
    ]


@rule(
    code="annual_report_overdue",
    name=_("Annual statistics not published by 31 January"),
    description=_(
        "An enforcement agency has not published last year's enforcement statistics by 31 January."
    ),
    level=Level.ORANGE,
    subject_type="powers.agency",
    orange_after_days=0,
    red_after_days=14,
)
def annual_report_overdue(rule_row, today: dt.date):
    from disclosure.models import AnnualReport

    year = today.year - 1
    if today <= dt.date(today.year, 1, 31):
        return []
    published = AnnualReport.objects.filter(year=year, published_on__isnull=False).values(
        "agency_id"
    )
    from workflows.models import Case

    # Only agencies with something to report: a year before the portal ran is not overdue.
    active = Exists(
        Case.objects.filter(
            agency=OuterRef("pk"), filed_on__range=(dt.date(year, 1, 1), dt.date(year, 12, 31))
        )
    )
    return (
        Agency.objects.filter(active, is_enforcement_body=True)
        .exclude(pk__in=published)
        .values(
            subject_id=pk_text(),
            label=F("name"),
            detail=Value(
                _("Annual enforcement statistics report for %(year)s not published")
                % {"year": year}
            ),
            agency_ref=F("pk"),
            officer_ref=Value(None, output_field=IntegerField()),
        )
    )
