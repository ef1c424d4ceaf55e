"""Writes for public reports. Callers have checked permission; every change is audited.

Audit events about a report never carry the reporter's identity or the receipt code, and
events caused by the anonymous reporter carry no actor and no request id.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal import uploads
from enforcement_portal.audit import audit_append
from powers.models import Agency

from . import deadlines, receipts
from .conf import setting
from .models import (
    IdentityAccessRequest,
    Report,
    ReportAttachment,
    ReportMessage,
    RewardDecision,
    RewardRule,
)
from .uploads import CleanFile


def _today() -> dt.date:
    return timezone.localdate()


def _audit(*, action: str, report: Report, actor=None, changes: dict | None = None) -> None:
    """Audit a report event under the handling body, never the reported agency, so no
    agency-wide view of the trail can tell an agency that it has been reported."""
    audit_append(
        action=action,
        obj=report,
        actor=actor,
        changes=changes,
        agency_id=report.handling_agency_id or 0,
    )


def _handling_agency(reported: Agency) -> Agency | None:
    code = setting("REPORTS_HANDLING_AGENCY_CODE")
    body = Agency.objects.filter(code=code).first() if code else None
    # A report about the handling body itself goes to city-level handlers.
    return None if body is None or body.pk == reported.pk else body


def _attach(report: Report, files: list[CleanFile], source: str) -> None:
    for clean in files:
        attachment = ReportAttachment(
            report=report,
            content_type=clean.content_type,
            size=clean.size,
            sha256=clean.sha256,
            source=source,
            added_on=_today(),
        )
        assert clean.content.name  # clean_image names every file
        uploads.store(attachment.file, clean.content.name, clean.content)
        attachment.save()


@uploads.atomic()
def report_submit(
    *, data: dict, files: list[CleanFile] | None = None
) -> tuple[Report, receipts.ReceiptCode]:
    """File a report from the public; returns it with its receipt code (shown once)."""
    anonymous = data.get("is_anonymous", True)
    today = _today()
    for _attempt in range(5):
        code = receipts.receipt_generate()
        if not Report.objects.filter(lookup=code.lookup).exists():
            break
    report = Report(
        lookup=code.lookup,
        secret_hash=receipts.receipt_hash(code),
        agency=data["agency"],
        officer=data.get("officer"),
        case_number=data.get("case_number", ""),
        handling_agency=_handling_agency(data["agency"]),
        violation_type=data["violation_type"],
        subject=data["subject"],
        description=data["description"],
        happened_on=data.get("happened_on"),
        place=data.get("place", ""),
        is_anonymous=anonymous,
        reporter_name="" if anonymous else data.get("reporter_name", ""),
        reporter_contact="" if anonymous else data.get("reporter_contact", ""),
        received_on=today,
        accept_due=deadlines.accept_due(today),
    )
    report.full_clean(exclude=["lookup", "secret_hash", "status"])
    report.save()
    _attach(report, files or [], ReportAttachment.Source.REPORTER)
    _audit(
        action="report.submit",
        report=report,
        actor=None,
        changes={
            "agency": report.agency_id,
            "officer": report.officer_id,
            "violation_type": report.violation_type,
            "anonymous": report.is_anonymous,
            "attachments": len(files or []),
        },
    )
    return report, code


@uploads.atomic()
def report_add_information(*, report: Report, body: str, files: list[CleanFile] | None = None):
    """The reporter (holding the receipt code) adds information."""
    if not report.is_open:
        raise ValidationError({"body": _("This report is closed; file a new report instead.")})
    ReportMessage.objects.create(
        report=report, author_kind=ReportMessage.Author.REPORTER, body=body, sent_on=_today()
    )
    _attach(report, files or [], ReportAttachment.Source.REPORTER)
    _audit(
        action="report.reporter_message",
        report=report,
        actor=None,
        changes={"attachments": len(files or [])},
    )


@transaction.atomic
def report_reply(*, report: Report, handler, body: str) -> ReportMessage:
    message = ReportMessage.objects.create(
        report=report,
        author_kind=ReportMessage.Author.HANDLER,
        handler=handler,
        body=body,
        sent_on=_today(),
    )
    _audit(action="report.reply", report=report, actor=handler, changes={"message": message.pk})
    return message


def _move(report: Report, transition_name: str) -> str:
    before = report.status
    method = getattr(report, transition_name)
    from django_fsm import can_proceed

    if not can_proceed(method):
        raise ValidationError(
            _("This step is not possible while the report is “%(status)s”.")
            % {"status": report.get_status_display()}
        )
    method()
    return before


@transaction.atomic
def report_accept(*, report: Report, handler, on: dt.date | None = None) -> Report:
    before = _move(report, "accept")
    report.accepted_on = on or _today()
    report.conclude_due = deadlines.conclude_due(report.accepted_on)
    report.save()
    _audit(
        action="report.accept",
        report=report,
        actor=handler,
        changes={"status": [before, report.status], "conclude_due": report.conclude_due},
    )
    return report


@transaction.atomic
def report_reject(*, report: Report, handler, reason: str) -> Report:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for not accepting the report.")})
    before = _move(report, "reject")
    report.rejection_reason = reason.strip()
    report.concluded_on = _today()
    report.save()
    _audit(
        action="report.reject",
        report=report,
        actor=handler,
        changes={"status": [before, report.status], "reason": report.rejection_reason},
    )
    return report


@transaction.atomic
def report_investigate(*, report: Report, handler) -> Report:
    before = _move(report, "investigate")
    report.save()
    _audit(
        action="report.investigate",
        report=report,
        actor=handler,
        changes={"status": [before, report.status]},
    )
    return report


@transaction.atomic
def report_extend(*, report: Report, handler, days: int, reason: str) -> Report:
    """The one extension of 信访工作条例 Art. 32: at most 30 days, with a reason."""
    limit = setting("REPORTS_MAX_EXTENSION_DAYS")
    if report.status not in (Report.Status.ACCEPTED, Report.Status.INVESTIGATING):
        raise ValidationError(_("Only a report being handled can be extended."))
    if report.extension_days:
        raise ValidationError(_("The handling period has already been extended once."))
    if not 1 <= days <= limit:
        raise ValidationError({"days": _("An extension is 1 to %(n)s days.") % {"n": limit}})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    before = report.conclude_due
    report.extension_days = days
    report.extension_reason = reason.strip()
    assert report.accepted_on is not None  # set on acceptance, before any handling
    report.conclude_due = deadlines.conclude_due(report.accepted_on, days)
    report.save()
    _audit(
        action="report.extend",
        report=report,
        actor=handler,
        changes={"conclude_due": [before, report.conclude_due], "reason": report.extension_reason},
    )
    return report


def _find_case(number: str):
    """The case a number names: a case number or its decision's number (None if unknown)."""
    from django.db.models import Q

    from workflows.models import Case

    if not number:
        return None
    return Case.objects.filter(Q(number=number) | Q(decision__number=number)).first()


@transaction.atomic
def report_conclude(
    *,
    report: Report,
    handler,
    outcome: str,
    conclusion: str,
    resulting_case_number: str = "",
    penalty_amount: Decimal | None = None,
) -> Report:
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("Write the conclusion the reporter will read.")})
    if outcome not in Report.Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    if resulting_case_number and outcome == Report.Outcome.UNSUBSTANTIATED:
        raise ValidationError(
            {"resulting_case_number": _("Only a substantiated report can lead to a case.")}
        )
    before = _move(report, "conclude")
    report.outcome = outcome
    report.conclusion = conclusion.strip()
    report.resulting_case_number = resulting_case_number.strip()
    report.resulting_case = _find_case(report.resulting_case_number)
    report.penalty_amount = penalty_amount
    report.concluded_on = _today()
    report.save()
    _audit(
        action="report.conclude",
        report=report,
        actor=handler,
        changes={
            "status": [before, report.status],
            "outcome": outcome,
            "resulting_case_number": report.resulting_case_number,
            "penalty_amount": penalty_amount,
        },
    )
    return report


@transaction.atomic
def report_link_case(*, report: Report, handler, case_number: str) -> Report:
    """Link a substantiated report to the case it led to (by case or decision number)."""
    if report.outcome not in (Report.Outcome.SUBSTANTIATED, Report.Outcome.PARTLY):
        raise ValidationError({"case_number": _("Only a substantiated report can lead to a case.")})
    before = report.resulting_case_number
    report.resulting_case_number = case_number.strip()
    report.resulting_case = _find_case(report.resulting_case_number)
    report.save(update_fields=["resulting_case_number", "resulting_case"])
    _audit(
        action="report.link_case",
        report=report,
        actor=handler,
        changes={"resulting_case_number": [before, report.resulting_case_number]},
    )
    return report


# ---------------------------------------------------------------- identity: two-person rule


@transaction.atomic
def identity_request_create(*, report: Report, handler, reason: str) -> IdentityAccessRequest:
    if report.is_anonymous or report.purged_on:
        raise ValidationError(_("This report has no reporter identity to see."))
    # The role rule is the service's own, not only the view's: no superuser shortcut (#17).
    if not handler.has_perm("reports.request_identity", report):
        raise PermissionDenied(_("Only a handler of this report may ask for the identity."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write why you need the reporter's identity.")})
    try:
        with transaction.atomic():
            request = IdentityAccessRequest.objects.create(
                report=report,
                requested_by=handler,
                reason=reason.strip(),
                requested_at=timezone.now(),
            )
    except IntegrityError as exc:
        raise ValidationError(_("You already have a pending request for this report.")) from exc
    _audit(
        action="report.identity_request",
        report=report,
        actor=handler,
        changes={"request": request.pk, "reason": request.reason},
    )
    return request


@transaction.atomic
def identity_request_decide(
    *, request: IdentityAccessRequest, handler, approve: bool, note: str = ""
) -> IdentityAccessRequest:
    request = IdentityAccessRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != IdentityAccessRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if request.requested_by_id == handler.pk:
        raise PermissionDenied(_("A second handler must decide your own request."))
    if not handler.has_perm("reports.decide_identityaccessrequest", request):
        raise PermissionDenied(_("Only a second handler of this report may decide the request."))
    now = timezone.now()
    if approve:
        request.approve()
    else:
        request.refuse()
    request.decided_by = handler
    request.decided_at = now
    request.decision_note = note.strip()
    if approve:
        request.expires_at = now + dt.timedelta(hours=setting("REPORTS_IDENTITY_ACCESS_HOURS"))
    request.save()
    _audit(
        action="report.identity_decide",
        report=request.report,
        actor=handler,
        changes={"request": request.pk, "status": request.status, "note": request.decision_note},
    )
    return request


def identity_grant(report: Report, user) -> IdentityAccessRequest | None:
    return (
        IdentityAccessRequest.objects.filter(
            report=report,
            requested_by=user,
            status=IdentityAccessRequest.Status.APPROVED,
            expires_at__gt=timezone.now(),
        )
        .order_by("-decided_at")
        .first()
    )


@transaction.atomic
def identity_view(*, report: Report, user) -> dict:
    """Return the identity to a handler holding an approved request; audit every view."""
    grant = identity_grant(report, user)
    if grant is None or not user.has_perm("reports.change_report", report):
        raise PermissionDenied(_("Seeing the reporter's identity needs an approved request."))
    _audit(
        action="report.identity_view",
        report=report,
        actor=user,
        changes={"request": grant.pk, "approved_by": grant.decided_by_id},
    )
    return {"name": report.reporter_name, "contact": report.reporter_contact}


# ---------------------------------------------------------------- rewards


def reward_rule_for(report: Report) -> RewardRule | None:
    penalty = report.penalty_amount or Decimal(0)
    rules = RewardRule.objects.filter(
        violation_type=report.violation_type, is_active=True, penalty_from__lte=penalty
    ).order_by("-penalty_from")
    for rule in rules:
        if rule.penalty_to is None or penalty < rule.penalty_to:
            return rule
    return None


@transaction.atomic
def reward_decide(*, report: Report, handler, amount: Decimal, reasoning: str) -> RewardDecision:
    if report.status != Report.Status.CONCLUDED or report.outcome not in (
        Report.Outcome.SUBSTANTIATED,
        Report.Outcome.PARTLY,
    ):
        raise ValidationError(_("Only a concluded, substantiated report earns a reward."))
    if RewardDecision.objects.filter(report=report).exists():
        raise ValidationError(_("A reward has already been decided for this report."))
    rule = reward_rule_for(report)
    if rule is None:
        raise ValidationError(_("No reward rule covers this type of conduct and penalty."))
    if not rule.reward_min <= amount <= rule.reward_max:
        raise ValidationError(
            {
                "amount": _("Rule “%(rule)s” allows %(low)s to %(high)s yuan.")
                % {"rule": rule, "low": rule.reward_min, "high": rule.reward_max}
            }
        )
    if not reasoning.strip():
        raise ValidationError({"reasoning": _("Explain how the amount was set.")})
    reward = RewardDecision.objects.create(
        report=report,
        rule=rule,
        amount=amount,
        reasoning=reasoning.strip(),
        decided_by=handler,
        decided_on=_today(),
    )
    _audit(
        action="report.reward_decide",
        report=report,
        actor=handler,
        changes={"rule": rule.pk, "amount": amount, "reasoning": reward.reasoning},
    )
    return reward


@transaction.atomic
def reward_claim(*, report: Report) -> RewardDecision:
    """The reporter, by receipt code, says they will come to collect the reward."""
    reward = RewardDecision.objects.select_for_update().filter(report=report).first()
    if reward is None or reward.status != RewardDecision.Status.DECIDED:
        raise ValidationError(_("There is no reward waiting to be claimed."))
    reward.claim()
    reward.claimed_on = _today()
    reward.save()
    _audit(action="report.reward_claim", report=report, actor=None, changes={"reward": reward.pk})
    return reward


@transaction.atomic
def reward_pay(*, reward: RewardDecision, handler, payment_reference: str) -> RewardDecision:
    """Record that the claimant's identity was checked in person and the payment made.

    Nothing about the document shown is recorded: only that the check happened.
    """
    reward = RewardDecision.objects.select_for_update().get(pk=reward.pk)
    if reward.status == RewardDecision.Status.PAID:
        raise ValidationError(_("This reward has already been paid."))
    if not payment_reference.strip():
        raise ValidationError({"payment_reference": _("Enter the payment reference.")})
    reward.pay()
    reward.identity_checked_on = _today()
    reward.claimed_on = reward.claimed_on or _today()
    reward.paid_by = handler
    reward.payment_reference = payment_reference.strip()
    reward.save()
    _audit(
        action="report.reward_pay",
        report=reward.report,
        actor=handler,
        changes={
            "reward": reward.pk,
            "identity_checked": True,
            "payment_reference": reward.payment_reference,
        },
    )
    return reward


# ---------------------------------------------------------------- retention


def reports_purge_expired(*, today: dt.date | None = None, actor=None) -> int:
    """Delete attachments and reporter identity of reports closed longer than the retention.

    The report row stays (agency, type, dates, status, outcome) so statistics stay.
    Each report is purged in its own transaction and audited.
    """
    today = today or _today()
    cutoff = today - dt.timedelta(days=setting("REPORTS_RETENTION_DAYS"))
    due = Report.objects.filter(
        status__in=[Report.Status.CONCLUDED, Report.Status.REJECTED],
        concluded_on__lte=cutoff,
        purged_on__isnull=True,
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        report_purge(report_id=pk, today=today, actor=actor)
        count += 1
    return count


@transaction.atomic
def report_purge(*, report_id: int, today: dt.date, actor=None) -> None:
    report = Report.objects.select_for_update().get(pk=report_id)
    attachments = list(report.attachments.all())
    paths = [a.file.name for a in attachments]
    report.attachments.all().delete()
    reporter_messages = report.messages.filter(author_kind=ReportMessage.Author.REPORTER)
    # What reporters wrote may name them; the thread keeps that a message was sent.
    purged_messages = reporter_messages.update(body="")
    report.reporter_name = ""
    report.reporter_contact = ""
    report.purged_on = today
    report.save(update_fields=["reporter_name", "reporter_contact", "purged_on"])
    _audit(
        action="report.purge",
        report=report,
        actor=actor,
        changes={"attachments_deleted": len(paths), "reporter_messages_cleared": purged_messages},
    )
    storage = ReportAttachment._meta.get_field("file").storage

    def _delete_files() -> None:
        for path in paths:
            if path:
                storage.delete(path)

    transaction.on_commit(_delete_files)
