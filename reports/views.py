"""Staff pages for public reports: the handlers' list and desk, identity access, rewards."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from enforcement_portal.paging import InvalidCursor, keyset_page

from . import forms, selectors, services
from .models import IdentityAccessRequest, Report, RewardDecision

PAGE_SIZE = 30

# action -> (form, permission, service call)
ACTIONS = {
    "accept": (
        None,
        "reports.change_report",
        lambda r, u, d: services.report_accept(report=r, handler=u),
    ),
    "investigate": (
        None,
        "reports.change_report",
        lambda r, u, d: services.report_investigate(report=r, handler=u),
    ),
    "reject": (
        forms.RejectForm,
        "reports.change_report",
        lambda r, u, d: services.report_reject(report=r, handler=u, **d),
    ),
    "extend": (
        forms.ExtendForm,
        "reports.change_report",
        lambda r, u, d: services.report_extend(report=r, handler=u, **d),
    ),
    "conclude": (
        forms.ConcludeForm,
        "reports.change_report",
        lambda r, u, d: services.report_conclude(report=r, handler=u, **d),
    ),
    "reply": (
        forms.ReplyForm,
        "reports.change_report",
        lambda r, u, d: services.report_reply(report=r, handler=u, **d),
    ),
    "link_case": (
        forms.LinkCaseForm,
        "reports.change_report",
        lambda r, u, d: services.report_link_case(report=r, handler=u, **d),
    ),
    "request_identity": (
        forms.IdentityRequestForm,
        "reports.request_identity",
        lambda r, u, d: services.identity_request_create(report=r, handler=u, **d),
    ),
    "reward": (
        forms.RewardDecisionForm,
        "reports.decide_reward",
        lambda r, u, d: services.reward_decide(report=r, handler=u, **d),
    ),
}


def _report_or_404(request, pk) -> Report:
    report = get_object_or_404(selectors.reports_for_user(request.user), pk=pk)
    if not request.user.has_perm("reports.view_report", report):
        raise Http404
    return report


def _detail(request, report, bound=None, status=200):
    user = request.user
    context = {
        "report": report,
        "thread": selectors.report_thread(report),
        "attachments": report.attachments.all(),
        "identity_requests": selectors.identity_requests_for(report),
        "grant": services.identity_grant(report, user),
        "can_change": user.has_perm("reports.change_report", report),
        "can_request_identity": user.has_perm("reports.request_identity", report),
        "reward": getattr(report, "reward", None),
        "reward_rule": services.reward_rule_for(report),
        "decision_form": forms.IdentityDecisionForm(),
        "payment_form": forms.RewardPaymentForm(),
    }
    for name, (form_class, _perm, _call) in ACTIONS.items():
        if form_class:
            context[f"{name}_form"] = form_class()
    if bound:
        context[f"{bound[0]}_form"] = bound[1]
    return render(request, "reports/report_detail.html", context, status=status)


class ReportListView(LoginRequiredMixin, View):
    def get(self, request):
        if not request.user.has_perm("reports.list_report"):
            raise PermissionDenied
        qs = selectors.reports_for_user(request.user)
        status = request.GET.get("status", "")
        if status in Report.Status.values:
            qs = qs.filter(status=status)
        if q := " ".join(request.GET.get("q", "").split())[:100]:
            qs = qs.filter(subject__icontains=q)
        try:
            page = keyset_page(
                qs, ordering=("-id",), cursor=request.GET.get("cursor"), size=PAGE_SIZE
            )
        except InvalidCursor:
            return HttpResponseBadRequest(
                _("The page link is not valid; start again from the list.")
            )
        context = {"page": page, "status": status, "q": q, "statuses": Report.Status.choices}
        return render(request, "reports/report_list.html", context)


# What happened and what comes next, said after each step (docs/development.md#confirmations).
DONE_MESSAGES = {
    "accept": _("The report is accepted. Next: start the investigation or conclude it."),
    "investigate": _("The investigation has started. Record the findings and conclude it."),
    "reject": _("The report is not accepted. The reporter sees the reason with the receipt code."),
    "extend": _("The deadline is extended. The reporter sees the new date with the receipt code."),
    "conclude": _(
        "The report is concluded. The reporter can now read the outcome with the receipt code."
    ),
    "reply": _("The reply is sent. The reporter reads it with the receipt code."),
    "link_case": _("The report is linked to the case."),
    "request_identity": _(
        "The identity request is recorded. A second handler must approve it before anyone "
        "sees the reporter's identity."
    ),
}


class ReportDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return _detail(request, _report_or_404(request, pk))


class ReportActionView(LoginRequiredMixin, View):
    def post(self, request, pk, action):
        if action not in ACTIONS:
            raise Http404
        report = _report_or_404(request, pk)
        form_class, perm, call = ACTIONS[action]
        if not request.user.has_perm(perm, report):
            raise PermissionDenied
        form = form_class(request.POST) if form_class else None
        if form is not None and not form.is_valid():
            return _detail(request, report, (action, form), status=400)
        try:
            call(report, request.user, form.cleaned_data if form else {})
        except ValidationError as exc:
            if form is None or not hasattr(exc, "error_dict"):
                # A step not possible in this state: said at the top of the report page.
                messages.error(request, " ".join(exc.messages))
                return redirect("reports:report", pk=pk)
            _attach_errors(form, exc)
            return _detail(request, Report.objects.get(pk=pk), (action, form), status=400)
        messages.success(request, DONE_MESSAGES.get(action, _("Saved.")))
        return redirect("reports:report", pk=pk)


def _attach_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class IdentityDecideView(LoginRequiredMixin, View):
    def post(self, request, pk):
        identity_request = get_object_or_404(
            IdentityAccessRequest.objects.select_related("report"), pk=pk
        )
        report = _report_or_404(request, identity_request.report_id)
        if not request.user.has_perm("reports.decide_identityaccessrequest", identity_request):
            raise PermissionDenied
        form = forms.IdentityDecisionForm(request.POST)
        if not form.is_valid():
            return _detail(request, report, ("decision", form), status=400)
        try:
            services.identity_request_decide(
                request=identity_request, handler=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("reports:report", pk=report.pk)


class IdentityView(LoginRequiredMixin, View):
    """Shows a named reporter's identity to a handler with an approved request; audited."""

    def get(self, request, pk):
        report = _report_or_404(request, pk)
        if not request.user.has_perm("reports.change_report", report):
            raise PermissionDenied
        identity = services.identity_view(report=report, user=request.user)
        response = render(
            request, "reports/identity.html", {"report": report, "identity": identity}
        )
        response["Cache-Control"] = "no-store"
        return response


class AttachmentView(LoginRequiredMixin, View):
    def get(self, request, pk, attachment_id):
        report = _report_or_404(request, pk)
        attachment = get_object_or_404(report.attachments, pk=attachment_id)
        response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
        response["Content-Disposition"] = f'inline; filename="report-{report.pk}-{attachment.pk}"'
        response["Cache-Control"] = "no-store"
        return response


class RewardPayView(LoginRequiredMixin, View):
    def post(self, request, pk):
        report = _report_or_404(request, pk)
        if not request.user.has_perm("reports.decide_reward", report):
            raise PermissionDenied
        reward = get_object_or_404(RewardDecision, report=report)
        form = forms.RewardPaymentForm(request.POST)
        if not form.is_valid():
            return _detail(request, report, ("payment", form), status=400)
        try:
            services.reward_pay(
                reward=reward,
                handler=request.user,
                payment_reference=form.cleaned_data["payment_reference"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("reports:report", pk=pk)


class RewardLedgerView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "reports.view_rewarddecision"

    def get(self, request):
        try:
            page = keyset_page(
                selectors.reward_ledger(),
                ordering=("-decided_on", "-id"),
                cursor=request.GET.get("cursor"),
                size=PAGE_SIZE,
            )
        except InvalidCursor:
            return HttpResponseBadRequest(
                _("The page link is not valid; start again from the list.")
            )
        return render(request, "reports/reward_ledger.html", {"page": page})
