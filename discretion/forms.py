"""Forms for filing a standard (the statute, circumstances and a formset of bands), reviewing
it and trying the calculator. The rules themselves live in services/bands."""

from __future__ import annotations

from typing import cast

from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enforcement_portal.widgets import Picker
from powers.models import Power, Provision

from .models import (
    Circumstance,
    DiscretionStandard,
    ExpertOpinion,
    FineBasis,
    PenaltyType,
    Severity,
)
from .services import BAND_FINE_FIELDS, STATUTE_FIELDS, BandInput, StandardInput


def money(label) -> forms.DecimalField:
    """An optional amount or multiple with the columns' precision."""
    return forms.DecimalField(
        label=label, max_digits=14, decimal_places=2, required=False, min_value=0
    )


CIRCUMSTANCE_FIELDS = {
    Circumstance.Kind.LIGHTER: "lighter",
    Circumstance.Kind.REDUCED: "reduced",
    Circumstance.Kind.HEAVIER: "heavier",
    Circumstance.Kind.NO_PENALTY: "no_penalty",
}


def _types(**filters):
    return PenaltyType.objects.filter(**filters).order_by("order", "id")


class ProvisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.regulation}{obj.article}"


class StandardForm(forms.Form):
    power = forms.ModelChoiceField(Power.objects.none(), label=_("Penalty power"), widget=Picker())
    violation = forms.CharField(label=_("Violation"), widget=forms.Textarea(attrs={"rows": 2}))
    violated_provision = ProvisionChoiceField(
        Provision.objects.select_related("regulation").order_by("regulation__title", "id"),
        label=_("Provision violated"),
        widget=Picker(),
    )
    penalty_provision = ProvisionChoiceField(
        Provision.objects.select_related("regulation").order_by("regulation__title", "id"),
        label=_("Penalty provision"),
        widget=Picker(),
    )
    allowed_types = forms.ModelMultipleChoiceField(
        _types(),
        label=_("Penalty types the statute allows"),
        widget=forms.CheckboxSelectMultiple,
    )
    fine_basis = forms.ChoiceField(label=_("Fine counted as"), choices=FineBasis.choices)
    fine_min = money(_("Statutory fine minimum"))
    fine_max = money(_("Statutory fine maximum"))
    base_threshold = money(_("Income or value below which a fixed fine applies (yuan)"))
    threshold_fine_min = money(_("Fixed fine minimum below the threshold (yuan)"))
    threshold_fine_max = money(_("Fixed fine maximum below the threshold (yuan)"))
    lighter = forms.CharField(
        label=_("Lighter-penalty circumstances (从轻), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reduced = forms.CharField(
        label=_("Reduced-penalty circumstances (减轻), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    heavier = forms.CharField(
        label=_("Heavier-penalty circumstances (从重), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    no_penalty = forms.CharField(
        label=_("No-penalty circumstances (不予处罚), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, powers=None, agency_id=None, current=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The ledger is city-wide; offer the provisions the agency's powers rest on.
        provisions = (
            Provision.objects.filter(Q(powers__agency_id=agency_id) | Q(pk__in=current))
            .select_related("regulation")
            .distinct()
            .order_by("regulation__title", "id")
        )
        for name in ("violated_provision", "penalty_provision"):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = provisions
        if powers is None:
            del self.fields["power"]
        else:
            cast(forms.ModelChoiceField, self.fields["power"]).queryset = powers
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    @staticmethod
    def initial_from(standard: DiscretionStandard) -> dict:
        initial = {
            "violation": standard.violation,
            "violated_provision": standard.violated_provision_id,
            "penalty_provision": standard.penalty_provision_id,
            "allowed_types": [t.pk for t in standard.allowed_types.all()],
            **{f: getattr(standard, f) for f in STATUTE_FIELDS},
        }
        for kind, name in CIRCUMSTANCE_FIELDS.items():
            initial[name] = "\n".join(
                c.text for c in standard.circumstances.all() if c.kind == kind
            )
        return initial


class BandForm(forms.Form):
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    circumstances = forms.CharField(
        label=_("Circumstances it applies to"), widget=forms.Textarea(attrs={"rows": 2})
    )
    penalty_types = forms.ModelMultipleChoiceField(
        _types(), label=_("Penalty types"), widget=forms.CheckboxSelectMultiple, required=False
    )
    fine_min = money(_("Fine minimum"))
    fine_max = money(_("Fine maximum"))
    threshold_fine_min = money(_("Fixed fine minimum (yuan)"))
    threshold_fine_max = money(_("Fixed fine maximum (yuan)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for the choices of every band row, not one per row.
        cast(forms.ModelMultipleChoiceField, self.fields["penalty_types"]).queryset = _types()


class BaseBandFormSet(forms.BaseFormSet):
    def bands(self) -> list[BandForm]:
        """The rows the filer kept (not deleted, not left blank), in page order."""
        return [
            f
            for f in self.forms
            if f.has_changed() and not (self.can_delete and f.cleaned_data.get("DELETE"))
        ]


# The number of bands (5 to 8) is a rule of the standard, checked by the service with its
# own message; the formset only caps what a page may post.
# cast: formset_factory returns a subclass of the formset it is given.
BandFormSet = cast(
    "type[BaseBandFormSet]",
    forms.formset_factory(
        BandForm,
        formset=BaseBandFormSet,
        extra=0,
        can_delete=True,
        max_num=20,
        absolute_max=20,
    ),
)


def build_input(form: StandardForm, formset: BaseBandFormSet) -> StandardInput:
    data = form.cleaned_data
    return StandardInput(
        violation=data["violation"],
        violated_provision=data["violated_provision"],
        penalty_provision=data["penalty_provision"],
        allowed_types=list(data["allowed_types"]),
        bands=[
            BandInput(
                severity=f.cleaned_data["severity"],
                circumstances=f.cleaned_data["circumstances"],
                penalty_types=list(f.cleaned_data["penalty_types"]),
                **{name: f.cleaned_data.get(name) for name in BAND_FINE_FIELDS},
            )
            for f in formset.bands()
        ],
        circumstances={
            kind: [line.strip() for line in data.get(name, "").splitlines() if line.strip()]
            for kind, name in CIRCUMSTANCE_FIELDS.items()
        },
        **{name: data.get(name) for name in STATUTE_FIELDS if name != "fine_basis"},
        fine_basis=data.get("fine_basis") or FineBasis.NONE,
    )


def band_initial(standard: DiscretionStandard) -> list[dict]:
    return [
        {
            "severity": b.severity,
            "circumstances": b.circumstances,
            "penalty_types": [t.pk for t in b.penalty_types.all()],
            **{f: getattr(b, f) for f in BAND_FINE_FIELDS},
        }
        for b in standard.bands.all()
    ]


def show_problems(problems, form: StandardForm, formset: BaseBandFormSet) -> list[str]:
    """Put each problem at its field or band; return those that belong to no single place."""
    general = []
    rows = formset.bands()
    for problem in problems:
        if problem.band is not None and problem.band < len(rows):
            rows[problem.band].add_error(problem.field, problem.message)
        elif problem.field and problem.field in form.fields:
            form.add_error(problem.field, problem.message)
        else:
            general.append(problem.message)
    return general


class OpinionForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Opinion"), choices=ExpertOpinion.Verdict.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RegisterForm(forms.Form):
    registration_number = forms.CharField(
        label=_("Registration number"),
        required=False,
        max_length=60,
        help_text=_("Leave empty to number it automatically."),
    )
    registered_on = forms.DateField(label=_("Registered on"), required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for return"), widget=forms.Textarea(attrs={"rows": 2}))


class CalculatorForm(forms.Form):
    severity = forms.ChoiceField(
        label=_("Severity"), choices=Severity.choices, widget=forms.RadioSelect
    )
    circumstances = forms.ModelMultipleChoiceField(
        Circumstance.objects.none(),
        label=_("Circumstances of the case"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    illegal_income = money(_("Illegal income (yuan)"))
    goods_value = money(_("Value of the goods (yuan)"))
    decided_types = forms.ModelMultipleChoiceField(
        _types(),
        label=_("Penalty you intend to decide (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decided_fine = money(_("Fine you intend to decide (yuan)"))

    def __init__(self, *args, standard: DiscretionStandard, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["circumstances"])
        field.queryset = Circumstance.in_kind_order().filter(standard=standard)
        field.label_from_instance = _circumstance_label  # type: ignore[assignment]  # Django's per-field label hook
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = False


def _circumstance_label(circumstance: Circumstance) -> str:
    return f"【{circumstance.get_kind_display()}】{circumstance.text}"


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (.xlsx)"))
