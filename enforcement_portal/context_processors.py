from django.conf import settings

from . import registry


def portal(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "CITY_NAME": settings.CITY_NAME,
        "nav_items": registry.nav_items(user, public=not signed_in),
        "public_nav_items": registry.nav_items(user, public=True),
        "request_id": getattr(request, "request_id", ""),
    }
