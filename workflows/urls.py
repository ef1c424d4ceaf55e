from django.urls import path

from . import views

app_name = "workflows"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="case_list"),
    path("new/", views.CaseOpenView.as_view(), name="case_open"),
    path("<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("<int:pk>/do/<slug:action>/", views.CaseActionView.as_view(), name="case_action"),
    path("<int:pk>/records/new/", views.RecordAddView.as_view(), name="record_add"),
    path("<int:pk>/persons/new/", views.CasePersonAddView.as_view(), name="person_add"),
    path("persons/<int:pk>/remove/", views.CasePersonRemoveView.as_view(), name="person_remove"),
    path("<int:pk>/decision/", views.DecisionView.as_view(), name="decision"),
    path("<int:pk>/payment/", views.PaymentView.as_view(), name="payment"),
    path("<int:pk>/challenges/new/", views.ChallengeView.as_view(), name="challenge_add"),
    path("<int:pk>/challenges/end/", views.ChallengeEndView.as_view(), name="challenge_end"),
    path("<int:pk>/deferrals/new/", views.DeferralApplyView.as_view(), name="deferral_apply"),
    path("deferrals/<int:pk>/decide/", views.DeferralDecideView.as_view(), name="deferral_decide"),
    path("<int:pk>/urge/", views.UrgeView.as_view(), name="urge"),
    path("<int:pk>/court/", views.CourtApplyView.as_view(), name="court_apply"),
    path("<int:pk>/court/ruling/", views.CourtRulingView.as_view(), name="court_ruling"),
    path("<int:pk>/revocation/", views.RevocationView.as_view(), name="revocation"),
    path("<int:pk>/refunds/new/", views.RefundView.as_view(), name="refund"),
    path("<int:pk>/procedure/<slug:step>/", views.ProcedureStepView.as_view(), name="procedure"),
    path("<int:pk>/suspend/", views.SuspensionStartView.as_view(), name="suspension_start"),
    path("<int:pk>/resume/", views.SuspensionEndView.as_view(), name="suspension_end"),
    path(
        "<int:pk>/extensions/new/", views.ExtensionRequestView.as_view(), name="extension_request"
    ),
    path(
        "extensions/<int:pk>/decide/",
        views.ExtensionDecideView.as_view(),
        name="extension_decide",
    ),
    path("on-the-spot/", views.OnTheSpotView.as_view(), name="on_the_spot"),
    path(
        "<int:pk>/on-the-spot/file/",
        views.OnTheSpotFileView.as_view(),
        name="on_the_spot_file",
    ),
    path(
        "<int:pk>/documents/<slug:kind>/",
        views.DocumentGenerateView.as_view(),
        name="document_generate",
    ),
    path("documents/<int:pk>/", views.DocumentDownloadView.as_view(), name="document_download"),
    path("records/<int:pk>/file/", views.RecordFileView.as_view(), name="record_file"),
    path("processes/", views.TemplateListView.as_view(), name="template_list"),
    path("processes/copy/", views.TemplateCopyView.as_view(), name="template_copy"),
    path("processes/<int:pk>/", views.TemplateDetailView.as_view(), name="template_detail"),
    path(
        "processes/<int:pk>/<slug:action>/",
        views.TemplateActionView.as_view(),
        name="template_action",
    ),
    path("processes/nodes/<int:pk>/", views.NodeEditView.as_view(), name="node_edit"),
    path("processes/<int:pk>/nodes/new/", views.NodeAddView.as_view(), name="node_add"),
    path(
        "processes/nodes/<int:pk>/<slug:action>/",
        views.NodeChangeView.as_view(),
        name="node_change",
    ),
    path("flows/", views.PublicFlowListView.as_view(), name="public_flow_list"),
    path("flows/<int:pk>/", views.PublicFlowView.as_view(), name="public_flow"),
]
