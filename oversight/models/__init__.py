"""oversight's models, split by concern; this package re-exports them for Django."""

from .legal_review import CHECKLIST, LegalReview, ReviewCatalogue
from .reports import (
    IdentityAccessRequest,
    Report,
    ReportAttachment,
    ReportMessage,
    RewardDecision,
    RewardRule,
    ViolationType,
)
from .warnings import EarlyWarning, Level, WarningAction, WarningRule

__all__ = [
    "CHECKLIST",
    "EarlyWarning",
    "IdentityAccessRequest",
    "LegalReview",
    "Level",
    "Report",
    "ReportAttachment",
    "ReportMessage",
    "ReviewCatalogue",
    "RewardDecision",
    "RewardRule",
    "ViolationType",
    "WarningAction",
    "WarningRule",
]
