"""A process template drawn as an SVG flowchart by the portal itself (no external service)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, BOX_W, BOX_H, GAP, TOP = 560, 440, 76, 30, 20


def flowchart_svg(template, nodes=None) -> SafeString:
    """Nodes top to bottom; conditional nodes dashed, gates and time limits written beside."""
    nodes = list(nodes if nodes is not None else template.nodes.all())
    height = TOP * 2 + len(nodes) * (BOX_H + GAP)
    x = (WIDTH - BOX_W) // 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" class="flowchart" '
        f'aria-label="{escape(template.name)}" data-testid="flowchart">',
        '<defs><marker id="arrow" markerWidth="10" markerHeight="10" refX="5" refY="5" '
        'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#0b3d91"/></marker></defs>',
    ]
    for i, node in enumerate(nodes):
        y = TOP + i * (BOX_H + GAP)
        dash = ' stroke-dasharray="6 4"' if node.condition != "always" else ""
        fill = "#fff4e5" if node.av_required else "#eef3fb"
        parts.append(
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="8" fill="{fill}" '
            f'stroke="#0b3d91" stroke-width="1.5"{dash}/>'
        )
        title = f"{i + 1}. {node.name}"
        if node.time_limit:
            title += f"（{node.time_limit_display}）"
        parts.append(
            f'<text x="{WIDTH // 2}" y="{y + 24}" text-anchor="middle" font-size="16" '
            f'font-weight="bold" fill="#0b3d91">{escape(title)}</text>'
        )
        who = _("Responsible: %(r)s · Implementer: %(i)s") % {
            "r": node.responsible_post,
            "i": node.implementer,
        }
        parts.append(
            f'<text x="{WIDTH // 2}" y="{y + 46}" text-anchor="middle" font-size="12" '
            f'fill="#333">{escape(who)}</text>'
        )
        notes = []
        if node.condition != "always":
            notes.append(str(node.get_condition_display()))
        if node.av_required:
            notes.append(_("audio/video"))
        if notes:
            parts.append(
                f'<text x="{WIDTH // 2}" y="{y + 66}" text-anchor="middle" font-size="11" '
                f'fill="#b31b1b">{escape("；".join(notes))}</text>'
            )
        if i < len(nodes) - 1:
            y1, y2 = y + BOX_H, y + BOX_H + GAP - 4
            parts.append(
                f'<line x1="{WIDTH // 2}" y1="{y1}" x2="{WIDTH // 2}" y2="{y2}" '
                f'stroke="#0b3d91" stroke-width="1.5" marker-end="url(#arrow)"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
