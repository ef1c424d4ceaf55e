"""What the case page's execution section (case/_execution.html) shows."""

from __future__ import annotations

from django.utils import timezone

from .. import deadlines
from ..balance import balance, enforcement_window
from ..models import CourtApplication, Decision, UrgeNotice


def execution_context(case, user) -> dict:
    decision = Decision.objects.filter(case=case).first()
    if decision is None:
        return {}
    today = timezone.localdate()
    window = enforcement_window(decision)
    urge = UrgeNotice.objects.filter(case=case).first()
    court = CourtApplication.objects.filter(case=case).first()
    owed = balance(case, on=today)
    deferrals = list(case.deferrals.prefetch_related("instalments"))
    return {
        "balance": owed,
        "enforcement_window": window,
        "court_days_left": (window[1] - today).days if window else None,
        "urge": urge,
        "urge_period_ends": deadlines.urge_period_ends(urge.received_on)
        if urge and urge.received_on
        else None,
        "urge_document": case.documents.filter(kind="urge").first() if urge else None,
        "court": court,
        "payments": list(case.payments.all()),
        "challenges": list(case.challenges.all()),
        "deferrals": deferrals,
        "revocations": list(decision.revocations.all()),
        "refunds": list(case.refunds.all()),
        "can_decide_deferral": any(
            d.status == "applied" and user.has_perm("workflows.approve_deferral", d)
            for d in deferrals
        ),
        "window_open": bool(window and window[0] <= today),
    }
