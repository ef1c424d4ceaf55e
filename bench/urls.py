"""The production URLconf plus the framework's ceiling: a bare view returning a constant.

Used only by bench.web_settings; the bare view never exists in the production URLconf.
"""

from django.http import HttpResponse
from django.urls import path

from enforcement_portal.urls import urlpatterns as portal_urlpatterns

CONSTANT = b"ok"


def constant(request):
    return HttpResponse(CONSTANT, content_type="text/plain")


urlpatterns = [path("bench/constant/", constant, name="bench_constant"), *portal_urlpatterns]

handler403 = "enforcement_portal.views.error_403"
handler404 = "enforcement_portal.views.error_404"
handler500 = "enforcement_portal.views.error_500"
