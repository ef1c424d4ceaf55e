"""The discretion block on a staff desk: what waits for this user."""

from __future__ import annotations

from django.template.loader import render_to_string

from enforcement_portal.roles import Role

from .models import DiscretionStandard
from .selectors import standards_under_review


def review_panel(request) -> str:
    user = request.user
    if user.has_role(Role.REGISTRY_REVIEWER):
        items = list(standards_under_review()[:10])
        kind = "review"
    elif user.has_role(Role.AGENCY_FILER) and user.agency_id:
        items = list(
            DiscretionStandard.objects.filter(
                agency_id=user.agency_id, status__in=DiscretionStandard.EDITABLE
            )
            .select_related("power")
            .order_by("-updated_at")[:10]
        )
        kind = "filing"
    else:
        return ""
    return render_to_string(
        "discretion/_panel.html", {"items": items, "kind": kind}, request=request
    )
