"""Case and process pages: thin views that check permission, call a service, render.

One module per concern; a new concern adds its module here.
"""

from .cases import (
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
    RefundView,
    RevocationView,
    UrgeView,
)
from .limits import (
    ExtensionDecideView,
    ExtensionRequestView,
    OnTheSpotFileView,
    OnTheSpotView,
    SuspensionEndView,
    SuspensionStartView,
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
    "ExtensionDecideView",
    "ExtensionRequestView",
    "NodeAddView",
    "NodeChangeView",
    "NodeEditView",
    "OnTheSpotFileView",
    "OnTheSpotView",
    "PaymentView",
    "ProcedureStepView",
    "PublicFlowListView",
    "PublicFlowView",
    "RecordAddView",
    "RecordFileView",
    "RefundView",
    "RevocationView",
    "SuspensionEndView",
    "SuspensionStartView",
    "TemplateActionView",
    "TemplateCopyView",
    "TemplateDetailView",
    "TemplateListView",
    "UrgeView",
]
