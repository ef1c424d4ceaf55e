"""Core pages: the home page (public or the user's desk), object history, error pages."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.generic import TemplateView

from .audit import audit_history


class HomeView(TemplateView):
    def get_template_names(self) -> list[str]:
        if self.request.user.is_authenticated:
            return ["core/desk.html"]
        return ["core/public_home.html"]


class ObjectHistoryView(LoginRequiredMixin, TemplateView):
    """An object's audit history; readable by whoever may view the object itself."""

    template_name = "core/object_history.html"

    def get_context_data(self, **kwargs):
        try:
            model = apps.get_model(kwargs["object_type"])
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


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
