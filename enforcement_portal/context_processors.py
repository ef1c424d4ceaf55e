from django.conf import settings
from django.utils import timezone

from . import registry
from .holidays import cached_years_on_fallback


def portal(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "CITY_NAME": settings.CITY_NAME,
        "nav_items": registry.nav_items(user, public=not signed_in),
        "public_nav_items": registry.nav_items(user, public=True),
        "request_id": getattr(request, "request_id", ""),
        "calendar_fallback_years": (
            cached_years_on_fallback(timezone.localdate()) if signed_in else []
        ),
    }
