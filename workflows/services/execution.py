"""After the decision: the bank's receipt for the fine (罚缴分离), closing (结案) and archiving
the case file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append

from .. import conf
from ..models import Case, Decision, NodeVisit, Payment
from ..selectors import next_node
from ._shared import bump, enter, event, lock


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
    """The bank's receipt for the fine (罚缴分离): the agency never takes the money."""
    case = lock(case, expected_version)
    decision = Decision.objects.filter(case=case).first()
    if case.status != Case.Status.DECIDED or decision is None:
        raise ValidationError(_("A payment is recorded after the decision."))
    if case.current_node.code != "execution":
        raise ValidationError(_("Move the case to the execution node first."))
    if not bank_receipt_number.strip():
        raise ValidationError({"bank_receipt_number": _("Enter the bank's receipt number.")})
    if decision.fine_amount and amount != decision.fine_amount:
        raise ValidationError(
            {"amount": _("The decision imposes %(fine)s yuan.") % {"fine": decision.fine_amount}}
        )
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                case=case,
                bank_receipt_number=bank_receipt_number.strip(),
                bank_name=bank_name,
                amount=amount,
                paid_on=paid_on,
                recorded_by=user,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"bank_receipt_number": _("This receipt number is already recorded.")}
        ) from exc
    case.execute()
    bump(case, "status")
    audit_append(
        action="payment.record",
        obj=case,
        actor=user,
        changes={"receipt": payment.bank_receipt_number, "amount": str(amount)},
    )
    event(
        case,
        "payment",
        _("Fine of %(amount)s yuan paid at %(bank)s, receipt %(receipt)s")
        % {"amount": amount, "bank": bank_name, "receipt": payment.bank_receipt_number},
        user,
    )
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
