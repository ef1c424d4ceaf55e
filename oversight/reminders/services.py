"""The reminder job: for every kind, tell the people responsible a set number of working days
before each running deadline ends, and mark the reminders done once it is met. Set-based.

Per kind and lead time, one ``INSERT … SELECT … ON CONFLICT DO NOTHING`` joins the kind's
running deadlines that fall in the lead's window to their recipients and inserts one inbox
message each; the unique key (recipient, kind, object, lead, due date) makes a rerun or a
concurrent run insert nothing twice. Windows do not overlap: with leads 3 and 1, a deadline
due within 1 working day gets the 1-day reminder, one due in 2 or 3 working days the 3-day
one; a deadline first seen when it is 1 day away gets only the 1-day reminder. One
``UPDATE … WHERE NOT EXISTS`` then marks done every open reminder whose (object, due date) is
no longer a running deadline: met, or moved by an extension (the new date gets its own).
Both PostgreSQL and SQLite (``make run``) accept the statements.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from enforcement_portal.audit import audit_append
from enforcement_portal.models import User
from enforcement_portal.workdays import add_workdays
from powers.models import Officer

from ..inbox.models import Message
from .conf import lead_days
from .registry import CASE_OFFICERS, ReminderKind, all_kinds

KEYS = ("rem_object", "rem_due", "rem_label", "rem_agency", "rem_case")
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
REMINDER_TEXT = _("%(label)s: %(action)s by %(due)s.")


@dataclass
class ReminderResult:
    per_kind: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def sent(self) -> int:
        return sum(r["sent"] for r in self.per_kind.values())

    @property
    def done(self) -> int:
        return sum(r["done"] for r in self.per_kind.values())


def _q(model, name: str | None = None) -> str:
    meta = model._meta
    if name is None:
        return connection.ops.quote_name(meta.db_table)
    return connection.ops.quote_name(meta.get_field(name).column)


def recipients_sql(deadlines_sql: str, recipients) -> str:
    """SELECT d.*, user AS user_ref for each recipient descriptor, as one UNION ALL."""
    parts = []
    for who in recipients:
        if who == CASE_OFFICERS:
            parts.append(
                f"SELECT d.*, o.{_q(Officer, 'user')} AS user_ref FROM ({deadlines_sql}) d "  # noqa: S608
                f"JOIN {_q(Officer.cases.through)} co "
                f"ON co.{_q(Officer.cases.through, 'case')} = d.rem_case "
                f"JOIN {_q(Officer)} o ON o.{_q(Officer, 'id')} = "
                f"co.{_q(Officer.cases.through, 'officer')} "
                f"JOIN {_q(User)} u ON u.{_q(User, 'id')} = o.{_q(Officer, 'user')} "
                f"WHERE u.{_q(User, 'is_active')} = %s"
            )
        else:
            _kind, role_name = who
            through = User.groups.through
            parts.append(
                f"SELECT d.*, u.{_q(User, 'id')} AS user_ref FROM ({deadlines_sql}) d "  # noqa: S608
                f"JOIN {_q(User)} u ON (u.{_q(User, 'agency')} = d.rem_agency OR "
                f"(d.rem_agency IS NULL AND u.{_q(User, 'agency')} IS NULL)) "
                f"JOIN {_q(through)} ug ON ug.{_q(through, 'user')} = u.{_q(User, 'id')} "
                f"JOIN {_q(Group)} g ON g.{_q(Group, 'id')} = ug.{_q(through, 'group')} "
                f"WHERE u.{_q(User, 'is_active')} = %s AND g.{_q(Group, 'name')} = "
                f"'{role_name.replace(chr(39), '')}'"
            )
    return " UNION ALL ".join(parts)


def _text_sql(action: str, template: str | None = None) -> tuple[str, list]:
    """The reminder's text as an SQL ``||`` of the translated template's pieces."""
    template = template or str(REMINDER_TEXT)
    values = {
        "label": "COALESCE(r.rem_label, '')",
        "due": "CAST(r.rem_due AS VARCHAR(10))",
        "action": "%s",
    }
    pieces, params, position = [], [], 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > position:
            pieces.append("%s")
            params.append(template[position : match.start()])
        pieces.append(values[match.group(1)])
        if match.group(1) == "action":
            params.append(action)
        position = match.end()
    if position < len(template):
        pieces.append("%s")
        params.append(template[position:])
    return " || ".join(f"CAST({p} AS TEXT)" if p == "%s" else p for p in pieces), params


_COLUMNS = (
    "recipient",
    "category",
    "kind",
    "object_type",
    "object_id",
    "label",
    "due_on",
    "lead",
    "text",
    "agency",
    "created_at",
    "mail_status",
)


def insert_statement(
    spec: ReminderKind, sql: str, params: tuple, *, lead: int, window: tuple, now: dt.datetime
) -> tuple[str, list]:
    """INSERT the reminders of ``lead`` for the deadlines due in ``window`` = (after, until)."""
    table = _q(Message)
    columns = ", ".join(_q(Message, c) for c in _COLUMNS)
    conflict = ", ".join(
        _q(Message, c)
        for c in ("recipient", "category", "kind", "object_type", "object_id", "lead", "due_on")
    )
    text_sql, text_params = _text_sql(str(spec.action), str(spec.text) if spec.text else None)
    adapt = connection.ops.adapt_datefield_value
    after, until = window
    statement = (
        f"INSERT INTO {table} ({columns}) "  # noqa: S608 (quoted names, compiled SQL)
        f"SELECT r.user_ref, %s, %s, %s, r.rem_object, SUBSTR(COALESCE(r.rem_label, ''), 1, 300), "
        f"r.rem_due, %s, {text_sql}, r.rem_agency, %s, %s "
        f"FROM ({recipients_sql(sql, spec.recipients)}) r "
        "WHERE r.rem_due > %s AND r.rem_due <= %s AND r.user_ref IS NOT NULL "
        f"ON CONFLICT ({conflict}) DO NOTHING"
    )
    values = [
        Message.Category.REMINDER.value,
        spec.code,
        spec.object_type,
        lead,
        *text_params,
        connection.ops.adapt_datetimefield_value(now),
        Message.Mail.NEW.value,
    ]
    # The recipients' SQL repeats the deadlines' parameters once per recipient descriptor.
    for _who in spec.recipients:
        values.extend([*params, True])
    values.extend([adapt(after), adapt(until)])
    return statement, values


def windows(leads: tuple[int, ...], today: dt.date) -> list[tuple[int, tuple[dt.date, dt.date]]]:
    """[(lead, (after, until))]: a deadline due in (after, until] gets the ``lead`` reminder."""
    result = []
    ends = [add_workdays(today, n) if n else today for n in leads]
    for i, lead in enumerate(leads):
        after = ends[i + 1] if i + 1 < len(leads) else today - dt.timedelta(days=1)
        result.append((lead, (after, ends[i])))
    return result


def remind_kind(spec: ReminderKind, *, today: dt.date, now: dt.datetime) -> dict[str, int]:
    with translation.override("zh-hans"), transaction.atomic():
        deadlines = spec.deadlines(today)
        sql, params = deadlines.values(*KEYS).query.sql_with_params()
        sent = 0
        with connection.cursor() as cursor:
            for lead, window in windows(lead_days(spec.code), today):
                cursor.execute(
                    *insert_statement(spec, sql, params, lead=lead, window=window, now=now)
                )
                sent += max(cursor.rowcount, 0)
        # Open reminders whose (object, due date) is no longer a running deadline: met.
        running = deadlines
        done = (
            Message.objects.filter(
                category=Message.Category.REMINDER, kind=spec.code, done_at__isnull=True
            )
            .exclude(
                Exists(running.filter(rem_object=OuterRef("object_id"), rem_due=OuterRef("due_on")))
            )
            .update(done_at=now)
        )
    return {"sent": sent, "done": done}


def reminders_send(
    *, today: dt.date | None = None, now: dt.datetime | None = None, codes=None
) -> ReminderResult:
    """Run every reminder kind (or those in ``codes``). Safe to run twice or concurrently."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    result = ReminderResult()
    for code, spec in all_kinds().items():
        if codes and code not in codes:
            continue
        result.per_kind[code] = remind_kind(spec, today=today, now=now)
    audit_append(
        action="reminders.run",
        object_type="oversight.reminders",
        object_id=today.isoformat(),
        changes={"sent": result.sent, "done": result.done},
    )
    return result


def reminders_settle_for(*, user, now: dt.datetime | None = None) -> int:
    """Mark done this user's open reminders whose deadline is met (when they open the inbox,
    so an officer who just acted sees it without waiting for the next run)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    done = 0
    open_kinds = set(
        Message.objects.filter(
            recipient=user, category=Message.Category.REMINDER, done_at__isnull=True
        ).values_list("kind", flat=True)
    )
    kinds = all_kinds()
    for code in open_kinds & set(kinds):
        running = kinds[code].deadlines(today)
        done += (
            Message.objects.filter(
                recipient=user,
                category=Message.Category.REMINDER,
                kind=code,
                done_at__isnull=True,
            )
            .exclude(
                Exists(running.filter(rem_object=OuterRef("object_id"), rem_due=OuterRef("due_on")))
            )
            .update(done_at=now)
        )
    return done
