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
    PaymentView,
    RecordAddView,
    RecordFileView,
)
from .limits import (
    ExtensionDecideView,
    ExtensionRequestView,
    OnTheSpotFileView,
    OnTheSpotView,
    SuspensionEndView,
    SuspensionStartView,
)
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
    "DecisionView",
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
    "PublicFlowListView",
    "PublicFlowView",
    "RecordAddView",
    "RecordFileView",
    "SuspensionEndView",
    "SuspensionStartView",
    "TemplateActionView",
    "TemplateCopyView",
    "TemplateDetailView",
    "TemplateListView",
]
