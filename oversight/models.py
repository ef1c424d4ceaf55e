"""oversight's models, split by concern; this package re-exports them for Django."""

from .figures import AgencyDay
from .legal_review import CHECKLIST, LegalReview, ReviewCatalogue
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
    "LegalReview",
    "Level",
    "Metric",
    "ReviewCatalogue",
    "SupervisionAttachment",
    "SupervisionRecord",
    "WarningAction",
    "WarningRule",
]
