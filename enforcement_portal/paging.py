"""Keyset (cursor) paging: no OFFSET and no COUNT(*), so page 10,000 costs what page 1 does.

The cursor is an opaque, URL-safe token holding the sort values of the last row shown.
Orderings must end in a unique field (normally ``-id``) so rows never tie.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet


class InvalidCursor(ValueError):
    """The cursor token was not made by this pager (tampered or truncated)."""


@dataclass
class KeysetPage:
    items: list
    next_cursor: str | None
    size: int

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None


def _encode(values: list[Any]) -> str:
    def plain(value):
        if isinstance(value, dt.datetime | dt.date):
            return {"d": value.isoformat()}
        if isinstance(value, Decimal):
            return {"n": str(value)}
        return value

    raw = json.dumps([plain(v) for v in values], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(token: str, queryset: QuerySet, fields: list[str]) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursor(token) from exc
    if not isinstance(values, list) or len(values) != len(fields):
        raise InvalidCursor(token)
    out = []
    for name, value in zip(fields, values, strict=True):
        field = queryset.model._meta.get_field(name)
        if isinstance(value, dict):
            value = value.get("d") or value.get("n")
        try:
            out.append(field.to_python(value))
        except Exception as exc:  # a malformed value in a hand-edited cursor
            raise InvalidCursor(token) from exc
    return out


def keyset_page(
    queryset: QuerySet, *, ordering: tuple[str, ...], cursor: str | None = None, size: int = 20
) -> KeysetPage:
    """One page of ``queryset`` in ``ordering`` after ``cursor``. Raises InvalidCursor."""
    fields = [f.lstrip("-") for f in ordering]
    queryset = queryset.order_by(*ordering)
    if cursor:
        values = _decode(cursor, queryset, fields)
        after = Q()
        for index, name in enumerate(fields):
            lookup = "lt" if ordering[index].startswith("-") else "gt"
            clause = Q(**{f"{name}__{lookup}": values[index]})
            for prev in range(index):
                clause &= Q(**{fields[prev]: values[prev]})
            after |= clause
        # The redundant bound on the leading column lets the database start an index range
        # scan at the cursor instead of filtering every row for the OR.
        first = "lte" if ordering[0].startswith("-") else "gte"
        queryset = queryset.filter(Q(**{f"{fields[0]}__{first}": values[0]}), after)
    rows = list(queryset[: size + 1])
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = _encode([getattr(last, name) for name in fields])
    return KeysetPage(items=rows, next_cursor=next_cursor, size=size)
