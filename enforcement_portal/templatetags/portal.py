"""Template helpers every page may use (loaded as a builtin)."""

from django import template
from django.utils.safestring import mark_safe

from .. import action_labels, formatting
from ..audit import audit_history

register = template.Library()

register.filter("yuan", formatting.format_yuan)
register.filter("wan_yuan", formatting.format_wan_yuan)
register.filter("rmb_upper", formatting.rmb_upper)
register.filter("cn_date", formatting.cn_date)
register.filter("cn_date_upper", formatting.cn_date_upper)
register.filter("action_label", action_labels.action_label)
register.filter("warning_step_label", action_labels.warning_step_label)


@register.inclusion_tag("core/_audit_history.html")
def audit_timeline(obj, limit=200):
    """The object's history from the audit trail, newest first."""
    events = list(audit_history(obj).order_by("-seq")[:limit])
    return {"events": events}


@register.simple_tag(takes_context=True)
def home_panels(context, public=False):
    from ..registry import home_panels as panels

    request = context["request"]
    return mark_safe("".join(p.render(request) for p in panels(public=public)))  # noqa: S308


@register.simple_tag(takes_context=True)
def object_panels(context, obj):
    """Panels other apps registered for this object's page (see registry.ObjectPanel)."""
    from ..registry import object_panels as panels

    label = f"{obj._meta.app_label}.{obj._meta.model_name}"
    request = context["request"]
    return mark_safe("".join(p.render(request, obj) for p in panels(label)))  # noqa: S308
