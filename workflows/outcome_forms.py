"""The decision form's outcome fields: the reason for no penalty or a reduced penalty, the
circumstances found, the party's age and the list entry relied on (rules in
``services.outcomes``)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from discretion.lists import active_entries
from discretion.models import OutcomeListEntry

from .models import DecisionOutcome
from .models.outcomes import LIST_NAMES


class OutcomeFields(forms.Form):
    outcome_reason = forms.ChoiceField(
        label=_("reason for no penalty or a reduced penalty"),
        required=False,
        choices=[("", _("— an ordinary penalty —")), *DecisionOutcome.Reason.choices],
    )
    list_entry = forms.ModelChoiceField(
        label=_("list entry relied on"),
        required=False,
        queryset=OutcomeListEntry.objects.none(),
    )
    party_age = forms.IntegerField(
        label=_("party's age at the violation"), required=False, min_value=0, max_value=150
    )
    outcome_note = forms.CharField(
        label=_("circumstances found for the reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def outcome_setup(self, case) -> None:
        # Every active entry of the agency for this power; the service checks the kind.
        field = cast(forms.ModelChoiceField, self.fields["list_entry"])
        field.queryset = active_entries(case.agency_id, power=case.power)
        field.label_from_instance = lambda e: f"{LIST_NAMES.get(e.kind, '')}：{e.violation}"  # type: ignore[assignment]  # Django's per-field label hook
        mine = ["outcome_reason", "list_entry", "party_age", "outcome_note"]
        order = [n for n in self.fields if n not in mine]
        at = order.index("no_penalty") + 1 if "no_penalty" in order else len(order)
        self.order_fields(order[:at] + mine + order[at:])
