"""What the case pages share: permission on the case, service errors on the form."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from ..models import Case


def step_confirmation(case: Case, step: Any) -> str:
    """The question the step's submit button asks first (static/js/confirm.js): which step,
    on which case and party, and that it enters the case file for good."""
    return _(
        "%(step)s: case %(number)s (party: %(party)s). This is entered in the case file and "
        "cannot be undone. Continue?"
    ) % {"step": step, "number": case.number, "party": case.party_name}


def _errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the fields it names (or the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class CaseMixin(LoginRequiredMixin):
    permission = "workflows.change_case"
    request: Any
    kwargs: dict

    def get_case(self) -> Case:
        case = get_object_or_404(
            Case.objects.select_related("current_node", "power"), pk=self.kwargs["pk"]
        )
        if not self.request.user.has_perm(self.permission, case):
            raise PermissionDenied
        return case

    def back(self, case):
        return redirect("workflows:case_detail", pk=case.pk)


class _CaseFormView(CaseMixin, View):
    form_class: type
    template_name = "workflows/case_form.html"
    title = ""
    # The step's name for its confirmation; empty: the form asks nothing first.
    confirm_step: Any = ""

    def form_kwargs(self, case):
        return {}

    def get(self, request, pk):
        case = self.get_case()
        form = self.form_class(initial={"version": case.version}, **self.form_kwargs(case))
        return self.show(case, form)

    def post(self, request, pk):
        case = self.get_case()
        form = self.form_class(request.POST, request.FILES, **self.form_kwargs(case))
        if form.is_valid():
            try:
                self.save(case, form)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                return self.back(case)
        return self.show(case, form)

    def show(self, case, form, **extra):
        context = {
            "case": case,
            "form": form,
            "title": self.title,
            "confirm": step_confirmation(case, self.confirm_step) if self.confirm_step else "",
            **extra,
        }
        return render(self.request, self.template_name, context)
