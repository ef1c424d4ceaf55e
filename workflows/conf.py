"""Settings of workflows with their defaults (a deployment may follow other rules)."""

from __future__ import annotations

from django.conf import settings


def decision_days() -> int:
    """Decide within 90 calendar days of filing (Administrative Penalty Law Art. 60)."""
    return int(getattr(settings, "CASE_DECISION_DAYS", 90))


def archive_days() -> int:
    """Archive the case file within 15 days of closing (Hami plan §二(二)3)."""
    return int(getattr(settings, "CASE_ARCHIVE_DAYS", 15))


def performance_days() -> int:
    """Pay a fine within 15 days of receiving the decision (Administrative Penalty Law Art. 67)."""
    return int(getattr(settings, "CASE_PERFORMANCE_DAYS", 15))


def simplified_fine_cap(party_kind: str) -> int:
    """On-the-spot fines: up to 200 yuan for a citizen, 3,000 for an organisation (Art. 51)."""
    if party_kind == "person":
        return int(getattr(settings, "CASE_SIMPLIFIED_MAX_FINE_PERSON", 200))
    return int(getattr(settings, "CASE_SIMPLIFIED_MAX_FINE_ORGANISATION", 3000))


def upload_max_bytes() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 50 * 1024 * 1024))


def limitation_years(*, extended: bool) -> int:
    """Not penalised when undiscovered for 2 years, 5 where citizens' life and health or
    financial safety is involved with harmful consequences (Administrative Penalty Law Art. 36)."""
    if extended:
        return int(getattr(settings, "CASE_LIMITATION_YEARS_EXTENDED", 5))
    return int(getattr(settings, "CASE_LIMITATION_YEARS", 2))


def defence_window_workdays() -> int:
    """The party states, defends and asks for a hearing within 5 working days (Arts. 64, 85)."""
    return int(getattr(settings, "CASE_DEFENCE_WINDOW_WORKDAYS", 5))


def hearing_notice_workdays() -> int:
    """The hearing notice is served at least 7 days before the hearing (Arts. 64, 85)."""
    return int(getattr(settings, "CASE_HEARING_NOTICE_WORKDAYS", 7))


def hearing_amount_threshold(party_kind: str) -> int:
    """较大数额: a fine or confiscation from this amount carries hearing rights (Art. 63).

    Provinces set their own; the defaults follow the SAMR hearing measures."""
    if party_kind == "person":
        return int(getattr(settings, "CASE_HEARING_THRESHOLD_PERSON", 10_000))
    return int(getattr(settings, "CASE_HEARING_THRESHOLD_ORGANISATION", 100_000))


# Penalty kinds (discretion.PenaltyType codes) that always carry hearing rights (Art. 63).
HEARING_PENALTY_KINDS = frozenset(
    {
        "lower_qualification",
        "revoke_licence",
        "suspend_business",
        "close",
        "restrict_employment",
        "restrict_business",
    }
)

# What the on-the-spot procedure may impose (Art. 51): a warning or a small fine.
SIMPLIFIED_PENALTY_KINDS = frozenset({"warning", "fine"})


def extension_cap_days() -> int:
    """One extension of the decision limit adds at most 30 days (Art. 60; a setting)."""
    return int(getattr(settings, "CASE_EXTENSION_MAX_DAYS", 30))


def simplified_filing_workdays() -> int:
    """An on-the-spot decision is filed with the agency within 2 working days (Art. 52)."""
    return int(getattr(settings, "CASE_SIMPLIFIED_FILING_WORKDAYS", 2))


def service_days() -> int:
    """A decision not handed over on the spot is served within 7 days (Arts. 61, 85)."""
    return int(getattr(settings, "CASE_SERVICE_WORKDAYS", 7))


def urge_days() -> int:
    """The party has 10 days after receiving the 催告书 before the court is asked (行政强制法
    Art. 54)."""
    return int(getattr(settings, "CASE_URGE_DAYS", 10))


def court_warning_days() -> int:
    """Warn this many days before the 3 months for applying to the court end (行政强制法
    Art. 53)."""
    return int(getattr(settings, "CASE_COURT_WARNING_DAYS", 20))


def revocation_withdrawal_workdays() -> int:
    """A changed, revoked, illegal or void decision leaves the public site within 3 working
    days (Administrative Penalty Law Art. 48)."""
    return int(getattr(settings, "DISCLOSURE_WITHDRAWAL_WORKDAYS", 3))


def discussion_min_participants() -> int:
    """A collective discussion (集体讨论) has at least 3 of the agency's responsible persons
    (Art. 57; a setting)."""
    return int(getattr(settings, "CASE_DISCUSSION_MIN_PARTICIPANTS", 3))


def discussion_threshold(party_kind: str) -> int:
    """A decision fining this much is a serious case decided by collective discussion (Art. 57):
    10,000 yuan for a natural person, 50,000 for an organisation by default (settings
    CASE_DISCUSSION_THRESHOLD_PERSON / CASE_DISCUSSION_THRESHOLD_ORGANISATION)."""
    if party_kind == "person":
        return int(getattr(settings, "CASE_DISCUSSION_THRESHOLD_PERSON", 10_000))
    return int(getattr(settings, "CASE_DISCUSSION_THRESHOLD_ORGANISATION", 50_000))
