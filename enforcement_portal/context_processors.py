from django.conf import settings

from . import registry


def portal(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "CITY_NAME": settings.CITY_NAME,
        "nav_items": registry.nav_items(user, public=not signed_in),
        "nav_menu": registry.nav_menu(user, public=not signed_in, current=_view_name(request)),
        "public_nav_items": registry.nav_items(user, public=True),
        "request_id": getattr(request, "request_id", ""),
    }


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""
