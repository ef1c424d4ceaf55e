"""Public disclosure pages (no login) and the staff pages that maintain them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView
from rules.contrib.views import PermissionRequiredMixin

from enforcement_portal.exports import csv_bytes
from enforcement_portal.paging import InvalidCursor, keyset_page
from powers.models import Agency, Power

from . import selectors, services
from .forms import CertificateCheckForm, InspectionItemForm
from .models import InspectionItem
from .opendata import POWER_COLUMNS, power_row

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


class OpenDataPowersView(View):
    """/open-data/powers.json|.csv: registered powers, cursor-paged, with the list filters."""

    def get(self, request, fmt):
        if fmt not in ("json", "csv"):
            raise Http404
        agency = None
        if code := request.GET.get("agency"):
            agency = Agency.objects.filter(code=code).first()
            if agency is None:
                return JsonResponse({"error": _("Unknown agency code.")}, status=400)
        size = min(max(_int(request.GET.get("limit"), 100), 1), 1000)
        try:
            page = keyset_page(
                selectors.public_powers(agency=agency, category=request.GET.get("category", "")),
                ordering=("id",),
                cursor=request.GET.get("cursor"),
                size=size,
            )
        except InvalidCursor:
            return JsonResponse({"error": _("The cursor is not valid.")}, status=400)
        rows = [power_row(p) for p in page.items]
        if fmt == "csv":
            body = csv_bytes(
                [label for _key, label in POWER_COLUMNS],
                ([r[k] for k, _l in POWER_COLUMNS] for r in rows),
            )
            response = HttpResponse(body, content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="powers.csv"'
            if page.next_cursor:
                response["Link"] = f'<?cursor={page.next_cursor}>; rel="next"'
            return response
        return JsonResponse(
            {"results": rows, "next_cursor": page.next_cursor},
            json_dumps_params={"ensure_ascii": False},
        )


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
