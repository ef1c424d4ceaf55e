"""oversight's models, split by concern; this package re-exports them for Django."""

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
    "EarlyWarning",
    "IdentityAccessRequest",
    "Level",
    "Report",
    "ReportAttachment",
    "ReportMessage",
    "RewardDecision",
    "RewardRule",
    "ViolationType",
    "WarningAction",
    "WarningRule",
]
