"""Public pages (no login): agencies, powers, certificates, standards, annual statistics."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from enforcement_portal.paging import InvalidCursor, keyset_page
from powers.models import Agency, Power

from .. import selectors
from ..forms import (
    CertificateCheckForm,
)
from ..models import ServiceGuide

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


class AnnualReportListView(View):
    def get(self, request):
        from ..models import AnnualReport

        reports = AnnualReport.objects.filter(published_on__isnull=False).select_related("agency")
        return render(request, "disclosure/annual_report_list.html", {"reports": reports})


class AnnualReportDetailView(View):
    def get_report(self, year, code):
        from ..models import AnnualReport

        return get_object_or_404(
            AnnualReport.objects.select_related("agency"),
            year=year,
            agency__code=code,
            published_on__isnull=False,
        )

    def get(self, request, year, code):
        from ..statistics import bar_chart_svg

        report = self.get_report(year, code)
        chart = bar_chart_svg(
            report.figures.get("cases_by_category", []), label_key="category", value_key="count"
        )
        context = {"report": report, "f": report.figures, "chart": chart}
        return render(request, "disclosure/annual_report_detail.html", context)


class AnnualReportPdfView(AnnualReportDetailView):
    def get(self, request, year, code):
        from ..statistics import render_annual_pdf

        report = self.get_report(year, code)
        response = HttpResponse(render_annual_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="annual-{year}-{code}.pdf"'
        return response
