"""The case's other persons: listed on the case page, added and removed by its officers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from .. import forms
from ..models import CasePerson
from ..services.persons import case_person_add, case_person_remove
from ._base import CaseMixin


class CasePersonAddView(CaseMixin, View):
    """POST only: the form sits on the case page."""

    def post(self, request, pk):
        case = self.get_case()
        form = forms.CasePersonForm(request.POST)
        if form.is_valid():
            try:
                case_person_add(case=case, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("Added. Publications of this case will mask the name."),
                )
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
        return self.back(case)


class CasePersonRemoveView(CaseMixin, View):
    def post(self, request, pk):
        person = get_object_or_404(CasePerson.objects.select_related("case"), pk=pk)
        if not request.user.has_perm(self.permission, person.case):
            raise PermissionDenied
        try:
            case_person_remove(person=person, user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("workflows:case_detail", pk=person.case_id)
