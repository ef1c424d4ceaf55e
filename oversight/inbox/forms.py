"""The delivery choice per kind of message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..reminders.registry import all_kinds
from .models import Delivery, DeliveryPreference


def preference_kinds() -> list[tuple[str, str]]:
    kinds = [(code, str(spec.name)) for code, spec in all_kinds().items()]
    return [
        *kinds,
        ("escalation", str(_("Escalations of warnings"))),
        ("digest", str(_("Daily digest"))),
    ]


class PreferencesForm(forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = dict(DeliveryPreference.objects.filter(user=user).values_list("kind", "mode"))
        from ..reminders.conf import default_delivery

        for code, name in preference_kinds():
            choices = (
                Delivery.choices
                if code != "digest"
                else [
                    (Delivery.INBOX, Delivery.INBOX.label),
                    (Delivery.EMAIL, Delivery.EMAIL.label),
                ]
            )
            self.fields[code] = forms.ChoiceField(
                label=name,
                choices=choices,
                initial=chosen.get(
                    code, default_delivery() if code != "digest" else Delivery.EMAIL
                ),
            )
