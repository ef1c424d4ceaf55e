"""Home-page panels of the power registry."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from . import selectors
from .models import FilingBatch


def flagged_powers(request) -> str:
    """Flagged powers: the agency sees its own, supervisors see every agency's."""
    user = request.user
    if not user.is_authenticated:
        return ""
    qs = selectors.flagged_powers(user=user)
    powers = list(qs[:8])
    if not powers:
        return ""
    return render_to_string(
        "powers/_home_flagged.html",
        {
            "powers": powers,
            "count": qs.count(),
            "show_agency": user.reads_across_agencies,
        },
        request=request,
    )


def batches(request) -> str:
    user = request.user
    if not user.is_authenticated:
        return ""
    if user.has_perm("powers.review_filingbatch"):
        heading = _("Batches awaiting review")
        status = FilingBatch.Status.SUBMITTED
    elif user.has_perm("powers.add_filingbatch"):
        heading = _("Your agency's open batches")
        status = FilingBatch.Status.OPEN
    else:
        return ""
    qs = selectors.batch_list(user=user).filter(status=status)[:8]
    return render_to_string(
        "powers/_home_batches.html", {"batches": qs, "heading": heading}, request=request
    )
