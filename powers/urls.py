from django.urls import path

from . import pickers, views

app_name = "powers"

urlpatterns = [
    path("agencies/<int:pk>/", views.AgencyDetailView.as_view(), name="agency_detail"),
    path("", views.PowerListView.as_view(), name="power_list"),
    path("new/", views.PowerCreateView.as_view(), name="power_create"),
    path("<int:pk>/", views.PowerDetailView.as_view(), name="power_detail"),
    path("<int:pk>/edit/", views.PowerEditView.as_view(), name="power_edit"),
    path("<int:pk>/<str:action>/", views.PowerActionView.as_view(), name="power_action"),
    path("batches/", views.BatchListView.as_view(), name="batch_list"),
    path("batches/new/", views.BatchCreateView.as_view(), name="batch_create"),
    path("batches/<int:pk>/", views.BatchDetailView.as_view(), name="batch_detail"),
    path("batches/<int:pk>/submit/", views.BatchSubmitView.as_view(), name="batch_submit"),
    path("versions/<int:pk>/review/", views.VersionReviewView.as_view(), name="version_review"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/<int:pk>/", views.ImportJobView.as_view(), name="import_job"),
    path("import/<int:pk>/status/", views.ImportJobStatusView.as_view(), name="import_status"),
    path(
        "import/<int:pk>/request-regulations/",
        views.RegulationRequestFileView.as_view(),
        name="regulation_request_file",
    ),
    path(
        "regulations/requests/",
        views.RegulationRequestListView.as_view(),
        name="regulation_requests",
    ),
    path(
        "regulations/requests/<int:pk>/decline/",
        views.RegulationRequestDeclineView.as_view(),
        name="regulation_request_decline",
    ),
    path("export/", views.ExportView.as_view(), name="export"),
    path("pick/powers/", pickers.PowerPickerView.as_view(), name="pick_powers"),
    path("pick/officers/", pickers.OfficerPickerView.as_view(), name="pick_officers"),
    path("regulations/", views.RegulationListView.as_view(), name="regulation_list"),
    path("regulations/new/", views.RegulationFormView.as_view(), name="regulation_create"),
    path("regulations/search/", views.ProvisionSearchView.as_view(), name="provision_search"),
    path("regulations/<int:pk>/", views.RegulationDetailView.as_view(), name="regulation_detail"),
    path("regulations/<int:pk>/edit/", views.RegulationFormView.as_view(), name="regulation_edit"),
]
