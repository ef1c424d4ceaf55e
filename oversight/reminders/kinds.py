"""The reminder kinds for the deadlines the portal computes today: a case's step time limit,
the 90-day decision limit, payment, archiving, publication, withdrawal, legal review and
public reports. Each is one ``@reminder_kind`` function (registry.py says how to add one).
The procedure's windows, service, the 催告书 and the court window are in kinds_procedure.py.

Nothing about a report's reporter is selected: a report is named by its number alone.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import CharField, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from enforcement_portal.roles import Role

from ..warnings.registry import pk_text, text
from .registry import CASE_OFFICERS, reminder_kind, role, rows

ACTIVE = ("open", "decided", "executed")


def _case_label():
    return Concat("number", Value(" "), "title", output_field=CharField())


@reminder_kind(
    code="case_node_due",
    name=_("Step time limit"),
    action=_("finish the current step and move the case on"),
    object_type="workflows.case",
)
def case_node_due(today: dt.date):
    from workflows.models import Case

    qs = Case.objects.filter(status__in=ACTIVE, node_due_on__isnull=False)
    return rows(qs, due="node_due_on", label=_case_label(), case="pk")


@reminder_kind(
    code="case_decision_due",
    name=_("90-day decision limit (Art. 60)"),
    action=_("make the decision or ask the leader for an extension"),
    object_type="workflows.case",
)
def case_decision_due(today: dt.date):
    from workflows.models import Case

    qs = Case.objects.filter(status="open")
    return rows(qs, due="decision_due_on", label=_case_label(), case="pk")


@reminder_kind(
    code="case_payment_due",
    name=_("Payment due under the decision"),
    action=_("check that the party has paid and record the bank receipt"),
    object_type="workflows.case",
)
def case_payment_due(today: dt.date):
    from workflows.models import Decision

    # Owed until the case is executed (payments accumulate); due only once the party received
    # the decision (Art. 67: 15 days from receipt), so a decision not yet served has no due date.
    qs = Decision.objects.filter(
        case__status="decided", no_penalty=False, performance_due_on__isnull=False
    ).exclude(fine_amount__isnull=True)
    label = Concat("case__number", Value(" "), "case__title", output_field=CharField())
    return rows(
        qs,
        due="performance_due_on",
        label=label,
        agency="case__agency_id",
        case="case_id",
        obj="case_id",
    )


@reminder_kind(
    code="case_archive_due",
    name=_("Archiving within 15 days of closing"),
    action=_("archive the case file"),
    object_type="workflows.case",
)
def case_archive_due(today: dt.date):
    from workflows.models import Case

    qs = Case.objects.filter(status="closed", archive_due_on__isnull=False)
    return rows(qs, due="archive_due_on", label=_case_label(), case="pk")


@reminder_kind(
    code="publication_due",
    name=_("Publication within 7 or 15 working days"),
    action=_("sign off and publish the decision"),
    object_type="disclosure.publication",
    recipients=(role(Role.PUBLICITY_OFFICER), CASE_OFFICERS),
)
def publication_due(today: dt.date):
    from disclosure.models import Publication

    qs = Publication.objects.filter(status=Publication.Status.DRAFT)
    return rows(qs, due="due_by", label=Concat("decision_number", Value("")), case="case_id")


@reminder_kind(
    code="publication_withdrawal_due",
    name=_("Withdrawal within 3 working days of a revocation"),
    action=_("withdraw the publication"),
    object_type="disclosure.publication",
    recipients=(role(Role.PUBLICITY_OFFICER),),
)
def publication_withdrawal_due(today: dt.date):
    from disclosure.models import Publication

    qs = Publication.objects.filter(
        status=Publication.Status.PUBLISHED, revoked_on__isnull=False, withdrawal_due__isnull=False
    )
    return rows(qs, due="withdrawal_due", label=Concat("decision_number", Value("")))


@reminder_kind(
    code="legal_review_due",
    name=_("Legal review"),
    action=_("give the legal review opinion"),
    object_type="oversight.legalreview",
    recipients=(role(Role.LEGAL_REVIEWER),),
)
def legal_review_due(today: dt.date):
    from ..legal_review.models import LegalReview

    qs = LegalReview.objects.filter(status=LegalReview.Status.SUBMITTED)
    label = Concat("case__number", Value(" "), "case__title", output_field=CharField())
    return rows(qs, due="due_on", label=label)


def _report_label():
    return text(_("Report #%(id)s"), id=pk_text())


@reminder_kind(
    code="report_accept_due",
    name=_("Accepting a public report"),
    action=_("decide whether to accept the report"),
    object_type="reports.report",
    recipients=(role(Role.REPORT_HANDLER),),
)
def report_accept_due(today: dt.date):
    from reports.models import Report

    qs = Report.objects.filter(status=Report.Status.RECEIVED)
    return rows(qs, due="accept_due", label=_report_label(), agency="handling_agency_id")


@reminder_kind(
    code="report_conclude_due",
    name=_("Concluding a public report"),
    action=_("conclude the report and answer the reporter"),
    object_type="reports.report",
    recipients=(role(Role.REPORT_HANDLER),),
)
def report_conclude_due(today: dt.date):
    from reports.models import Report

    qs = Report.objects.filter(
        status__in=(Report.Status.ACCEPTED, Report.Status.INVESTIGATING),
        conclude_due__isnull=False,
    )
    return rows(qs, due="conclude_due", label=_report_label(), agency="handling_agency_id")
