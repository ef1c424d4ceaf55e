"""Forms of the power registry (crispy, bootstrap5). Rules live in services, not here."""

from __future__ import annotations

from typing import cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .citations import Citation, CitationError, parse_lines
from .models import FilingBatch, Power, Provision, Regulation
from .spreadsheet import kind_of


def _helper(form_id: str, label) -> FormHelper:
    helper = FormHelper()
    helper.form_id = form_id
    helper.add_input(Submit("submit", label, css_class="btn-primary"))
    return helper


class BatchForm(forms.ModelForm):
    class Meta:
        model = FilingBatch
        fields = ["title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("batch-form", _("Create batch"))


class PowerForm(forms.Form):
    code = forms.CharField(label=_("power code"), max_length=60)
    name = forms.CharField(label=_("power name"), max_length=300)
    category = forms.ChoiceField(label=_("category"), choices=Power.Category.choices)
    bases = forms.CharField(
        label=_("legal bases"),
        widget=forms.Textarea(attrs={"rows": 4, "data-testid": "bases-input"}),
        help_text=_(
            "One per line, e.g. 《中华人民共和国食品安全法》第三十五条第一款（设定依据）. "
            "Search the ledger below to add lines."
        ),
    )
    procedure = forms.CharField(
        label=_("enforcement method / procedure"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    execution_standard = forms.CharField(
        label=_("execution standard"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsible_post = forms.CharField(label=_("responsible post"), max_length=200, required=False)
    time_limit = forms.CharField(label=_("promised time limit"), max_length=100, required=False)
    remarks = forms.CharField(
        label=_("remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    batch = forms.ModelChoiceField(label=_("filing batch"), queryset=FilingBatch.objects.none())

    def __init__(self, *args, batches=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["batch"]).queryset = (
            batches if batches is not None else FilingBatch.objects.none()
        )
        if editing:
            self.fields["code"].disabled = True
        self.helper = _helper("power-form", _("Save"))

    def clean_bases(self) -> list[Citation]:
        try:
            citations = parse_lines(self.cleaned_data["bases"])
        except CitationError as exc:
            raise forms.ValidationError(
                _("Cannot read “%(line)s”; write 《标题》第二十五条第一款（处罚依据）.")
                % {"line": exc.text}
            ) from exc
        if not citations:
            raise forms.ValidationError(_("Give at least one legal basis."))
        return citations


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("register", _("Register")), ("return", _("Return"))], widget=forms.HiddenInput
    )
    comment = forms.CharField(
        label=_("review comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("power list file"),
        help_text=_("XLSX or CSV with the columns 序号, 权力编码, 权力名称 ... 备注."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("import-form", _("Import"))
        self.helper.attrs = {"enctype": "multipart/form-data"}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not kind_of(upload.name):
            raise forms.ValidationError(_("Only .xlsx and .csv files can be imported."))
        if upload.size > settings.SPREADSHEET_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return upload


class RegulationForm(forms.ModelForm):
    class Meta:
        model = Regulation
        fields = [
            "title",
            "level",
            "issuing_body",
            "promulgated_on",
            "effective_on",
            "status",
            "superseded_by",
        ]
        widgets = {
            "promulgated_on": forms.DateInput(attrs={"type": "date"}),
            "effective_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].help_text = _(
            "Without the book-title marks, e.g. 中华人民共和国食品安全法."
        )
        self.helper = _helper("regulation-form", _("Save"))


class ProvisionForm(forms.ModelForm):
    class Meta:
        model = Provision
        fields = ["article", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("provision-form", _("Add article"))

    def clean_article(self):
        from .citations import is_article

        article = self.cleaned_data["article"].replace(" ", "")
        if not is_article(article):
            raise forms.ValidationError(_("Write the article like 第二十五条第一款."))
        return article
