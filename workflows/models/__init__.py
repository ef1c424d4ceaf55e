"""Models of workflows, one module per concern (app label, tables and migrations unchanged):
``templates`` (processes and nodes), ``cases`` (cases, officers, visits, timeline, adjustments),
``records`` (the whole-process record and its integrity checks), ``decisions`` (decisions and
payments) and ``documents`` (generated documents and number series) and ``procedure`` (notice, defence,
hearing, discussion, approval, service)."""

from .cases import Adjustment, Case, CaseEvent, CaseOfficer, NodeVisit
from .decisions import Decision, Payment
from .documents import Document, DocumentSeries, NumberPattern
from .procedure import (
    Approval,
    CollectiveDiscussion,
    DefencePoint,
    Hearing,
    PenaltyNotice,
    ServiceRecord,
)
from .records import EvidenceCheck, Record, evidence_path
from .templates import ProcessNode, ProcessTemplate

__all__ = [
    "Adjustment",
    "Approval",
    "Case",
    "CaseEvent",
    "CaseOfficer",
    "CollectiveDiscussion",
    "Decision",
    "DefencePoint",
    "Document",
    "DocumentSeries",
    "EvidenceCheck",
    "Hearing",
    "NodeVisit",
    "NumberPattern",
    "Payment",
    "PenaltyNotice",
    "ProcessNode",
    "ProcessTemplate",
    "Record",
    "ServiceRecord",
    "evidence_path",
]
