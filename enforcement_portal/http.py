"""Request types for mypy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from .models import User


class AuthenticatedRequest(HttpRequest):
    """The request a view behind ``LoginRequiredMixin`` handles: its user is a portal ``User``.

    Only an annotation (``request: AuthenticatedRequest`` on the view); Django never builds one.
    """

    user: User
