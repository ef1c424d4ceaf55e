"""Forms of the pages after the decision; the rules stay in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import VersionedForm, _Helper
from .models import CourtApplication, Deferral, LegalChallenge, Revocation

DATE: dict[str, Any] = {"widget": forms.DateInput(attrs={"type": "date"})}
MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}


class _Form(forms.Form, _Helper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper()


class PaymentForm(VersionedForm, _Helper):
    bank_receipt_number = forms.CharField(label=_("bank receipt number"), max_length=60)
    bank_name = forms.CharField(label=_("bank"), max_length=100)
    amount = forms.DecimalField(
        label=_("amount paid (yuan), fine and late surcharge together"), min_value=0.01, **MONEY
    )
    paid_on = forms.DateField(label=_("paid on"), **DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper()


class ChallengeForm(_Form):
    kind = forms.ChoiceField(label=_("kind"), choices=LegalChallenge.Kind.choices)
    body = forms.CharField(label=_("reconsideration body or court"), max_length=200)
    started_on = forms.DateField(label=_("applied or filed on"), **DATE)


class ChallengeEndForm(_Form):
    challenge = forms.ModelChoiceField(
        label=_("reconsideration or lawsuit"), queryset=LegalChallenge.objects.none()
    )
    ended_on = forms.DateField(label=_("decided or ended on"), **DATE)
    outcome = forms.CharField(label=_("outcome"), max_length=300)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["challenge"].queryset = case.challenges.filter(ended_on__isnull=True)


class DeferralForm(_Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Deferral.Kind.choices)
    reason = forms.CharField(
        label=_("the party's economic difficulty"), widget=forms.Textarea(attrs={"rows": 3})
    )
    applied_on = forms.DateField(label=_("applied on"), **DATE)


class DeferralDecideForm(_Form):
    approve = forms.TypedChoiceField(
        label=_("decision"),
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
        coerce=lambda v: v == "1",
    )
    schedule = forms.CharField(
        label=_("schedule: one line per date, e.g. 2026-12-31 2500"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    note = forms.CharField(label=_("note"), required=False, max_length=500)


class UrgeForm(_Form):
    number = forms.CharField(label=_("document number of the 催告书"), max_length=60)
    issued_on = forms.DateField(label=_("issued on"), **DATE)


class CourtApplyForm(_Form):
    court = forms.CharField(label=_("court"), max_length=200)
    applied_on = forms.DateField(label=_("applied on"), **DATE)
    reference = forms.CharField(label=_("application reference"), max_length=100, required=False)


class CourtRulingForm(_Form):
    ruling = forms.ChoiceField(
        label=_("ruling"),
        choices=[c for c in CourtApplication.Ruling.choices if c[0] != "pending"],
    )
    ruled_on = forms.DateField(label=_("ruled on"), **DATE)
    ruling_reference = forms.CharField(label=_("ruling document number"), max_length=100)


class RevocationForm(_Form):
    kind = forms.ChoiceField(
        label=_("what happened to the decision"), choices=Revocation.Kind.choices
    )
    by = forms.ChoiceField(label=_("by"), choices=Revocation.By.choices)
    document_reference = forms.CharField(label=_("document number"), max_length=100)
    decided_on = forms.DateField(label=_("date of the document"), **DATE)
    reason = forms.CharField(
        label=_("reason (published with the withdrawal)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    new_fine_amount = forms.DecimalField(
        label=_("fine as changed (yuan), if changed"), required=False, min_value=0, **MONEY
    )


class RefundForm(_Form):
    amount = forms.DecimalField(label=_("amount refunded (yuan)"), min_value=0.01, **MONEY)
    refunded_on = forms.DateField(label=_("refunded on"), **DATE)
    reference = forms.CharField(label=_("treasury or bank reference"), max_length=100)
