"""Supervision records (监督检查记录), their findings and files, and the monthly report."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from enforcement_portal.paging import InvalidCursor, keyset_page
from enforcement_portal.roles import Role
from powers.models import Agency

from . import forms, services
from .models import Finding, SupervisionAttachment, SupervisionRecord
from .selectors import monthly_report, records_for_user, with_finding_counts

READERS = (Role.DISCIPLINE_SUPERVISOR, Role.SYSTEM_ADMIN, Role.AGENCY_LEADER)


def _form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class SupervisionListView(LoginRequiredMixin, View):
    def get(self, request):
        user = request.user
        if not user.has_role(*READERS):
            raise PermissionDenied
        qs = records_for_user(user)
        agency = request.GET.get("agency", "")
        if agency.isdigit():
            qs = qs.filter(agency_id=int(agency))
        try:
            page = keyset_page(
                with_finding_counts(qs),
                ordering=("-checked_on", "-id"),
                cursor=request.GET.get("cursor"),
                size=50,
            )
        except InvalidCursor:
            return HttpResponseBadRequest(
                _("The page link is not valid; start again from the list.")
            )
        context = {
            "page": page,
            "agency": agency,
            "can_add": request.user.has_perm("oversight.add_supervisionrecord"),
            "can_report": request.user.has_perm("oversight.view_supervision_report"),
            "agencies": Agency.objects.filter(is_enforcement_body=True).only("id", "name")
            if request.user.has_perm("oversight.view_supervision_report")
            else [],
        }
        return render(request, "oversight/supervision/list.html", context)


class RecordCreateView(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "oversight.add_supervisionrecord"
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        initial = {"checked_on": timezone.localdate()}
        if request.user.agency_id and not request.user.agency.is_enforcement_body:
            initial["unit"] = request.user.agency_id
        return self.show(request, forms.RecordForm(initial=initial))

    def show(self, request, form, status=200):
        return render(
            request,
            "oversight/supervision/form.html",
            {"form": form, "record": None},
            status=status,
        )

    def post(self, request):
        form = forms.RecordForm(request.POST)
        if form.is_valid():
            try:
                record = services.record_create(actor=request.user, data=form.cleaned_data)
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("oversight:supervision_record", pk=record.pk)
        return self.show(request, form, status=400)


class RecordMixin(LoginRequiredMixin):
    request: HttpRequest  # as on the View it is mixed into
    permission = "oversight.view_supervisionrecord"

    def get_record(self, pk) -> SupervisionRecord:
        record = get_object_or_404(
            SupervisionRecord.objects.select_related("unit", "agency", "created_by"), pk=pk
        )
        if not self.request.user.has_perm(self.permission, record):
            raise PermissionDenied
        return record


class RecordDetailView(RecordMixin, View):
    def get(self, request, pk):
        return self.show(request, self.get_record(pk))

    def show(
        self, request, record, *, finding_form=None, attach_form=None, rectify=None, status=200
    ):
        user = request.user
        findings = list(
            record.findings.select_related("verified_by").prefetch_related(
                Prefetch("attachments", queryset=SupervisionAttachment.objects.order_by("id"))
            )
        )
        today = timezone.localdate()
        for finding in findings:
            finding.overdue = finding.is_overdue(today)
            finding.form = (
                rectify[1] if rectify and rectify[0] == finding.pk else forms.RectificationForm()
            )
        context = {
            "record": record,
            "findings": findings,
            "cases": list(record.cases.only("id", "number", "title")),
            "warnings": list(record.warnings.select_related("rule")),
            "attachments": [a for a in record.attachments.all() if a.finding_id is None],
            "can_change": user.has_perm("oversight.change_supervisionrecord", record),
            "can_rectify": user.has_perm("oversight.rectify_finding", record),
            "can_verify": user.has_perm("oversight.verify_finding", record),
            "finding_form": finding_form or forms.FindingForm(),
            "attach_form": attach_form or forms.AttachmentForm(),
        }
        return render(request, "oversight/supervision/detail.html", context, status=status)


class RecordEditView(RecordMixin, View):
    permission = "oversight.change_supervisionrecord"

    def get(self, request, pk):
        record = self.get_record(pk)
        form = forms.RecordForm(initial=forms.RecordForm.initial_for(record))
        return render(request, "oversight/supervision/form.html", {"form": form, "record": record})

    def post(self, request, pk):
        record = self.get_record(pk)
        form = forms.RecordForm(request.POST)
        if form.is_valid():
            try:
                services.record_update(record=record, actor=request.user, data=form.cleaned_data)
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("oversight:supervision_record", pk=record.pk)
        context = {"form": form, "record": record}
        return render(request, "oversight/supervision/form.html", context, status=400)


class RecordActionView(RecordMixin, View):
    """Add a finding or a file (supervisors)."""

    permission = "oversight.change_supervisionrecord"

    def post(self, request, pk, action):
        record = self.get_record(pk)
        detail = RecordDetailView()
        detail.request = request
        if action == "finding":
            form = forms.FindingForm(request.POST)
            if form.is_valid():
                try:
                    services.finding_add(record=record, actor=request.user, data=form.cleaned_data)
                except ValidationError as exc:
                    _form_error(form, exc)
                else:
                    messages.success(request, _("Saved."))
                    return redirect("oversight:supervision_record", pk=pk)
            return detail.show(request, record, finding_form=form, status=400)
        if action == "attach":
            form = forms.AttachmentForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    services.attachment_add(
                        record=record, actor=request.user, upload=form.cleaned_data["attachment"]
                    )
                except ValidationError as exc:
                    _form_error(form, exc)
                else:
                    messages.success(request, _("Saved."))
                    return redirect("oversight:supervision_record", pk=pk)
            return detail.show(request, record, attach_form=form, status=400)
        raise Http404


class FindingActionView(LoginRequiredMixin, View):
    """The agency reports its rectification; the unit verifies it or sends it back."""

    def post(self, request, pk, action):
        finding = get_object_or_404(
            Finding.objects.select_related("record__unit", "record__agency", "record__created_by"),
            pk=pk,
        )
        record = finding.record
        user = request.user
        if not user.has_perm("oversight.view_supervisionrecord", record):
            raise PermissionDenied
        detail = RecordDetailView()
        detail.request = request
        try:
            if action == "rectify":
                if not user.has_perm("oversight.rectify_finding", record):
                    raise PermissionDenied
                form = forms.RectificationForm(request.POST, request.FILES)
                if not form.is_valid():
                    return detail.show(request, record, rectify=(finding.pk, form), status=400)
                try:
                    services.finding_report_rectification(
                        finding=finding,
                        actor=user,
                        note=form.cleaned_data["note"],
                        upload=form.cleaned_data.get("attachment"),
                    )
                except ValidationError as exc:
                    if hasattr(exc, "error_dict"):
                        _form_error(form, exc)
                        return detail.show(request, record, rectify=(finding.pk, form), status=400)
                    raise
            elif action in ("verify", "return"):
                if not user.has_perm("oversight.verify_finding", record):
                    raise PermissionDenied
                services.finding_verify(
                    finding=finding,
                    actor=user,
                    accepted=action == "verify",
                    note=request.POST.get("note", ""),
                )
            else:
                raise Http404
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return detail.show(request, record, status=400)
        messages.success(request, _("Saved."))
        return redirect("oversight:supervision_record", pk=record.pk)


class AttachmentView(RecordMixin, View):
    """Private files, only to those who may read the record; never cached."""

    def get(self, request, pk, attachment_id):
        record = self.get_record(pk)
        attachment = get_object_or_404(record.attachments, pk=attachment_id)
        response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="supervision-{record.pk}-{attachment.pk}"'
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


# ------------------------------------------------------------------------ monthly report


def _parse_month(text: str | None, today: dt.date) -> dt.date | None:
    if not text:
        return today.replace(day=1)
    try:
        month = dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        return None
    return month if month <= today else None


class MonthlyReportView(LoginRequiredMixin, View):
    pdf = False

    def get(self, request):
        if not request.user.has_perm("oversight.view_supervision_report"):
            raise PermissionDenied
        today = timezone.localdate()
        units = list(Agency.objects.filter(is_enforcement_body=False).order_by("code"))
        unit_id = request.GET.get("unit") or (
            request.user.agency_id if request.user.agency_id in {u.pk for u in units} else None
        )
        unit = next((u for u in units if str(u.pk) == str(unit_id)), None)
        if unit is None and units and not request.GET.get("unit"):
            unit = next((u for u in units if u.supervision_done.exists()), units[0])
        month = _parse_month(request.GET.get("month"), today)
        if unit is None or month is None:
            return HttpResponseBadRequest(
                _("Choose a supervising unit and a month up to this one.")
            )
        report = monthly_report(unit, month, today=today)
        if self.pdf:
            from .report import render_monthly_pdf

            response = HttpResponse(render_monthly_pdf(report), content_type="application/pdf")
            name = f"supervision-{unit.code}-{month:%Y-%m}.pdf"
            response["Content-Disposition"] = f'inline; filename="{name}"'
            return response
        context = {"report": report, "units": units, "month": f"{month:%Y-%m}"}
        return render(request, "oversight/supervision/monthly.html", context)
