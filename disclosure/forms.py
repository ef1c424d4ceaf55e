from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import InspectionItem


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
