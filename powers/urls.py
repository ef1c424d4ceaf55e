from django.urls import path

from . import views

app_name = "powers"

urlpatterns = [
    path("agencies/<int:pk>/", views.AgencyDetailView.as_view(), name="agency_detail"),
]
