"""JSON search behind the type-ahead pickers (enforcement_portal/widgets.py): each returns,
for what the user typed, only the objects its form would accept, after a ``rules`` check."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import JsonResponse
from django.views import View

from .selectors import exercisable_powers, officers_with_valid_certificate

LIMIT = 20


class _PickerView(LoginRequiredMixin, View):
    permission = ""
    search_fields: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ("pk",)

    def queryset(self, user) -> QuerySet:
        raise NotImplementedError

    def get(self, request):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        q = request.GET.get("q", "").strip()[:100]
        rows = self.queryset(request.user)
        for word in q.split():
            match = Q()
            for name in self.search_fields:
                match |= Q(**{f"{name}__icontains": word})
            rows = rows.filter(match)
        results = [{"value": obj.pk, "text": str(obj)} for obj in rows.order_by(*self.order_by)]
        return JsonResponse({"results": results[:LIMIT]})


class PowerPickerView(_PickerView):
    """Powers a case may be opened on in the user's own agency (the case-opening form's own
    queryset: registered, not suspended, every basis in force)."""

    permission = "powers.pick_power"
    search_fields = ("code", "name")
    order_by = ("code",)

    def queryset(self, user):
        return exercisable_powers(user.agency_id)


class OfficerPickerView(_PickerView):
    """The user's own agency's officers whose enforcement certificate is valid today."""

    permission = "powers.pick_officer"
    search_fields = ("name", "certificate_number")
    order_by = ("name", "pk")

    def queryset(self, user):
        return officers_with_valid_certificate(user.agency_id)
