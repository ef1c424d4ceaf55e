"""Staff pages of the agency's no-penalty and lighter-penalty lists: file and withdraw entries
(the agency filer; rules in ``discretion.lists``)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from enforcement_portal.widgets import Picker
from powers.models import Power

from . import lists
from .models import OutcomeListEntry


class ListEntryForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("list"), choices=OutcomeListEntry.Kind.choices)
    power = forms.ModelChoiceField(
        label=gettext_lazy("power"), queryset=Power.objects.none(), widget=Picker()
    )
    violation = forms.CharField(label=gettext_lazy("violation"), max_length=300)
    basis = forms.CharField(label=gettext_lazy("basis"), widget=forms.Textarea(attrs={"rows": 2}))
    conditions = forms.CharField(
        label=gettext_lazy("conditions"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, agency_id, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["power"]).queryset = Power.objects.filter(
            agency_id=agency_id, category=Power.Category.PENALTY
        ).order_by("code")


def _show(request, form, status=200):
    context = {
        "form": form,
        "entries": lists.entries_for_staff(request.user),
        "can_edit": request.user.has_perm("discretion.add_outcomelistentry"),
    }
    return render(request, "discretion/outcome_lists.html", context, status=status)


class OutcomeListView(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and (
            request.user.agency_id is None
            or not request.user.has_perm("discretion.view_outcomelistentry")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return _show(request, ListEntryForm(agency_id=request.user.agency_id))

    def post(self, request):
        if not request.user.has_perm("discretion.add_outcomelistentry"):
            raise PermissionDenied
        form = ListEntryForm(request.POST, agency_id=request.user.agency_id)
        if not form.is_valid():
            return _show(request, form, status=400)
        try:
            lists.list_entry_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return _show(request, form, status=400)
        messages.success(request, _("The entry is on the published list."))
        return redirect("discretion:outcome_lists")


class OutcomeListWithdrawView(LoginRequiredMixin, View):
    def post(self, request, pk):
        entry = get_object_or_404(OutcomeListEntry, pk=pk)
        if not request.user.has_perm("discretion.change_outcomelistentry", entry):
            raise PermissionDenied
        try:
            lists.list_entry_withdraw(
                entry=entry, user=request.user, reason=request.POST.get("reason", "")
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("The entry was withdrawn from the published list."))
        return redirect("discretion:outcome_lists")
