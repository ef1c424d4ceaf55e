from django.urls import path

from . import feeds, views
from .views.lists import PublicAgencyListsView

app_name = "disclosure"

urlpatterns = [
    path("public/agencies/", views.PublicAgencyListView.as_view(), name="agencies"),
    path("public/agencies/<slug:code>/", views.PublicAgencyDetailView.as_view(), name="agency"),
    path(
        "public/agencies/<slug:code>/lists/",
        PublicAgencyListsView.as_view(),
        name="agency_lists",
    ),
    path("public/powers/<int:pk>/", views.PublicPowerDetailView.as_view(), name="power"),
    path(
        "disclosure/guides/<int:pk>/",
        views.ServiceGuideEditView.as_view(),
        name="service_guide_edit",
    ),
    path("public/certificate/", views.CertificateCheckView.as_view(), name="certificate_check"),
    path(
        "open-data/powers.<str:fmt>",
        views.OpenDataPowersView.as_view(),
        name="open_data_powers",
    ),
    path("public/standards/", views.PublicStandardListView.as_view(), name="standards"),
    path("public/standards/<int:pk>/", views.PublicStandardDetailView.as_view(), name="standard"),
    path(
        "open-data/standards.<str:fmt>",
        views.OpenDataStandardsView.as_view(),
        name="open_data_standards",
    ),
    path("public/statistics/", views.AnnualReportListView.as_view(), name="annual_reports"),
    path(
        "public/statistics/<int:year>/<slug:code>/",
        views.AnnualReportDetailView.as_view(),
        name="annual_report",
    ),
    path(
        "public/statistics/<int:year>/<slug:code>.pdf",
        views.AnnualReportPdfView.as_view(),
        name="annual_report_pdf",
    ),
    path("public/decisions/", views.PublicDecisionListView.as_view(), name="decisions"),
    path("public/decisions/<int:pk>/", views.PublicDecisionDetailView.as_view(), name="decision"),
    path(
        "public/decisions/<int:pk>/full-text/",
        views.PublicDecisionFullTextView.as_view(),
        name="decision_full_text",
    ),
    path(
        "public/decisions/<int:pk>/full-text.pdf",
        views.PublicDecisionFullTextPdfView.as_view(),
        name="decision_full_text_pdf",
    ),
    path(
        "open-data/decisions.atom",
        feeds.DecisionFeed(),
        name="decision_feed",
    ),
    path(
        "open-data/decisions.<str:fmt>",
        views.OpenDataDecisionsView.as_view(),
        name="open_data_decisions",
    ),
    path(
        "open-data/penalties.<str:fmt>",
        views.OpenDataPenaltiesView.as_view(),
        name="open_data_penalties",
    ),
    path("disclosure/publications/", views.StaffPublicationListView.as_view(), name="publications"),
    path(
        "disclosure/credit-upload/",
        views.CreditUploadView.as_view(),
        name="credit_upload",
    ),
    path(
        "disclosure/publications/new/",
        views.StaffPublicationCreateView.as_view(),
        name="publication_create",
    ),
    path(
        "disclosure/publications/<int:pk>/",
        views.StaffPublicationDetailView.as_view(),
        name="publication",
    ),
    path(
        "disclosure/publications/<int:pk>/edit/",
        views.StaffPublicationEditView.as_view(),
        name="publication_edit",
    ),
    path(
        "disclosure/publications/<int:pk>/sign-off/",
        views.StaffPublicationSignoffView.as_view(),
        name="publication_signoff",
    ),
    path(
        "disclosure/publications/<int:pk>/<slug:action>/",
        views.StaffPublicationActionView.as_view(),
        name="publication_action",
    ),
    path(
        "disclosure/inspection-items/",
        views.InspectionItemListView.as_view(),
        name="inspection_items",
    ),
    path(
        "disclosure/inspection-items/new/",
        views.InspectionItemCreateView.as_view(),
        name="inspection_item_create",
    ),
    path(
        "disclosure/inspection-items/<int:pk>/",
        views.InspectionItemUpdateView.as_view(),
        name="inspection_item_update",
    ),
]
