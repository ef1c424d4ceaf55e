"""Public report pages (no login): file a report, then follow it with the receipt code.

Nothing here may identify the reporter: ``anonymous_reporter`` blanks the client address,
forwarding headers, user agent and referrer before the view runs (so no log line, error
report or audit event can carry them), drops the request id (a proxy may log it beside an
address), and forbids caching. Codes travel only in POST bodies, never in URLs.
"""

from __future__ import annotations

import contextlib
from functools import wraps

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from enforcement_portal.context import current_request_id

from . import selectors, services
from .challenge import challenge_issue, challenge_redeem
from .forms import AddInformationForm, ReceiptForm, ReportForm

IDENTIFYING_META = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CLIENT_IP",
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_X_REQUEST_ID",
)


def anonymous_reporter(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        for key in IDENTIFYING_META:
            if key in request.META:
                request.META[key] = ""
        request.request_id = ""
        token = current_request_id.set("")
        try:
            response = view(request, *args, **kwargs)
        finally:
            current_request_id.reset(token)
        response["Cache-Control"] = "no-store"
        return response

    return wrapped


@anonymous_reporter
@sensitive_post_parameters("reporter_name", "reporter_contact")
@require_http_methods(["GET", "POST"])
def report_new(request):
    if request.method == "POST":
        # The work is checked before any picture is decoded, so junk costs the sender first.
        solved = challenge_redeem(request.POST.get("challenge", ""), request.POST.get("proof", ""))
        form = ReportForm(request.POST, request.FILES if solved else None)
        if form.is_valid() and solved:
            return _receipt_page(request, form.cleaned_data)
        if not solved:
            form.add_error(
                None, _("The page expired or its check did not finish. Please send it again.")
            )
        form.renew_challenge(challenge_issue())
        return render(request, "reports/public/report_form.html", {"form": form}, status=400)
    form = ReportForm(challenge=challenge_issue())
    return render(request, "reports/public/report_form.html", {"form": form})


@sensitive_variables("code")
def _receipt_page(request, data):
    report, code = services.report_submit(data=data, files=data.get("pictures") or [])
    context = {"code": code.display, "report": report}
    return render(request, "reports/public/receipt.html", context)


def _follow_page(request, report, status=200):
    context = {"form": ReceiptForm(), "report": report, "checked": True}
    if report is not None:
        context["thread"] = selectors.report_thread(report)
        context["add_form"] = AddInformationForm(initial={"code": request.POST.get("code", "")})
        context["reward"] = getattr(report, "reward", None)
    return render(request, "reports/public/follow.html", context, status=status)


@anonymous_reporter
@sensitive_post_parameters("code", "body")
@require_http_methods(["GET", "POST"])
def follow(request):
    if request.method == "GET":
        return render(request, "reports/public/follow.html", {"form": ReceiptForm()})
    return _follow_page(request, selectors.report_by_receipt(request.POST.get("code", "")))


@anonymous_reporter
@sensitive_post_parameters("code", "body")
@require_POST
def follow_add(request):
    report = selectors.report_by_receipt(request.POST.get("code", ""))
    if report is None:
        return _follow_page(request, None)
    form = AddInformationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.report_add_information(
                report=report, body=form.cleaned_data["body"], files=form.cleaned_data["pictures"]
            )
        except ValidationError as exc:
            form.add_error("body", exc.message_dict.get("body", exc.messages))
        else:
            return _follow_page(request, report)
    context = {
        "form": ReceiptForm(),
        "report": report,
        "checked": True,
        "thread": selectors.report_thread(report),
        "add_form": form,
        "reward": getattr(report, "reward", None),
    }
    return render(request, "reports/public/follow.html", context, status=400)


@anonymous_reporter
@sensitive_post_parameters("code")
@require_POST
def follow_claim(request):
    report = selectors.report_by_receipt(request.POST.get("code", ""))
    if report is not None:
        # No reward waiting: the page simply shows the state as it is.
        with contextlib.suppress(ValidationError):
            services.reward_claim(report=report)
        report.refresh_from_db()
    return _follow_page(request, report)
