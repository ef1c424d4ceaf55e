"""Refusals the workflows services raise that callers catch by kind (stale form, gate, tampering)."""

from django.core.exceptions import ValidationError


class CaseChanged(ValidationError):
    """Someone else changed the case since the user loaded it."""


class GateRefused(ValidationError):
    """A gate of the target node (or a leaving requirement) said no; the messages say why."""


class EvidenceTampered(Exception):
    """An evidence file no longer matches the SHA-256 taken when it arrived."""
