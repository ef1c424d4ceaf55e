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
    PaymentView,
    RecordAddView,
    RecordFileView,
)
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
    "DecisionView",
    "DocumentDownloadView",
    "DocumentGenerateView",
    "NodeAddView",
    "NodeChangeView",
    "NodeEditView",
    "PaymentView",
    "ProcedureStepView",
    "PublicFlowListView",
    "PublicFlowView",
    "RecordAddView",
    "RecordFileView",
    "TemplateActionView",
    "TemplateCopyView",
    "TemplateDetailView",
    "TemplateListView",
]
