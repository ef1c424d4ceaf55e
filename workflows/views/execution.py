"""Pages after the decision (its receipt comes from the service record only): payments, reconsideration and lawsuits, deferral and
instalments, the 催告书 and the court, revocation and refunds. Thin: permission, service,
render; each refusal of a service shows at its field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from .. import forms_execution as forms
from ..balance import balance
from ..models import Deferral
from ..services.enforcement import court_apply, court_ruling, urge_record
from ..services.execution import payment_record
from ..services.instalments import (
    challenge_end,
    challenge_record,
    deferral_apply,
    deferral_decide,
    parse_schedule,
)
from ..services.revocation import refund_record, revocation_record
from ._base import _CaseFormView, _errors, step_confirmation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class _ExecutionFormView(_CaseFormView):
    template_name = "workflows/execution/form.html"
    heading: StrOrPromise = ""

    def show(self, case, form, **extra):
        context = {
            "case": case,
            "form": form,
            "heading": self.heading,
            "balance": balance(case),
            "confirm": step_confirmation(case, self.heading),
            **extra,
        }
        return render(self.request, self.template_name, context)


class PaymentView(_ExecutionFormView):
    form_class = forms.PaymentForm
    heading = _("Record a payment")

    def save(self, case, form):
        data = dict(form.cleaned_data)
        payment_record(
            case=case, user=self.request.user, expected_version=data.pop("version"), **data
        )


class ChallengeView(_ExecutionFormView):
    form_class = forms.ChallengeForm
    heading = _("Reconsideration or lawsuit filed")

    def save(self, case, form):
        challenge_record(case=case, user=self.request.user, **form.cleaned_data)


class ChallengeEndView(_ExecutionFormView):
    form_class = forms.ChallengeEndForm
    heading = _("Reconsideration or lawsuit ended")

    def form_kwargs(self, case):
        return {"case": case}

    def save(self, case, form):
        challenge_end(user=self.request.user, **form.cleaned_data)


class DeferralApplyView(_ExecutionFormView):
    form_class = forms.DeferralForm
    heading = _("Application for deferral or instalments (Art. 66)")

    def save(self, case, form):
        deferral_apply(case=case, user=self.request.user, **form.cleaned_data)


class DeferralDecideView(LoginRequiredMixin, View):
    template_name = "workflows/execution/form.html"

    def get_deferral(self, pk) -> Deferral:
        deferral = get_object_or_404(Deferral.objects.select_related("case"), pk=pk)
        if not self.request.user.has_perm("workflows.approve_deferral", deferral):
            raise PermissionDenied
        return deferral

    def show(self, deferral, form):
        return render(
            self.request,
            self.template_name,
            {
                "case": deferral.case,
                "form": form,
                "deferral": deferral,
                "heading": _("Decide on deferral or instalments (Art. 66)"),
                "balance": balance(deferral.case),
                "confirm": step_confirmation(
                    deferral.case, _("Decide on deferral or instalments (Art. 66)")
                ),
            },
        )

    def get(self, request, pk):
        return self.show(self.get_deferral(pk), forms.DeferralDecideForm())

    def post(self, request, pk):
        deferral = self.get_deferral(pk)
        form = forms.DeferralDecideForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                deferral_decide(
                    deferral=deferral,
                    user=request.user,
                    approve=data["approve"],
                    schedule=parse_schedule(data["schedule"]) if data["approve"] else None,
                    note=data["note"],
                )
            except ValidationError as exc:
                _errors(form, exc)
            else:
                return redirect("workflows:case_detail", pk=deferral.case_id)
        return self.show(deferral, form)


class UrgeView(_ExecutionFormView):
    form_class = forms.UrgeForm
    heading = _("催告书 issued (Administrative Compulsion Law Art. 54)")

    def save(self, case, form):
        urge_record(case=case, user=self.request.user, **form.cleaned_data)


class CourtApplyView(_ExecutionFormView):
    form_class = forms.CourtApplyForm
    heading = _("Application to the court for compulsory execution (Art. 53)")

    def save(self, case, form):
        court_apply(case=case, user=self.request.user, **form.cleaned_data)


class CourtRulingView(_ExecutionFormView):
    form_class = forms.CourtRulingForm
    heading = _("The court's ruling")

    def save(self, case, form):
        court_ruling(case=case, user=self.request.user, **form.cleaned_data)


class RevocationView(_ExecutionFormView):
    form_class = forms.RevocationForm
    heading = _("Decision changed, revoked, confirmed illegal or void (Art. 48)")

    def save(self, case, form):
        revocation_record(case=case, user=self.request.user, **form.cleaned_data)


class RefundView(_ExecutionFormView):
    form_class = forms.RefundForm
    heading = _("Record a refund")

    def save(self, case, form):
        refund_record(case=case, user=self.request.user, **form.cleaned_data)
