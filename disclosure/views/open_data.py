"""Open data downloads (CSV/JSON) and the staff upload file for the credit platform."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from enforcement_portal import tables
from enforcement_portal.paging import InvalidCursor, keyset_page
from powers.models import Agency

from .. import selectors, services
from ..forms import (
    CreditUploadForm,
    DecisionSearchForm,
)
from ..models import Publication
from ..opendata import (
    DECISION_COLUMNS,
    PENALTY_COLUMNS,
    POWER_COLUMNS,
    STANDARD_COLUMNS,
    decision_row,
    penalty_row,
    power_row,
    standard_rows,
)


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


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


class OpenDataStandardsView(OpenDataView):
    """/open-data/standards.json|.csv: every band of every standard in force, one row a band."""

    columns, filename = STANDARD_COLUMNS, "discretion-standards"

    def queryset(self, request):
        agency, error = _agency_or_error(request)
        return error or selectors.public_standards(agency=agency)

    def rows(self, items):
        return [row for standard in items for row in standard_rows(standard)]


# -------------------------------------------------------------- annual statistics


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
