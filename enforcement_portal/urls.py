from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .forms import LoginForm

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "history/<str:object_type>/<str:object_id>/",
        views.ObjectHistoryView.as_view(),
        name="object_history",
    ),
    path("powers/", include("powers.urls")),
    path("discretion/", include("discretion.urls")),
    path("cases/", include("workflows.urls")),
    path("", include("disclosure.urls")),
    path("oversight/reports/", include("reports.urls")),
    path("oversight/", include("oversight.urls")),
    path("public/reports/", include("reports.public_urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler400 = "enforcement_portal.views.error_400"
handler403 = "enforcement_portal.views.error_403"
handler404 = "enforcement_portal.views.error_404"
handler500 = "enforcement_portal.views.error_500"
