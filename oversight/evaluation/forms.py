"""Forms of evaluation (考评): opening a period."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..supervision.forms import DATE
from .models import EvaluationPeriod


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Period"), choices=EvaluationPeriod.Kind.choices)
    day = forms.DateField(label=_("Any day in the period"), widget=DATE)
