"""Escalation: when a warning is orange or red, its agency's leaders (orange and above) and the
discipline supervisors (red) are told once, with the reminders that preceded it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from enforcement_portal.models import User
from enforcement_portal.roles import Role

from ..inbox.models import Message
from ..models import EarlyWarning, Level

WARNING_TYPE = "oversight.earlywarning"


def _history(warning: EarlyWarning) -> list[str]:
    if not warning.subject_id.isdigit():
        return []
    rows = (
        Message.objects.filter(
            category=Message.Category.REMINDER,
            object_type=warning.subject_type,
            object_id=int(warning.subject_id),
        )
        .select_related("recipient")
        .order_by("created_at", "id")
    )
    return [
        _("%(when)s: %(who)s reminded %(lead)s working days before %(due)s")
        % {
            "when": formats.date_format(timezone.localtime(m.created_at), "Y-m-d"),
            "who": m.recipient,
            "lead": m.lead,
            "due": m.due_on.isoformat(),
        }
        for m in rows
    ]


def _text(warning: EarlyWarning, level: str) -> str:
    history = _history(warning)
    lines = [
        _("Warning %(level)s: %(rule)s · %(subject)s (opened %(opened)s). %(detail)s")
        % {
            "level": Level(level).label,
            "rule": warning.rule.name,
            "subject": warning.subject_label,
            "opened": timezone.localdate(warning.opened_at).isoformat(),
            "detail": warning.detail,
        },
        _("Please see that it is handled."),
        _("Reminders before the deadline:") if history else _("No reminder preceded it."),
        *history,
    ]
    return "\n".join(lines)


def _pending(level_kind: str, levels) -> list[EarlyWarning]:
    told = Message.objects.filter(
        category=Message.Category.ESCALATION,
        kind=level_kind,
        object_type=WARNING_TYPE,
        object_id=OuterRef("pk"),
    )
    return list(
        EarlyWarning.objects.filter(status__in=EarlyWarning.OPEN, level__in=levels)
        .exclude(Exists(told))
        .select_related("rule", "officer")
    )


def escalations_send(*, now: dt.datetime | None = None) -> int:
    """Tell leaders of orange and supervisors of red warnings, once each. Returns messages."""
    now = now or timezone.now()
    created = 0
    leaders = {
        (u.agency_id, u.pk)
        for u in User.objects.filter(is_active=True, groups__name=Role.AGENCY_LEADER).only(
            "pk", "agency_id"
        )
    }
    supervisors = list(
        User.objects.filter(is_active=True, groups__name=Role.DISCIPLINE_SUPERVISOR)
        .values_list("pk", flat=True)
        .distinct()
    )
    with translation.override("zh-hans"):
        for level_kind, levels in (
            (Level.ORANGE.value, (Level.ORANGE, Level.RED)),
            (Level.RED.value, (Level.RED,)),
        ):
            for warning in _pending(level_kind, levels):
                agency_id = warning.agency_id or (
                    warning.officer.agency_id if warning.officer else None
                )
                if level_kind == Level.ORANGE:
                    to = [pk for agency, pk in leaders if agency == agency_id]
                else:
                    to = supervisors
                text = _text(warning, level_kind)
                made = Message.objects.bulk_create(
                    [
                        Message(
                            recipient_id=pk,
                            category=Message.Category.ESCALATION,
                            kind=level_kind,
                            object_type=WARNING_TYPE,
                            object_id=warning.pk,
                            label=warning.subject_label[:300],
                            due_on=timezone.localdate(warning.opened_at),
                            text=text,
                            agency_id=agency_id,
                            created_at=now,
                        )
                        for pk in to
                    ],
                    ignore_conflicts=True,
                )
                created += len(made)
    return created


def red_today(*, agency_id=None):
    """Open red warnings (the supervisors' digest; a leader's: their agency's orange and red)."""
    qs = EarlyWarning.objects.filter(status__in=EarlyWarning.OPEN)
    if agency_id is None:
        return qs.filter(level=Level.RED)
    return qs.filter(Q(agency_id=agency_id), level__in=(Level.ORANGE, Level.RED))
