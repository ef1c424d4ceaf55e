"""Reconsideration and lawsuits against the decision (no surcharge while pending, Arts. 72-73),
and the party's application to defer or pay in instalments with the responsible person's
decision on a schedule (Art. 66)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append

from ..balance import balance
from ..models import Case, Decision, Deferral, Instalment, LegalChallenge
from ._shared import bump, event, lock


def _decided(case: Case) -> Decision:
    decision = Decision.objects.filter(case=case).first()
    if decision is None:
        raise ValidationError(_("There is no decision on this case yet."))
    return decision


@transaction.atomic
def challenge_record(
    *, case: Case, user, kind: str, body: str, started_on: dt.date
) -> LegalChallenge:
    """The party applied for reconsideration or sued: surcharge days stop counting."""
    case = lock(case, None)
    decision = _decided(case)
    if kind not in LegalChallenge.Kind.values:
        raise ValidationError({"kind": _("Choose reconsideration or lawsuit.")})
    if not body.strip():
        raise ValidationError({"body": _("Name the reconsideration body or the court.")})
    if started_on < decision.decided_on or started_on > timezone.localdate():
        raise ValidationError({"started_on": _("The date lies between the decision and today.")})
    if case.challenges.filter(ended_on__isnull=True).exists():
        raise ValidationError(_("A reconsideration or lawsuit is already pending; end it first."))
    challenge = LegalChallenge.objects.create(
        case=case, kind=kind, body=body.strip(), started_on=started_on, recorded_by=user
    )
    bump(case)
    audit_append(
        action="challenge.record",
        obj=case,
        actor=user,
        changes={"kind": kind, "body": challenge.body, "started_on": str(started_on)},
    )
    event(
        case,
        "challenge",
        _("%(kind)s at %(body)s since %(d)s: no late surcharge while pending (Art. 73)")
        % {"kind": challenge.get_kind_display(), "body": challenge.body, "d": started_on},
        user,
    )
    return challenge


@transaction.atomic
def challenge_end(
    *, challenge: LegalChallenge, user, ended_on: dt.date, outcome: str
) -> LegalChallenge:
    case = lock(challenge.case, None)
    challenge = LegalChallenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.ended_on is not None:
        raise ValidationError(_("This reconsideration or lawsuit has already ended."))
    if ended_on < challenge.started_on or ended_on > timezone.localdate():
        raise ValidationError({"ended_on": _("The date lies between the filing and today.")})
    if not outcome.strip():
        raise ValidationError({"outcome": _("Record the outcome.")})
    challenge.ended_on, challenge.outcome = ended_on, outcome.strip()
    challenge.save(update_fields=["ended_on", "outcome"])
    bump(case)
    audit_append(
        action="challenge.end",
        obj=case,
        actor=user,
        changes={"kind": challenge.kind, "ended_on": str(ended_on), "outcome": outcome},
    )
    event(
        case,
        "challenge",
        _("%(kind)s ended on %(d)s: %(outcome)s")
        % {"kind": challenge.get_kind_display(), "d": ended_on, "outcome": challenge.outcome},
        user,
    )
    return challenge


@transaction.atomic
def deferral_apply(
    *, case: Case, user, kind: str, reason: str, applied_on: dt.date | None = None
) -> Deferral:
    """The party applies to defer or pay in instalments for economic difficulty (Art. 66)."""
    case = lock(case, None)
    decision = _decided(case)
    if not decision.fine_amount or decision.no_penalty:
        raise ValidationError(_("Only a fine can be deferred or paid in instalments (Art. 66)."))
    if case.status != Case.Status.DECIDED:
        raise ValidationError(_("Nothing is owed on this case any more."))
    if kind not in Deferral.Kind.values:
        raise ValidationError({"kind": _("Choose deferral or instalments.")})
    if not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "State the party's economic difficulty (Administrative Penalty Law Art. 66)."
                )
            }
        )
    if case.deferrals.filter(status=Deferral.Status.APPLIED).exists():
        raise ValidationError(_("An application is already waiting for a decision."))
    applied_on = applied_on or timezone.localdate()
    deferral = Deferral.objects.create(
        case=case, kind=kind, reason=reason.strip(), applied_on=applied_on, recorded_by=user
    )
    bump(case)
    audit_append(
        action="deferral.apply",
        obj=case,
        actor=user,
        changes={"kind": kind, "applied_on": str(applied_on)},
    )
    event(
        case,
        "deferral",
        _("The party applied for %(kind)s (Art. 66)") % {"kind": deferral.get_kind_display()},
        user,
    )
    return deferral


def parse_schedule(text: str) -> list[tuple[dt.date, Decimal]]:
    """Lines "2026-12-31 2500" (date and amount) into a schedule; bad lines are refused."""
    rows = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = line.replace(",", " ").replace("，", " ").split()
        if not parts:
            continue
        try:
            day = dt.date.fromisoformat(parts[0])
            amount = Decimal(parts[1]).quantize(Decimal("0.01"))
        except (ValueError, IndexError, ArithmeticError) as exc:
            raise ValidationError(
                {
                    "schedule": _("Line %(n)s: write a date and an amount, like 2026-12-31 2500.")
                    % {"n": number}
                }
            ) from exc
        rows.append((day, amount))
    return rows


@transaction.atomic
def deferral_decide(
    *,
    deferral: Deferral,
    user,
    approve: bool,
    schedule: list[tuple[dt.date, Decimal]] | None = None,
    note: str = "",
) -> Deferral:
    """The responsible person (agency leader) approves with a schedule, or refuses. Each date
    of the schedule then has its own surcharge from the day after it (Art. 66, Art. 72)."""
    if not user.has_perm("workflows.approve_deferral", deferral):
        raise PermissionDenied(_("Only the agency's responsible person decides (Art. 66)."))
    case = lock(deferral.case, None)
    deferral = Deferral.objects.select_for_update().get(pk=deferral.pk)
    if deferral.status != Deferral.Status.APPLIED:
        raise ValidationError(_("This application has already been decided."))
    today = timezone.localdate()
    if approve:
        schedule = sorted(schedule or [])
        owed = balance(case, on=today)
        if not schedule:
            raise ValidationError({"schedule": _("Give at least one date and amount.")})
        if deferral.kind == Deferral.Kind.DEFERRAL and len(schedule) != 1:
            raise ValidationError({"schedule": _("A deferral has one new date.")})
        if any(day < today for day, _a in schedule):
            raise ValidationError({"schedule": _("The dates of the schedule lie ahead.")})
        if any(amount <= 0 for _d, amount in schedule):
            raise ValidationError({"schedule": _("Each amount is more than zero.")})
        total = sum((amount for _d, amount in schedule), Decimal(0))
        if total != owed.fine:
            raise ValidationError(
                {
                    "schedule": _("The schedule adds up to %(total)s yuan; the fine is %(fine)s.")
                    % {"total": total, "fine": owed.fine}
                }
            )
        deferral.approve()
        Instalment.objects.bulk_create(
            [Instalment(deferral=deferral, due_on=d, amount=a) for d, a in schedule]
        )
    else:
        if not note.strip():
            raise ValidationError({"note": _("Give the reason for refusing.")})
        deferral.refuse()
    deferral.decided_by, deferral.decided_on, deferral.decision_note = user, today, note.strip()
    deferral.save()
    bump(case)
    audit_append(
        action="deferral.decide",
        obj=case,
        actor=user,
        changes={
            "approve": approve,
            "schedule": [[str(d), str(a)] for d, a in schedule or []] if approve else [],
            "note": note,
        },
    )
    if approve:
        summary = _("%(kind)s approved: %(schedule)s") % {
            "kind": deferral.get_kind_display(),
            "schedule": "；".join(f"{d} {a}" for d, a in schedule or []),
        }
    else:
        summary = _("%(kind)s refused: %(note)s") % {
            "kind": deferral.get_kind_display(),
            "note": note,
        }
    event(case, "deferral", summary, user)
    return deferral
