"""Pages of the procedure before the decision: one form per step (notice, waiver, defence,
hearing, discussion, approval, service), each calling its service, which holds the rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from .. import forms_procedure as forms
from ..models import Case, Hearing
from ..services.procedure_decision import decision_approve, discussion_record
from ..services.procedure_hearing import hearing_record, hearing_request, hearing_schedule
from ..services.procedure_notice import (
    defence_point_add,
    defence_point_answer,
    notice_issue,
    notice_waive,
)
from ..services.procedure_service import service_record_add
from ._base import CaseMixin, _errors, step_confirmation


def _hearing(case):
    hearing = Hearing.objects.filter(case=case).first()
    if hearing is None:
        raise ValidationError(_("The party has not asked for a hearing."))
    return hearing


def _notice(case, user, data):
    notice_issue(case=case, user=user, **data)


def _waiver(case, user, data):
    notice_waive(case=case, user=user, **data)


def _defence(case, user, data):
    defence_point_add(case=case, user=user, **data)


def _answer(case, user, data):
    defence_point_answer(
        point=data["point"], user=user, answer=data["answer"], reason=data["answer_reason"]
    )


def _hearing_request(case, user, data):
    hearing_request(case=case, user=user, **data)


def _hearing_schedule(case, user, data):
    hearing_schedule(hearing=_hearing(case), user=user, **data)


def _hearing_record(case, user, data):
    hearing_record(hearing=_hearing(case), user=user, **data)


def _discussion(case, user, data):
    discussion_record(case=case, user=user, **data)


def _approval(case, user, data):
    decision_approve(case=case, user=user, **data)


def _service(case, user, data):
    service_record_add(case=case, user=user, **data)


@dataclass(frozen=True)
class Step:
    form: type
    title: Any
    save: Any
    permission: str = "workflows.change_case"


STEPS: dict[str, Step] = {
    "notice": Step(forms.NoticeForm, _("Notice of the proposed penalty"), _notice),
    "waiver": Step(forms.WaiverForm, _("Written waiver of statement and defence"), _waiver),
    "defence": Step(forms.DefencePointForm, _("Record a point of statement and defence"), _defence),
    "answer": Step(forms.DefenceAnswerForm, _("Answer a point of the defence"), _answer),
    "hearing-request": Step(
        forms.HearingRequestForm, _("The party asks for a hearing"), _hearing_request
    ),
    "hearing-schedule": Step(
        forms.HearingScheduleForm, _("Schedule the hearing"), _hearing_schedule
    ),
    "hearing-record": Step(forms.HearingRecordForm, _("Record the hearing held"), _hearing_record),
    "discussion": Step(forms.DiscussionForm, _("Record the collective discussion"), _discussion),
    "approval": Step(
        forms.ApprovalForm,
        _("Approval by the agency's responsible person"),
        _approval,
        permission="workflows.approve_decision",
    ),
    "service": Step(forms.ServiceForm, _("Record a service (送达回证)"), _service),
}


class ProcedureStepView(CaseMixin, View):
    """GET shows the step's form, POST calls its service; a refusal shows at the field."""

    template_name = "workflows/procedure/form.html"

    def step(self) -> Step:
        step = STEPS.get(self.kwargs["step"])
        if step is None:
            raise Http404
        return step

    def get_case(self) -> Case:
        step = self.step()
        case = get_object_or_404(
            Case.objects.select_related("current_node", "power", "agency"), pk=self.kwargs["pk"]
        )
        if not self.request.user.has_perm(step.permission, case):
            raise PermissionDenied
        return case

    def get(self, request, pk, step):
        case = self.get_case()
        form = self.step().form(case=case, initial=self.initial(case, request.GET))
        return self.show(case, form)

    def initial(self, case, query) -> dict:
        initial = {}
        if self.kwargs["step"] == "service" and query.get("document"):
            initial["document_kind"] = query["document"]
        return initial

    def post(self, request, pk, step):
        case = self.get_case()
        config = self.step()
        form = config.form(request.POST, case=case)
        if form.is_valid():
            try:
                config.save(case, request.user, dict(form.cleaned_data))
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("Saved: %(t)s") % {"t": config.title})
                return redirect("workflows:case_detail", pk=case.pk)
        return self.show(case, form)

    def show(self, case, form):
        context = {
            "case": case,
            "form": form,
            "title": self.step().title,
            "step": self.kwargs["step"],
            # Every step enters the case file for good, and most reach the party.
            "confirm": step_confirmation(case, self.step().title),
        }
        return render(self.request, self.template_name, context)
