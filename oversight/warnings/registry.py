"""The warning-rule registry: rule modules register here, the engine reads from here.

A rule module decorates each rule function with ``@rule(...)``; ``all_rules()`` imports every
module named in ``RULE_MODULES`` once and returns the registry. So no rule module imports
another, and adding a module means adding its name here.

Also the helpers rule modules share to build a candidate's texts in SQL: ``text(...)`` turns
a translatable template with ``%(name)s`` placeholders into a ``Concat`` (the scan runs with
Chinese active, so the stored detail is Chinese), and ``yuan(...)`` formats an amount the way
``enforcement_portal.formatting.format_yuan`` does, the same on PostgreSQL and SQLite.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from enforcement_portal.formatting import YuanText

RULE_MODULES = (
    "oversight.warnings.rules",
    "oversight.warnings.rules_cases",
    "oversight.warnings.rules_integrity",
    "oversight.warnings.rules_execution",
    "oversight.warnings.rules_procedure",
    "oversight.warnings.rules_limits",
)


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: Any
    description: Any
    level: str
    subject_type: str
    candidates: Callable[..., Any]  # (rule row, today) -> QuerySet of dicts or list of dicts
    threshold: int | None = None
    window_days: int | None = None
    orange_after_days: int = 7
    red_after_days: int = 21


RULES: dict[str, RuleSpec] = {}


def rule(**kwargs) -> Callable:
    """Register the decorated function as the candidates of a warning rule."""

    def register(fn):
        spec = RuleSpec(candidates=fn, **kwargs)
        RULES[spec.code] = spec
        return fn

    return register


def all_rules() -> dict[str, RuleSpec]:
    """Every registered rule, by code (imports the rule modules on first use)."""
    for name in RULE_MODULES:
        importlib.import_module(name)
    return RULES


def pk_text(field: str = "pk"):
    return Cast(field, CharField())


def as_text(expression):
    return Cast(expression, CharField())


def yuan(field: str):
    """The amount in ``field`` as ``format_yuan`` writes it: '300,000.00元'."""
    return YuanText(field)


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def text(template, **parts):
    """``text(_("Due on %(due)s"), due=as_text("due_on"))`` -> Concat of the translated
    template's literal pieces and the given expressions, in the translation's order."""
    pieces = []
    position = 0
    template = str(template)
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > position:
            pieces.append(Value(template[position : match.start()]))
        pieces.append(parts[match.group(1)])
        position = match.end()
    if position < len(template):
        pieces.append(Value(template[position:]))
    if len(pieces) == 1:
        pieces.append(Value(""))
    return Concat(*pieces, output_field=CharField())
