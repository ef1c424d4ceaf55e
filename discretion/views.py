"""Discretion standard pages: list, file/edit with bands, review, registration, calculator,
spreadsheet import and export. Permission through discretion/rules.py on every view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from . import selectors, services, spreadsheet
from .forms import (
    BandFormSet,
    CalculatorForm,
    ImportForm,
    OpinionForm,
    RegisterForm,
    ReturnForm,
    StandardForm,
    band_initial,
    build_input,
    show_problems,
)
from .models import DiscretionStandard
from .rules import is_expert

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class StandardObjectMixin(LoginRequiredMixin):
    """Load the standard named in the URL and check ``permission`` on it."""

    permission = "discretion.view_discretionstandard"
    standard: DiscretionStandard

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        standard = selectors.standard_detail(kwargs["pk"])
        if standard is None:
            raise Http404
        if not request.user.has_perm(self.permission, standard):
            raise PermissionDenied
        self.standard = standard
        return super().dispatch(request, *args, **kwargs)


class StandardListView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "discretion.list_discretionstandard"

    def get(self, request):
        user, status = request.user, request.GET.get("status", "")
        standards, cursor = selectors.standards_page(
            user, after=request.GET.get("after", ""), status=status
        )
        context = {
            "standards": standards,
            "next_cursor": cursor,
            "status": status,
            "statuses": DiscretionStandard.Status.choices,
            "can_add": user.has_perm("discretion.add_discretionstandard"),
            "under_review": selectors.standards_under_review() if is_expert(user) else None,
        }
        return render(request, "discretion/standard_list.html", context)


def _edit_page(request, *, form, formset, standard=None, general=()):
    return render(
        request,
        "discretion/standard_form.html",
        {"form": form, "formset": formset, "standard": standard, "general_errors": general},
        status=400 if general or form.errors or any(formset.errors) else 200,
    )


class StandardCreateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "discretion.add_discretionstandard"

    def get(self, request):
        powers = selectors.powers_open_for_standard(request.user)
        form = StandardForm(
            powers=powers,
            agency_id=request.user.agency_id,
            initial={"power": request.GET.get("power")},
        )
        return _edit_page(request, form=form, formset=BandFormSet(prefix="bands"))

    def post(self, request):
        powers = selectors.powers_open_for_standard(request.user)
        form = StandardForm(request.POST, powers=powers, agency_id=request.user.agency_id)
        formset = BandFormSet(request.POST, prefix="bands")
        if not (form.is_valid() and formset.is_valid()):
            return _edit_page(request, form=form, formset=formset)
        try:
            standard = services.standard_create(
                power=form.cleaned_data["power"],
                data=build_input(form, formset),
                actor=request.user,
            )
        except services.StandardInvalid as exc:
            general = show_problems(exc.problems, form, formset)
            return _edit_page(request, form=form, formset=formset, general=general)
        messages.success(request, _("The discretion standard was saved as a draft."))
        return redirect("discretion:detail", pk=standard.pk)


class StandardUpdateView(StandardObjectMixin, View):
    permission = "discretion.change_discretionstandard"

    def form_scope(self) -> dict:
        current = (self.standard.violated_provision_id, self.standard.penalty_provision_id)
        return {"agency_id": self.standard.agency_id, "current": current}

    def get(self, request, pk):
        form = StandardForm(initial=StandardForm.initial_from(self.standard), **self.form_scope())
        formset = BandFormSet(prefix="bands", initial=band_initial(self.standard))
        return _edit_page(request, form=form, formset=formset, standard=self.standard)

    def post(self, request, pk):
        form = StandardForm(request.POST, **self.form_scope())
        formset = BandFormSet(request.POST, prefix="bands")
        page = {"form": form, "formset": formset, "standard": self.standard}
        if not (form.is_valid() and formset.is_valid()):
            return _edit_page(request, **page)
        try:
            services.standard_update(
                standard=self.standard, data=build_input(form, formset), actor=request.user
            )
        except services.StandardInvalid as exc:
            return _edit_page(request, **page, general=show_problems(exc.problems, form, formset))
        messages.success(request, _("The discretion standard was saved."))
        return redirect("discretion:detail", pk=pk)


class StandardDetailView(StandardObjectMixin, View):
    def get(self, request, pk):
        user, standard = request.user, self.standard
        return render(
            request,
            "discretion/standard_detail.html",
            {
                "standard": standard,
                "can_change": user.has_perm("discretion.change_discretionstandard", standard),
                "can_review": user.has_perm("discretion.review_discretionstandard", standard),
                "can_new_version": user.has_perm(
                    "discretion.new_version_discretionstandard", standard
                ),
                "in_force": selectors.registered_standard_for(standard.power_id),
                "opinion_form": OpinionForm(),
                "register_form": RegisterForm(),
                "return_form": ReturnForm(),
            },
        )


class StandardActionView(StandardObjectMixin, View):
    """POST-only lifecycle steps; refusals come back as a message on the detail page."""

    form_class: type[forms.Form] | None = None
    done_message: StrOrPromise

    def act(self, request, data):
        raise NotImplementedError

    def post(self, request, pk):
        form = self.form_class(request.POST) if self.form_class else None
        if form is not None and not form.is_valid():
            errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
            messages.error(request, "；".join(errors))
            return redirect("discretion:detail", pk=pk)
        try:
            result = self.act(request, form.cleaned_data if form else {})
        except services.StandardInvalid as exc:
            messages.error(request, "；".join(p.message for p in exc.problems))
            return redirect("discretion:detail", pk=pk)
        messages.success(request, self.done_message)
        return redirect("discretion:detail", pk=getattr(result, "pk", pk))


class SubmitView(StandardActionView):
    permission = "discretion.change_discretionstandard"
    done_message = gettext_lazy("Submitted for expert review.")

    def act(self, request, data):
        return services.standard_submit(standard=self.standard, actor=request.user)


class OpinionView(StandardActionView):
    permission = "discretion.review_discretionstandard"
    form_class = OpinionForm
    done_message = gettext_lazy("Your opinion was recorded.")

    def act(self, request, data):
        return services.standard_add_opinion(
            standard=self.standard, reviewer=request.user, **data
        ).standard


class RegisterView(StandardActionView):
    permission = "discretion.review_discretionstandard"
    form_class = RegisterForm
    done_message = gettext_lazy("The standard is registered and in force.")

    def act(self, request, data):
        return services.standard_register(
            standard=self.standard,
            actor=request.user,
            number=data["registration_number"],
            day=data["registered_on"],
        )


class ReturnView(StandardActionView):
    permission = "discretion.review_discretionstandard"
    form_class = ReturnForm
    done_message = gettext_lazy("The standard was returned to its filer.")

    def act(self, request, data):
        return services.standard_return(standard=self.standard, actor=request.user, **data)


class NewVersionView(StandardActionView):
    permission = "discretion.new_version_discretionstandard"
    done_message = gettext_lazy("A new draft version was started from the registered one.")

    def act(self, request, data):
        return services.standard_new_version(standard=self.standard, actor=request.user)


class CalculatorView(StandardObjectMixin, View):
    permission = "discretion.calculate_discretionstandard"

    def get(self, request, pk):
        form = CalculatorForm(request.GET or None, standard=self.standard)
        recommendation = deviation = None
        if form.is_valid():
            case = dict(form.cleaned_data)
            decided_fine, decided_types = case.pop("decided_fine"), case.pop("decided_types")
            try:
                recommendation = services.recommend_penalty(standard=self.standard, **case)
            except services.CalculatorInputError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.messages[0])
            if recommendation and (decided_fine is not None or decided_types):
                deviation = services.penalty_deviation(
                    recommendation=recommendation,
                    fine_amount=decided_fine,
                    penalty_types=decided_types,
                )
        context = {"standard": self.standard, "form": form, "recommendation": recommendation}
        return render(request, "discretion/calculator.html", {**context, "deviation": deviation})


class ImportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "discretion.import_discretionstandard"

    def get(self, request):
        return render(request, "discretion/import.html", {"form": ImportForm()})

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        result = None
        if form.is_valid():
            result = spreadsheet.import_standards(
                upload=form.cleaned_data["file"], user=request.user
            )
            if result.ok:
                messages.success(
                    request,
                    _("%(count)d standards were imported as drafts.")
                    % {"count": len(result.standards)},
                )
                return redirect("discretion:list")
        status = 400 if result is None or not result.ok else 200
        return render(
            request, "discretion/import.html", {"form": form, "result": result}, status=status
        )


class ExportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "discretion.export_discretionstandard"

    def get(self, request):
        standards = selectors.with_content(selectors.standards_for_user(request.user)).filter(
            status="registered"
        )
        response = HttpResponse(
            spreadsheet.export_standards(standards),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="discretion-standards.xlsx"'
        return response
