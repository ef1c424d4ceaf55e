"""oversight's models, split by concern; this package re-exports them for Django."""

from .figures import AgencyDay
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
from .supervision import (
    EvaluationPeriod,
    EvaluationScore,
    EvaluationWeight,
    Finding,
    Metric,
    SupervisionAttachment,
    SupervisionRecord,
)
from .warnings import EarlyWarning, Level, WarningAction, WarningRule

__all__ = [
    "CHECKLIST",
    "AgencyDay",
    "EarlyWarning",
    "EvaluationPeriod",
    "EvaluationScore",
    "EvaluationWeight",
    "Finding",
    "IdentityAccessRequest",
    "LegalReview",
    "Level",
    "Metric",
    "Report",
    "ReportAttachment",
    "ReportMessage",
    "ReviewCatalogue",
    "RewardDecision",
    "RewardRule",
    "SupervisionAttachment",
    "SupervisionRecord",
    "ViolationType",
    "WarningAction",
    "WarningRule",
]
