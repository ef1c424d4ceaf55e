"""Core pages: the home page (public or the user's desk), object history, error pages."""

from __future__ import annotations

import logging
import sys

from django.apps import apps
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .audit import audit_history, current_object_type
from .holidays import cached_years_on_fallback


class HomeView(TemplateView):
    def get_template_names(self) -> list[str]:
        if self.request.user.is_authenticated:
            return ["core/desk.html"]
        return ["core/public_home.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.is_authenticated:
            context["calendar_fallback_years"] = cached_years_on_fallback(timezone.localdate())
        return context


class ObjectHistoryView(LoginRequiredMixin, TemplateView):
    """An object's audit history; readable by whoever may view the object itself."""

    template_name = "core/object_history.html"

    def get_context_data(self, **kwargs):
        try:
            model = apps.get_model(current_object_type(kwargs["object_type"]))
        except (LookupError, ValueError) as exc:
            raise Http404 from exc
        obj = model._default_manager.filter(pk=kwargs["object_id"]).first()
        if obj is None:
            raise Http404
        perm = f"{model._meta.app_label}.view_{model._meta.model_name}"
        if not self.request.user.has_perm(perm, obj):
            raise PermissionDenied
        events = audit_history(obj).order_by("-seq")[:500]
        return {**super().get_context_data(**kwargs), "object": obj, "events": events}


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


logger = logging.getLogger(__name__)

# Raised when PostgreSQL is down, restarting or unreachable (psycopg's lock and statement
# timeouts are OperationalErrors too; "try again shortly" is right for them as well).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def service_unavailable(request) -> HttpResponse:
    """503 with a Chinese page that needs neither the database nor the session."""
    body = render_to_string(
        "503.html",
        {"CITY_NAME": settings.CITY_NAME, "request_id": getattr(request, "request_id", "")},
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = "10"
    return response


def error_500(request):
    """Django calls this inside its ``except`` block, so the exception is still at hand."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        logger.error("Database unavailable; answered 503")
        return service_unavailable(request)
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the page itself needs the database (the signed-in user, the menu)
        logger.exception("The 500 page could not be rendered; answering without it")
        return HttpResponseServerError(
            format_html(
                "<!DOCTYPE html><title>500</title><h1>500 · {}</h1><p>{}</p>",
                _("Server error"),
                _(
                    "Something went wrong on our side. The error has been logged; please try "
                    "again later."
                ),
            )
        )


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the portal's own Chinese 403 for an expired or missing form token."""
    logger.warning("CSRF check failed: %s", reason)
    return render(request, "403_csrf.html", status=403)
