"""Models of workflows, one module per concern (app label, tables and migrations unchanged):
``templates`` (processes and nodes), ``cases`` (cases, officers, visits, timeline),
``records`` (the whole-process record and its integrity checks), ``decisions`` (decisions and
payments), ``documents`` (generated documents and number series) and ``limits`` (suspensions,
extensions and on-the-spot records)."""

from .cases import Case, CaseEvent, CaseOfficer, LimitationGround, NodeVisit
from .decisions import Decision, Payment
from .documents import Document, DocumentSeries, NumberPattern
from .limits import CaseExtension, CaseSuspension, OnTheSpotDecision
from .records import EvidenceCheck, Record, evidence_path
from .templates import ProcessNode, ProcessTemplate

__all__ = [
    "Case",
    "CaseEvent",
    "CaseExtension",
    "CaseOfficer",
    "CaseSuspension",
    "Decision",
    "Document",
    "DocumentSeries",
    "EvidenceCheck",
    "LimitationGround",
    "NodeVisit",
    "NumberPattern",
    "OnTheSpotDecision",
    "Payment",
    "ProcessNode",
    "ProcessTemplate",
    "Record",
    "evidence_path",
]
