"""The notice of the proposed penalty (行政处罚事先告知书, Art. 44), its written waiver, and the
party's statement and defence recorded point by point and answered (Art. 45).

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

from .. import deadlines
from ..models import Case, Decision, DefencePoint, PenaltyNotice
from ..selectors_procedure import current_notice, is_simplified, notice_received_on
from ._shared import event, lock


def _open_before_decision(case: Case) -> None:
    if case.status != Case.Status.OPEN or Decision.objects.filter(case=case).exists():
        raise ValidationError(
            _(
                "Administrative Penalty Law Art. 44: the notice, statement and defence come "
                "before the decision; this case is no longer waiting for its decision."
            )
        )


@transaction.atomic
def notice_issue(
    *,
    case: Case,
    user,
    facts: str,
    reasons: str,
    basis: str,
    penalty_kinds=(),
    penalty_text: str = "",
    fine_amount: Decimal | None = None,
    confiscation_amount: Decimal | None = None,
    issued_on: dt.date | None = None,
) -> PenaltyNotice:
    """Issue the notice: the proposed penalty, its facts, reasons and basis, and the party's
    rights, with the right to a hearing where the proposed penalty carries one (Art. 63)."""
    case = lock(case, None)
    _open_before_decision(case)
    if is_simplified(case):
        raise ValidationError(_("The on-the-spot procedure notifies the party on the spot."))
    errors: dict[str, str] = {}
    for name, value in (("facts", facts), ("reasons", reasons), ("basis", basis)):
        if not (value or "").strip():
            errors[name] = _(
                "Administrative Penalty Law Art. 44: the notice states the facts, reasons and "
                "basis of the proposed penalty."
            )
    kinds = [str(k) for k in penalty_kinds or []]
    if not kinds and not fine_amount and not confiscation_amount and not penalty_text.strip():
        errors["penalty_kinds"] = _(
            "Administrative Penalty Law Art. 44: the notice states the content of the "
            "proposed penalty."
        )
    for name, amount in (
        ("fine_amount", fine_amount),
        ("confiscation_amount", confiscation_amount),
    ):
        if amount is not None and amount < 0:
            errors[name] = _("An amount cannot be negative.")
    issued_on = issued_on or timezone.localdate()
    if issued_on > timezone.localdate() or issued_on < case.filed_on:
        errors["issued_on"] = _("The notice is issued between the filing and today.")
    if errors:
        raise ValidationError(errors)
    rights = deadlines.hearing_rights(
        penalty_kinds=kinds,
        fine=fine_amount,
        confiscation=confiscation_amount,
        party_kind=case.party_kind,
    )
    notice = PenaltyNotice.objects.create(
        case=case,
        penalty_kinds=kinds,
        penalty_text=penalty_text.strip(),
        fine_amount=fine_amount,
        confiscation_amount=confiscation_amount,
        facts=facts,
        reasons=reasons,
        basis=basis,
        hearing_rights=rights,
        issued_on=issued_on,
        created_by=user,
    )
    audit_append(
        action="notice.issue",
        obj=case,
        actor=user,
        changes={
            "notice": notice.pk,
            "kinds": kinds,
            "fine": str(fine_amount or ""),
            "confiscation": str(confiscation_amount or ""),
            "hearing_rights": rights,
        },
    )
    summary = _("Notice of the proposed penalty issued on %(d)s") % {"d": issued_on}
    if rights:
        summary += " · " + _("states the right to a hearing")
    event(case, "notice", summary, user)
    return notice


@transaction.atomic
def notice_waive(
    *, case: Case, user, waived_on: dt.date, waiver_document: str, notice=None
) -> PenaltyNotice:
    """Record the party's written waiver of statement, defence and hearing (Art. 62)."""
    case = lock(case, None)
    _open_before_decision(case)
    notice = notice or current_notice(case)
    if notice is None:
        raise ValidationError(_("Administrative Penalty Law Art. 62: issue the notice first."))
    notice = PenaltyNotice.objects.select_for_update().get(pk=notice.pk)
    if not (waiver_document or "").strip():
        raise ValidationError(
            {
                "waiver_document": _(
                    "Administrative Penalty Law Art. 62: a waiver is made in writing; record "
                    "the signed document."
                )
            }
        )
    if waived_on is None or not notice.issued_on <= waived_on <= timezone.localdate():
        raise ValidationError({"waived_on": _("The waiver is dated between the notice and today.")})
    if case.hearing_requested:
        raise ValidationError(
            _("Administrative Penalty Law Art. 62: the party asked for a hearing; it is held.")
        )
    notice.waived_on = waived_on
    notice.waiver_document = waiver_document.strip()[:200]
    notice.save(update_fields=["waived_on", "waiver_document"])
    audit_append(
        action="notice.waive",
        obj=case,
        actor=user,
        changes={"notice": notice.pk, "waived_on": str(waived_on), "document": waiver_document},
    )
    event(
        case,
        "notice_waived",
        _("The party waived statement, defence and hearing in writing on %(d)s: %(doc)s")
        % {"d": waived_on, "doc": notice.waiver_document},
        user,
    )
    return notice


@transaction.atomic
def defence_point_add(
    *, case: Case, user, statement: str, stated_on: dt.date | None = None
) -> DefencePoint:
    """Record one point of the party's statement and defence (Art. 45)."""
    case = lock(case, None)
    _open_before_decision(case)
    notice = current_notice(case)
    if notice is None or notice_received_on(notice) is None:
        raise ValidationError(
            _(
                "Administrative Penalty Law Art. 44: the party states and defends after the "
                "notice is served; serve it first."
            )
        )
    stated_on = stated_on or timezone.localdate()
    if not statement.strip():
        raise ValidationError({"statement": _("Write the party's point.")})
    if not notice.issued_on <= stated_on <= timezone.localdate():
        raise ValidationError({"stated_on": _("Dated between the notice and today.")})
    point = DefencePoint.objects.create(
        case=case, notice=notice, stated_on=stated_on, statement=statement, recorded_by=user
    )
    audit_append(
        action="defence.add", obj=case, actor=user, changes={"point": point.pk, "text": statement}
    )
    event(
        case,
        "defence",
        _("Statement and defence recorded (%(d)s): %(t)s") % {"d": stated_on, "t": statement},
        user,
    )
    return point


@transaction.atomic
def defence_point_answer(*, point: DefencePoint, user, answer: str, reason: str) -> DefencePoint:
    """Answer a point: adopted or not adopted, and why (Art. 45: what holds is adopted)."""
    point = DefencePoint.objects.select_for_update().select_related("case").get(pk=point.pk)
    case = lock(point.case, None)
    _open_before_decision(case)
    if answer not in (DefencePoint.Answer.ADOPTED, DefencePoint.Answer.NOT_ADOPTED):
        raise ValidationError({"answer": _("Adopted or not adopted.")})
    if not (reason or "").strip():
        raise ValidationError(
            {
                "answer_reason": _(
                    "Administrative Penalty Law Art. 45: the agency reviews each point and "
                    "says why it is adopted or not."
                )
            }
        )
    point.answer = answer
    point.answer_reason = reason
    point.answered_by = user
    point.answered_on = timezone.localdate()
    point.save(update_fields=["answer", "answer_reason", "answered_by", "answered_on"])
    audit_append(
        action="defence.answer",
        obj=case,
        actor=user,
        changes={"point": point.pk, "answer": answer, "reason": reason},
    )
    event(
        case,
        "defence_answer",
        _("Defence point %(p)s: %(a)s, %(r)s")
        % {"p": point.statement[:60], "a": point.get_answer_display(), "r": reason},
        user,
    )
    return point
