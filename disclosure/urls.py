from django.urls import path

from . import views

app_name = "disclosure"

urlpatterns = [
    path("public/agencies/", views.PublicAgencyListView.as_view(), name="agencies"),
    path("public/agencies/<slug:code>/", views.PublicAgencyDetailView.as_view(), name="agency"),
    path("public/powers/<int:pk>/", views.PublicPowerDetailView.as_view(), name="power"),
    path("public/certificate/", views.CertificateCheckView.as_view(), name="certificate_check"),
    path(
        "open-data/powers.<str:fmt>",
        views.OpenDataPowersView.as_view(),
        name="open_data_powers",
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
