"""The public page of an agency's no-penalty and lighter-penalty lists (清单, Arts. 32-33)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views import View

from discretion.lists import entries_by_kind
from powers.models import Agency


class PublicAgencyListsView(View):
    def get(self, request, code):
        agency = get_object_or_404(Agency, code=code, is_enforcement_body=True)
        context = {"agency": agency, "lists": entries_by_kind(agency.pk)}
        return render(request, "disclosure/agency_lists.html", context)
