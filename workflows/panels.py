"""The case panel on the staff desk: open cases of the user's agency with their due dates."""

from django.template.loader import render_to_string

from .selectors import cases_for


def my_cases(request) -> str:
    user = request.user
    if not user.has_perm("workflows.list_case"):
        return ""
    cases = list(
        cases_for(user)
        .exclude(status__in=["closed", "archived"])
        .order_by("node_due_on", "-id")[:8]
    )
    return render_to_string("workflows/_desk_panel.html", {"cases": cases}, request=request)
