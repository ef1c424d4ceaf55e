"""What a party owes today: the fine outstanding and the late surcharge to date (Arts. 67, 72),
from the receipt of the decision, the payments, any approved instalments, pending
reconsiderations and lawsuits, and changes to the decision (Art. 48). Reads only; the
arithmetic is ``deadlines.surcharge_to_date``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from enforcement_portal.formatting import cn_date

from . import deadlines
from .models import Case, Decision, Deferral, Revocation

ZERO = Decimal("0.00")


@dataclass
class Balance:
    fine: Decimal = ZERO
    due_on: dt.date | None = None
    tranches: list[tuple[dt.date, Decimal]] = field(default_factory=list)
    fine_paid: Decimal = ZERO
    surcharge: Decimal = ZERO
    surcharge_paid: Decimal = ZERO
    refunded: Decimal = ZERO
    paused_days: int = 0
    pending_challenge: bool = False
    revocation: Revocation | None = None
    stopped: bool = False
    on: dt.date | None = None

    @property
    def fine_outstanding(self) -> Decimal:
        return max(self.fine - self.fine_paid, ZERO)

    @property
    def surcharge_outstanding(self) -> Decimal:
        return max(self.surcharge - self.surcharge_paid, ZERO)

    @property
    def total_outstanding(self) -> Decimal:
        return ZERO if self.stopped else self.fine_outstanding + self.surcharge_outstanding

    @property
    def paid(self) -> Decimal:
        return self.fine_paid + self.surcharge_paid

    @property
    def refund_due(self) -> Decimal:
        """What was paid beyond what the decision (as changed) still asks, less refunds."""
        keep = ZERO if self.stopped else self.fine + self.surcharge
        return max(self.paid - keep - self.refunded, ZERO)

    @property
    def overdue(self) -> bool:
        late = [due for due, _amount in self.tranches if self.on and due < self.on]
        return bool(late) and self.fine_outstanding > 0 and not self.stopped

    @property
    def settled(self) -> bool:
        return self.stopped or self.total_outstanding == 0


def payment_due_on(decision: Decision) -> dt.date | None:
    """The last day to pay: 15 days from the party's receipt (Art. 67). The decision PDF and
    the case page both state this date; ``None`` until the receipt is recorded."""
    return deadlines.payment_due(decision.received_on) if decision.received_on else None


def approved_schedule(case: Case) -> Deferral | None:
    return (
        Deferral.objects.filter(case=case, status=Deferral.Status.APPROVED)
        .prefetch_related("instalments")
        .order_by("-decided_on", "-id")
        .first()
    )


def effective_fine(decision: Decision, revocation: Revocation | None) -> Decimal:
    changed = revocation is not None and revocation.kind == Revocation.Kind.CHANGED
    if changed and revocation is not None and revocation.new_fine_amount is not None:
        return revocation.new_fine_amount
    return decision.fine_amount or ZERO


def pauses(case: Case) -> list[tuple[dt.date, dt.date | None]]:
    return [(c.started_on, c.ended_on) for c in case.challenges.all()]


def balance(case: Case, on: dt.date | None = None) -> Balance:
    """The balance at the end of ``on`` (today), from what is recorded so far."""
    on = on or timezone.localdate()
    decision = Decision.objects.filter(case=case).first()
    if decision is None or decision.no_penalty:
        return Balance(on=on)
    revocation = decision.revocations.order_by("-decided_on", "-id").first()
    result = Balance(on=on, revocation=revocation)
    result.fine = effective_fine(decision, revocation)
    result.stopped = bool(revocation and revocation.stops_execution)
    payments = list(case.payments.all())
    result.fine_paid = sum((p.fine_part for p in payments), ZERO)
    result.surcharge_paid = sum((p.surcharge_part for p in payments), ZERO)
    result.refunded = sum((r.amount for r in case.refunds.all()), ZERO)
    result.due_on = payment_due_on(decision)
    schedule = approved_schedule(case)
    if schedule is not None:
        result.tranches = [(i.due_on, i.amount) for i in schedule.instalments.all()]
    elif result.due_on is not None:
        result.tranches = [(result.due_on, result.fine)]
    challenge_days = pauses(case)
    result.pending_challenge = any(end is None or end >= on for _s, end in challenge_days)
    # The surcharge stops on the day the decision was revoked or declared void.
    until = min(on, revocation.decided_on) if result.stopped and revocation else on
    ledger = [(p.paid_on, p.fine_part) for p in payments]
    if result.tranches:
        result.surcharge = deadlines.surcharge_to_date(
            fine=result.fine,
            tranches=result.tranches,
            payments=ledger,
            on=until,
            pauses=challenge_days,
        )
        first_due = min(due for due, _a in result.tranches)
        result.paused_days = deadlines.pending_days(challenge_days, after=first_due, until=until)
    return result


def enforcement_window(decision: Decision) -> tuple[dt.date, dt.date] | None:
    """When the court may be asked (行政强制法 Art. 53), from the receipt of the decision."""
    if decision.received_on is None:
        return None
    return deadlines.enforcement_application_window(received_on=decision.received_on)


def payment_clause(decision: Decision) -> str:
    """The decision's sentence on how and by when to pay (Arts. 67, 72): the same words in the
    decision PDF and the published full text; the date once the receipt is recorded."""
    due = payment_due_on(decision)
    days = deadlines.conf.performance_days()
    text = f"当事人应当自收到本决定书之日起{_cn_number(days)}日内，持本决定书到指定银行缴纳罚款（罚缴分离）"
    if due is not None:
        text += f"，履行期限至{cn_date(due)}"
    return (
        text + "。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，"
        "加处罚款的数额不超出罚款的数额（《中华人民共和国行政处罚法》第七十二条）。"
    )


def _cn_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)
