"""The daily digest: one message a day to each discipline supervisor (the city's red
warnings and the reminders running in it), each agency leader (their agency's orange and red
warnings and running reminders), and anyone who chose the digest for a kind (those messages)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from enforcement_portal.models import User
from enforcement_portal.roles import Role

from ..reminders.escalation import red_today
from ..reminders.registry import all_kinds
from .models import Message

DIGEST_LINES = 200  # the most items one digest lists; the count says how many more


def _reminder_counts(agency_id=None) -> list[str]:
    qs = Message.objects.filter(category=Message.Category.REMINDER, done_at__isnull=True)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    kinds = all_kinds()
    counts = qs.values("kind").annotate(n=Count("object_id", distinct=True)).order_by("kind")
    return [
        _("%(kind)s: %(n)s deadlines due soon")
        % {"kind": kinds[row["kind"]].name if row["kind"] in kinds else row["kind"], "n": row["n"]}
        for row in counts
    ]


def _warning_lines(warnings) -> list[str]:
    rows = list(warnings.select_related("rule").order_by("-opened_at")[: DIGEST_LINES + 1])
    lines = [
        f"[{w.get_level_display()}] {w.rule.name} · {w.subject_label} · {w.detail}"
        for w in rows[:DIGEST_LINES]
    ]
    if len(rows) > DIGEST_LINES:
        lines.append(_("… and more in the warning list."))
    return lines


def _scope_text(user, today: dt.date) -> str:
    if user.has_role(Role.DISCIPLINE_SUPERVISOR):
        warnings, reminders = red_today(), _reminder_counts()
        head = _("Red warnings today (%(n)s):")
    else:
        warnings, reminders = red_today(agency_id=user.agency_id), _reminder_counts(user.agency_id)
        head = _("Orange and red warnings of your agency today (%(n)s):")
    lines = _warning_lines(warnings)
    if not lines and not reminders:
        return ""
    parts = [head % {"n": warnings.count()}, *lines]
    if reminders:
        parts += [_("Deadlines due soon in your scope:"), *reminders]
    return "\n".join(parts)


def _own_text(user) -> tuple[str, list[int]]:
    rows = list(
        Message.objects.filter(
            recipient=user, mail_status=Message.Mail.DIGEST, mailed_at__isnull=True
        ).order_by("due_on", "id")[:DIGEST_LINES]
    )
    if not rows:
        return "", []
    return "\n".join([_("Your messages:"), *(m.text for m in rows)]), [m.pk for m in rows]


def digests_send(*, today: dt.date | None = None, now: dt.datetime | None = None) -> int:
    """Create today's digests (once per user and day). Returns how many were created."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    scoped = set(
        User.objects.filter(
            is_active=True, groups__name__in=[Role.DISCIPLINE_SUPERVISOR, Role.AGENCY_LEADER]
        ).values_list("pk", flat=True)
    )
    own = set(
        Message.objects.filter(mail_status=Message.Mail.DIGEST, mailed_at__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    done_today = set(
        Message.objects.filter(category=Message.Category.DIGEST, due_on=today).values_list(
            "recipient_id", flat=True
        )
    )
    created = 0
    with translation.override("zh-hans"):
        for user in User.objects.filter(pk__in=(scoped | own) - done_today).order_by("pk"):
            parts = []
            if user.pk in scoped:
                parts.append(_scope_text(user, today))
            own_text, own_ids = _own_text(user) if user.pk in own else ("", [])
            parts.append(own_text)
            body = "\n\n".join(p for p in parts if p)
            if not body:
                continue
            made = Message.objects.bulk_create(
                [
                    Message(
                        recipient=user,
                        category=Message.Category.DIGEST,
                        kind="digest",
                        label=_("Digest of %(day)s") % {"day": today.isoformat()},
                        due_on=today,
                        text=body,
                        agency_id=user.agency_id,
                        created_at=now,
                    )
                ],
                ignore_conflicts=True,
            )
            Message.objects.filter(pk__in=own_ids).update(mailed_at=now)
            created += len(made)
    return created
