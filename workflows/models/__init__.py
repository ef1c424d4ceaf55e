"""Models of workflows, one module per concern (app label, tables and migrations unchanged):
``templates`` (processes and nodes), ``cases`` (cases, officers, visits, timeline, adjustments),
``records`` (the whole-process record and its integrity checks), ``decisions`` (decisions),
``execution`` (payments, challenges, instalments, 催告书, court, revocation, refunds),
``documents`` (generated documents and number series) and ``persons`` (the case's other
natural persons)."""

from .cases import Adjustment, Case, CaseEvent, CaseOfficer, NodeVisit
from .decisions import Decision
from .documents import Document, DocumentSeries, NumberPattern
from .persons import CasePerson
from .execution import (
    CourtApplication,
    Deferral,
    Instalment,
    LegalChallenge,
    Payment,
    Refund,
    Revocation,
    UrgeNotice,
)
from .records import EvidenceCheck, Record, evidence_path
from .templates import ProcessNode, ProcessTemplate

__all__ = [
    "Adjustment",
    "Case",
    "CaseEvent",
    "CaseOfficer",
    "CasePerson",
    "CourtApplication",
    "Decision",
    "Deferral",
    "Document",
    "DocumentSeries",
    "EvidenceCheck",
    "Instalment",
    "LegalChallenge",
    "NodeVisit",
    "NumberPattern",
    "Payment",
    "ProcessNode",
    "ProcessTemplate",
    "Record",
    "Refund",
    "Revocation",
    "UrgeNotice",
    "evidence_path",
]
