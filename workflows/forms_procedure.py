"""Forms of the procedure before the decision; the rules stay in the services (forms parse)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from discretion.models import PenaltyType

from .models import DefencePoint, Hearing, ServiceRecord

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _today():
    return timezone.localdate()


class _CaseForm(forms.Form):
    def __init__(self, *args, case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)


class NoticeForm(_CaseForm):
    penalty_kinds = forms.MultipleChoiceField(
        label=_("proposed penalty kinds"),
        required=False,
        choices=[c for c in PenaltyType.DEFAULTS if c[0] != PenaltyType.NO_PENALTY],
        widget=forms.CheckboxSelectMultiple,
    )
    penalty_text = forms.CharField(label=_("proposed penalty"), max_length=200, required=False)
    fine_amount = forms.DecimalField(
        label=_("proposed fine (yuan)"), required=False, min_value=0, decimal_places=2
    )
    confiscation_amount = forms.DecimalField(
        label=_("proposed confiscation (yuan)"), required=False, min_value=0, decimal_places=2
    )
    facts = forms.CharField(label=_("facts"), widget=forms.Textarea(attrs={"rows": 3}))
    reasons = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 2}))
    basis = forms.CharField(
        label=_("legal basis (provisions)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    issued_on = forms.DateField(label=_("issued on"), initial=_today, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("facts", "reasons", "basis"):
            self.fields[name].required = False  # the service names the article


class WaiverForm(_CaseForm):
    waived_on = forms.DateField(label=_("waived on"), initial=_today, widget=DATE)
    waiver_document = forms.CharField(
        label=_("written waiver (document)"), max_length=200, required=False
    )


class DefencePointForm(_CaseForm):
    statement = forms.CharField(
        label=_("the party's point"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    stated_on = forms.DateField(label=_("stated on"), initial=_today, widget=DATE)


class DefenceAnswerForm(_CaseForm):
    point = forms.ModelChoiceField(label=_("point"), queryset=DefencePoint.objects.none())
    answer = forms.ChoiceField(
        label=_("answer"),
        choices=[
            (DefencePoint.Answer.ADOPTED, DefencePoint.Answer.ADOPTED.label),
            (DefencePoint.Answer.NOT_ADOPTED, DefencePoint.Answer.NOT_ADOPTED.label),
        ],
    )
    answer_reason = forms.CharField(
        label=_("why"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = DefencePoint.objects.filter(case=self.case)


class HearingRequestForm(_CaseForm):
    requested_on = forms.DateField(label=_("requested on"), initial=_today, widget=DATE)


def _agency_users(case):
    return get_user_model().objects.filter(agency_id=case.agency_id, is_active=True)


class HearingScheduleForm(_CaseForm):
    hearing_on = forms.DateField(label=_("hearing on"), widget=DATE)
    hearing_time = forms.TimeField(
        label=_("hearing starts at"),
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    place = forms.CharField(label=_("place"), max_length=200, required=False)
    host = forms.ModelChoiceField(label=_("host"), queryset=get_user_model().objects.none())
    is_public = forms.BooleanField(label=_("public hearing"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = _agency_users(self.case).order_by("username")


class HearingRecordForm(_CaseForm):
    held_on = forms.DateField(label=_("held on"), initial=_today, widget=DATE)
    record_text = forms.CharField(
        label=_("hearing record (听证笔录)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    signature = forms.ChoiceField(label=_("signature"), choices=Hearing.Signature.choices)
    refusal_note = forms.CharField(label=_("refusal noted"), max_length=200, required=False)


class DiscussionForm(_CaseForm):
    held_on = forms.DateField(label=_("held on"), initial=_today, widget=DATE)
    participants = forms.ModelMultipleChoiceField(
        label=_("participants"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    opinions = forms.CharField(
        label=_("opinions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    conclusion = forms.CharField(
        label=_("conclusion"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = _agency_users(self.case).order_by("username")


class ApprovalForm(_CaseForm):
    opinion = forms.CharField(
        label=_("opinion"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    approved_on = forms.DateField(label=_("approved on"), initial=_today, widget=DATE)


class ServiceForm(_CaseForm):
    document_kind = forms.ChoiceField(
        label=_("document"), choices=ServiceRecord.DocumentKind.choices
    )
    method = forms.ChoiceField(label=_("method"), choices=ServiceRecord.Method.choices)
    recipient = forms.CharField(label=_("received by"), max_length=100, required=False)
    served_on = forms.DateField(label=_("served on"), initial=_today, widget=DATE)
    received_on = forms.DateField(label=_("received on"), required=False, widget=DATE)
    witnesses = forms.CharField(label=_("witnesses"), max_length=200, required=False)
    tracking_number = forms.CharField(
        label=_("postal tracking number"), max_length=40, required=False
    )
    public_from = forms.DateField(label=_("public notice from"), required=False, widget=DATE)
    public_until = forms.DateField(label=_("public notice until"), required=False, widget=DATE)
    electronic_address = forms.CharField(
        label=_("electronic address"), max_length=200, required=False
    )
    consent_document = forms.CharField(
        label=_("party's signed consent to electronic service"), max_length=200, required=False
    )
    consent_address = forms.CharField(
        label=_("address in the consent"), max_length=200, required=False
    )
