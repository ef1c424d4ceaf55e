"""Forms of the case pages; business rules stay in services (forms only parse input)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enforcement_portal.widgets import MultiPicker, Picker
from powers.models import Officer, Power
from powers.selectors import exercisable_powers, officers_with_valid_certificate

from . import penalty
from .models import Case, CasePerson, CollectiveDiscussion, ProcessNode, ProcessTemplate, Record
from .outcome_forms import OutcomeFields


class _Helper:
    def _helper(self):
        helper = FormHelper()
        helper.form_tag = False
        return helper


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CaseOpenForm(forms.ModelForm, _Helper):
    officers = forms.ModelMultipleChoiceField(
        queryset=Officer.objects.none(),
        label=_("Officers (at least two with valid certificates)"),
        widget=MultiPicker(url=reverse_lazy("powers:pick_officers")),
    )

    class Meta:
        model = Case
        fields = [
            "power",
            "title",
            "party_kind",
            "party_name",
            "party_id_number",
            "legal_representative",
            "party_address",
            "source",
            "filed_on",
            "violation_on",
            "violation_ended_on",
            "discovered_on",
            "limitation_ground",
            "limitation_exception_basis",
            "facts_summary",
            "coercive_measure",
        ]
        widgets = {
            "filed_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "violation_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "violation_ended_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "discovered_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "facts_summary": forms.Textarea(attrs={"rows": 3}),
            "power": Picker(url=reverse_lazy("powers:pick_powers")),
        }
        help_texts = {
            "violation_ended_on": _("Only for a continuing or repeated violation (Art. 36)."),
            "limitation_ground": _("Leave empty for the ordinary 2 years (Art. 36)."),
            "limitation_exception_basis": _(
                "Only when the limitation period has passed: the law that provides otherwise."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The pickers' search (powers/pickers.py) returns these same querysets.
        self.fields["power"].queryset = exercisable_powers(user.agency_id or 0).order_by("code")
        self.fields["officers"].queryset = officers_with_valid_certificate(
            user.agency_id or 0
        ).order_by("name")
        self.fields["filed_on"].initial = timezone.localdate()
        # The limitation period (Art. 36) is counted from these: every new case states them.
        self.fields["violation_on"].required = True
        self.fields["discovered_on"].required = True
        self.helper = self._helper()

    def _post_clean(self):
        # The model instance is built by the service, not by ModelForm validation.
        pass


class RecordForm(forms.Form, _Helper):
    kind = forms.ChoiceField(label=_("kind"), choices=Record.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    content = forms.CharField(
        label=_("content"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    recorded_at = forms.DateTimeField(
        label=_("recorded at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("place"), max_length=200)
    officers = forms.ModelMultipleChoiceField(
        queryset=Officer.objects.none(), label=_("officers"), widget=forms.CheckboxSelectMultiple
    )
    signature = forms.ChoiceField(label=_("party's signature"), choices=Record.Signature.choices)
    refusal_note = forms.CharField(
        label=_("officers' note on the refusal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    upload = forms.FileField(label=_("file"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = case.officers.order_by("name")
        self.fields["recorded_at"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        self.helper = self._helper()


class DecisionForm(VersionedForm, OutcomeFields, _Helper):
    severity = forms.ChoiceField(label=_("severity"), choices=())
    circumstances = forms.CharField(
        label=_("circumstances (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    circumstance_ids = forms.MultipleChoiceField(
        label=_("circumstances"), required=False, widget=forms.CheckboxSelectMultiple
    )
    illegal_income = forms.DecimalField(
        label=_("illegal income (yuan)"), required=False, min_value=0, decimal_places=2
    )
    goods_value = forms.DecimalField(
        label=_("value of the goods (yuan)"), required=False, min_value=0, decimal_places=2
    )
    facts = forms.CharField(label=_("facts of the violation"), widget=forms.Textarea)
    evidence = forms.CharField(label=_("evidence"), widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(
        label=_("legal basis of the penalty"), widget=forms.Textarea(attrs={"rows": 2})
    )
    basis_change_reason = forms.CharField(
        label=_("why the basis differs from the notice's"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Arts. 44-45: only when the decision cites other provisions than the notice."),
    )
    no_penalty = forms.BooleanField(label=_("no penalty (不予处罚)"), required=False)
    penalty_type_codes = forms.MultipleChoiceField(
        label=_("penalty types"), required=False, widget=forms.CheckboxSelectMultiple
    )
    penalty_types = forms.CharField(label=_("penalty types"), max_length=200, required=False)
    fine_amount = forms.DecimalField(
        label=_("fine (yuan)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    confiscation_amount = forms.DecimalField(
        label=_("confiscated illegal income (yuan)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    deviation_reason = forms.CharField(
        label=_("justification for a penalty outside the recommended band"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["severity"].choices = penalty.severity_choices()
        # With a registered discretion standard the officer ticks its circumstances and penalty
        # types; without one they are written as text.
        standard = penalty.standard_for(case.power)
        self.standard = standard
        if standard is not None:
            self.fields["circumstance_ids"].choices = penalty.circumstance_choices(standard)
            self.fields["penalty_type_codes"].choices = penalty.penalty_type_choices(standard)
            del self.fields["circumstances"]
            del self.fields["penalty_types"]
        else:
            del self.fields["circumstance_ids"]
            del self.fields["penalty_type_codes"]
        # The basis the party was told (Arts. 44-45), else the power's provisions.
        notice = case.penalty_notices.order_by("id").last()
        bases = case.power.bases.select_related("provision__regulation")
        self.fields["legal_basis"].initial = (
            notice.basis if notice else "；".join(str(b.provision) for b in bases)
        )
        self.fields["facts"].initial = case.facts_summary
        self.outcome_setup(case)
        self.helper = self._helper()

    def circumstance_list(self) -> list:
        if "circumstance_ids" in self.fields:
            return [int(c) for c in self.cleaned_data.get("circumstance_ids") or []]
        text = self.cleaned_data.get("circumstances") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def decision_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("circumstance_ids", None)
        data["circumstances"] = self.circumstance_list()
        data.setdefault("penalty_types", "")
        return data


class NodeForm(forms.ModelForm, _Helper):
    required_records = forms.MultipleChoiceField(
        label=_("records required before leaving"),
        choices=Record.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gate_codes = forms.MultipleChoiceField(
        label=_("gates"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ProcessNode
        fields = [
            "code",
            "name",
            "responsible_post",
            "implementer",
            "control_measures",
            "time_limit",
            "day_kind",
            "required_records",
            "condition",
            "av_required",
            "gate_codes",
        ]
        widgets = {"control_measures": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        from .gates import gate_choices

        super().__init__(*args, **kwargs)
        self.fields["gate_codes"].choices = gate_choices()
        if self.instance.pk:
            # Code is the node's identity (services look for "decision", "execution"...).
            del self.fields["code"]
        self.helper = self._helper()


class TemplateCopyForm(forms.Form, _Helper):
    source = forms.ModelChoiceField(queryset=ProcessTemplate.objects.none(), label=_("copy from"))
    power = forms.ModelChoiceField(queryset=Power.objects.none(), label=_("power"), widget=Picker())

    def __init__(self, *args, user, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources
        self.fields["power"].queryset = Power.objects.filter(agency_id=user.agency_id).order_by(
            "code"
        )
        self.helper = self._helper()


class ReviewForm(forms.Form, _Helper):
    note = forms.CharField(
        label=_("review note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper()


class CasePersonForm(forms.Form):
    """A witness, agent, guardian or person in a record, so publications mask their name."""

    role = forms.ChoiceField(label=_("role in the case"), choices=CasePerson.Role.choices)
    name = forms.CharField(label=_("name"), max_length=50)


# ---------------------------------------------------------------------------- limits


def _date(label):
    return forms.DateField(
        label=label, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


class SuspensionStartForm(VersionedForm, _Helper):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))
    started_on = _date(_("suspended from"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started_on"].initial = timezone.localdate()
        self.helper = self._helper()


class SuspensionEndForm(VersionedForm, _Helper):
    ended_on = _date(_("resumed on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = timezone.localdate()
        self.helper = self._helper()


class ExtensionForm(forms.Form, _Helper):
    days = forms.IntegerField(label=_("days"), min_value=1, max_value=32767)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))
    discussion = forms.ModelChoiceField(
        label=_("collective discussion (for a further extension)"),
        queryset=CollectiveDiscussion.objects.none(),
        required=False,
        help_text=_("Art. 60: a second or later extension links to the recorded discussion."),
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Any recorded discussion of the case may be chosen; the service says which may not.
        if case is not None:
            field = self.fields["discussion"]
            field.queryset = CollectiveDiscussion.objects.filter(case=case).order_by("-held_on")
            field.label_from_instance = lambda d: f"{d.held_on:%Y-%m-%d} · {d.conclusion[:60]}"
        self.helper = self._helper()


class OnTheSpotForm(forms.Form, _Helper):
    power = forms.ModelChoiceField(
        queryset=Power.objects.none(),
        label=_("power"),
        widget=Picker(url=reverse_lazy("powers:pick_powers")),
    )
    officers = forms.ModelMultipleChoiceField(
        queryset=Officer.objects.none(),
        label=_("Officers (at least two with valid certificates)"),
        widget=MultiPicker(url=reverse_lazy("powers:pick_officers")),
    )
    certificates_shown = forms.CharField(label=_("certificates shown (numbers)"), max_length=300)
    title = forms.CharField(label=_("case title"), max_length=200)
    party_kind = forms.ChoiceField(label=_("party type"), choices=Case.PartyKind.choices)
    party_name = forms.CharField(label=_("party name"), max_length=200)
    party_id_number = forms.CharField(
        label=_("resident ID or unified social credit code"), max_length=18
    )
    place = forms.CharField(label=_("place"), max_length=200)
    facts = forms.CharField(
        label=_("facts of the violation"), widget=forms.Textarea(attrs={"rows": 3})
    )
    legal_basis = forms.CharField(
        label=_("legal basis of the penalty"), widget=forms.Textarea(attrs={"rows": 2})
    )
    penalty_types = forms.CharField(label=_("penalty types"), max_length=200)
    fine_amount = forms.DecimalField(
        label=_("fine (yuan)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    severity = forms.ChoiceField(label=_("severity"), required=False, choices=())
    deviation_reason = forms.CharField(
        label=_("justification for a penalty outside the recommended band"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    party_statement = forms.CharField(
        label=_("the party's statement and defence"), widget=forms.Textarea(attrs={"rows": 2})
    )
    handed_over = forms.BooleanField(
        label=_("decision handed over on the spot and signed"), required=False, initial=True
    )
    refusal_note = forms.CharField(
        label=_("note on the refusal to sign"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["power"].queryset = exercisable_powers(user.agency_id or 0).order_by("code")
        self.fields["officers"].queryset = officers_with_valid_certificate(
            user.agency_id or 0
        ).order_by("name")
        self.fields["severity"].choices = [("", "—"), *penalty.severity_choices()]
        self.helper = self._helper()


class OnTheSpotFileForm(forms.Form, _Helper):
    filed_on = _date(_("filed with the agency on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["filed_on"].initial = timezone.localdate()
        self.helper = self._helper()
