"""Home-page panels of public reports."""

from __future__ import annotations

from django.template.loader import render_to_string

from enforcement_portal.roles import Role

from .selectors import overdue_reports, reports_for_user


def reports_panel(request) -> str:
    """Handlers' desk: reports waiting for them and those past a deadline."""
    user = request.user
    if not user.has_role(Role.REPORT_HANDLER):
        return ""
    mine = reports_for_user(user)
    context = {
        "waiting": mine.filter(status="received").count(),
        "open": mine.filter(status__in=["accepted", "investigating"]).count(),
        "overdue": overdue_reports().filter(pk__in=mine.values("pk")).count(),
    }
    return render_to_string("reports/_reports_panel.html", context, request=request)
