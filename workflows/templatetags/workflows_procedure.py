"""``{% procedure_for case as p %}``: what the case page's procedure section shows."""

from django import template

from ..selectors_procedure import procedure_for as _procedure_for

register = template.Library()


@register.simple_tag
def procedure_for(case):
    return _procedure_for(case)
