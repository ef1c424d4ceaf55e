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


@register.inclusion_tag("core/_breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *trail):
    """The trail above a detail page, home first (docs/development.md, "Breadcrumbs"):
    ``{% breadcrumbs "workflows:case_list" _("Cases") case.number %}`` is (list URL name or
    path, label) pairs, then the current page's own name, which is not a link."""
    from django.urls import reverse

    *pairs, current = trail
    links = [(reverse("home"), _home_label(context))]
    for target, label in zip(pairs[::2], pairs[1::2], strict=True):
        target = str(target)
        links.append((target if target.startswith("/") else reverse(target), label))
    return {"links": links, "current": current}


def _home_label(context):
    from django.utils.translation import gettext as _

    user = context.get("user")
    return _("My desk") if user is not None and user.is_authenticated else _("Home")
