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

__all__ = [
    "IdentityAccessRequest",
    "Report",
    "ReportAttachment",
    "ReportMessage",
    "RewardDecision",
    "RewardRule",
    "ViolationType",
]
