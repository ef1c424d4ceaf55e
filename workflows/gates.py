"""The gate registry: checks a case must pass before it enters a node.

A process node names gate codes (``ProcessNode.gate_codes``). Any app registers a check for a
code in its ``AppConfig.ready()``::

    from workflows.gates import GateResult, register_gate

    def legal_review_done(case, target_node, user) -> GateResult:
        ...
        return GateResult(False, "重大执法决定未经法制审核")

    register_gate("legal_review", legal_review_done, replace=True)

Before every transition workflows asks each gate the target node names and refuses with the
first refusal's reason. A code nobody registered refuses (fail closed), so a typo in a template
or a missing app can never open a gate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class GateResult:
    ok: bool
    reason: str = ""


GateCheck = Callable[[Any, Any, Any], GateResult]

_gates: dict[str, GateCheck] = {}
_labels: dict[str, Any] = {}


class GateAlreadyRegistered(RuntimeError):
    pass


def register_gate(code: str, check: GateCheck, *, label: Any = None, replace: bool = False):
    """Register ``check(case, target_node, user) -> GateResult`` under ``code``.

    A second registration of a code is an error unless ``replace=True`` (oversight replaces
    workflows' fail-safe ``legal_review`` placeholder this way).
    """
    if code in _gates and not replace:
        raise GateAlreadyRegistered(code)
    _gates[code] = check
    if label is not None:
        _labels[code] = label


def unregister_gate(code: str) -> None:
    _gates.pop(code, None)
    _labels.pop(code, None)


def registered_gates() -> dict[str, GateCheck]:
    return dict(_gates)


def gate_label(code: str) -> str:
    return str(_labels.get(code, code))


def gate_choices() -> list[tuple[str, str]]:
    return [(code, gate_label(code)) for code in sorted(_gates)]


def check_gates(case, target_node, user) -> list[GateResult]:
    """Every gate of the target node, in the order it names them; refusals only."""
    refusals = []
    for code in target_node.gate_codes or []:
        check = _gates.get(code)
        if check is None:
            result = GateResult(False, _("The gate “%(code)s” is not available.") % {"code": code})
        else:
            result = check(case, target_node, user)
        if not result.ok:
            refusals.append(result)
    return refusals


# ---------------------------------------------------------------------------- built-in gates


def two_certified_officers(case, target_node, user) -> GateResult:
    """Art. 42 of the Administrative Penalty Law: at least two officers with valid certificates."""
    today = timezone.localdate()
    valid = [o for o in case.officers.all() if o.certificate_valid_on(today)]
    if len(valid) >= 2:
        return GateResult(True)
    return GateResult(
        False,
        _(
            "At least two officers holding valid enforcement certificates must act on the case "
            "(Administrative Penalty Law Art. 42); %(n)s valid now."
        )
        % {"n": len(valid)},
    )


def audio_video_recorded(case, target_node, user) -> GateResult:
    """Every mandatory-recording act already passed (seizure, forced demolition, liberty, major
    property) has an audio or video record attached to its node."""
    from .models import Record

    visited = case.visits.filter(node__av_required=True, node__order__lt=target_node.order)
    missing = [
        visit.node.name
        for visit in visited.select_related("node")
        if not case.records.filter(node=visit.node, kind__in=Record.AUDIO_VIDEO).exists()
    ]
    if not missing:
        return GateResult(True)
    return GateResult(
        False,
        _("Full audio/video recording is mandatory for “%(nodes)s” but none has been recorded.")
        % {"nodes": "、".join(missing)},
    )


def legal_review_placeholder(case, target_node, user) -> GateResult:
    """Fail-safe until oversight registers the real legal-review gate: major cases stop here."""
    if not case.is_major:
        return GateResult(True)
    return GateResult(
        False,
        _("A major enforcement decision needs an agreed legal review, and none is recorded."),
    )


TWO_OFFICERS = "two_officers"
AUDIO_VIDEO = "audio_video"
LEGAL_REVIEW = "legal_review"


def register_builtin_gates() -> None:
    from django.utils.translation import gettext_lazy

    register_gate(
        TWO_OFFICERS,
        two_certified_officers,
        label=gettext_lazy("Two officers with valid certificates"),
        replace=True,
    )
    register_gate(
        AUDIO_VIDEO,
        audio_video_recorded,
        label=gettext_lazy("Mandatory audio/video recording present"),
        replace=True,
    )
    if LEGAL_REVIEW not in _gates:
        register_gate(
            LEGAL_REVIEW,
            legal_review_placeholder,
            label=gettext_lazy("Legal review of major decisions"),
        )
