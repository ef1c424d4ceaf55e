"""Outcomes other than an ordinary penalty (行政处罚法 Arts. 30-33), checked at the decision.

``decision_make`` calls three functions: ``outcome_check`` refuses a reason whose conditions
fail (with its article), ``outcome_deviation`` says a lawful no-penalty or reduced outcome is
not a deviation from the discretion band, and ``outcome_record`` stores the reason, article and
the list entry relied on. The rules:

- 不予处罚 needs a reason. Art. 33 para 1 (minor, corrected, no harm) and 首违不罚 apply to a
  minor violation only; 首违不罚 also needs an active entry of the agency's first-violation list
  for the case's power, and no earlier decision against the same party for that power.
- No subjective fault (Art. 33 para 2), a minor under 14 (Art. 30) and a person who could not
  recognise or control their conduct (Art. 31) apply at any severity; the last two only to a
  natural person, and the age must be recorded.
- 减轻 (Art. 32, or a minor aged 14-18 under Art. 30) imposes a penalty that may go below the
  statutory minimum; above the recommended band it is still a deviation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NoReturn

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from discretion.models import OutcomeListEntry

from ..models import Case, Decision, DecisionOutcome

Reason = DecisionOutcome.Reason
MINOR = "minor"


@dataclass(frozen=True)
class OutcomeChoice:
    reason: str
    note: str
    party_age: int | None = None
    list_entry: OutcomeListEntry | None = None


def _refuse(field: str, message: str) -> NoReturn:
    raise ValidationError({field: message})


def outcome_check(
    *,
    case: Case,
    no_penalty: bool,
    severity: str,
    reason: str = "",
    note: str = "",
    party_age: int | None = None,
    list_entry: OutcomeListEntry | int | None = None,
) -> OutcomeChoice | None:
    """The outcome reason, checked against the law; None for an ordinary penalty."""
    reason = (reason or "").strip()
    if not reason:
        if no_penalty:
            _refuse(
                "outcome_reason",
                _(
                    "A no-penalty decision records its reason under the Administrative Penalty "
                    "Law (Arts. 30, 31 or 33)."
                ),
            )
        return None
    if reason not in Reason.values:
        _refuse("outcome_reason", _("Choose a reason from the list."))
    if no_penalty and reason not in DecisionOutcome.NO_PENALTY_REASONS:
        _refuse(
            "outcome_reason",
            _("A reduced-penalty reason imposes a penalty (Art. 32); untick no penalty."),
        )
    if not no_penalty and reason in DecisionOutcome.NO_PENALTY_REASONS:
        _refuse(
            "no_penalty",
            _("This reason means no penalty is imposed (%(article)s); tick no penalty.")
            % {"article": DecisionOutcome.ARTICLES[reason]},
        )
    if not (note or "").strip():
        _refuse("outcome_note", _("State the circumstances found that support the reason."))
    if party_age is not None and not 0 <= int(party_age) <= 150:
        _refuse("party_age", _("Enter the party's age in years."))
    entry = _entry(list_entry)
    if reason in (Reason.MINOR_CORRECTED, Reason.FIRST_VIOLATION) and severity != MINOR:
        _refuse(
            "outcome_reason",
            _(
                "Administrative Penalty Law Art. 33 para 1 applies only to a minor violation; "
                "the severity found is not minor."
            ),
        )
    if reason == Reason.FIRST_VIOLATION:
        _check_first_violation(case, entry)
    natural_only = (Reason.UNDER_14, Reason.INCAPACITY, Reason.MINOR_14_18)
    if reason in natural_only and case.party_kind != Case.PartyKind.PERSON:
        _refuse(
            "outcome_reason",
            _("Arts. 30 and 31 apply to a natural person; the party is an organisation."),
        )
    if reason == Reason.UNDER_14 and (party_age is None or int(party_age) >= 14):
        _refuse(
            "party_age",
            _(
                "Administrative Penalty Law Art. 30: no penalty only for a party under "
                "fourteen at the violation; record the age."
            ),
        )
    if reason == Reason.MINOR_14_18 and (party_age is None or not 14 <= int(party_age) < 18):
        _refuse(
            "party_age",
            _(
                "Administrative Penalty Law Art. 30: a reduced penalty for a minor needs an age "
                "of at least fourteen and under eighteen at the violation."
            ),
        )
    if entry is not None and reason != Reason.FIRST_VIOLATION:
        _check_entry_scope(case, entry)
    return OutcomeChoice(
        reason=reason,
        note=note.strip(),
        party_age=int(party_age) if party_age is not None else None,
        list_entry=entry,
    )


def _entry(value) -> OutcomeListEntry | None:
    if value in (None, ""):
        return None
    pk = value.pk if isinstance(value, OutcomeListEntry) else int(value)
    entry = OutcomeListEntry.objects.filter(pk=pk).first()  # fresh: withdrawn meanwhile?
    if entry is None:
        _refuse("list_entry", _("That list entry does not exist."))
    return entry


def _check_entry_scope(case: Case, entry: OutcomeListEntry) -> None:
    if entry.agency_id != case.agency_id or entry.power_id != case.power_id:
        _refuse("list_entry", _("The list entry is not the agency's entry for this power."))
    if entry.withdrawn_at is not None:
        _refuse("list_entry", _("The list entry has been withdrawn; it cannot be relied on."))


def _check_first_violation(case: Case, entry: OutcomeListEntry | None) -> None:
    if entry is None or entry.kind != OutcomeListEntry.Kind.FIRST_VIOLATION:
        _refuse(
            "list_entry",
            _(
                "首违不罚 (Administrative Penalty Law Art. 33 para 1) relies on an entry of the "
                "agency's published first-violation list for this power: choose it."
            ),
        )
    _check_entry_scope(case, entry)
    if case.party_id_number:
        earlier = (
            Decision.objects.filter(
                case__power=case.power, case__party_id_number=case.party_id_number
            )
            .exclude(case=case)
            .order_by("decided_on")
            .first()
        )
        if earlier is not None:
            _refuse(
                "outcome_reason",
                _(
                    "Not a first violation: decision %(number)s was made against this party for "
                    "the same violation (Art. 33 para 1)."
                )
                % {"number": earlier.number},
            )


def outcome_deviation(
    choice: OutcomeChoice | None,
    rec,
    outside: bool,
    reasons: list[str],
    *,
    fine_amount: Decimal | None,
    penalty_type_codes,
) -> tuple[bool, list[str]]:
    """The deviation as the outcome the law provides leaves it."""
    if choice is None or rec is None:
        return outside, reasons
    if choice.reason in DecisionOutcome.NO_PENALTY_REASONS:
        return False, []
    extra = set(penalty_type_codes or []) - set(rec.penalty_type_codes)
    fine = Decimal(fine_amount or 0)
    above = rec.fine_max is not None and fine > Decimal(rec.fine_max)
    if not extra and not above:
        return False, []
    return outside, reasons


def _below_minimum(rec, fine_amount) -> bool:
    raw = getattr(rec, "raw", None)
    low = getattr(raw, "statutory_fine_min", None)
    return low is not None and fine_amount is not None and Decimal(fine_amount) < Decimal(low)


def outcome_record(
    *, decision: Decision, choice: OutcomeChoice | None, rec
) -> DecisionOutcome | None:
    if choice is None:
        return None
    return DecisionOutcome.objects.create(
        decision=decision,
        reason=choice.reason,
        article=DecisionOutcome.ARTICLES[choice.reason],
        note=choice.note,
        party_age=choice.party_age,
        list_entry=choice.list_entry,
        below_statutory_minimum=_below_minimum(rec, decision.fine_amount),
    )


def outcome_of(decision: Decision) -> DecisionOutcome | None:
    try:
        return decision.outcome
    except DecisionOutcome.DoesNotExist:
        return None
