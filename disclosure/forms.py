from collections.abc import Sequence
from typing import TYPE_CHECKING

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from enforcement_portal.validators import clean_uscc

from .models import InspectionItem, Publication
from .services import PUBLICATION_FIELDS

if TYPE_CHECKING:
    from powers.models import Agency


class InspectionItemForm(forms.ModelForm):
    class Meta:
        model = InspectionItem
        fields = [
            "item",
            "sub_item",
            "inspecting_body",
            "basis",
            "method",
            "content",
            "ratio",
            "frequency",
            "is_active",
        ]
        widgets = {
            "basis": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "inspection-item-form"
        self.helper.add_input(Submit("save", _("Save")))


class CertificateCheckForm(forms.Form):
    number = forms.CharField(
        label=_("Certificate number"),
        max_length=30,
        help_text=_("The number printed on the officer's enforcement certificate."),
    )

    def clean_number(self):
        # Full-width digits typed on a Chinese keyboard are the same number.
        value = self.cleaned_data["number"].strip()
        value = value.translate({0xFF10 + i: ord(str(i)) for i in range(10)})
        if not value.isalnum():
            raise forms.ValidationError(_("A certificate number has only letters and digits."))
        return value.upper()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "certificate-check-form"
        self.helper.form_method = "get"
        self.helper.add_input(Submit("check", _("Check")))


class PublicationForm(forms.ModelForm):
    """A decision to publish, entered by agency staff (cases will fill it in automatically)."""

    class Meta:
        model = Publication
        fields = PUBLICATION_FIELDS
        widgets = {
            "decided_on": forms.DateInput(attrs={"type": "date"}),
            "facts": forms.Textarea(attrs={"rows": 4}),
            "basis": forms.Textarea(attrs={"rows": 2}),
            "penalty_content": forms.Textarea(attrs={"rows": 2}),
            "extra_redactions": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_party_uscc(self):
        value = self.cleaned_data.get("party_uscc", "")
        return clean_uscc(value) if value.strip() else ""

    def clean(self):
        data = super().clean()
        missing = not data.get("party_uscc") and "party_uscc" not in self.errors
        if data.get("party_type") == "organisation" and missing:
            self.add_error("party_uscc", _("An organisation is published with its credit code."))
        for field in ("fine_amount", "confiscation_amount"):
            if data.get(field) is not None and data[field] < 0:
                self.add_error(field, _("An amount cannot be negative."))
        if (
            data.get("full_text_withheld")
            and not (data.get("full_text_withheld_note") or "").strip()
        ):
            self.add_error(
                "full_text_withheld_note",
                _("Name the law and say why the full text is not published."),
            )
        return data

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "publication-form"
        self.helper.add_input(Submit("save", _("Save and preview")))


class SignoffForm(forms.Form):
    """The publicity officer's text for each masked field, prefilled with the engine's."""

    def __init__(self, *args, fields: Sequence[tuple[str, str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, initial in fields:
            rows = 8 if name in ("facts", "full_text") else 2
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                initial=initial,
                strip=False,
                widget=forms.Textarea(
                    attrs={"rows": rows, "class": "form-control", "data-testid": f"edit-{name}"}
                ),
            )


class CreditUploadForm(forms.Form):
    date_from = forms.DateField(label=_("Published from"), required=False)
    date_to = forms.DateField(label=_("Published until"), required=False)
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("xlsx", "Excel"), ("csv", "CSV")]
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(label=_("Field to correct"))
    value = forms.CharField(label=_("Corrected text"), widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label=_("Why it is corrected"), widget=forms.Textarea(attrs={"rows": 2}))

    CORRECTABLE = [
        ("party_name", _("party name")),
        ("violation_type", _("type of violation")),
        ("facts", _("facts of the violation")),
        ("basis", _("legal basis of the decision")),
        ("penalty_content", _("content of the decision")),
        ("license_info", _("licence suspended or revoked (name and number)")),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = self.CORRECTABLE
        self.helper = FormHelper()
        self.helper.form_id = "correction-form"
        self.helper.add_input(Submit("correct", _("Preview the correction")))


class WithdrawalForm(forms.Form):
    revoked_on = forms.DateField(
        label=_("Decision changed or revoked on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    withdrawal_reason = forms.CharField(
        label=_("Reason (published)"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "withdrawal-form"
        self.helper.add_input(
            Submit("withdraw", _("Withdraw from the public site"), css_class="btn-danger")
        )


class QuickSelect(forms.Select):
    """A plain <select> rendered in Python.

    Django renders every option through a template; for the sixty agencies of the public
    decision search that was over a third of the whole page's time (bench web_throughput).
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(v), mark_safe(" selected") if str(v) in selected else "", label)
                for v, label in self.choices
            ),
        )
        final = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final), options)


class DecisionSearchForm(forms.Form):
    q = forms.CharField(label=_("Keyword"), required=False, max_length=50)
    agency: "forms.ModelChoiceField[Agency]" = forms.ModelChoiceField(
        label=_("Agency"),
        required=False,
        queryset=None,
        to_field_name="code",
        empty_label=_("All agencies"),
        widget=QuickSelect,
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=QuickSelect)
    date_from = forms.DateField(
        label=_("Published from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Published until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        from powers.models import Agency

        from .models import Publication

        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(is_enforcement_body=True).order_by("code")
        self.fields["agency"].queryset = agencies
        # Options from one plain query (the field's own iterator opens a server-side cursor
        # and builds a model per option); validation still looks the code up in the queryset.
        self.fields["agency"].choices = [
            ("", self.fields["agency"].empty_label),
            *agencies.values_list("code", "name"),
        ]
        self.fields["kind"].choices = [("", _("All kinds")), *Publication.Kind.choices]
        for name, field in self.fields.items():
            css = "form-select" if name in ("agency", "kind") else "form-control"
            field.widget.attrs["class"] = f"{css} form-control-sm"

    @classmethod
    def params_from(cls, query) -> dict:
        """The search parameters of a query string: this form's fields only, the value the
        form itself would read (the last), empty ones left out, in field order. The page's
        rendering depends on these alone, so they are part of its cache key."""
        params = {}
        for name in cls.base_fields:
            value = query.get(name, "")
            if value:
                params[name] = value
        return params

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class ServiceGuideForm(forms.ModelForm):
    class Meta:
        from .models import ServiceGuide

        model = ServiceGuide
        fields = ["conditions", "materials", "fees", "place", "hours", "phone", "complaints"]
        widgets = {
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "materials": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "service-guide-form"
        self.helper.add_input(Submit("save", _("Save and publish")))
