"""Forms of oversight: the public report form, receipt-code forms and the handlers' forms."""

from __future__ import annotations

from typing import cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powers.models import Agency, Officer

from .conf import setting
from .models import Report, ViolationType
from .uploads import clean_image


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PicturesField(forms.FileField):
    """Several pictures; each is checked by content and stripped of metadata."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"})

    def clean(self, data, initial=None):
        uploads = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        limit = setting("REPORTS_UPLOAD_MAX_FILES")
        if len(uploads) > limit:
            raise forms.ValidationError(_("At most %(n)s pictures.") % {"n": limit})
        cleaned, errors = [], []
        for upload in uploads:
            try:
                cleaned.append(clean_image(upload))
            except forms.ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class ReportForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agency reported on"),
        queryset=Agency.objects.filter(is_enforcement_body=True).order_by("code"),
    )
    officer_certificate = forms.CharField(
        label=_("Officer's certificate number (optional)"),
        max_length=30,
        required=False,
        help_text=_("If you know it: the number on the officer's enforcement certificate."),
    )
    case_number = forms.CharField(
        label=_("Case or decision number (optional)"), max_length=60, required=False
    )
    # No category is preselected: the reporter chooses one (an empty first option).
    violation_type = forms.ChoiceField(
        label=_("What kind of conduct"),
        choices=[("", _("Choose the kind of conduct")), *ViolationType.choices],
        error_messages={"required": _("Choose the kind of conduct.")},
    )
    subject = forms.CharField(label=_("Subject"), max_length=120)
    description = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text=_(
            "Who did what, when and where. Do not write your own name here if you want to stay anonymous."
        ),
    )
    happened_on = forms.DateField(
        label=_("When it happened"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    place = forms.CharField(label=_("Where it happened"), max_length=200, required=False)
    pictures = PicturesField(
        label=_("Photos (optional)"),
        required=False,
        help_text=_(
            "JPEG, PNG, WebP or GIF, up to 5 files of 10 MB each. Location and camera data are "
            "removed. Photograph documents rather than uploading them."
        ),
    )
    is_anonymous = forms.TypedChoiceField(
        label=_("Report anonymously?"),
        choices=[("1", _("Yes, anonymously")), ("0", _("No, give my name and contact"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    reporter_name = forms.CharField(label=_("Your name"), max_length=50, required=False)
    reporter_contact = forms.CharField(
        label=_("Your telephone or address"), max_length=100, required=False
    )
    challenge = forms.CharField(widget=forms.HiddenInput, required=False)
    proof = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, challenge: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if challenge:
            self.renew_challenge(challenge)

    def renew_challenge(self, challenge: dict) -> None:
        """Show a fresh challenge, also when the form comes back with errors."""
        self.fields["challenge"].widget.attrs["data-bits"] = str(challenge["bits"])
        self.initial["challenge"] = challenge["token"]
        if self.is_bound:
            self.errors  # noqa: B018 -- validate the submitted values before replacing them
            # Bound to request.POST: a QueryDict, whose copy() is mutable.
            data = cast(QueryDict, self.data).copy()
            data["challenge"] = challenge["token"]
            data["proof"] = ""
            self.data = data

    def clean_happened_on(self):
        day = self.cleaned_data.get("happened_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return day

    def clean_officer_certificate(self):
        number = self.cleaned_data.get("officer_certificate", "").strip().upper()
        if not number:
            return None
        officer = Officer.objects.filter(certificate_number=number).first()
        if officer is None:
            raise forms.ValidationError(
                _("No officer has this certificate number; leave it empty if unsure.")
            )
        return officer

    def clean(self):
        data = super().clean()
        officer, agency = data.get("officer_certificate"), data.get("agency")
        if officer and agency and officer.agency_id != agency.pk:
            self.add_error(
                "officer_certificate", _("This officer belongs to %(a)s.") % {"a": officer.agency}
            )
        if data.get("is_anonymous") is False:
            if not data.get("reporter_name", "").strip():
                self.add_error("reporter_name", _("Give your name, or choose to stay anonymous."))
            if not data.get("reporter_contact", "").strip():
                self.add_error(
                    "reporter_contact", _("Give a contact, or choose to stay anonymous.")
                )
        data["officer"] = data.pop("officer_certificate", None)
        return data


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "receipt-form"
        self.helper.form_action = "reports_public:follow"
        self.helper.add_input(Submit("open", _("Open my report")))


class AddInformationForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Add information"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
    pictures = PicturesField(label=_("Photos (optional)"), required=False)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply to the reporter"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for not accepting"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Extend by (days)"), min_value=1, max_value=30)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Report.Outcome.choices)
    conclusion = forms.CharField(
        label=_("Conclusion for the reporter"), widget=forms.Textarea(attrs={"rows": 4})
    )
    resulting_case_number = forms.CharField(
        label=_("Case it led to (number)"), max_length=60, required=False
    )
    penalty_amount = forms.DecimalField(
        label=_("Penalty imposed (yuan)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )


class LinkCaseForm(forms.Form):
    case_number = forms.CharField(label=_("Case it led to (number)"), max_length=60)


class IdentityRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you need the reporter's identity"), widget=forms.Textarea(attrs={"rows": 3})
    )


class IdentityDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class RewardDecisionForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Reward (yuan)"), min_value=1, max_digits=12, decimal_places=2
    )
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 3}))


class RewardPaymentForm(forms.Form):
    identity_checked = forms.BooleanField(
        label=_("I checked the claimant's receipt code and identity in person"), required=True
    )
    payment_reference = forms.CharField(label=_("Payment reference"), max_length=60)
