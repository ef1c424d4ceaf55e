"""Early-warning pages: the list (filtered by level and status) and handling a warning."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from enforcement_portal.paging import InvalidCursor, keyset_page
from enforcement_portal.predicates import is_staff_member

from . import services
from .forms import HandlingForm
from .models import EarlyWarning
from .selectors import LEVELS, warning_list


class WarningListView(LoginRequiredMixin, View):
    def get(self, request):
        if not is_staff_member(request.user):
            raise Http404
        status = request.GET.get("status", "open")
        level = request.GET.get("level")
        level = level if level in LEVELS else None
        q = " ".join(request.GET.get("q", "").split())[:100]
        qs = warning_list(request.user, status=status, level=level, q=q)
        try:
            page = keyset_page(
                qs, ordering=("-opened_at", "-id"), cursor=request.GET.get("cursor"), size=50
            )
        except InvalidCursor:
            return HttpResponseBadRequest(
                _("The page link is not valid; start again from the list.")
            )
        context = {
            "page": page,
            "status": status,
            "level": level,
            "q": q,
            "statuses": EarlyWarning.Status.choices,
        }
        return render(request, "oversight/warning_list.html", context)


class WarningDetailView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "oversight.view_earlywarning"

    def get_permission_object(self):
        self.warning = get_object_or_404(
            EarlyWarning.objects.select_related("rule", "agency", "officer"), pk=self.kwargs["pk"]
        )
        return self.warning

    def render_page(self, request, form=None, status=200):
        context = {
            "warning": self.warning,
            "actions": self.warning.actions.select_related("actor"),
            "form": form or HandlingForm(),
            "can_handle": request.user.has_perm("oversight.change_earlywarning", self.warning),
        }
        return render(request, "oversight/warning_detail.html", context, status=status)

    def get(self, request, pk):
        return self.render_page(request)


class WarningActionView(WarningDetailView):
    permission_required = "oversight.change_earlywarning"
    http_method_names = ["post"]  # the detail page's GET does not take an action

    def post(self, request, pk, action):
        note = request.POST.get("note", "")
        try:
            if action == "verify":
                services.warning_start_verification(
                    warning=self.warning, actor=request.user, note=note
                )
            elif action == "handle":
                form = HandlingForm(request.POST, request.FILES)
                if not form.is_valid():
                    return self.render_page(request, form=form, status=400)
                services.warning_record_handling(
                    warning=self.warning,
                    actor=request.user,
                    handling=form.cleaned_data["handling"],
                    note=form.cleaned_data["note"],
                    attachment=form.cleaned_data.get("attachment"),
                )
            elif action == "close":
                services.warning_close(warning=self.warning, actor=request.user, note=note)
            else:
                raise Http404
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            self.warning.refresh_from_db()
            return self.render_page(request, status=400)
        messages.success(request, _("Saved."))
        return redirect("oversight:warning", pk=pk)
