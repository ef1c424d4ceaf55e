"""After the decision: its receipt by the party, payments at the bank (罚缴分离) with their fine
and surcharge parts, closing (结案) and archiving the case file. Instalments and challenges are
in ``instalments``, the 催告书 and the court in ``enforcement``, revocation in ``revocation``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append

from .. import conf
from ..balance import balance, payment_due_on
from ..models import Case, Decision, NodeVisit, Payment
from ..selectors import next_node
from ._shared import bump, enter, event, lock


def _decision_for_execution(case: Case) -> Decision:
    decision = Decision.objects.filter(case=case).first()
    if case.status not in (Case.Status.DECIDED, Case.Status.EXECUTED) or decision is None:
        raise ValidationError(_("A payment is recorded after the decision."))
    return decision


@transaction.atomic
def decision_mark_received(*, case: Case, received_on: dt.date, user) -> Decision:
    """The party received the decision on ``received_on``: the 15 days to pay run from it
    (Art. 67), computed by ``balance.payment_due_on``.

    Internal: called only by ``procedure_service.service_record_add`` when the decision's
    service record (送达回证) is saved; no page or form sets the receipt directly."""
    case = lock(case, None)
    decision = Decision.objects.select_for_update().filter(case=case).first()
    if decision is None:
        raise ValidationError(_("Record the decision before its receipt."))
    if received_on is None:
        raise ValidationError({"received_on": _("Enter the date the party received it.")})
    if received_on < decision.decided_on:
        raise ValidationError(
            {"received_on": _("The decision cannot be received before it was made.")}
        )
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date of receipt cannot be in the future.")})
    before = decision.received_on
    decision.received_on = received_on
    decision.performance_due_on = payment_due_on(decision)
    decision.save(update_fields=["received_on", "performance_due_on"])
    bump(case)
    audit_append(
        action="decision.received",
        obj=case,
        actor=user,
        changes={
            "received_on": [str(before or ""), str(received_on)],
            "performance_due_on": str(decision.performance_due_on),
        },
    )
    event(
        case,
        "decision_received",
        _("Decision received by the party on %(r)s; pay by %(d)s (Art. 67)")
        % {"r": received_on, "d": decision.performance_due_on},
        user,
    )
    return decision


@transaction.atomic
def payment_record(
    *,
    case: Case,
    user,
    expected_version,
    bank_receipt_number: str,
    bank_name: str,
    amount: Decimal,
    paid_on: dt.date,
) -> Payment:
    """One payment at the bank (罚缴分离: the agency never takes the money). It settles the
    fine first, then the late surcharge accrued up to ``paid_on`` (Art. 72); payments
    accumulate, and the case is executed once nothing is owed."""
    case = lock(case, expected_version)
    decision = _decision_for_execution(case)
    if case.status != Case.Status.DECIDED:
        raise ValidationError(_("Nothing is owed on this case any more."))
    if case.current_node.code != "execution":
        raise ValidationError(_("Move the case to the execution node first."))
    if not bank_receipt_number.strip():
        raise ValidationError({"bank_receipt_number": _("Enter the bank's receipt number.")})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})
    if paid_on < decision.decided_on:
        raise ValidationError({"paid_on": _("The payment cannot precede the decision.")})
    last = case.payments.order_by("-paid_on").values_list("paid_on", flat=True).first()
    if last and paid_on < last:
        raise ValidationError(
            {"paid_on": _("A later payment is already recorded; record payments in order.")}
        )
    owed = balance(case, on=paid_on)
    if owed.stopped:
        raise ValidationError(
            _(
                "The decision was revoked or declared void; it is not executed "
                "(Administrative Penalty Law Art. 48)."
            )
        )
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Enter the amount paid.")})
    if amount > owed.total_outstanding:
        raise ValidationError(
            {
                "amount": _(
                    "On %(day)s the party owes %(total)s yuan: fine %(fine)s and late "
                    "surcharge %(surcharge)s (Administrative Penalty Law Art. 72)."
                )
                % {
                    "day": paid_on,
                    "total": owed.total_outstanding,
                    "fine": owed.fine_outstanding,
                    "surcharge": owed.surcharge_outstanding,
                }
            }
        )
    fine_part = min(amount, owed.fine_outstanding)
    surcharge_part = amount - fine_part
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                case=case,
                bank_receipt_number=bank_receipt_number.strip(),
                bank_name=bank_name,
                amount=amount,
                fine_part=fine_part,
                surcharge_part=surcharge_part,
                paid_on=paid_on,
                recorded_by=user,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"bank_receipt_number": _("This receipt number is already recorded.")}
        ) from exc
    left = owed.total_outstanding - amount
    fields = []
    if left == 0:
        case.execute()
        fields.append("status")
    bump(case, *fields)
    audit_append(
        action="payment.record",
        obj=case,
        actor=user,
        changes={
            "receipt": payment.bank_receipt_number,
            "amount": str(amount),
            "fine_part": str(fine_part),
            "surcharge_part": str(surcharge_part),
            "outstanding": str(left),
        },
    )
    summary = _(
        "Paid %(amount)s yuan at %(bank)s, receipt %(receipt)s: fine %(fine)s, late surcharge "
        "%(surcharge)s"
    ) % {
        "amount": amount,
        "bank": bank_name,
        "receipt": payment.bank_receipt_number,
        "fine": fine_part,
        "surcharge": surcharge_part,
    }
    if left:
        summary += " · " + _("%(left)s yuan still owed") % {"left": left}
    event(case, "payment", summary, user)
    return payment


@transaction.atomic
def case_close(*, case: Case, user, expected_version) -> Case:
    """Close (结案) at the closing node; the case file is then due within 15 days."""
    case = lock(case, expected_version)
    if case.current_node.code != "closing":
        raise ValidationError(_("Move the case to the closing node first."))
    if case.status not in (Case.Status.DECIDED, Case.Status.EXECUTED):
        raise ValidationError(_("Only a decided case can be closed."))
    today = timezone.localdate()
    case.close()
    case.closed_on = today
    case.archive_due_on = today + dt.timedelta(days=conf.archive_days())
    fields = ["status", "closed_on", "archive_due_on"]
    target = next_node(case)
    if target is not None:
        enter(case, target, today)
        case.node_due_on = case.archive_due_on
        NodeVisit.objects.filter(case=case, left_on__isnull=True).update(due_on=case.node_due_on)
        fields += ["current_node", "node_due_on"]
    bump(case, *fields)
    audit_append(
        action="case.close",
        obj=case,
        actor=user,
        changes={"closed_on": str(today), "archive_due_on": str(case.archive_due_on)},
    )
    event(case, "close", _("Case closed; archive by %(d)s") % {"d": case.archive_due_on}, user)
    return case


@transaction.atomic
def case_archive(*, case: Case, user, expected_version) -> Case:
    case = lock(case, expected_version)
    if case.status != Case.Status.CLOSED:
        raise ValidationError(_("Only a closed case can be archived."))
    today = timezone.localdate()
    case.archive()
    case.archived_on = today
    NodeVisit.objects.filter(case=case, left_on__isnull=True).update(left_on=today)
    bump(case, "status", "archived_on")
    late = today > case.archive_due_on if case.archive_due_on else False
    audit_append(
        action="case.archive",
        obj=case,
        actor=user,
        changes={"archived_on": str(today), "late": late},
    )
    event(case, "archive", _("Case file archived"), user)
    return case
