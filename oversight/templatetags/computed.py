"""`{% computed_note %}`: when a page's figures were computed and when warnings were last scanned.

The dashboard's and warning list's figures are queried when the page is rendered; the warnings
themselves are as fresh as the last scan (the scheduled ``oversight.scan_warnings``, which
appends ``warnings.scan`` to the audit trail). A reader sees both moments.
"""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from enforcement_portal.models import AuditEvent

register = template.Library()

SCAN_ACTION = "warnings.scan"


def last_scan_at():
    return (
        AuditEvent.objects.filter(action=SCAN_ACTION)
        .order_by("-seq")
        .values_list("created_at", flat=True)
        .first()
    )


def _stamp(moment) -> str:
    return timezone.localtime(moment).strftime("%Y年%-m月%-d日 %H:%M")


@register.simple_tag
def computed_note():
    scanned = last_scan_at()
    scan_text = (
        _("warnings last scanned %(time)s") % {"time": _stamp(scanned)}
        if scanned
        else _("warnings not scanned yet")
    )
    return format_html(
        '<p class="small text-muted" data-testid="computed-at">{}；{}</p>',
        _("Figures computed %(time)s") % {"time": _stamp(timezone.now())},
        scan_text,
    )
