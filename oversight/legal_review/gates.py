"""The real legal-review gate, replacing workflows' fail-safe placeholder."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.gates import GateResult, register_gate


def legal_review_gate(case, target_node, user) -> GateResult:
    """A major case enters its decision node only with an agreed review of its latest round,
    or the agency leader's ruling to proceed after a disagreement."""
    if not case.is_major:
        return GateResult(True)
    from .models import LegalReview

    review = LegalReview.objects.filter(case=case).order_by("-round").first()
    if review is not None and review.allows_decision:
        return GateResult(True)
    if review is None:
        reason = _(
            "A major enforcement decision needs an agreed legal review, and none is recorded."
        )
    else:
        reason = _(
            "A major enforcement decision needs an agreed legal review; the latest review "
            "(round %(n)s) is: %(s)s."
        ) % {"n": review.round, "s": review.get_status_display()}
    return GateResult(False, reason)


def register_legal_review_gate() -> None:
    register_gate(
        "legal_review",
        legal_review_gate,
        label=gettext_lazy("Legal review of major decisions"),
        replace=True,
    )
