"""Staff pages that maintain disclosure: publications, sign-off, inspection items, guides."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView
from rules.contrib.views import PermissionRequiredMixin

from powers.models import Power

from .. import publishing, review, selectors, services
from ..forms import (
    CorrectionForm,
    InspectionItemForm,
    PublicationForm,
    ServiceGuideForm,
    SignoffForm,
    WithdrawalForm,
)
from ..models import InspectionItem, Publication, ServiceGuide

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


class StaffPublicationListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "disclosure.add_publication"
    template_name = "disclosure/publication_list.html"
    context_object_name = "publications"
    paginate_by = 50

    def get_queryset(self):
        g = self.request.GET
        self.filters = {
            "q": " ".join(g.get("q", "").split())[:100],
            "status": g.get("status", "") if g.get("status") in Publication.Status.values else "",
            "overdue": g.get("overdue") == "1",
        }
        return selectors.staff_publications(self.request.user, **self.filters)

    def get_context_data(self, **kwargs):
        params = {k: v for k, v in self.filters.items() if v}
        return {
            **super().get_context_data(**kwargs),
            "today": timezone.localdate(),
            "filters": self.filters,
            "statuses": Publication.Status.choices,
            "query": urlencode({k: (1 if v is True else v) for k, v in params.items()}),
        }


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
            "correction_preview": forms.get("correction_preview"),
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
                change = {data["field"]: data["value"]}
                if request.POST.get("confirm") != "1":
                    # First the publicity officer sees what would go public, then confirms.
                    copy = Publication.objects.get(pk=self.publication.pk)
                    return self.render_page(
                        request,
                        correction_form=form,
                        correction_preview=review.correction_rows(copy, change),
                    )
                services.publication_correct(
                    publication=self.publication,
                    data=change,
                    note=data["note"],
                    reviewer=request.user,
                )
                messages.success(
                    request,
                    _("The correction is published; the public page shows it as a correction."),
                )
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
