from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import EarlyWarning

ALLOWED_ATTACHMENTS = {b"%PDF": "pdf", b"\x89PNG": "png", b"\xff\xd8\xff": "jpg"}


class HandlingForm(forms.Form):
    handling = forms.ChoiceField(label=_("Handling"), choices=EarlyWarning.Handling.choices)
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(label=_("Attachment (PDF or image)"), required=False)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return upload
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        head = upload.read(8)
        upload.seek(0)
        if not any(head.startswith(magic) for magic in ALLOWED_ATTACHMENTS):
            raise forms.ValidationError(_("Only PDF, PNG or JPEG files are accepted."))
        return upload
