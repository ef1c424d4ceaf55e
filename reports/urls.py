"""Staff pages of public reports, mounted at /oversight/reports/ by the project URLconf."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="reports"),
    path("rewards/", views.RewardLedgerView.as_view(), name="reward_ledger"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report"),
    path("<int:pk>/identity/", views.IdentityView.as_view(), name="report_identity"),
    path("<int:pk>/reward/pay/", views.RewardPayView.as_view(), name="reward_pay"),
    path(
        "<int:pk>/files/<int:attachment_id>/",
        views.AttachmentView.as_view(),
        name="report_attachment",
    ),
    path("<int:pk>/<slug:action>/", views.ReportActionView.as_view(), name="report_action"),
    path(
        "identity-requests/<int:pk>/decide/",
        views.IdentityDecideView.as_view(),
        name="identity_decide",
    ),
]
