"""Warning rules. Each gives the set of subjects whose condition holds today, as one query.

A rule's candidates are rows with ``subject_id`` (text), ``label`` and ``detail``, and may
name ``agency_id`` (whose staff see the warning) and ``officer_id``. Warnings that come
from public reports name no agency, so the reported agency never learns of the reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
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
from enforcement_portal.workdays import calendar_covers
from powers.models import Agency, Officer, Power

from ..models import Level


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: Any
    description: Any
    level: str
    subject_type: str
    candidates: Callable[..., Any]  # (rule row, today) -> QuerySet of dicts or list of dicts
    threshold: int | None = None
    window_days: int | None = None
    orange_after_days: int = 7
    red_after_days: int = 21


RULES: dict[str, RuleSpec] = {}


def rule(**kwargs) -> Callable:
    def register(fn):
        spec = RuleSpec(candidates=fn, **kwargs)
        RULES[spec.code] = spec
        return fn

    return register


def _pk_text(field: str = "pk"):
    return Cast(field, CharField())


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
        subject_id=_pk_text(),
        label=F("decision_number"),
        detail=Concat(Value("公示期限 "), Cast("due_by", CharField()), output_field=CharField()),
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
    return Publication.objects.filter(
        status=Publication.Status.PUBLISHED, revoked_on__isnull=False, withdrawal_due__lt=today
    ).values(
        subject_id=_pk_text(),
        label=F("decision_number"),
        detail=Concat(
            Value("撤回期限 "), Cast("withdrawal_due", CharField()), output_field=CharField()
        ),
        agency_ref=F("agency_id"),
        officer_ref=Value(None, output_field=IntegerField()),
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
        subject_id=_pk_text(),
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
            subject_id=_pk_text(),
            label=F("name"),
            detail=Concat(
                Value("法制审核人员 "),
                Cast("reviewer_count", CharField()),
                Value(" 人 / 执法人员 "),
                Cast("officer_count", CharField()),
                Value(" 人"),
                output_field=CharField(),
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
    from ..selectors.legal_review import overdue_reviews

    return overdue_reviews(today).values(
        subject_id=_pk_text(),
        label=Concat(
            "case__number",
            Value(" 法制审核第"),
            Cast("round", CharField()),
            Value("轮"),
            output_field=CharField(),
        ),
        detail=Concat(Value("审核期限 "), Cast("due_on", CharField()), output_field=CharField()),
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
        subject_id=_pk_text(),
        label=Concat(Value("举报 #"), _pk_text(), output_field=CharField()),
        detail=Concat(Value("期限 "), Cast("due", CharField()), output_field=CharField()),
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
            detail=Concat(
                Value(f"近{window}日收到举报 "),
                Cast("n", CharField()),
                Value(" 件"),
                output_field=CharField(),
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
            "label": f"{year}年",
            "detail": "未录入该年节假日和调休安排，工作日按周一至周五计算",
            "agency_ref": None,
            "officer_ref": None,
        }
        for year in years
        if not calendar_covers(year) and year not in entered
    ]


__all__ = ["RULES", "RuleSpec"]


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
            subject_id=_pk_text(),
            label=F("name"),
            detail=Value(f"{year}年度行政执法统计年报未公开"),
            agency_ref=F("pk"),
            officer_ref=Value(None, output_field=IntegerField()),
        )
    )


# ------------------------------------------------------------------------------- cases


def _case_rows(qs, detail_field: str, prefix: str):
    return qs.values(
        subject_id=_pk_text(),
        label=Concat("number", Value(" "), "title", output_field=CharField()),
        detail=Concat(Value(prefix), Cast(detail_field, CharField()), output_field=CharField()),
        agency_ref=F("agency_id"),
        officer_ref=Value(None, output_field=IntegerField()),
    )


@rule(
    code="case_node_overdue",
    name=_("Case step past its time limit"),
    description=_("A case has stayed at a step of its process past that step's time limit."),
    level=Level.YELLOW,
    subject_type="workflows.case",
    orange_after_days=5,
    red_after_days=15,
)
def case_node_overdue(rule_row, today: dt.date):
    from workflows.selectors import cases_past_node_due

    return _case_rows(cases_past_node_due(today), "node_due_on", "本环节期限 ")


@rule(
    code="case_decision_overdue",
    name=_("No decision within 90 days of filing"),
    description=_(
        "A case has no decision 90 days after it was filed and no approved extension "
        "(行政处罚法 Art. 60)."
    ),
    level=Level.ORANGE,
    subject_type="workflows.case",
    orange_after_days=0,
    red_after_days=7,
)
def case_decision_overdue(rule_row, today: dt.date):
    from workflows.selectors import cases_past_decision_due

    return _case_rows(cases_past_decision_due(today), "decision_due_on", "作出决定期限 ")


@rule(
    code="case_archive_overdue",
    name=_("Case file not archived within 15 days"),
    description=_("A closed case's file is not archived within 15 days of closing."),
    level=Level.YELLOW,
    subject_type="workflows.case",
)
def case_archive_overdue(rule_row, today: dt.date):
    from workflows.selectors import cases_past_archive_due

    return _case_rows(cases_past_archive_due(today), "archive_due_on", "归档期限 ")


@rule(
    code="decision_deviation",
    name=_("Penalty outside the discretion band"),
    description=_(
        "A decision imposes a penalty outside the band the discretion standard recommends."
    ),
    level=Level.YELLOW,
    subject_type="workflows.decision",
    orange_after_days=10,
    red_after_days=30,
)
def decision_deviation(rule_row, today: dt.date):
    from workflows.selectors import deviating_decisions

    return deviating_decisions().values(
        subject_id=_pk_text(),
        label=F("number"),
        detail=F("deviation_reason"),
        agency_ref=F("case__agency_id"),
        officer_ref=Value(None, output_field=IntegerField()),
    )


@rule(
    code="deviation_concentration",
    name=_("Deviations concentrated in one officer"),
    description=_("One officer decided three or more penalties outside the band within 180 days."),
    level=Level.ORANGE,
    subject_type="powers.officer",
    threshold=3,
    window_days=180,
)
def deviation_concentration(rule_row, today: dt.date):
    from workflows.selectors import deviating_decisions

    since = today - dt.timedelta(days=rule_row.window_days or 180)
    return (
        deviating_decisions()
        .filter(decided_on__gt=since, decided_by__officer__isnull=False)
        .values("decided_by__officer")
        .annotate(n=Count("id"))
        .filter(n__gte=rule_row.threshold or 3)
        .values(
            subject_id=Cast("decided_by__officer", CharField()),
            label=F("decided_by__officer__name"),
            detail=Concat(
                Value("超出裁量基准的决定 "),
                Cast("n", CharField()),
                Value(" 件"),
                output_field=CharField(),
            ),
            agency_ref=F("decided_by__officer__agency_id"),
            officer_ref=F("decided_by__officer"),
        )
    )


@rule(
    code="officer_invalid_certificate",
    name=_("Officer on an active case without a valid certificate"),
    description=_(
        "An officer acting on a case in progress holds a certificate that has expired, "
        "or was suspended or revoked (行政处罚法 Art. 42)."
    ),
    level=Level.ORANGE,
    subject_type="powers.officer",
    orange_after_days=0,
    red_after_days=7,
)
def officer_invalid_certificate(rule_row, today: dt.date):
    from workflows.models import Case, CaseOfficer

    active = [Case.Status.OPEN, Case.Status.SUSPENDED, Case.Status.DECIDED, Case.Status.EXECUTED]
    invalid = ~Q(certificate_status=Officer.CertificateStatus.VALID) | Q(
        certificate_valid_until__lt=today
    )
    # EXISTS stops at the officer's first active case; a join would visit all of them.
    on_active_case = Exists(
        CaseOfficer.objects.filter(officer=OuterRef("pk"), case__status__in=active)
    )
    return Officer.objects.filter(invalid, on_active_case).values(
        subject_id=_pk_text(),
        label=Concat(
            "name", Value("（"), "certificate_number", Value("）"), output_field=CharField()
        ),
        detail=Concat(
            Value("执法证有效期至 "),
            Cast("certificate_valid_until", CharField()),
            output_field=CharField(),
        ),
        agency_ref=F("agency_id"),
        officer_ref=F("pk"),
    )


@rule(
    code="unregistered_power_attempt",
    name=_("Attempt to act on a power that is not registered"),
    description=_(
        "Someone tried to open a case on a power that is not registered, or is suspended or "
        "abolished, within the last 30 days."
    ),
    level=Level.ORANGE,
    subject_type="powers.power",
    window_days=30,
)
def unregistered_power_attempt(rule_row, today: dt.date):
    from django.db.models import Case, When
    from django.utils import timezone as tz
    from django.utils import translation

    from enforcement_portal.models import AuditEvent

    window = rule_row.window_days or 30
    since = tz.make_aware(dt.datetime.combine(today - dt.timedelta(days=window), dt.time.min))
    attempts = (
        AuditEvent.objects.filter(
            action="case.refused_power",
            object_type="powers.power",
            object_id=Cast(OuterRef("pk"), CharField()),
            created_at__gte=since,
        )
        .order_by()
        .values("object_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    with translation.override("zh-hans"):
        status_label = Case(
            *[When(status=value, then=Value(str(label))) for value, label in Power.Status.choices],
            default=F("status"),
            output_field=CharField(),
        )
    return (
        Power.objects.annotate(attempts=Subquery(attempts, output_field=IntegerField()))
        .filter(attempts__gt=0)
        .values(
            subject_id=_pk_text(),
            label=Concat("code", Value(" "), "name", output_field=CharField()),
            detail=Concat(
                Value(f"近{window}日被拒绝立案 "),
                Cast("attempts", CharField()),
                Value(" 次（状态："),
                status_label,
                Value("）"),
                output_field=CharField(),
            ),
            agency_ref=F("agency_id"),
            officer_ref=Value(None, output_field=IntegerField()),
        )
    )


from . import rules_integrity  # noqa: E402, F401  (registers the evidence-integrity rule)


@rule(
    code="public_update_overdue",
    name=_("Change not on the public pages within a month"),
    description=_(
        "A registered power has a change to its registration or to its discretion standard "
        "that has waited more than 30 days to be registered, so the public pages still show "
        "the old content."
    ),
    level=Level.YELLOW,
    subject_type="powers.power",
    window_days=30,
    orange_after_days=15,
    red_after_days=30,
)
def public_update_overdue(rule_row, today: dt.date):
    """事前公开: what the public reads is the registered content (powers, discretion
    standards); a change reaches it only when registered. A pending power version, or a
    revised standard (version 2 on) still open, older than the window is a change the public
    has not seen within the month the plan allows."""
    from django.db.models import Case, When
    from django.utils import timezone as tz

    from discretion.models import DiscretionStandard
    from powers.models import PowerVersion

    window = rule_row.window_days or 30
    before = tz.make_aware(dt.datetime.combine(today - dt.timedelta(days=window), dt.time.min))
    power_change = PowerVersion.objects.filter(
        power=OuterRef("pk"), status__in=PowerVersion.PENDING, created_at__lt=before
    )
    standard_change = DiscretionStandard.objects.filter(
        power=OuterRef("pk"),
        status__in=DiscretionStandard.OPEN,
        version__gt=1,
        created_at__lt=before,
    )
    return (
        Power.objects.filter(status=Power.Status.REGISTERED)
        .annotate(power_change=Exists(power_change), standard_change=Exists(standard_change))
        .filter(Q(power_change=True) | Q(standard_change=True))
        .values(
            subject_id=_pk_text(),
            label=Concat("code", Value(" "), "name", output_field=CharField()),
            detail=Case(
                When(
                    power_change=True,
                    standard_change=True,
                    then=Value(f"权力事项与裁量基准的变更均超过{window}日未公开"),
                ),
                When(power_change=True, then=Value(f"权力事项的变更超过{window}日未公开")),
                default=Value(f"裁量基准的变更超过{window}日未公开"),
                output_field=CharField(),
            ),
            agency_ref=F("agency_id"),
            officer_ref=Value(None, output_field=IntegerField()),
        )
    )


@rule(
    code="decision_exceeds_review",
    name=_("Decision harsher than the legally reviewed draft"),
    description=_(
        "A major decision imposes a higher fine than the draft its latest legal review "
        "examined, so the penalty actually imposed was never reviewed."
    ),
    level=Level.ORANGE,
    subject_type="workflows.case",
    orange_after_days=0,
    red_after_days=3,
)
def decision_exceeds_review(rule_row, today: dt.date):
    """重大执法决定法制审核: the gate lets a decision be made after an agreed review, and the
    decision form takes any fine; a fine above the reviewed proposal is a decision no
    reviewer saw. Read from each case's latest review round (no later round exists)."""
    from ..models import LegalReview

    later_round = LegalReview.objects.filter(case=OuterRef("case"), round__gt=OuterRef("round"))
    return (
        LegalReview.objects.filter(
            case__is_major=True,
            proposed_fine__isnull=False,
            case__decision__fine_amount__gt=F("proposed_fine"),
        )
        .filter(~Exists(later_round))
        .values(
            subject_id=_pk_text("case_id"),
            label=F("case__decision__number"),
            detail=Concat(
                Value("决定罚款 "),
                Cast("case__decision__fine_amount", CharField()),
                Value(" 元，法制审核时拟罚款 "),
                Cast("proposed_fine", CharField()),
                Value(" 元"),
                output_field=CharField(),
            ),
            agency_ref=F("case__agency_id"),
            officer_ref=Value(None, output_field=IntegerField()),
        )
    )
