"""Before and after the decision is made: the checks ``decision_make`` runs (notice served and
window passed or waived, every defence point answered, no heavier penalty than notified, the
notice's provisions cited or the change explained, hearing held where requested; Arts. 44, 45,
62, 64, 65), the collective discussion (集体讨论)
and the approval by the agency's responsible person (负责人, Art. 57).

Callers have checked permission. Every write is audited and appended to the case's timeline.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append
from enforcement_portal.roles import Role

from .. import conf
from ..models import Approval, Case, CollectiveDiscussion, Decision, DefencePoint, Hearing
from ..provisions import same_provisions
from ..selectors_procedure import (
    acts_on_case,
    current_notice,
    discussion_reasons,
    is_simplified,
    notice_window_ends,
)
from ._shared import event, lock


def decision_procedure_problems(
    case: Case,
    *,
    decided_on: dt.date,
    fine_amount: Decimal | None,
    confiscation_amount: Decimal | None,
    penalty_type_codes=(),
    no_penalty: bool = False,
    evidence: str | None = None,
    legal_basis: str | None = None,
    basis_change_reason: str = "",
) -> list[str]:
    """Every reason the procedure forbids this decision now (empty when it may be made).

    A decision not to penalise needs no notice; the on-the-spot procedure has its own rules."""
    if no_penalty or is_simplified(case):
        return []
    notice = current_notice(case)
    if notice is None:
        return [
            _(
                "Administrative Penalty Law Art. 62: no decision before the party is notified of "
                "the proposed penalty, its facts, reasons and basis (Art. 44)."
            )
        ]
    problems = []
    window_ends = notice_window_ends(notice)
    if window_ends is None:
        problems.append(
            _("Administrative Penalty Law Art. 62: the notice has not been served on the party.")
        )
    elif not notice.waived_on and decided_on <= window_ends:
        problems.append(
            _(
                "Administrative Penalty Law Art. 62: the party may state and defend until "
                "%(d)s; decide after that, or record the party's written waiver."
            )
            % {"d": window_ends}
        )
    pending = DefencePoint.objects.filter(case=case, answer=DefencePoint.Answer.PENDING).count()
    if pending:
        problems.append(
            _(
                "Administrative Penalty Law Art. 45: %(n)s point(s) of the party's statement and "
                "defence are not answered yet."
            )
            % {"n": pending}
        )
    heavier = []
    for label, decided, notified in (
        (_("fine"), fine_amount, notice.fine_amount),
        (_("confiscation"), confiscation_amount, notice.confiscation_amount),
    ):
        if decided and Decimal(decided) > Decimal(notified or 0):
            heavier.append(label)
    extra = set(penalty_type_codes or []) - set(notice.penalty_kinds or []) - {"no_penalty"}
    if notice.penalty_kinds and extra:
        heavier.append("、".join(sorted(extra)))
    if heavier:
        problems.append(
            _(
                "Administrative Penalty Law Art. 45: the penalty may not be heavier than the "
                "notice's (%(what)s); issue a new notice first."
            )
            % {"what": "、".join(str(h) for h in heavier)}
        )
    if (
        legal_basis is not None
        and not same_provisions(notice.basis, legal_basis)
        and not basis_change_reason.strip()
    ):
        problems.append(
            _(
                "Administrative Penalty Law Arts. 44-45: the party was told the basis "
                "%(notice)s and defended against it; the decision cites %(decision)s. Cite the "
                "same provisions, or record why the basis changed."
            )
            % {"notice": notice.basis, "decision": legal_basis}
        )
    hearing = Hearing.objects.filter(case=case).first()
    if case.hearing_requested and (hearing is None or hearing.status != Hearing.Status.HELD):
        problems.append(
            _(
                "Administrative Penalty Law Arts. 64-65: the party asked for a hearing; decide "
                "on the hearing record once it is held."
            )
        )
    elif (
        hearing is not None
        and hearing.status == Hearing.Status.HELD
        and evidence is not None
        and HEARING_RECORD not in evidence
    ):
        problems.append(
            _(
                "Administrative Penalty Law Art. 65: after a hearing the decision is made on the "
                "hearing record; list the hearing record (听证笔录) in the decision's evidence."
            )
        )
    return problems


HEARING_RECORD = "听证笔录"


@transaction.atomic
def discussion_record(
    *,
    case: Case,
    user,
    held_on: dt.date,
    participants,
    opinions: str,
    conclusion: str,
) -> CollectiveDiscussion:
    """Record the collective discussion: date, participants, opinions, conclusion (Art. 57)."""
    case = lock(case, None)
    if case.status not in (Case.Status.OPEN, Case.Status.SUSPENDED, Case.Status.DECIDED):
        raise ValidationError(_("The case is past its decision."))
    if Approval.objects.filter(case=case).exists():
        raise ValidationError(
            _("Administrative Penalty Law Art. 57: the discussion comes before the approval.")
        )
    participants = list(participants or [])
    minimum = conf.discussion_min_participants()
    errors: dict[str, str] = {}
    if len({p.pk for p in participants}) < minimum:
        errors["participants"] = _(
            "Administrative Penalty Law Art. 57: a collective discussion has at least %(n)s "
            "participants of the agency."
        ) % {"n": minimum}
    elif any(p.agency_id != case.agency_id for p in participants):
        errors["participants"] = _("The participants are the agency's own staff.")
    if not (opinions or "").strip():
        errors["opinions"] = _("Record the opinions stated.")
    if not (conclusion or "").strip():
        errors["conclusion"] = _("Record the conclusion.")
    if held_on is None or not case.filed_on <= held_on <= timezone.localdate():
        errors["held_on"] = _("Dated between the filing and today.")
    if errors:
        raise ValidationError(errors)
    discussion = CollectiveDiscussion.objects.create(
        case=case, held_on=held_on, opinions=opinions, conclusion=conclusion, recorded_by=user
    )
    discussion.participants.set(participants)
    audit_append(
        action="discussion.record",
        obj=case,
        actor=user,
        changes={
            "held_on": str(held_on),
            "participants": [p.pk for p in participants],
            "conclusion": conclusion,
        },
    )
    event(
        case,
        "discussion",
        _("Collective discussion on %(d)s (%(n)s participants): %(c)s")
        % {"d": held_on, "n": len(participants), "c": conclusion},
        user,
    )
    return discussion


@transaction.atomic
def decision_approve(
    *, case: Case, user, opinion: str = "", approved_on: dt.date | None = None
) -> Approval:
    """The agency's responsible person approves the decision before it is served (Art. 57):
    a leader of the case's agency who is not an officer on the case, after the collective
    discussion where the case is complex or serious."""
    case = lock(case, None)
    decision = Decision.objects.filter(case=case).first()
    if decision is None:
        raise ValidationError(_("There is no decision to approve yet."))
    if Approval.objects.filter(case=case).exists():
        raise ValidationError(_("The decision has already been approved."))
    if not (user.has_role(Role.AGENCY_LEADER) and user.agency_id == case.agency_id):
        raise ValidationError(
            _(
                "Administrative Penalty Law Art. 57: the decision is approved by the responsible "
                "person of the case's agency."
            )
        )
    if acts_on_case(user, case):
        raise ValidationError(
            _(
                "Administrative Penalty Law Art. 57: an officer on the case cannot approve its "
                "decision."
            )
        )
    reasons = discussion_reasons(case, decision.fine_amount)
    if reasons and not CollectiveDiscussion.objects.filter(case=case).exists():
        raise ValidationError(
            _(
                "Administrative Penalty Law Art. 57: a complex or serious case (%(why)s) is "
                "decided by collective discussion; record it before the approval."
            )
            % {"why": "；".join(reasons)}
        )
    approved_on = approved_on or timezone.localdate()
    if approved_on < decision.decided_on or approved_on > timezone.localdate():
        raise ValidationError({"approved_on": _("Dated between the decision and today.")})
    approval = Approval.objects.create(
        case=case, approved_by=user, approved_on=approved_on, opinion=opinion
    )
    audit_append(
        action="decision.approve",
        obj=case,
        actor=user,
        changes={"decision": decision.number, "approved_on": str(approved_on), "opinion": opinion},
    )
    event(
        case,
        "approval",
        _("Decision %(n)s approved by the responsible person %(u)s on %(d)s")
        % {"n": decision.number, "u": user, "d": approved_on},
        user,
    )
    return approval
