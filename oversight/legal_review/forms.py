"""Forms of the legal review: submission, the reviewer's checklist, disagreement, catalogue."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CHECKLIST, LegalReview, ReviewCatalogue


class _Crispy:
    @property
    def helper(self):
        helper = FormHelper()
        helper.form_tag = False
        return helper


class SubmitForm(_Crispy, forms.Form):
    draft_decision = forms.CharField(
        label=_("Draft decision"), widget=forms.Textarea(attrs={"rows": 4})
    )
    case_file = forms.CharField(
        label=_("Case file (materials submitted)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    proposed_fine = forms.DecimalField(
        label=_("Proposed fine (yuan)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    licence_revocation = forms.BooleanField(label=_("Revokes a licence"), required=False)
    suspension_or_closure = forms.BooleanField(
        label=_("Orders suspension of business or closure"), required=False
    )
    outside_discretion = forms.BooleanField(
        label=_("Penalty outside the discretion standard"), required=False
    )
    complex_relations = forms.BooleanField(
        label=_("Complex case with several legal relationships"), required=False
    )
    manual_major = forms.BooleanField(label=_("Mark as major"), required=False)
    handler_note = forms.CharField(
        label=_("Note to the reviewer"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConcludeForm(_Crispy, forms.Form):
    """Each checklist item passes or carries a problem note; then the outcome and opinion."""

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (LegalReview.Status.AGREED, _("Agree (同意)")),
            (LegalReview.Status.PROBLEMS, _("Problems: correct and resubmit (存在问题)")),
            (LegalReview.Status.TRANSFER, _("Transfer to judicial organs (移送)")),
        ],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label=_("Review opinion"), widget=forms.Textarea(attrs={"rows": 4}))

    PASS_CHOICES = [("1", _("Passes")), ("0", _("Problem"))]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        items = {}
        for code, label in CHECKLIST:
            items[f"{code}_passed"] = forms.ChoiceField(
                label=label, choices=self.PASS_CHOICES, widget=forms.RadioSelect
            )
            items[f"{code}_note"] = forms.CharField(
                label=_("Problem note"), required=False, widget=forms.TextInput
            )
        self.fields = {**items, **self.fields}

    @property
    def helper(self):
        helper = FormHelper()
        helper.form_tag = False
        parts = []
        for code, _label in CHECKLIST:
            parts += [InlineRadios(f"{code}_passed"), f"{code}_note"]
        helper.layout = Layout(*parts, InlineRadios("outcome"), "opinion")
        return helper


class EscalateForm(_Crispy, forms.Form):
    handler_opinion = forms.CharField(
        label=_("Why you disagree with the review"), widget=forms.Textarea(attrs={"rows": 3})
    )


class LeaderForm(_Crispy, forms.Form):
    ruling = forms.ChoiceField(
        label=_("Ruling"), choices=LegalReview.LeaderRuling.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Leader's decision"), widget=forms.Textarea(attrs={"rows": 3}))


class CatalogueForm(_Crispy, forms.ModelForm):
    class Meta:
        model = ReviewCatalogue
        fields = [
            "person_fine_threshold",
            "organisation_fine_threshold",
            "licence_revocation",
            "suspension_or_closure",
            "hearing_held",
            "outside_discretion",
            "complex_relations",
            "is_published",
        ]
