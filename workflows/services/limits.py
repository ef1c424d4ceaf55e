"""Writes of a case's time limits: the limitation check at filing (Art. 36), suspensions recorded
as they start and end, and extensions approved by the agency's responsible person (Art. 60).

Callers have checked permission. Every write appends an audit event and a line on the case's
timeline; the decision limit is recomputed by ``deadlines.decision_limit`` from the records,
never moved by hand.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append
from enforcement_portal.roles import Role

from .. import conf, deadlines
from ..models import (
    Case,
    CaseExtension,
    CaseOfficer,
    CaseSuspension,
    CollectiveDiscussion,
    LimitationGround,
    NodeVisit,
)
from ..selectors import node_due_moved
from ._shared import bump, event, lock

# ---------------------------------------------------------------------------- limitation


def limitation_check(
    *,
    filed_on: dt.date,
    violation_on: dt.date | None,
    violation_ended_on: dt.date | None,
    discovered_on: dt.date | None,
    limitation_ground: str,
    limitation_exception_basis: str,
) -> dict[str, list[str]]:
    """The field errors of a case's limitation dates (Art. 36); empty when it may be filed.

    The period runs from the act, or from its end when it continued or repeated; a violation
    discovered after it ends is not penalised unless a law provides otherwise (cited)."""
    errors: dict[str, list[str]] = {}
    if limitation_ground and limitation_ground not in LimitationGround.values:
        errors["limitation_ground"] = [_("Choose a ground from the list.")]
    if violation_on is None:
        if violation_ended_on or limitation_ground:
            errors["violation_on"] = [_("Enter when the violation happened.")]
        return errors
    if violation_on > filed_on:
        errors["violation_on"] = [_("The violation cannot happen after the case is filed.")]
    if violation_ended_on and violation_ended_on < violation_on:
        errors["violation_ended_on"] = [_("A violation cannot end before it began.")]
    if violation_ended_on and violation_ended_on > filed_on:
        errors["violation_ended_on"] = [
            _("Leave the end empty while the violation continues; enter it once it has ended.")
        ]
    discovered = discovered_on or filed_on
    if discovered < violation_on:
        errors["discovered_on"] = [_("It cannot be discovered before it happened.")]
    if discovered > filed_on:
        errors["discovered_on"] = [_("A case is filed after the violation is discovered.")]
    if errors:
        return errors
    ends = deadlines.limitation_ends(
        violation_ended_on or violation_on, extended=bool(limitation_ground)
    )
    if discovered > ends and not limitation_exception_basis.strip():
        errors["discovered_on"] = [
            _(
                "Administrative Penalty Law Art. 36: a violation not discovered within "
                "%(years)s years is no longer penalised (the period ended on %(ends)s); "
                "cite the law that provides otherwise to file it."
            )
            % {
                "years": conf.limitation_years(extended=bool(limitation_ground)),
                "ends": ends.isoformat(),
            }
        ]
    return errors


# ---------------------------------------------------------------------------- the 90-day limit


def decision_due_recompute(case: Case, *, today: dt.date | None = None) -> dt.date:
    """Set ``case.decision_due_on`` from its suspensions and approved extensions (Art. 60)."""
    case.decision_due_on = deadlines.decision_limit(
        case.filed_on,
        suspensions=list(
            CaseSuspension.objects.filter(case=case).values_list("started_on", "ended_on")
        ),
        extensions=list(
            CaseExtension.objects.filter(
                case=case, status=CaseExtension.Status.APPROVED
            ).values_list("days", flat=True)
        ),
        today=today,
    )
    return case.decision_due_on


def _not_future(day: dt.date, field: str, today: dt.date) -> None:
    if day > today:
        raise ValidationError(
            {
                field: _(
                    "Administrative Penalty Law Art. 60: a suspension is recorded when it "
                    "happens, not in advance."
                )
            }
        )


@transaction.atomic
def suspension_start(
    *, case: Case, user, expected_version, reason: str, started_on: dt.date | None = None
) -> CaseSuspension:
    """Suspend (中止) the case from ``started_on`` (today by default, never later)."""
    case = lock(case, expected_version)
    today = timezone.localdate()
    started_on = started_on or today
    if case.status != Case.Status.OPEN:
        raise ValidationError(_("Only a case in progress can be suspended."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    _not_future(started_on, "started_on", today)
    last_end = (
        CaseSuspension.objects.filter(case=case)
        .order_by("-ended_on")
        .values_list("ended_on", flat=True)
    ).first()
    if started_on < case.filed_on or (last_end and started_on < last_end):
        raise ValidationError(
            {"started_on": _("A suspension starts after filing and after the previous one ended.")}
        )
    suspension = CaseSuspension.objects.create(
        case=case, reason=reason.strip(), started_on=started_on, started_by=user
    )
    case.suspend()
    decision_due_recompute(case, today=today)
    bump(case, "status", "decision_due_on")
    audit_append(
        action="case.suspend",
        obj=case,
        actor=user,
        changes={"from": str(started_on), "reason": reason, "suspension": suspension.pk},
    )
    event(
        case,
        "suspension",
        _("Suspended from %(day)s: %(reason)s") % {"day": started_on.isoformat(), "reason": reason},
        user,
    )
    return suspension


@transaction.atomic
def suspension_end(
    *, case: Case, user, expected_version, ended_on: dt.date | None = None
) -> CaseSuspension:
    """Resume the case: the suspension ends on ``ended_on`` and only its days move the limit."""
    case = lock(case, expected_version)
    today = timezone.localdate()
    ended_on = ended_on or today
    suspension = (
        CaseSuspension.objects.select_for_update().filter(case=case, ended_on__isnull=True).first()
    )
    if case.status != Case.Status.SUSPENDED or suspension is None:
        raise ValidationError(_("The case is not suspended."))
    _not_future(ended_on, "ended_on", today)
    if ended_on < suspension.started_on:
        raise ValidationError({"ended_on": _("A suspension cannot end before it started.")})
    suspension.ended_on, suspension.ended_by = ended_on, user
    suspension.save(update_fields=["ended_on", "ended_by"])
    days = (ended_on - suspension.started_on).days
    before = case.decision_due_on
    case.resume()
    decision_due_recompute(case, today=today)
    # The step the case stood at waits as long as the case did.
    case.node_due_on = node_due_moved(case.current_node, case.node_due_on, days)
    NodeVisit.objects.filter(case=case, left_on__isnull=True).update(due_on=case.node_due_on)
    bump(case, "status", "decision_due_on", "node_due_on")
    audit_append(
        action="case.resume",
        obj=case,
        actor=user,
        changes={
            "suspension": suspension.pk,
            "to": str(ended_on),
            "days": days,
            "decision_due_on": [str(before), str(case.decision_due_on)],
        },
    )
    event(
        case,
        "resume",
        _("Resumed on %(day)s after %(days)s days suspended; decide by %(due)s")
        % {"day": ended_on.isoformat(), "days": days, "due": case.decision_due_on.isoformat()},
        user,
    )
    return suspension


# ---------------------------------------------------------------------------- extensions


def _extension_problems(
    case: Case, *, days: int, discussion: CollectiveDiscussion | None, extension=None
) -> dict:
    """A further extension links to a collective discussion of this case recorded for it (not
    one another extension already relied on)."""
    errors: dict[str, list[str]] = {}
    cap = conf.extension_cap_days()
    if not 1 <= int(days) <= cap:
        errors["days"] = [
            _("Administrative Penalty Law Art. 60: one extension adds between 1 and %(cap)s days.")
            % {"cap": cap}
        ]
    approved = CaseExtension.objects.filter(case=case, status=CaseExtension.Status.APPROVED)
    if not approved.exists():
        return errors
    others = CaseExtension.objects.filter(discussion=discussion)
    if extension is not None:
        others = others.exclude(pk=extension.pk)
    if discussion is None or discussion.case_id != case.pk:
        errors["discussion"] = [
            _(
                "Administrative Penalty Law Art. 60: a second or later extension is decided by "
                "the agency's responsible persons in collective discussion; record the "
                "collective discussion of this case and choose it."
            )
        ]
    elif others.exists():
        errors["discussion"] = [
            _(
                "Administrative Penalty Law Art. 60: this collective discussion already decided "
                "another extension; each further extension needs its own."
            )
        ]
    return errors


@transaction.atomic
def extension_request(
    *,
    case: Case,
    user,
    days: int,
    reason: str,
    discussion: CollectiveDiscussion | None = None,
) -> CaseExtension:
    """Ask the agency's responsible person to extend the decision limit by ``days``."""
    case = lock(case, None)
    if case.status not in (Case.Status.OPEN, Case.Status.SUSPENDED):
        raise ValidationError(_("Only a case in progress can be extended."))
    errors = _extension_problems(case, days=days, discussion=discussion)
    if not reason.strip():
        errors["reason"] = [_("Give the reason.")]
    if CaseExtension.objects.filter(case=case, status=CaseExtension.Status.REQUESTED).exists():
        errors.setdefault("days", []).append(_("An extension is already awaiting approval."))
    if errors:
        raise ValidationError(errors)
    extension = CaseExtension.objects.create(
        case=case,
        days=days,
        reason=reason.strip(),
        discussion=discussion,
        requested_by=user,
    )
    audit_append(
        action="extension.request",
        obj=extension,
        actor=user,
        agency_id=case.agency_id,
        changes={
            "case": case.pk,
            "days": days,
            "reason": reason,
            "discussion": discussion.pk if discussion else None,
        },
    )
    event(
        case,
        "extension",
        _("Extension of %(days)s days requested: %(reason)s") % {"days": days, "reason": reason},
        user,
    )
    return extension


@transaction.atomic
def extension_decide(*, extension: CaseExtension, user, approve: bool) -> CaseExtension:
    """The agency's responsible person, not an officer on the case, approves or refuses."""
    extension = CaseExtension.objects.select_for_update().get(pk=extension.pk)
    if extension.status != CaseExtension.Status.REQUESTED:
        raise ValidationError(_("This request has already been decided."))
    case = lock(extension.case, None)
    if not (user.has_role(Role.AGENCY_LEADER) and user.agency_id == case.agency_id):
        raise ValidationError(
            _(
                "Administrative Penalty Law Art. 60: an extension is approved by the agency's "
                "responsible person."
            )
        )
    if CaseOfficer.objects.filter(case=case, officer__user=user).exists():
        raise ValidationError(
            _(
                "Administrative Penalty Law Art. 60: an officer on the case cannot approve its "
                "extension."
            )
        )
    changes: dict = {}
    if approve:
        errors = _extension_problems(
            case, days=extension.days, discussion=extension.discussion, extension=extension
        )
        if errors:
            raise ValidationError([m for ms in errors.values() for m in ms])
        extension.approve()
    else:
        extension.refuse()
    extension.decided_by = user
    extension.decided_at = timezone.now()
    extension.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        before = (case.node_due_on, case.decision_due_on)
        decision_due_recompute(case)
        case.node_due_on = node_due_moved(case.current_node, case.node_due_on, extension.days)
        NodeVisit.objects.filter(case=case, left_on__isnull=True).update(due_on=case.node_due_on)
        bump(case, "node_due_on", "decision_due_on")
        changes = {
            "node_due_on": [str(before[0]), str(case.node_due_on)],
            "decision_due_on": [str(before[1]), str(case.decision_due_on)],
        }
    audit_append(
        action=f"extension.{'approve' if approve else 'refuse'}",
        obj=extension,
        actor=user,
        agency_id=case.agency_id,
        changes={"case": case.pk, "days": extension.days, **changes},
    )
    verdict = _("approved") if approve else _("refused")
    event(
        case,
        "extension",
        _("Extension of %(days)s days %(verdict)s by the responsible person")
        % {"days": extension.days, "verdict": verdict},
        user,
    )
    return extension
