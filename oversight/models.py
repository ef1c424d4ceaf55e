"""oversight's models live in one subpackage per concern; this module re-exports them so
Django finds them (app label ``oversight``, migrations unchanged)."""

from .dashboard.models import AgencyDay
from .evaluation.models import EvaluationPeriod, EvaluationScore, EvaluationWeight, Metric
from .inbox.models import Delivery, DeliveryPreference, Message
from .legal_review.models import CHECKLIST, LegalReview, ReviewCatalogue
from .supervision.models import Finding, SupervisionAttachment, SupervisionRecord
from .warnings.models import EarlyWarning, Level, WarningAction, WarningRule

__all__ = [
    "CHECKLIST",
    "AgencyDay",
    "Delivery",
    "DeliveryPreference",
    "EarlyWarning",
    "EvaluationPeriod",
    "EvaluationScore",
    "EvaluationWeight",
    "Finding",
    "LegalReview",
    "Level",
    "Message",
    "Metric",
    "ReviewCatalogue",
    "SupervisionAttachment",
    "SupervisionRecord",
    "WarningAction",
    "WarningRule",
]
