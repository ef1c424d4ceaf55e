"""Models of workflows, one module per concern (app label, tables and migrations unchanged):
``templates`` (processes and nodes), ``cases`` (cases, officers, visits, timeline),
``records`` (the whole-process record and its integrity checks), ``decisions`` (decisions),
``procedure`` (notice, defence, hearing, discussion, approval, service), ``limits``
(suspensions, extensions and on-the-spot records), ``outcomes`` (no-penalty and reduced
outcomes), ``execution`` (payments, challenges, instalments, 催告书, court, revocation,
refunds), ``documents`` (generated documents and number series) and ``persons`` (the case's
other natural persons)."""

from .cases import Case, CaseEvent, CaseOfficer, LimitationGround, NodeVisit
from .decisions import Decision
from .documents import Document, DocumentSeries, NumberPattern
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
from .limits import CaseExtension, CaseSuspension, OnTheSpotDecision
from .outcomes import DecisionOutcome
from .persons import CasePerson
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
    "Approval",
    "Case",
    "CaseEvent",
    "CaseExtension",
    "CaseOfficer",
    "CasePerson",
    "CaseSuspension",
    "CollectiveDiscussion",
    "CourtApplication",
    "Decision",
    "DecisionOutcome",
    "DefencePoint",
    "Deferral",
    "Document",
    "DocumentSeries",
    "EvidenceCheck",
    "Hearing",
    "Instalment",
    "LegalChallenge",
    "LimitationGround",
    "NodeVisit",
    "NumberPattern",
    "OnTheSpotDecision",
    "Payment",
    "PenaltyNotice",
    "ProcessNode",
    "ProcessTemplate",
    "Record",
    "Refund",
    "Revocation",
    "ServiceRecord",
    "UrgeNotice",
    "evidence_path",
]
