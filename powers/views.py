"""Power registry pages."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView
from rules.contrib.views import PermissionRequiredMixin

from .models import Agency


class AgencyDetailView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    model = Agency
    permission_required = "powers.view_agency"
    template_name = "powers/agency_detail.html"
    context_object_name = "agency"

    def get_queryset(self):
        return Agency.objects.select_related("parent")
