"""Turning a decision into its public record: masking, deadlines and the publication period."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.utils import translation

from enforcement_portal.textsearch import grams_text, normalise
from enforcement_portal.workdays import add_workdays

from .redaction import mask_person_name, redact_text

HIDDEN = "***"
MASKED_TEXT_FIELDS = (
    "violation_type",
    "facts",
    "basis",
    "penalty_category",
    "penalty_content",
    "license_info",
    "full_text",
)
# What the publicity officer may rewrite when signing off (the masked text of each).
REVIEWED_FIELDS = MASKED_TEXT_FIELDS
SHORT_PERIOD_PENALTIES = {"通报批评", "罚款"}


def publication_due_date(kind: str, decided_on: dt.date) -> dt.date:
    """7 working days for penalties and permits, 15 for other decisions (settings)."""
    from .models import Publication

    days = (
        settings.DISCLOSURE_PENALTY_PERMIT_WORKDAYS
        if kind in (Publication.Kind.PENALTY, Publication.Kind.PERMIT)
        else settings.DISCLOSURE_OTHER_WORKDAYS
    )
    return add_workdays(decided_on, days)


def withdrawal_due_date(revoked_on: dt.date) -> dt.date:
    return add_workdays(revoked_on, settings.DISCLOSURE_WITHDRAWAL_WORKDAYS)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def penalty_kinds(penalty_category: str) -> set[str]:
    return {p.strip() for p in re.split(r"[、；;，,\s]+", penalty_category or "") if p.strip()}


def publication_period_end(publication, published_on: dt.date) -> dt.date:
    """SAMR Order 45: 通报批评 or a small fine only → 3 months; anything else → 3 years."""
    kinds = penalty_kinds(publication.penalty_category)
    fine = publication.fine_amount or Decimal(0)
    short = (
        publication.kind == publication.Kind.PENALTY
        and kinds
        and kinds <= SHORT_PERIOD_PENALTIES
        and fine <= settings.PUBLICATION_SMALL_FINE_MAX
    )
    if short:
        return add_months(published_on, settings.PUBLICATION_SHORT_MONTHS)
    return add_months(published_on, 12 * settings.PUBLICATION_LONG_YEARS)


def _hide_passages(text: str, passages: list[str]) -> str:
    for passage in sorted(passages, key=len, reverse=True):
        text = text.replace(passage, HIDDEN)
    return text


def person_names(publication) -> list[str]:
    """The natural persons of the record: a person party, a sole trader's operator, and every
    other person the case file lists (witnesses, agents, guardians, persons in records)."""
    names = [publication.party_name] if publication.is_person else []
    if publication.legal_representative and (publication.is_person or publication.is_sole_trader):
        names.append(publication.legal_representative)
    if publication.case_id:
        names.extend(p.name for p in publication.case.persons.all())
    return list(dict.fromkeys(n for n in names if n))


def hidden_passages(publication) -> list[str]:
    return [p.strip() for p in publication.extra_redactions.splitlines() if p.strip()]


def masked_text(publication, text: str, *, names=None, hidden=None) -> str:
    """The masking engine's output for one passage of the record (``names`` and ``hidden``:
    the record's person names and hidden passages, when the caller has them already)."""
    names = person_names(publication) if names is None else names
    hidden = hidden_passages(publication) if hidden is None else hidden
    return _hide_passages(redact_text(text or "", person_names=names), hidden)


def public_record(
    publication,
    *,
    published_on: dt.date | None,
    publish_until: dt.date | None,
    reviewed: bool = True,
) -> dict:
    """Exactly what the public will see, in the 双公示 layout. Pure: saves nothing.

    The text fields are the publicity officer's signed-off text where there is one
    (``reviewed_text``), else the masking engine's; ``reviewed=False`` gives the engine's.
    """
    person = publication.is_person
    representative_is_person = person or publication.is_sole_trader
    overrides = (publication.reviewed_text or {}) if reviewed else {}

    names, hidden = person_names(publication), hidden_passages(publication)

    def clean(text: str) -> str:
        return masked_text(publication, text, names=names, hidden=hidden)

    record = {
        "decision_number": publication.decision_number,
        "kind": publication.kind,
        "party_type": publication.party_type,
        "party_name": mask_person_name(publication.party_name)
        if person
        else clean(publication.party_name),
        "party_uscc": "" if person else publication.party_uscc,
        "legal_representative": (
            mask_person_name(publication.legal_representative)
            if representative_is_person and not person
            else ""
            if person
            else publication.legal_representative
        ),
        "fine_amount": str(publication.fine_amount) if publication.fine_amount is not None else "",
        "confiscation_amount": (
            str(publication.confiscation_amount)
            if publication.confiscation_amount is not None
            else ""
        ),
        "agency": publication.agency.name,
        "agency_uscc": publication.agency.uscc,
        "power_name": publication.power.name if publication.power_id else "",
        "power_code": publication.power.code if publication.power_id else "",
        "decided_on": publication.decided_on.isoformat(),
        "published_on": published_on.isoformat() if published_on else "",
        "publish_until": publish_until.isoformat() if publish_until else "",
    }
    for field in MASKED_TEXT_FIELDS:
        record[field] = (
            overrides[field] if field in overrides else clean(getattr(publication, field))
        )
    # Whether the full text is public and why not (the provincial variant of the layout).
    withheld = publication.full_text_withheld
    record["full_text_public"] = "否" if withheld else ("是" if record["full_text"] else "")
    if withheld:
        with translation.override("zh-hans"):  # the record's data is Chinese, like the rest
            reason = str(publication.get_full_text_withheld_display())
        record["full_text_withheld_reason"] = (
            f"{reason}：{clean(publication.full_text_withheld_note)}"
        )
    else:
        record["full_text_withheld_reason"] = ""
    if withheld:
        record["full_text"] = ""
    return record


def search_columns(record: dict) -> tuple[str, str]:
    """The normalised text a keyword must occur in, and its grams.

    Only the text is stored (``search_text``); on PostgreSQL the index computes the grams from
    it with ``disclosure_agency_grams(agency_id, search_text)`` (migration 0016), which gives
    exactly ``agency_grams(agency_id, grams)`` of the grams returned here."""
    parts = [
        record.get(k, "")
        for k in (
            "decision_number",
            "party_name",
            "violation_type",
            "facts",
            "penalty_content",
            "basis",
            "power_name",
            "agency",
        )
    ]
    text = normalise(" ".join(p for p in parts if p))
    return text, grams_text(text)


def agency_grams(agency_id: int, grams: str) -> str:
    """A row's grams scoped to its agency: "7:药房" (grams never contain a colon); the Python
    twin of the SQL function the search index is built on."""
    return " ".join(f"{agency_id}:{gram}" for gram in grams.split())


def withdrawn_record(publication, *, withdrawn_on: dt.date, reason: str) -> dict:
    """What stays in the place of a withdrawn decision: the notice and nothing else."""
    return {
        "decision_number": publication.decision_number,
        "kind": publication.kind,
        "agency": publication.agency.name,
        "decided_on": publication.decided_on.isoformat(),
        "published_on": publication.published_on.isoformat() if publication.published_on else "",
        "withdrawn_on": withdrawn_on.isoformat(),
        "withdrawal_reason": reason,
    }
