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
