"""Power registry pages: lists, filing, review, spreadsheets and the regulation ledger."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from enforcement_portal.http import AuthenticatedRequest
from enforcement_portal.paging import InvalidCursor, keyset_page

from . import regulation_requests, selectors, services
from .citations import format_lines
from .forms import (
    BatchForm,
    ImportForm,
    PowerForm,
    ProvisionForm,
    ReasonForm,
    RegulationForm,
    ReviewForm,
)
from .import_jobs import import_job_create, import_job_dispatch, import_progress
from .models import (
    Agency,
    FilingBatch,
    ImportJob,
    Power,
    PowerVersion,
    Regulation,
    RegulationRequest,
)

PAGE_SIZE = 50


def _check(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class AgencyDetailView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    model = Agency
    permission_required = "powers.view_agency"
    template_name = "powers/agency_detail.html"
    context_object_name = "agency"

    def get_queryset(self):
        return Agency.objects.select_related("parent")


# ---------------------------------------------------------------- powers


class PowerListView(LoginRequiredMixin, TemplateView):
    request: AuthenticatedRequest
    """Filters and search; pages by keyset (an opaque ``cursor``), newest first."""

    template_name = "powers/power_list.html"

    def get_context_data(self, **kwargs):
        g = self.request.GET
        agency = g.get("agency", "")
        qs = selectors.power_list(
            user=self.request.user,
            agency=int(agency) if agency.isdigit() else None,
            category=g.get("category", "") if g.get("category") in Power.Category.values else "",
            status=g.get("status", "") if g.get("status") in Power.Status.values else "",
            flagged=g.get("flagged") == "1",
            q=g.get("q", "").strip()[:100],
        )
        try:
            page = keyset_page(qs, ordering=("-id",), cursor=g.get("cursor"), size=PAGE_SIZE)
        except InvalidCursor as exc:
            raise BadRequest(_("The page link is not valid; start again from the list.")) from exc
        query = g.copy()
        query.pop("cursor", None)
        return {
            **super().get_context_data(**kwargs),
            "powers": page.items,
            "page": page,
            "query": query.urlencode(),
            "agencies": Agency.objects.filter(is_enforcement_body=True)
            if self.request.user.reads_across_agencies
            else [],
            "categories": Power.Category.choices,
            "statuses": Power.Status.choices,
        }


class PowerDetailView(LoginRequiredMixin, TemplateView):
    template_name = "powers/power_detail.html"

    def get_context_data(self, **kwargs):
        power = selectors.power_detail(kwargs["pk"])
        if power is None:
            raise Http404
        _check(self.request, "powers.view_power", power)
        versions = list(power.versions.all())
        pending = next((v for v in versions if v.status in PowerVersion.PENDING), None)
        return {
            **super().get_context_data(**kwargs),
            "power": power,
            "versions": versions,
            "pending": pending,
            "diff": selectors.version_diff(pending) if pending else None,
            "reason_form": ReasonForm(),
        }


class PowerFormMixin(LoginRequiredMixin, FormView):
    request: AuthenticatedRequest
    template_name = "powers/power_form.html"

    def batches(self):
        return selectors.open_batches(self.request.user.agency_id)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        return {**kwargs, "batches": self.batches()}

    def get_initial(self):
        batch = self.request.GET.get("batch") or self.batches().values_list("pk", flat=True).first()
        return {"batch": batch}

    def save(self, form, data) -> PowerVersion:
        raise NotImplementedError

    def form_valid(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("bases", "code")}
        data["citations"] = form.cleaned_data["bases"]
        try:
            version = self.save(form, data)
        except ValidationError as exc:
            _form_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved in the batch “%(b)s”.") % {"b": version.batch})
        return redirect("powers:batch_detail", pk=version.batch_id)


class PowerCreateView(PowerFormMixin, FormView):
    form_class = PowerForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _check(request, "powers.add_power")
        return super().dispatch(request, *args, **kwargs)

    def save(self, form, data):
        return services.power_create(
            code=form.cleaned_data["code"], actor=self.request.user, **data
        )


class PowerEditView(PowerFormMixin, FormView):
    form_class = PowerForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.power = get_object_or_404(Power, pk=kwargs["pk"])
        _check(request, "powers.change_power", self.power)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editing": True}

    def get_initial(self):
        source = services.pending_version(self.power) or self.power
        initial = {f: getattr(source, f) for f in Power.CONTENT_FIELDS}
        bases = source.bases.select_related("provision__regulation")
        initial["bases"] = format_lines(selectors.citations_of(bases))
        return {**super().get_initial(), **initial, "code": self.power.code}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "power": self.power}

    def save(self, form, data):
        return services.power_edit(power=self.power, actor=self.request.user, **data)


# What happened and what comes next, said after each step.
POWER_DONE_MESSAGES = {
    "suspend": _("The power is suspended. No new case may use it until it is resumed."),
    "resume": _("The power is in force again; new cases may use it."),
    "abolish": _("The power is abolished and has left the public power list."),
    "confirm_basis": _("The legal bases are confirmed."),
}


class PowerActionView(LoginRequiredMixin, View):
    """Suspend, resume or abolish (registry reviewer); confirm the basis (filer)."""

    actions = {
        "suspend": ("powers.review_power", services.power_suspend),
        "resume": ("powers.review_power", services.power_resume),
        "abolish": ("powers.review_power", services.power_abolish),
        "confirm_basis": ("powers.confirm_power_basis", services.power_confirm_basis),
    }

    def post(self, request, pk, action):
        if action not in self.actions:
            raise Http404
        perm, service = self.actions[action]
        power = get_object_or_404(Power, pk=pk)
        _check(request, perm, power)
        form = ReasonForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Give the reason."))
            service(power=power, reason=form.cleaned_data["reason"], actor=request.user)
            messages.success(request, POWER_DONE_MESSAGES.get(action, _("Done.")))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("powers:power_detail", pk=pk)


# ---------------------------------------------------------------- batches and review


class BatchListView(LoginRequiredMixin, TemplateView):
    template_name = "powers/batch_list.html"

    def get_context_data(self, **kwargs):
        qs = selectors.batch_list(user=self.request.user)
        status = self.request.GET.get("status", "")
        if status in FilingBatch.Status.values:
            qs = qs.filter(status=status)
        return {**super().get_context_data(**kwargs), "batches": qs[:200], "form": BatchForm()}


class BatchCreateView(LoginRequiredMixin, View):
    def post(self, request):
        _check(request, "powers.add_filingbatch")
        form = BatchForm(request.POST)
        if not form.is_valid() or request.user.agency is None:
            messages.error(request, _("Give the batch a title."))
            return redirect("powers:batch_list")
        batch = services.batch_create(
            agency=request.user.agency, title=form.cleaned_data["title"], actor=request.user
        )
        return redirect("powers:batch_detail", pk=batch.pk)


class BatchDetailView(LoginRequiredMixin, TemplateView):
    template_name = "powers/batch_detail.html"

    def get_context_data(self, **kwargs):
        batch = get_object_or_404(FilingBatch.objects.select_related("agency"), pk=kwargs["pk"])
        _check(self.request, "powers.view_filingbatch", batch)
        versions = list(selectors.batch_versions(batch))
        return {
            **super().get_context_data(**kwargs),
            "batch": batch,
            "items": [(v, selectors.version_diff(v)) for v in versions],
            "can_file": self.request.user.has_perm("powers.change_filingbatch", batch),
            "can_review": self.request.user.has_perm("powers.review_filingbatch", batch),
        }


class BatchSubmitView(LoginRequiredMixin, View):
    def post(self, request, pk):
        batch = get_object_or_404(FilingBatch, pk=pk)
        _check(request, "powers.change_filingbatch", batch)
        try:
            count = services.batch_submit(batch=batch, actor=request.user)
            messages.success(
                request,
                _(
                    "%(n)d powers submitted for review. The registry reviewers of the justice "
                    "bureau now see the batch; you will see each power registered or returned."
                )
                % {"n": count},
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("powers:batch_detail", pk=pk)


class VersionReviewView(LoginRequiredMixin, View):
    def post(self, request, pk):
        version = get_object_or_404(PowerVersion.objects.select_related("power"), pk=pk)
        _check(request, "powers.review_power", version.power)
        form = ReviewForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Choose register or return."))
            comment = form.cleaned_data["comment"]
            if form.cleaned_data["decision"] == "register":
                services.version_register(version=version, actor=request.user, comment=comment)
                messages.success(
                    request,
                    _("%(code)s registered. It is now on the public power list.")
                    % {"code": version.power.code},
                )
            else:
                services.version_return(version=version, actor=request.user, comment=comment)
                messages.success(request, _("%(code)s returned.") % {"code": version.power.code})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(reverse("powers:batch_detail", args=[version.batch_id]) + f"#v{pk}")


# ---------------------------------------------------------------- spreadsheets


class ImportView(LoginRequiredMixin, FormView):
    request: AuthenticatedRequest
    template_name = "powers/import_form.html"
    form_class = ImportForm
    agency: Agency  # the signed-in user's, set in dispatch

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _check(request, "powers.import_power")
            if request.user.agency is None:
                raise PermissionDenied
            self.agency = request.user.agency
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            job = import_job_create(
                agency=self.agency,
                upload=form.cleaned_data["file"],
                actor=self.request.user,
            )
        except ValidationError as exc:  # no worker can run it: refused, nothing written
            form.add_error(None, exc)
            return self.form_invalid(form)
        import_job_dispatch(job=job)
        return redirect("powers:import_job", pk=job.pk)

    def get_context_data(self, **kwargs):
        jobs = ImportJob.objects.filter(agency=self.agency).select_related("created_by")[:10]
        return {**super().get_context_data(**kwargs), "jobs": jobs}


class ImportJobView(LoginRequiredMixin, TemplateView):
    template_name = "powers/import_job.html"

    def get_context_data(self, **kwargs):
        job = get_object_or_404(ImportJob.objects.select_related("batch"), pk=kwargs["pk"])
        _check(self.request, "powers.view_importjob", job)
        missing = regulation_requests.missing_titles(job) if job.status == "failed" else {}
        asked = regulation_requests.requests_for(job.agency, missing)
        return {
            **super().get_context_data(**kwargs),
            "job": job,
            "progress": import_progress(job),
            "missing": [(title, rows, asked.get(title)) for title, rows in missing.items()],
            "can_request": self.request.user.has_perm("powers.request_regulation", job),
            "unasked": any(
                title not in asked or asked[title].status != "pending" for title in missing
            ),
        }


class RegulationRequestFileView(LoginRequiredMixin, View):
    """POST: ask the registry to add the laws a refused import found missing."""

    def post(self, request, pk):
        job = get_object_or_404(ImportJob.objects.select_related("agency"), pk=pk)
        _check(request, "powers.request_regulation", job)
        try:
            pending = regulation_requests.regulation_requests_file(job=job, user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _(
                    "%(n)d regulation(s) sent to the registry reviewer to add. You will see "
                    "here when they are in the ledger; then upload the file again."
                )
                % {"n": len(pending)},
            )
        return redirect("powers:import_job", pk=job.pk)


class RegulationRequestListView(LoginRequiredMixin, TemplateView):
    """The registry reviewer's list of laws agencies cite that the ledger lacks."""

    template_name = "powers/regulation_requests.html"

    def get_context_data(self, **kwargs):
        _check(self.request, "powers.resolve_regulationrequest")
        return {
            **super().get_context_data(**kwargs),
            "requests": regulation_requests.pending_requests()[:300],
        }


class RegulationRequestDeclineView(LoginRequiredMixin, View):
    def post(self, request, pk):
        _check(request, "powers.resolve_regulationrequest")
        req = get_object_or_404(RegulationRequest, pk=pk)
        try:
            regulation_requests.regulation_request_decline(
                request=req, user=request.user, note=request.POST.get("note", "")
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Declined; the agency sees your note."))
        return redirect("powers:regulation_requests")


class ImportJobStatusView(LoginRequiredMixin, View):
    def get(self, request, pk):
        job = get_object_or_404(ImportJob, pk=pk)
        _check(request, "powers.view_importjob", job)
        return JsonResponse(import_progress(job))


class ExportView(LoginRequiredMixin, View):
    def get(self, request):
        from enforcement_portal import tables

        from .spreadsheet import HEADER, xlsx_sheet

        code = request.GET.get("agency") or getattr(request.user.agency, "code", "")
        agency = get_object_or_404(Agency, code=code)
        _check(request, "powers.export_power", agency)
        rows = selectors.export_rows(agency)
        if request.GET.get("format") == "csv":
            return tables.csv_response(f"powers-{agency.code}.csv", HEADER, rows)
        return tables.xlsx_response(f"powers-{agency.code}.xlsx", xlsx_sheet(rows))


# ---------------------------------------------------------------- regulation ledger


class RegulationListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "powers.view_regulation"
    template_name = "powers/regulation_list.html"

    def get_context_data(self, **kwargs):
        g = self.request.GET
        qs = selectors.regulation_list(
            q=g.get("q", "").strip()[:100],
            status=g.get("status", "") if g.get("status") in Regulation.Status.values else "",
        )
        return {
            **super().get_context_data(**kwargs),
            "regulations": qs[:300],
            "statuses": Regulation.Status.choices,
            "pending_requests": regulation_requests.pending_requests().count()
            if self.request.user.has_perm("powers.resolve_regulationrequest")
            else None,
        }


class RegulationFormView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "powers.change_regulation"
    template_name = "powers/regulation_form.html"
    form_class = RegulationForm

    def get_form_kwargs(self):
        self.object = None
        if "pk" in self.kwargs:
            self.object = get_object_or_404(Regulation, pk=self.kwargs["pk"])
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_initial(self):
        # From the registry's list of laws to add: the title as the agency cited it.
        title = self.request.GET.get("title", "").strip()[:200]
        return {**super().get_initial(), **({"title": title} if title and not self.object else {})}

    def form_valid(self, form):
        fields = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            if self.object is None:
                reg = services.regulation_create(actor=self.request.user, **fields)
            else:
                reg = services.regulation_update(
                    regulation=self.object, actor=self.request.user, **fields
                )
        except ValidationError as exc:
            _form_errors(form, exc)
            return self.form_invalid(form)
        return redirect("powers:regulation_detail", pk=reg.pk)


class RegulationDetailView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "powers.view_regulation"
    template_name = "powers/regulation_detail.html"

    def get_context_data(self, **kwargs):
        reg = get_object_or_404(Regulation.objects.select_related("superseded_by"), pk=kwargs["pk"])
        citing = selectors.power_list(user=self.request.user).filter(
            bases__provision__regulation=reg
        )
        return {
            **super().get_context_data(**kwargs),
            "regulation": reg,
            "provisions": reg.provisions.all(),
            "citing": citing.distinct()[:200],
            "form": kwargs.get("form") or ProvisionForm(),
            "can_change": self.request.user.has_perm("powers.change_regulation"),
        }

    def post(self, request, pk):
        _check(request, "powers.change_regulation")
        reg = get_object_or_404(Regulation, pk=pk)
        form = ProvisionForm(request.POST)
        if form.is_valid():
            try:
                services.provision_add(regulation=reg, actor=request.user, **form.cleaned_data)
                return redirect("powers:regulation_detail", pk=pk)
            except ValidationError as exc:
                _form_errors(form, exc)
        return self.render_to_response(self.get_context_data(pk=pk, form=form))


class ProvisionSearchView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """JSON for the basis helper on the power form: provisions by title and article."""

    permission_required = "powers.view_regulation"

    def get(self, request):
        q = request.GET.get("q", "").strip()[:100]
        results = [
            {
                "id": p.pk,
                "title": p.regulation.title,
                "article": p.article,
                "status": p.regulation.get_status_display(),
                "text": p.text[:120],
            }
            for p in (selectors.provision_search(q) if q else [])
        ]
        return JsonResponse({"results": results})
