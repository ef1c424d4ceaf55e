"""A decision changed, revoked, confirmed illegal or declared void (Art. 48), by the agency
itself, on reconsideration or by a court, and the refunds it leads to. Disclosure (to our right)
listens to ``decision.revoked``: the publication must leave the public site within 3 working
days, with the reason published."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append
from enforcement_portal.registry import emit_on_commit
from enforcement_portal.workdays import add_workdays

from .. import conf
from ..balance import balance
from ..models import Case, Decision, Refund, Revocation
from ._shared import bump, event, lock


def withdrawal_due(decided_on: dt.date) -> dt.date:
    """The last day to withdraw the publication: 3 working days after the document that
    changed or revoked the decision (Art. 48; a setting)."""
    return add_workdays(decided_on, conf.revocation_withdrawal_workdays())


@transaction.atomic
def revocation_record(
    *,
    case: Case,
    user,
    kind: str,
    by: str,
    document_reference: str,
    decided_on: dt.date,
    reason: str,
    new_fine_amount: Decimal | None = None,
) -> Revocation:
    """Record what happened to the decision. A revoked or void decision is no longer executed
    (no surcharge after ``decided_on``; what was paid is to be refunded); a changed one is
    executed as changed; one confirmed illegal stays in force. Recorded whether or not the
    decision is still public: that is when the withdrawal clock starts."""
    case = lock(case, None)
    decision = Decision.objects.select_for_update().filter(case=case).first()
    if decision is None:
        raise ValidationError(_("There is no decision on this case yet."))
    if kind not in Revocation.Kind.values:
        raise ValidationError({"kind": _("Choose what happened to the decision.")})
    if by not in Revocation.By.values:
        raise ValidationError({"by": _("Choose who changed or revoked the decision.")})
    if not document_reference.strip():
        raise ValidationError(
            {"document_reference": _("Enter the number of the document that did it.")}
        )
    if decided_on < decision.decided_on or decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The date lies between the decision and today.")})
    if not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "Give the reason; it is published with the withdrawal "
                    "(Administrative Penalty Law Art. 48)."
                )
            }
        )
    if kind == Revocation.Kind.CHANGED:
        if new_fine_amount is not None and new_fine_amount < 0:
            raise ValidationError({"new_fine_amount": _("A fine cannot be negative.")})
    else:
        new_fine_amount = None
    if decision.revocations.filter(kind__in=[Revocation.Kind.REVOKED, Revocation.Kind.VOID]):
        raise ValidationError(_("The decision is already revoked or void."))
    revocation = Revocation.objects.create(
        decision=decision,
        kind=kind,
        by=by,
        document_reference=document_reference.strip(),
        decided_on=decided_on,
        reason=reason.strip(),
        new_fine_amount=new_fine_amount,
        withdrawal_due=withdrawal_due(decided_on),
        recorded_by=user,
    )
    bump(case)
    owed = balance(case)
    audit_append(
        action="decision.revoked",
        obj=case,
        actor=user,
        changes={
            "kind": kind,
            "by": by,
            "document": revocation.document_reference,
            "decided_on": str(decided_on),
            "new_fine_amount": str(new_fine_amount or ""),
            "withdrawal_due": str(revocation.withdrawal_due),
            "refund_due": str(owed.refund_due),
        },
    )
    summary = _("Decision %(kind)s by %(by)s (%(doc)s); withdraw from publication by %(d)s") % {
        "kind": revocation.get_kind_display(),
        "by": revocation.get_by_display(),
        "doc": revocation.document_reference,
        "d": revocation.withdrawal_due,
    }
    if owed.refund_due:
        summary += " · " + _("%(r)s yuan to refund") % {"r": owed.refund_due}
    event(case, "revocation", summary, user)
    emit_on_commit("decision.revoked", case=case, revocation=revocation)
    return revocation


@transaction.atomic
def refund_record(
    *, case: Case, user, amount: Decimal, refunded_on: dt.date, reference: str
) -> Refund:
    """Money paid back after the decision was revoked, void or its fine reduced."""
    case = lock(case, None)
    owed = balance(case)
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Enter the amount refunded.")})
    if amount > owed.refund_due:
        raise ValidationError(
            {
                "amount": _("At most %(r)s yuan is to be refunded on this case.")
                % {"r": owed.refund_due}
            }
        )
    if refunded_on > timezone.localdate():
        raise ValidationError({"refunded_on": _("The date cannot be in the future.")})
    if not reference.strip():
        raise ValidationError({"reference": _("Enter the treasury or bank reference.")})
    refund = Refund.objects.create(
        case=case,
        amount=amount,
        refunded_on=refunded_on,
        reference=reference.strip(),
        recorded_by=user,
    )
    bump(case)
    audit_append(
        action="refund.record",
        obj=case,
        actor=user,
        changes={"amount": str(amount), "refunded_on": str(refunded_on), "ref": reference},
    )
    event(
        case,
        "refund",
        _("Refunded %(a)s yuan (%(ref)s)") % {"a": amount, "ref": refund.reference},
        user,
    )
    return refund
