"""The header's inbox count, for signed-in staff (named by string in TEMPLATES, so the core
templates show it without importing oversight)."""

from django.urls import reverse

from .selectors import unread_count


def inbox(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {"inbox_url": reverse("oversight:inbox"), "inbox_unread": unread_count(user)}
