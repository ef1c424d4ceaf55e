"""Case pages: open, act, record, decide, pay, documents and files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from powers.models import Agency, Power

from .. import forms, penalty, selectors
from ..exceptions import EvidenceTampered
from ..models import Case, CasePerson, Document, Record
from ..services.cases import (
    case_advance,
    case_open,
    case_refused_power_record,
    case_resume,
    case_set_flag,
)
from ..services.decisions import decision_make
from ..services.documents import document_request
from ..services.execution import case_archive, case_close
from ..services.records import record_add, record_open_file
from ._base import CaseMixin, _CaseFormView, _errors
from .execution_panel import execution_context


class CaseListView(LoginRequiredMixin, TemplateView):
    template_name = "workflows/case_list.html"

    def get_context_data(self, **kwargs):
        if not self.request.user.has_perm("workflows.list_case"):
            raise PermissionDenied
        g = self.request.GET
        qs = selectors.cases_for(
            self.request.user,
            status=g.get("status", ""),
            power=g.get("power", ""),
            q=g.get("q", "").strip(),
            node=g.get("node", ""),
            agency=g.get("agency", ""),
            overdue=g.get("overdue") == "1",
        )
        after = g.get("after", "")
        rows, next_after = selectors.keyset_page(qs, int(after) if after.isdigit() else None)
        params = g.copy()
        params.pop("after", None)
        return {
            **super().get_context_data(**kwargs),
            "cases": rows,
            "next_after": next_after,
            "statuses": Case.Status.choices,
            "filters": g,
            "query": params.urlencode(),
            "can_open": self.request.user.has_perm("workflows.add_case"),
            "agencies": Agency.objects.filter(is_enforcement_body=True)
            if self.request.user.reads_across_agencies
            else None,
        }


class CaseDetailView(LoginRequiredMixin, DetailView):
    template_name = "workflows/case_detail.html"
    context_object_name = "case"

    def get_queryset(self):
        return selectors.case_detail()

    def get_object(self, queryset=None):
        case = super().get_object(queryset)
        if not self.request.user.has_perm("workflows.view_case", case):
            raise PermissionDenied
        return case

    def get_context_data(self, **kwargs):
        case, user = self.object, self.request.user
        target, problems = selectors.transition_problems(case, user)
        return {
            **super().get_context_data(**kwargs),
            "next_node": target,
            "problems": problems,
            "can_change": user.has_perm("workflows.change_case", case),
            "can_approve": user.has_perm("workflows.approve_extension", case),
            "limit": selectors.decision_limit_breakdown(case),
            # The hearing notice and the 催告书 are generated from their own sections.
            "document_kinds": [
                c for c in Document.Kind.choices if c[0] not in ("hearing_notice", "urge")
            ],
            "person_roles": CasePerson.Role.choices,
            **execution_context(case, user),
        }


class CaseOpenView(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("workflows.add_case"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.show(forms.CaseOpenForm(user=request.user))

    def post(self, request):
        form = forms.CaseOpenForm(request.POST, user=request.user)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                case = case_open(user=request.user, **data)
            except ValidationError as exc:
                _errors(form, exc)
                if getattr(exc, "code", "") == "power_not_registered":
                    case_refused_power_record(power=data["power"], user=request.user)
            else:
                messages.success(request, _("Case %(n)s filed.") % {"n": case.number})
                return redirect("workflows:case_detail", pk=case.pk)
        elif "power" in form.errors and request.POST.get("power", "").isdigit():
            # A power offered no more (suspended or abolished since the form was shown).
            power = Power.objects.filter(
                pk=int(request.POST["power"]), agency_id=request.user.agency_id
            ).first()
            if power is not None and not power.is_exercisable:
                case_refused_power_record(power=power, user=request.user)
        return self.show(form)

    def show(self, form):
        return render(self.request, "workflows/case_open.html", {"form": form})


class CaseActionView(CaseMixin, View):
    """POST-only actions on a case: advance, flags, close, archive, resume."""

    ACTIONS = {
        "advance": (case_advance, {}),
        "close": (case_close, {}),
        "archive": (case_archive, {}),
        "resume": (case_resume, {}),
        "hearing": (case_set_flag, {"flag": "hearing_requested"}),
        "coercive": (case_set_flag, {"flag": "coercive_measure"}),
    }

    def post(self, request, pk, action):
        if action not in self.ACTIONS:
            raise Http404
        case = self.get_case()
        service, extra = self.ACTIONS[action]
        try:
            service(
                case=case, user=request.user, expected_version=request.POST.get("version"), **extra
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return self.back(case)


class RecordAddView(_CaseFormView):
    form_class = forms.RecordForm
    title = "record"

    def form_kwargs(self, case):
        return {"case": case}

    def save(self, case, form):
        data = dict(form.cleaned_data)
        record_add(case=case, user=self.request.user, **data)


class DecisionView(_CaseFormView):
    form_class = forms.DecisionForm
    template_name = "workflows/decision_form.html"
    CALCULATOR_FIELDS = ("severity", "circumstance_ids", "illegal_income", "goods_value")

    def form_kwargs(self, case):
        return {"case": case}

    def post(self, request, pk):
        if "recommend" not in request.POST:
            return super().post(request, pk)
        case = self.get_case()
        form = self.form_class(request.POST, case=case)
        form.is_valid()
        data = form.cleaned_data
        # Asking for a band is not submitting the decision: only the calculator's inputs count.
        for name in [n for n in form.errors if n not in self.CALCULATOR_FIELDS]:
            del form.errors[name]
        try:
            rec = penalty.recommend(
                power=case.power,
                severity=data.get("severity", ""),
                circumstances=form.circumstance_list(),
                illegal_income=data.get("illegal_income"),
                goods_value=data.get("goods_value"),
            )
        except ValidationError as exc:
            _errors(form, exc)
            rec = None
        return self.show(case, form, recommendation=rec, asked=True)

    def show(self, case, form, **extra):
        extra.setdefault("calculator", penalty.calculator_available())
        extra.setdefault("standard", form.standard)
        return super().show(case, form, **extra)

    def save(self, case, form):
        data = form.decision_data()
        decision_make(
            case=case, user=self.request.user, expected_version=data.pop("version"), **data
        )


class DocumentGenerateView(CaseMixin, View):
    def post(self, request, pk, kind):
        case = self.get_case()
        try:
            document = document_request(case=case, kind=kind, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if document.status == Document.Status.FAILED:
                messages.error(request, _("The document could not be generated."))
        return self.back(case)


class DocumentDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        document = get_object_or_404(Document.objects.select_related("case"), pk=pk)
        if not request.user.has_perm("workflows.view_document", document):
            raise PermissionDenied
        if document.status != Document.Status.READY:
            raise Http404
        name = f"{document.case.number}-{document.get_kind_display().split('（')[0]}.pdf"
        return FileResponse(document.file.open("rb"), content_type="application/pdf", filename=name)


class RecordFileView(LoginRequiredMixin, View):
    """Evidence served only here: permission checked, access audited, hash verified."""

    def get(self, request, pk):
        record = get_object_or_404(Record.objects.select_related("case"), pk=pk)
        if not request.user.has_perm("workflows.view_record", record):
            raise PermissionDenied
        if not record.file:
            raise Http404
        try:
            handle = record_open_file(record=record, user=request.user)
        except EvidenceTampered:
            return HttpResponse(
                _("This evidence file no longer matches the hash taken on upload."), status=409
            )
        response = FileResponse(handle, content_type=record.content_type)
        response["Content-Disposition"] = f'attachment; filename="evidence-{record.pk}"'
        response["Cache-Control"] = "private, no-store"
        return response


# ---------------------------------------------------------------------------- templates
