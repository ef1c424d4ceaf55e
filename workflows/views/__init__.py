"""Case and process pages: thin views that check permission, call a service, render.

One module per concern; a new concern adds its module here.
"""

from .cases import (
    AdjustmentDecideView,
    AdjustmentRequestView,
    CaseActionView,
    CaseDetailView,
    CaseListView,
    CaseOpenView,
    DecisionView,
    DocumentDownloadView,
    DocumentGenerateView,
    RecordAddView,
    RecordFileView,
)
from .execution import (
    ChallengeEndView,
    ChallengeView,
    CourtApplyView,
    CourtRulingView,
    DeferralApplyView,
    DeferralDecideView,
    PaymentView,
    ReceivedView,
    RefundView,
    RevocationView,
    UrgeView,
)
from .persons import CasePersonAddView, CasePersonRemoveView
from .procedure import ProcedureStepView
from .processes import (
    NodeAddView,
    NodeChangeView,
    NodeEditView,
    PublicFlowListView,
    PublicFlowView,
    TemplateActionView,
    TemplateCopyView,
    TemplateDetailView,
    TemplateListView,
)

__all__ = [
    "AdjustmentDecideView",
    "AdjustmentRequestView",
    "CaseActionView",
    "CaseDetailView",
    "CaseListView",
    "CaseOpenView",
    "CasePersonAddView",
    "CasePersonRemoveView",
    "ChallengeEndView",
    "ChallengeView",
    "CourtApplyView",
    "CourtRulingView",
    "DecisionView",
    "DeferralApplyView",
    "DeferralDecideView",
    "DocumentDownloadView",
    "DocumentGenerateView",
    "NodeAddView",
    "NodeChangeView",
    "NodeEditView",
    "PaymentView",
    "ProcedureStepView",
    "PublicFlowListView",
    "PublicFlowView",
    "ReceivedView",
    "RecordAddView",
    "RecordFileView",
    "RefundView",
    "RevocationView",
    "TemplateActionView",
    "TemplateCopyView",
    "TemplateDetailView",
    "TemplateListView",
    "UrgeView",
]
