"""Models of workflows, one module per concern (app label, tables and migrations unchanged):
``templates`` (processes and nodes), ``cases`` (cases, officers, visits, timeline, adjustments),
``records`` (the whole-process record and its integrity checks), ``decisions`` (decisions and
payments), ``documents`` (generated documents and number series) and ``persons`` (the
case's other natural persons)."""

from .cases import Adjustment, Case, CaseEvent, CaseOfficer, NodeVisit
from .decisions import Decision, Payment
from .documents import Document, DocumentSeries, NumberPattern
from .outcomes import DecisionOutcome
from .persons import CasePerson
from .records import EvidenceCheck, Record, evidence_path
from .templates import ProcessNode, ProcessTemplate

__all__ = [
    "Adjustment",
    "Case",
    "CaseEvent",
    "CaseOfficer",
    "CasePerson",
    "Decision",
    "DecisionOutcome",
    "Document",
    "DocumentSeries",
    "EvidenceCheck",
    "NodeVisit",
    "NumberPattern",
    "Payment",
    "ProcessNode",
    "ProcessTemplate",
    "Record",
    "evidence_path",
]
