"""Type-ahead pickers: a <select> that static/js/pickers.js turns into a Tom Select box
(static/vendor/tom-select, served by the portal; no CDN, no inline script).

``Picker()`` searches the field's own choices in the page, so it offers exactly what the
form's queryset allows. ``Picker(url=...)`` renders only the chosen options and asks the URL
(a JSON view that checks its ``rules`` permission and returns the same queryset) as the user
types: for lists too long to send with the page. The form still validates the choice
against its queryset either way.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class Picker(forms.Select):
    def __init__(self, attrs: dict[str, Any] | None = None, *, url: Any = None) -> None:
        attrs = {
            "data-picker": "",
            "data-picker-empty": _("Nothing found: type another part of the name or number."),
            "data-picker-placeholder": _("Type to search"),
            "data-picker-remove": _("Remove"),
            **(attrs or {}),
        }
        super().__init__(attrs)
        self.url = url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.url:
            context["widget"]["attrs"]["data-picker-url"] = str(self.url)
        return context

    def optgroups(self, name, value, attrs=None):
        if not self.url:
            return super().optgroups(name, value, attrs)
        # Remote search: the page carries only what is chosen (and the empty choice).
        full = self.choices
        self.choices = list(self._chosen(full, value))
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = full

    def _chosen(self, choices, value):
        wanted = {str(v) for v in value if v not in ("", None)}
        field = getattr(choices, "field", None)
        if field is None:  # plain choices: keep the chosen ones
            yield from (c for c in choices if str(c[0]) in wanted or c[0] == "")
            return
        if field.empty_label is not None and not self.allow_multiple_selected:
            yield ("", field.empty_label)
        keys = [v for v in wanted if v.isdigit()]
        if keys:
            yield from (choices.choice(obj) for obj in choices.queryset.filter(pk__in=keys))


class MultiPicker(Picker, forms.SelectMultiple):
    """Several choices, each shown as a removable tag."""
