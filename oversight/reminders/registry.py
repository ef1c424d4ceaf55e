"""The reminder-kind registry: kind modules register here, the engine reads from here.

A kind is one function decorated with ``@reminder_kind(...)``. It takes ``today`` and returns
the running deadlines of its kind as ONE queryset of ``values()`` rows named

    rem_object  the object's primary key (the thing the deadline is about)
    rem_due     the last day (a date)
    rem_label   what the recipient reads first (a case number and title, a decision number)
    rem_agency  the object's agency (the digest's and the escalation's scope), may be NULL
    rem_case    the case, when the recipients are its officers (else NULL)

(``rows()`` below builds them; the prefix keeps them clear of the models' own field names.)

``recipients`` says who is told: ``CASE_OFFICERS`` (the case's officers with a portal
account) and/or ``role(Role.X)`` (the holders of the role in the object's agency; for an
object whose agency_ref is NULL, the city-level holders without an agency). The engine joins
the rows to the recipients in SQL. So a new kind is one registered function:

    @reminder_kind(code="hearing_notice", name=_("Hearing notice"), action=_("serve it"),
                   object_type="workflows.case", recipients=(CASE_OFFICERS,))
    def hearing_notice(today):
        return case_rows(Case.objects.filter(...), "hearing_notice_due")

and, when its lead times are not 3 and 1 working days, a line in
``OVERSIGHT_REMINDER_LEADS``. Add the module to ``KIND_MODULES`` when it is a new one.
A deadline that is a function of a stored date rather than a column (5 working days after a
receipt) passes ``due=`` the CASE expression of ``dates.workday_map``/``dates.date_map``, and
filters with its ``q()`` (kinds_procedure.py); ``text=`` gives a kind its own message.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, IntegerField, Value

KIND_MODULES = ("oversight.reminders.kinds", "oversight.reminders.kinds_procedure")

CASE_OFFICERS = "case_officers"


def role(name: str) -> tuple[str, str]:
    return ("role", str(name))


@dataclass(frozen=True)
class ReminderKind:
    code: str
    name: Any
    action: Any  # what to do, as a verb phrase: "make the decision or ask for an extension"
    object_type: str  # the same "app.model" the warning rules use for this object
    deadlines: Callable[..., Any]  # (today) -> QuerySet of the five named values
    recipients: tuple = (CASE_OFFICERS,)
    setting: str = "OVERSIGHT_REMINDER_LEADS"
    # The message, when "<label>: <action> by <due>." does not say it (placeholders
    # %(label)s, %(due)s and %(action)s); a lazy translation like the name.
    text: Any = None


KINDS: dict[str, ReminderKind] = {}


def reminder_kind(**kwargs) -> Callable:
    """Register the decorated function as the running deadlines of a reminder kind."""

    def register(fn):
        spec = ReminderKind(deadlines=fn, **kwargs)
        KINDS[spec.code] = spec
        return fn

    return register


def all_kinds() -> dict[str, ReminderKind]:
    for name in KIND_MODULES:
        importlib.import_module(name)
    return KINDS


def rows(qs, *, due, label, agency: str = "agency_id", case: str | None = None, obj="pk"):
    """``qs`` as the five named values a kind returns; ``due`` is a field name or an
    expression (``dates.DateMap.due()``)."""
    return qs.order_by().values(
        rem_object=F(obj),
        rem_due=F(due) if isinstance(due, str) else due,
        rem_label=label,
        rem_agency=F(agency),
        rem_case=F(case) if case else Value(None, output_field=IntegerField()),
    )
