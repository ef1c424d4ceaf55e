"""Public report pages, mounted at /public/reports/ by the project URLconf."""

from django.urls import path

from . import public_views

app_name = "reports_public"

urlpatterns = [
    path("", public_views.report_new, name="report_new"),
    path("follow/", public_views.follow, name="follow"),
    path("follow/add/", public_views.follow_add, name="follow_add"),
    path("follow/claim/", public_views.follow_claim, name="follow_claim"),
]
