"""Public disclosure pages (no login) and the staff pages that maintain them."""

from __future__ import annotations

import time
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView
from rules.contrib.views import PermissionRequiredMixin

from enforcement_portal import tables
from enforcement_portal.paging import InvalidCursor, keyset_page
from powers.models import Agency, Power

from . import publishing, review, selectors, services
from .forms import (
    CertificateCheckForm,
    CorrectionForm,
    CreditUploadForm,
    DecisionSearchForm,
    InspectionItemForm,
    PublicationForm,
    ServiceGuideForm,
    SignoffForm,
    WithdrawalForm,
)
from .models import InspectionItem, Publication, ServiceGuide
from .opendata import (
    DECISION_COLUMNS,
    PENALTY_COLUMNS,
    POWER_COLUMNS,
    STANDARD_COLUMNS,
    decision_row,
    penalty_row,
    power_row,
    standard_rows,
)

PAGE_SIZE = 20


class PublicAgencyListView(ListView):
    template_name = "disclosure/agency_list.html"
    context_object_name = "agencies"

    def get_queryset(self):
        return selectors.public_agencies()


class PublicAgencyDetailView(View):
    def get(self, request, code):
        agency = get_object_or_404(Agency, code=code, is_enforcement_body=True)
        category = request.GET.get("category", "")
        if category and category not in Power.Category.values:
            category = ""
        try:
            page = keyset_page(
                selectors.public_powers(agency=agency, category=category),
                ordering=("code", "id"),
                cursor=request.GET.get("cursor"),
                size=PAGE_SIZE,
            )
        except InvalidCursor:
            return HttpResponseBadRequest(
                _("The page link is not valid; start again from the list.")
            )
        context = {
            "agency": agency,
            "page": page,
            "category": category,
            "categories": Power.Category.choices,
            "officers": selectors.public_officers(agency),
            "inspection_items": selectors.public_inspection_items(agency),
            "updated": selectors.last_public_update(agency),
        }
        return render(request, "disclosure/agency_detail.html", context)


class PublicPowerDetailView(DetailView):
    template_name = "disclosure/power_detail.html"
    context_object_name = "power"

    def get_queryset(self):
        return selectors.public_powers()

    def get_context_data(self, **kwargs):
        from workflows.flowchart import flowchart_svg

        standard = selectors.public_standard_for_power(self.object)
        flow = selectors.public_flow_for_power(self.object)
        chart = flowchart_svg(flow, list(flow.nodes.all())) if flow else ""
        return {
            **super().get_context_data(**kwargs),
            "standard": standard,
            "flow": flow,
            "flowchart": chart,
            "guide": ServiceGuide.objects.filter(power=self.object).first(),
            "can_edit_guide": self.request.user.has_perm(
                "disclosure.change_serviceguide", self.object
            ),
        }


class CertificateCheckView(View):
    """事中公示: anyone checks that the officer in front of them may act today."""

    def get(self, request):
        form = CertificateCheckForm(request.GET or None)
        officer, checked = None, False
        if form.is_valid():
            checked = True
            officer = selectors.officer_by_certificate(form.cleaned_data["number"])
        context = {
            "form": form,
            "officer": officer,
            "checked": checked,
            "valid_today": officer.certificate_valid_on() if officer else False,
            "today": timezone.localdate(),
        }
        return render(request, "disclosure/certificate_check.html", context)


class OpenDataView(View):
    """Open data as JSON or CSV with keyset paging (``limit``, ``cursor``).

    Subclasses give the queryset (or an error response), the rows and their columns.
    """

    columns: list = []
    filename = "data"
    ordering: tuple[str, ...] = ("id",)

    def queryset(self, request):
        raise NotImplementedError

    def rows(self, items) -> list[dict]:
        raise NotImplementedError

    def get(self, request, fmt):
        if fmt not in ("json", "csv"):
            raise Http404
        queryset = self.queryset(request)
        if isinstance(queryset, HttpResponse):
            return queryset
        size = min(max(_int(request.GET.get("limit"), 100), 1), 1000)
        try:
            page = keyset_page(
                queryset, ordering=self.ordering, cursor=request.GET.get("cursor"), size=size
            )
        except InvalidCursor:
            return JsonResponse({"error": _("The cursor is not valid.")}, status=400)
        rows = self.rows(page.items)
        if fmt == "json":
            return JsonResponse(
                {"results": rows, "next_cursor": page.next_cursor},
                json_dumps_params={"ensure_ascii": False},
            )
        response = tables.csv_response(
            f"{self.filename}.csv",
            [label for _key, label in self.columns],
            ([row[key] for key, _label in self.columns] for row in rows),
        )
        if page.next_cursor:
            response["Link"] = f'<?cursor={page.next_cursor}>; rel="next"'
        return response


def _agency_or_error(request):
    """(agency or None, error response or None) from the ``agency`` code parameter."""
    code = request.GET.get("agency")
    if not code:
        return None, None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        return None, JsonResponse({"error": _("Unknown agency code.")}, status=400)
    return agency, None


class OpenDataPowersView(OpenDataView):
    """/open-data/powers.json|.csv: registered powers with the list filters."""

    columns, filename = POWER_COLUMNS, "powers"

    def queryset(self, request):
        agency, error = _agency_or_error(request)
        category = request.GET.get("category", "")
        return error or selectors.public_powers(agency=agency, category=category)

    def rows(self, items):
        return [power_row(p) for p in items]


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# ----------------------------------------------------------------------------- staff


class InspectionItemListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "disclosure.add_inspectionitem"
    template_name = "disclosure/inspection_item_list.html"
    context_object_name = "items"

    def get_queryset(self):
        if self.request.user.agency_id is None:
            raise Http404
        return selectors.agency_inspection_items(self.request.user.agency_id)


class InspectionItemCreateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "disclosure.add_inspectionitem"

    def get(self, request):
        return render(
            request, "disclosure/inspection_item_form.html", {"form": InspectionItemForm()}
        )

    def post(self, request):
        form = InspectionItemForm(request.POST)
        if request.user.agency is None or not form.is_valid():
            return render(
                request, "disclosure/inspection_item_form.html", {"form": form}, status=400
            )
        services.inspection_item_create(agency=request.user.agency, data=form.cleaned_data)
        messages.success(request, _("The inspection item was saved and is now public."))
        return redirect("disclosure:inspection_items")


class InspectionItemUpdateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "disclosure.change_inspectionitem"

    def get_permission_object(self):
        self.item = get_object_or_404(InspectionItem, pk=self.kwargs["pk"])
        return self.item

    def get(self, request, pk):
        form = InspectionItemForm(instance=self.item)
        return render(
            request, "disclosure/inspection_item_form.html", {"form": form, "item": self.item}
        )

    def post(self, request, pk):
        form = InspectionItemForm(request.POST, instance=InspectionItem.objects.get(pk=pk))
        if not form.is_valid():
            context = {"form": form, "item": self.item}
            return render(request, "disclosure/inspection_item_form.html", context, status=400)
        services.inspection_item_update(item=self.item, data=form.cleaned_data)
        messages.success(request, _("The inspection item was updated."))
        return redirect("disclosure:inspection_items")


# ------------------------------------------------------------------ published decisions


# A second copy in this process's memory, under the same key: the key names the data's state,
# the date and the language, so the local copy is exactly as fresh as the shared one, and a
# hit costs no round trip to Redis.
_local_results = LocMemCache("disclosure:decision-list", {"OPTIONS": {"MAX_ENTRIES": 200}})


def _cached_results(key: str, seconds: int, render_results) -> str:
    """The rendering stored under ``key``, else ``render_results()`` stored for ``seconds``.

    The shared entry carries its expiry time, so a local copy never outlives it.
    """
    entry = _local_results.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is None:
            entry = (time.time() + seconds, render_results())
            cache.set(key, entry, seconds)
        _local_results.set(key, entry, max(entry[0] - time.time(), 0.001))
    return entry[1]


class PublicDecisionListView(View):
    """事后公示: search decisions by keyword, agency, kind and date; newest first; cursor pages.

    The search form and the result page are rendered without the request (so nothing of the
    visitor, such as a CSRF token, can enter them) and cached under a key naming everything
    they depend on (``selectors.decision_list_cache_key``); the layout around them, with the
    visitor's CSRF token and language switch, is rendered for every request.
    """

    # Read-only: no transaction around the request (saves the COMMIT round trip on every
    # cache hit). The fingerprint is still read before the page (see decision_list_cache_key).
    @method_decorator(transaction.non_atomic_requests)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        params = DecisionSearchForm.params_from(request.GET)
        cursor = request.GET.get("cursor", "")
        seconds = settings.PUBLIC_DECISION_LIST_CACHE_SECONDS
        context = {}  # the form and page too when rendered now (tests read them)
        render_results = partial(self.render_results, params, cursor, context)
        try:
            if seconds:
                key = selectors.decision_list_cache_key(
                    params=params,
                    cursor=cursor,
                    language=get_language(),
                    today=timezone.localdate(),
                )
                results = _cached_results(key, seconds, render_results)
            else:
                results = render_results()
        except InvalidCursor:
            return HttpResponseBadRequest(
                _("The page link is not valid; start again from the list.")
            )
        context["results"] = mark_safe(results)  # noqa: S308 (our own template's output)
        return render(request, "disclosure/decision_list.html", context)

    def render_results(self, params: dict, cursor: str, context: dict) -> str:
        form = DecisionSearchForm(params or None)
        filters = form.cleaned_data if form.is_valid() else {}
        page = keyset_page(
            selectors.public_decisions(**{k: v for k, v in filters.items() if v}),
            ordering=("-published_on", "-id"),
            cursor=cursor or None,
            size=PAGE_SIZE,
        )
        context.update(form=form, page=page)
        return render_to_string(
            "disclosure/_decision_results.html", {**context, "query": urlencode(params)}
        )


class PublicDecisionDetailView(View):
    def get(self, request, pk):
        publication = selectors.public_decision(pk)
        if publication is None:
            raise Http404
        context = {"publication": publication, "record": publication.public_data}
        return render(request, "disclosure/decision_detail.html", context)


class PublicDecisionFullTextView(View):
    """决定书全文: the decision document as the publicity officer signed it off, masked."""

    def get_record(self, pk):
        publication = selectors.public_decision(pk)
        if publication is None or publication.status != Publication.Status.PUBLISHED:
            raise Http404
        if not publication.public_data.get("full_text"):
            raise Http404
        return publication

    def get(self, request, pk):
        publication = self.get_record(pk)
        context = {"publication": publication, "record": publication.public_data}
        return render(request, "disclosure/decision_full_text.html", context)


class PublicDecisionFullTextPdfView(PublicDecisionFullTextView):
    def get(self, request, pk):
        from enforcement_portal.pdf import render_pdf

        publication = self.get_record(pk)
        body = render_pdf(
            "disclosure/decision_full_text_pdf.html",
            {
                "publication": publication,
                "record": publication.public_data,
                "paragraphs": [
                    line for line in publication.public_data["full_text"].splitlines() if line
                ],
            },
        )
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="decision-{publication.pk}.pdf"'
        return response


class OpenDataDecisionsView(OpenDataView):
    """/open-data/decisions.json|.csv: the masked 双公示 records with the search filters."""

    columns, filename, ordering = DECISION_COLUMNS, "decisions", ("-published_on", "-id")

    def queryset(self, request):
        form = DecisionSearchForm(request.GET or None)
        if request.GET and not form.is_valid():
            return JsonResponse(
                {"errors": form.errors}, status=400, json_dumps_params={"ensure_ascii": False}
            )
        filters = {k: v for k, v in (form.cleaned_data if request.GET else {}).items() if v}
        return selectors.public_decisions(**filters)

    def rows(self, items):
        return [decision_row(p) for p in items]


class OpenDataPenaltiesView(OpenDataDecisionsView):
    """/open-data/penalties.json|.csv: penalty decisions in the national 双公示 layout, one row
    per decision, masked (a natural person's name masked, every ID column empty)."""

    columns, filename = PENALTY_COLUMNS, "penalties"  # type: ignore[assignment]

    def queryset(self, request):
        queryset = super().queryset(request)
        if isinstance(queryset, HttpResponse):
            return queryset
        return queryset.filter(kind=Publication.Kind.PENALTY)

    def rows(self, items):
        return [penalty_row(p) for p in items]


class CreditUploadView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The agency's penalty decisions for the credit platform's upload (not public): the
    national layout with what the platform requires of a natural person. Audited."""

    permission_required = "disclosure.export_credit_upload"

    def get(self, request):
        form = CreditUploadForm(request.GET or None)
        if request.GET and not form.is_valid():
            errors = "；".join(
                f"{form.fields[f].label}：{' '.join(e)}" for f, e in form.errors.items()
            )
            return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
        filters = form.cleaned_data if request.GET else {}
        items = list(
            selectors.credit_upload_publications(
                request.user, date_from=filters.get("date_from"), date_to=filters.get("date_to")
            )
        )
        rows = [penalty_row(p, for_credit_platform=True) for p in items]
        services.credit_upload_audit(user=request.user, count=len(rows), filters=filters)
        header = [label for _key, label in PENALTY_COLUMNS]
        values = ([row[key] for key, _label in PENALTY_COLUMNS] for row in rows)
        if filters.get("format") == "csv":
            return tables.csv_response("credit-upload.csv", header, values)
        sheet = tables.Sheet(title="行政处罚", header=header, rows=values, all_text=True)
        return tables.xlsx_response("credit-upload.xlsx", sheet)


class StaffPublicationListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "disclosure.add_publication"
    template_name = "disclosure/publication_list.html"
    context_object_name = "publications"
    paginate_by = 50

    def get_queryset(self):
        return selectors.staff_publications(self.request.user)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "today": timezone.localdate()}


class StaffPublicationCreateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "disclosure.add_publication"

    def get(self, request):
        return render(request, "disclosure/publication_form.html", {"form": PublicationForm()})

    def post(self, request):
        form = PublicationForm(request.POST)
        if request.user.agency is None or not form.is_valid():
            return render(request, "disclosure/publication_form.html", {"form": form}, status=400)
        publication = services.publication_create(
            agency=request.user.agency, data=form.cleaned_data
        )
        return redirect("disclosure:publication", pk=publication.pk)


class StaffPublicationMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "disclosure.change_publication"

    def get_permission_object(self):
        self.publication = get_object_or_404(
            Publication.objects.select_related("agency", "power"), pk=self.kwargs["pk"]
        )
        return self.publication

    def render_page(self, request, status=200, **forms):
        publication = self.publication
        preview = publishing.public_record(
            publication,
            published_on=publication.published_on or timezone.localdate(),
            publish_until=publication.publish_until
            or publishing.publication_period_end(publication, timezone.localdate()),
        )
        context = {
            "publication": publication,
            "preview": publication.public_data if publication.status != "draft" else preview,
            "correction_form": forms.get("correction_form") or CorrectionForm(),
            "withdrawal_form": forms.get("withdrawal_form") or WithdrawalForm(),
            "corrections": publication.corrections.all(),
            "today": timezone.localdate(),
            "can_sign_off": request.user.has_perm("disclosure.signoff_publication", publication),
        }
        return render(request, "disclosure/publication_detail.html", context, status=status)


class StaffPublicationDetailView(StaffPublicationMixin, View):
    def get(self, request, pk):
        return self.render_page(request)


class StaffPublicationEditView(StaffPublicationMixin, View):
    def get(self, request, pk):
        form = PublicationForm(instance=self.publication)
        return render(
            request,
            "disclosure/publication_form.html",
            {"form": form, "publication": self.publication},
        )

    def post(self, request, pk):
        form = PublicationForm(request.POST, instance=Publication.objects.get(pk=pk))
        if form.is_valid():
            try:
                services.publication_update_draft(
                    publication=self.publication, data=form.cleaned_data
                )
                return redirect("disclosure:publication", pk=pk)
            except ValidationError as exc:
                form.add_error(None, exc)
        context = {"form": form, "publication": self.publication}
        return render(request, "disclosure/publication_form.html", context, status=400)


class StaffPublicationSignoffView(StaffPublicationMixin, View):
    """公示审核: the masked record beside the original, every suspect highlighted; the
    publicity officer edits the masked text where needed and signs it off."""

    permission_required = "disclosure.signoff_publication"

    def get(self, request, pk):
        return self.render_signoff(request, None)

    def post(self, request, pk):
        rows = review.signoff_rows(self.publication)
        form = SignoffForm(request.POST, fields=[(r["field"], r["label"], "") for r in rows])
        if form.is_valid():
            try:
                # a field the form did not send keeps the engine's text
                texts = {k: v for k, v in form.cleaned_data.items() if k in request.POST}
                services.publication_sign_off(
                    publication=self.publication, reviewer=request.user, texts=texts
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
                return self.render_signoff(request, form, status=400)
            messages.success(request, _("Signed off. The record can now be published."))
            return redirect("disclosure:publication", pk=pk)
        return self.render_signoff(request, form, status=400)

    def render_signoff(self, request, form, status=200):
        rows = review.signoff_rows(self.publication)
        form = form or SignoffForm(fields=[(r["field"], r["label"], r["masked"]) for r in rows])
        for row in rows:
            row["bound"] = form[row["field"]]
        context = {"publication": self.publication, "rows": rows, "form": form}
        return render(request, "disclosure/publication_signoff.html", context, status=status)


class StaffPublicationActionView(StaffPublicationMixin, View):
    """POST-only actions: publish, correct, withdraw. Errors show on the page, nothing changes."""

    def post(self, request, pk, action):
        try:
            if action == "publish":
                services.publication_publish(publication=self.publication)
                messages.success(request, _("Published. The public now sees the masked record."))
            elif action == "correct":
                form = CorrectionForm(request.POST)
                if not form.is_valid():
                    return self.render_page(request, status=400, correction_form=form)
                data = form.cleaned_data
                services.publication_correct(
                    publication=self.publication,
                    data={data["field"]: data["value"]},
                    note=data["note"],
                )
                messages.success(request, _("The correction is published."))
            elif action == "withdraw":
                form = WithdrawalForm(request.POST)
                if not form.is_valid():
                    return self.render_page(request, status=400, withdrawal_form=form)
                services.publication_withdraw(
                    publication=self.publication,
                    reason=form.cleaned_data["withdrawal_reason"],
                    revoked_on=form.cleaned_data["revoked_on"],
                )
                messages.success(
                    request, _("Withdrawn. A notice with the reason stays in its place.")
                )
            else:
                raise Http404
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            self.publication.refresh_from_db()
            return self.render_page(request, status=400)
        return redirect("disclosure:publication", pk=pk)


# ----------------------------------------------------------------- discretion standards


class PublicStandardListView(View):
    def get(self, request):
        agency = None
        if code := request.GET.get("agency"):
            agency = Agency.objects.filter(code=code, is_enforcement_body=True).first()
        try:
            page = keyset_page(
                selectors.public_standards(agency=agency),
                ordering=("id",),
                cursor=request.GET.get("cursor"),
                size=PAGE_SIZE,
            )
        except InvalidCursor:
            return HttpResponseBadRequest(
                _("The page link is not valid; start again from the list.")
            )
        agencies = selectors.public_agencies()
        context = {"page": page, "agency": agency, "agencies": agencies}
        return render(request, "disclosure/standard_list.html", context)


class PublicStandardDetailView(View):
    def get(self, request, pk):
        standard = selectors.public_standards().filter(pk=pk).first()
        if standard is None:
            raise Http404
        return render(request, "disclosure/standard_detail.html", {"standard": standard})


class OpenDataStandardsView(OpenDataView):
    """/open-data/standards.json|.csv: every band of every standard in force, one row a band."""

    columns, filename = STANDARD_COLUMNS, "discretion-standards"

    def queryset(self, request):
        agency, error = _agency_or_error(request)
        return error or selectors.public_standards(agency=agency)

    def rows(self, items):
        return [row for standard in items for row in standard_rows(standard)]


# -------------------------------------------------------------- annual statistics


class AnnualReportListView(View):
    def get(self, request):
        from .models import AnnualReport

        reports = AnnualReport.objects.filter(published_on__isnull=False).select_related("agency")
        return render(request, "disclosure/annual_report_list.html", {"reports": reports})


class AnnualReportDetailView(View):
    def get_report(self, year, code):
        from .models import AnnualReport

        return get_object_or_404(
            AnnualReport.objects.select_related("agency"),
            year=year,
            agency__code=code,
            published_on__isnull=False,
        )

    def get(self, request, year, code):
        from .statistics import bar_chart_svg

        report = self.get_report(year, code)
        chart = bar_chart_svg(
            report.figures.get("cases_by_category", []), label_key="category", value_key="count"
        )
        context = {"report": report, "f": report.figures, "chart": chart}
        return render(request, "disclosure/annual_report_detail.html", context)


class AnnualReportPdfView(AnnualReportDetailView):
    def get(self, request, year, code):
        from .statistics import render_annual_pdf

        report = self.get_report(year, code)
        response = HttpResponse(render_annual_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="annual-{year}-{code}.pdf"'
        return response


class ServiceGuideEditView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """A filer keeps the service guide of one of the agency's registered powers."""

    permission_required = "disclosure.change_serviceguide"

    def get_permission_object(self):
        self.power = get_object_or_404(
            Power.objects.select_related("agency"),
            pk=self.kwargs["pk"],
            status=Power.Status.REGISTERED,
        )
        return self.power

    def get(self, request, pk):

        guide = ServiceGuide.objects.filter(power=self.power).first()
        form = ServiceGuideForm(instance=guide)
        return render(
            request, "disclosure/service_guide_form.html", {"form": form, "power": self.power}
        )

    def post(self, request, pk):
        form = ServiceGuideForm(request.POST)
        if not form.is_valid():
            context = {"form": form, "power": self.power}
            return render(request, "disclosure/service_guide_form.html", context, status=400)
        services.service_guide_save(power=self.power, data=form.cleaned_data)
        messages.success(request, _("The service guide is saved and public."))
        return redirect("disclosure:power", pk=self.power.pk)
