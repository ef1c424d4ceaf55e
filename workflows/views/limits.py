"""Pages of a case's time limits and the on-the-spot procedure: suspend and resume, ask for and
approve an extension (Art. 60), impose a penalty on the spot and file it (Arts. 51-52)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from .. import forms
from ..models import CaseExtension
from ..services.limits import extension_decide, extension_request, suspension_end, suspension_start
from ..services.on_the_spot import on_the_spot_decide, on_the_spot_file
from ._base import _CaseFormView, _errors


class SuspensionStartView(_CaseFormView):
    form_class: type = forms.SuspensionStartForm
    template_name = "workflows/limits/form.html"
    title = "suspension"
    confirm_step = gettext_lazy("Suspend the case")

    def save(self, case, form):
        data = dict(form.cleaned_data)
        suspension_start(
            case=case, user=self.request.user, expected_version=data.pop("version"), **data
        )


class SuspensionEndView(SuspensionStartView):
    form_class = forms.SuspensionEndForm
    title = "resume"
    confirm_step = gettext_lazy("Record the resumption")

    def save(self, case, form):
        data = dict(form.cleaned_data)
        suspension_end(
            case=case, user=self.request.user, expected_version=data.pop("version"), **data
        )


class ExtensionRequestView(_CaseFormView):
    form_class = forms.ExtensionForm
    template_name = "workflows/limits/form.html"
    title = "extension"
    confirm_step = gettext_lazy("Ask for an extension")

    def form_kwargs(self, case):
        return {"case": case}

    def save(self, case, form):
        extension_request(case=case, user=self.request.user, **form.cleaned_data)


class ExtensionDecideView(LoginRequiredMixin, View):
    def post(self, request, pk):
        extension = get_object_or_404(CaseExtension.objects.select_related("case"), pk=pk)
        if not request.user.has_perm("workflows.approve_extension", extension.case):
            raise PermissionDenied
        try:
            extension_decide(
                extension=extension, user=request.user, approve=request.POST.get("approve") == "1"
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("workflows:case_detail", pk=extension.case_id)


class OnTheSpotView(LoginRequiredMixin, View):
    """One form for the whole on-the-spot procedure; the service checks every rule."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("workflows.add_case"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.show(forms.OnTheSpotForm(user=request.user))

    def post(self, request):
        form = forms.OnTheSpotForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                case = on_the_spot_decide(user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(
                    request, _("On-the-spot decision %(n)s made.") % {"n": case.number}
                )
                return redirect("workflows:case_detail", pk=case.pk)
        return self.show(form)

    def show(self, form):
        return render(self.request, "workflows/limits/on_the_spot.html", {"form": form})


class OnTheSpotFileView(_CaseFormView):
    form_class = forms.OnTheSpotFileForm
    template_name = "workflows/limits/form.html"
    title = "on_the_spot_file"
    confirm_step = gettext_lazy("Record the filing with the agency")

    def get(self, request, pk):
        case = self.get_case()
        return self.show(case, self.form_class())

    def save(self, case, form):
        on_the_spot_file(case=case, user=self.request.user, **form.cleaned_data)
