"""Warning rules about cases and decisions: overdue nodes, decisions and archiving, deviation
from the discretion standard, officers' certificates, attempts on unregistered powers, changes
not yet public, and decisions harsher than the reviewed draft. Registered through ``@rule``
(registry.py), like the rules in rules.py.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import CharField, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from powers.models import Officer, Power

from ..models import Level
from .registry import as_text, pk_text, rule, text, yuan

# ------------------------------------------------------------------------------- cases


def _case_rows(qs, detail_field: str, template):
    return qs.values(
        subject_id=pk_text(),
        label=Concat("number", Value(" "), "title", output_field=CharField()),
        detail=text(template, due=as_text(detail_field)),
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

    return _case_rows(cases_past_node_due(today), "node_due_on", _("Step due on %(due)s"))


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

    return _case_rows(
        cases_past_decision_due(today), "decision_due_on", _("Decision due on %(due)s")
    )


@rule(
    code="case_archive_overdue",
    name=_("Case file not archived within 15 days"),
    description=_("A closed case's file is not archived within 15 days of closing."),
    level=Level.YELLOW,
    subject_type="workflows.case",
)
def case_archive_overdue(rule_row, today: dt.date):
    from workflows.selectors import cases_past_archive_due

    return _case_rows(cases_past_archive_due(today), "archive_due_on", _("Archive by %(due)s"))


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
        subject_id=pk_text(),
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
            detail=text(
                _("%(count)s decisions outside the discretion standard"),
                count=as_text("n"),
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
        subject_id=pk_text(),
        label=Concat(
            "name", Value("（"), "certificate_number", Value("）"), output_field=CharField()
        ),
        detail=text(
            _("Certificate valid until %(date)s"),
            date=as_text("certificate_valid_until"),
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
            subject_id=pk_text(),
            label=Concat("code", Value(" "), "name", output_field=CharField()),
            detail=text(
                _("Refused %(count)s times in the last %(days)s days (status: %(status)s)"),
                days=Value(str(window)),
                count=as_text("attempts"),
                status=status_label,
            ),
            agency_ref=F("agency_id"),
            officer_ref=Value(None, output_field=IntegerField()),
        )
    )


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
            subject_id=pk_text(),
            label=Concat("code", Value(" "), "name", output_field=CharField()),
            detail=Case(
                When(
                    power_change=True,
                    standard_change=True,
                    then=Value(
                        _(
                            "Changes to the power and its discretion standard not public for over %(days)s days"
                        )
                        % {"days": window}
                    ),
                ),
                When(
                    power_change=True,
                    then=Value(
                        _("Change to the power not public for over %(days)s days")
                        % {"days": window}
                    ),
                ),
                default=Value(
                    _("Change to the discretion standard not public for over %(days)s days")
                    % {"days": window}
                ),
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
            subject_id=pk_text("case_id"),
            label=F("case__decision__number"),
            detail=text(
                _("Fine decided %(decided)s, fine proposed at legal review %(proposed)s"),
                decided=yuan("case__decision__fine_amount"),
                proposed=yuan("proposed_fine"),
            ),
            agency_ref=F("case__agency_id"),
            officer_ref=Value(None, output_field=IntegerField()),
        )
    )
