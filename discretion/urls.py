from django.urls import path

from . import list_views, views

app_name = "discretion"

urlpatterns = [
    path("", views.StandardListView.as_view(), name="list"),
    path("lists/", list_views.OutcomeListView.as_view(), name="outcome_lists"),
    path(
        "lists/<int:pk>/withdraw/",
        list_views.OutcomeListWithdrawView.as_view(),
        name="outcome_list_withdraw",
    ),
    path("new/", views.StandardCreateView.as_view(), name="create"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("export/", views.ExportView.as_view(), name="export"),
    path("<int:pk>/", views.StandardDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.StandardUpdateView.as_view(), name="edit"),
    path("<int:pk>/submit/", views.SubmitView.as_view(), name="submit"),
    path("<int:pk>/opinion/", views.OpinionView.as_view(), name="opinion"),
    path("<int:pk>/register/", views.RegisterView.as_view(), name="register"),
    path("<int:pk>/return/", views.ReturnView.as_view(), name="return"),
    path("<int:pk>/new-version/", views.NewVersionView.as_view(), name="new_version"),
    path("<int:pk>/calculator/", views.CalculatorView.as_view(), name="calculator"),
]
