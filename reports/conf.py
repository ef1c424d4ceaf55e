"""Settings of the reports part, with their defaults (override any in Django settings)."""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # 信访工作条例 (2022) Arts. 24 and 32, calendar days.
    "REPORTS_ACCEPT_DAYS": 15,
    "REPORTS_CONCLUDE_DAYS": 60,
    "REPORTS_MAX_EXTENSION_DAYS": 30,
    # The body that handles reports (its report handlers); empty: city-level handlers.
    "REPORTS_HANDLING_AGENCY_CODE": "jwjw",
    # How long a second handler's approval lets the requester see a reporter's identity.
    "REPORTS_IDENTITY_ACCESS_HOURS": 72,
    # Uploads.
    "REPORTS_UPLOAD_MAX_BYTES": 10 * 1024 * 1024,
    "REPORTS_UPLOAD_MAX_FILES": 5,
    # Proof-of-work challenge: zero bits required and lifetime in seconds.
    "REPORTS_CHALLENGE_BITS": 18,
    "REPORTS_CHALLENGE_TTL": 30 * 60,
    # Retention: days after the report is closed before identity and attachments go.
    "REPORTS_RETENTION_DAYS": 3 * 365,
    # Warnings: this many reports on one officer or agency within the window.
    "REPORTS_REPEAT_THRESHOLD": 3,
    "REPORTS_REPEAT_WINDOW_DAYS": 90,
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])
