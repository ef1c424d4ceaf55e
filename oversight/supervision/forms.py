"""Forms of supervision records, findings, rectification and evaluation periods."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from enforcement_portal.widgets import Picker
from powers.models import Agency

from ..models import Finding, SupervisionRecord

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RecordForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Supervising unit"),
        queryset=Agency.objects.filter(is_enforcement_body=False),
        widget=Picker(),
    )
    agency = forms.ModelChoiceField(
        label=_("Agency inspected"),
        queryset=Agency.objects.filter(is_enforcement_body=True),
        widget=Picker(),
    )
    checked_on = forms.DateField(label=_("Date of the check"), widget=DATE)
    method = forms.ChoiceField(label=_("Method"), choices=SupervisionRecord.Method.choices)
    matters = forms.CharField(label=_("Matters checked"), widget=forms.Textarea(attrs={"rows": 3}))
    case_numbers = forms.CharField(
        label=_("Cases concerned (numbers, one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    warning_ids = forms.CharField(
        label=_("Warnings concerned (numbers, comma separated)"), required=False
    )

    @classmethod
    def initial_for(cls, record: SupervisionRecord) -> dict:
        return {
            "unit": record.unit_id,
            "agency": record.agency_id,
            "checked_on": record.checked_on,
            "method": record.method,
            "matters": record.matters,
            "case_numbers": "\n".join(record.cases.values_list("number", flat=True)),
            "warning_ids": ", ".join(
                str(pk) for pk in record.warnings.values_list("pk", flat=True)
            ),
        }


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of problem"), choices=Finding.Kind.choices)
    description = forms.CharField(
        label=_("Problem found"), widget=forms.Textarea(attrs={"rows": 2})
    )
    requirement = forms.CharField(
        label=_("Rectification required"), widget=forms.Textarea(attrs={"rows": 2})
    )
    deadline = forms.DateField(label=_("Rectify by"), widget=DATE)


class AttachmentForm(forms.Form):
    attachment = forms.FileField(label=_("Attachment (PDF or image)"))


class RectificationForm(forms.Form):
    note = forms.CharField(label=_("What was rectified"), widget=forms.Textarea(attrs={"rows": 2}))
    attachment = forms.FileField(label=_("Attachment (PDF or image)"), required=False)
