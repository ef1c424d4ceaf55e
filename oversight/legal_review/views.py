"""Legal review pages: the desk (reviews and the 5% ratio), a case's review, the catalogue and
the opinion PDF. Every rule lives in services.legal_review; views only translate."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from enforcement_portal.paging import InvalidCursor, keyset_page
from enforcement_portal.predicates import is_staff_member, scope_to_user
from powers.models import Agency
from workflows.models import Case

from . import forms, selectors, services
from .models import LegalReview
from .opinion import render_opinion_pdf


def _errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.error_dict.items():
        name = field if field in form.fields else f"{field}_note"
        form.add_error(name if name in form.fields else None, errors)


class LegalReviewListView(LoginRequiredMixin, View):
    def get(self, request):
        if not is_staff_member(request.user):
            raise Http404
        number = request.GET.get("case", "").strip()
        if number:
            case = scope_to_user(Case.objects.all(), request.user).filter(number=number).first()
            if case:
                return redirect("oversight:legal_case", case.pk)
            messages.error(request, _("No case with that number in your agency."))
        qs = selectors.reviews_for_user(request.user)
        if (status := request.GET.get("status")) in LegalReview.Status.values:
            qs = qs.filter(status=status)
        try:
            page = keyset_page(qs, ordering=("-id",), cursor=request.GET.get("cursor"), size=50)
        except InvalidCursor:
            return HttpResponseBadRequest(
                _("The page link is not valid; start again from the list.")
            )
        context = {
            "page": page,
            "status": status,
            "statuses": LegalReview.Status.choices,
            "ratios": selectors.ratio_rows(request.user),
        }
        return render(request, "oversight/legal/review_list.html", context)


# What happened and what comes next, said after each step.
DONE_MESSAGES = {
    "submit": _("Submitted for legal review. The legal reviewer now sees the case on their desk."),
    "conclude": _(
        "The review conclusion is recorded. The case officer sees it; the decision may follow "
        "only as the conclusion allows."
    ),
    "escalate": _("Referred to the agency leader, who now decides the disagreement."),
    "rule": _("The leader's ruling is recorded. The case goes on as ruled."),
}

FORMS = {
    "submit": (forms.SubmitForm, "oversight.submit_legalreview"),
    "conclude": (forms.ConcludeForm, "oversight.conclude_legalreview"),
    "escalate": (forms.EscalateForm, "oversight.escalate_legalreview"),
    "rule": (forms.LeaderForm, "oversight.rule_legalreview"),
}


class CaseReviewView(LoginRequiredMixin, View):
    """A case's reviews, round by round, with the form the user may use next."""

    def get_case(self):
        case = get_object_or_404(
            Case.objects.select_related("agency", "power", "current_node"), pk=self.kwargs["pk"]
        )
        if not self.request.user.has_perm("oversight.view_legalreview", case):
            raise PermissionDenied
        return case

    def next_action(self, case, latest):
        status = latest.status if latest else None
        if latest is None or latest.allows_resubmission:
            actions = ["submit"]
            if status == LegalReview.Status.PROBLEMS and latest.round >= 2:
                actions.append("escalate")
        else:
            actions = {"submitted": ["conclude"], "escalated": ["rule"]}.get(status, [])
        return [a for a in actions if self.request.user.has_perm(FORMS[a][1], case)]

    def show(self, request, case, bound=None, status=200):
        reviews = list(selectors.reviews_of_case(case))
        latest = reviews[-1] if reviews else None
        actions = self.next_action(case, latest)
        forms_ = {a: FORMS[a][0]() for a in actions}
        if bound:
            forms_[bound[0]] = bound[1]
        context = {"case": case, "reviews": reviews, "latest": latest, "forms": forms_}
        return render(request, "oversight/legal/case_review.html", context, status=status)

    def get(self, request, pk, action=None):
        if action is not None:  # the action URLs take POST only
            return self.http_method_not_allowed(request)
        return self.show(request, self.get_case())

    def post(self, request, pk, action):
        case = self.get_case()
        if action not in FORMS:
            raise Http404
        form_class, perm = FORMS[action]
        if not request.user.has_perm(perm, case):
            raise PermissionDenied
        form = form_class(request.POST)
        latest = services.latest_review(case)
        if form.is_valid():
            try:
                self.act(action, case, latest, form.cleaned_data)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, DONE_MESSAGES.get(action, _("Saved.")))
                return redirect("oversight:legal_case", case.pk)
        return self.show(request, case, (action, form), status=400)

    def act(self, action, case, latest, data):
        user = self.request.user
        if action == "submit":
            services.legal_review_submit(case=case, user=user, **data)
        elif latest is None:
            raise ValidationError(_("This case has not been submitted for legal review."))
        elif action == "conclude":
            services.legal_review_conclude(
                review=latest,
                user=user,
                outcome=data["outcome"],
                checklist=services.checklist_from_post(data),
                opinion=data["opinion"],
            )
        elif action == "escalate":
            services.legal_review_escalate(review=latest, user=user, **data)
        else:
            services.legal_review_leader_decide(review=latest, user=user, **data)


class OpinionPdfView(LoginRequiredMixin, View):
    def get(self, request, pk):
        review = get_object_or_404(
            LegalReview.objects.select_related("case__agency", "case__power", "reviewer"), pk=pk
        )
        if not request.user.has_perm("oversight.view_legalreview", review):
            raise PermissionDenied
        if review.status == LegalReview.Status.SUBMITTED:
            raise Http404
        response = HttpResponse(render_opinion_pdf(review), content_type="application/pdf")
        name = f"legal-opinion-{review.case.number}-{review.round}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response


class CatalogueView(View):
    """An agency's review catalogue: public once published; its legal reviewers edit it."""

    def get_agency(self):
        agency = get_object_or_404(Agency, pk=self.kwargs["pk"], is_enforcement_body=True)
        catalogue = services.catalogue_for(agency)
        can_edit = self.request.user.has_perm("oversight.change_reviewcatalogue", agency)
        if not (catalogue.is_published or can_edit):
            raise Http404
        return agency, catalogue, can_edit

    def show(self, request, agency, catalogue, can_edit, form=None, status=200):
        form = form or (forms.CatalogueForm(instance=catalogue) if can_edit else None)
        context = {
            "agency": agency,
            "catalogue": catalogue,
            "form": form,
            "can_edit": can_edit,
            "ratio": selectors.legal_reviewer_ratio(agency),
        }
        return render(request, "oversight/legal/catalogue.html", context, status=status)

    def get(self, request, pk):
        return self.show(request, *self.get_agency())

    def post(self, request, pk):
        agency, catalogue, can_edit = self.get_agency()
        if not can_edit:
            raise PermissionDenied
        form = forms.CatalogueForm(request.POST, instance=catalogue)
        if form.is_valid():
            try:
                services.catalogue_update(agency=agency, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("oversight:legal_catalogue", agency.pk)
        return self.show(request, agency, catalogue, can_edit, form, status=400)
