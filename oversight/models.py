"""oversight's models live in one subpackage per concern; this module re-exports them so
Django finds them (app label ``oversight``, migrations unchanged)."""

from .dashboard.models import AgencyDay
from .evaluation.models import EvaluationPeriod, EvaluationScore, EvaluationWeight, Metric
from .legal_review.models import CHECKLIST, LegalReview, ReviewCatalogue
from .supervision.models import Finding, SupervisionAttachment, SupervisionRecord
from .warnings.models import EarlyWarning, Level, WarningAction, WarningRule

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
