from django.urls import path

from .dashboard import views as views_dashboard
from .evaluation import views as views_evaluation
from .inbox import views as views_inbox
from .legal_review import views as views_legal
from .supervision import views as views_supervision
from .warnings import views as views_warnings

app_name = "oversight"

urlpatterns = [
    path("inbox/", views_inbox.InboxView.as_view(), name="inbox"),
    path("inbox/<int:pk>/", views_inbox.MessageView.as_view(), name="inbox_message"),
    path("inbox/preferences/", views_inbox.PreferencesView.as_view(), name="inbox_preferences"),
    path("dashboard/", views_dashboard.DashboardView.as_view(), name="dashboard"),
    path("legal/", views_legal.LegalReviewListView.as_view(), name="legal_reviews"),
    path("legal/cases/<int:pk>/", views_legal.CaseReviewView.as_view(), name="legal_case"),
    path(
        "legal/cases/<int:pk>/<slug:action>/",
        views_legal.CaseReviewView.as_view(),
        name="legal_case_action",
    ),
    path(
        "legal/reviews/<int:pk>/opinion.pdf",
        views_legal.OpinionPdfView.as_view(),
        name="legal_opinion",
    ),
    path("legal/catalogues/<int:pk>/", views_legal.CatalogueView.as_view(), name="legal_catalogue"),
    path("warnings/", views_warnings.WarningListView.as_view(), name="warnings"),
    path("warnings/<int:pk>/", views_warnings.WarningDetailView.as_view(), name="warning"),
    path(
        "warnings/<int:pk>/<slug:action>/",
        views_warnings.WarningActionView.as_view(),
        name="warning_action",
    ),
    path("supervision/", views_supervision.SupervisionListView.as_view(), name="supervision"),
    path("supervision/new/", views_supervision.RecordCreateView.as_view(), name="supervision_new"),
    path(
        "supervision/monthly/",
        views_supervision.MonthlyReportView.as_view(),
        name="supervision_monthly",
    ),
    path(
        "supervision/monthly.pdf",
        views_supervision.MonthlyReportView.as_view(pdf=True),
        name="supervision_monthly_pdf",
    ),
    path(
        "supervision/<int:pk>/",
        views_supervision.RecordDetailView.as_view(),
        name="supervision_record",
    ),
    path(
        "supervision/<int:pk>/edit/",
        views_supervision.RecordEditView.as_view(),
        name="supervision_edit",
    ),
    path(
        "supervision/<int:pk>/files/<int:attachment_id>/",
        views_supervision.AttachmentView.as_view(),
        name="supervision_attachment",
    ),
    path(
        "supervision/<int:pk>/<slug:action>/",
        views_supervision.RecordActionView.as_view(),
        name="supervision_action",
    ),
    path(
        "supervision/findings/<int:pk>/<slug:action>/",
        views_supervision.FindingActionView.as_view(),
        name="finding_action",
    ),
    path("evaluation/", views_evaluation.EvaluationListView.as_view(), name="evaluations"),
    path(
        "evaluation/<int:pk>/", views_evaluation.EvaluationDetailView.as_view(), name="evaluation"
    ),
]
