"""事后公示: the public decision search, a decision, its masked full text (HTML and PDF)."""

from __future__ import annotations

import time
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from enforcement_portal.paging import InvalidCursor, keyset_page

from .. import selectors
from ..forms import (
    DecisionSearchForm,
)
from ..models import Publication

PAGE_SIZE = 20


_local_results = LocMemCache("disclosure:decision-list", {"OPTIONS": {"MAX_ENTRIES": 200}})


def _cached_results(key: str, seconds: int, render_results) -> str:
    """The rendering stored under ``key``, else ``render_results()`` stored for ``seconds``.

    The shared entry carries its expiry time, so a local copy never outlives it.
    """
    entry = _local_results.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is None:
            entry = (time.time() + seconds, render_results())
            cache.set(key, entry, seconds)
        _local_results.set(key, entry, max(entry[0] - time.time(), 0.001))
    return entry[1]


class PublicDecisionListView(View):
    """事后公示: search decisions by keyword, agency, kind and date; newest first; cursor pages.

    The search form and the result page are rendered without the request (so nothing of the
    visitor, such as a CSRF token, can enter them) and cached under a key naming everything
    they depend on (``selectors.decision_list_cache_key``); the layout around them, with the
    visitor's CSRF token and language switch, is rendered for every request.
    """

    # Read-only: no transaction around the request (saves the COMMIT round trip on every
    # cache hit). The fingerprint is still read before the page (see decision_list_cache_key).
    @method_decorator(transaction.non_atomic_requests)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        params = DecisionSearchForm.params_from(request.GET)
        cursor = request.GET.get("cursor", "")
        seconds = settings.PUBLIC_DECISION_LIST_CACHE_SECONDS
        context = {}  # the form and page too when rendered now (tests read them)
        render_results = partial(self.render_results, params, cursor, context)
        try:
            if seconds:
                key = selectors.decision_list_cache_key(
                    params=params,
                    cursor=cursor,
                    language=get_language(),
                    today=timezone.localdate(),
                )
                results = _cached_results(key, seconds, render_results)
            else:
                results = render_results()
        except InvalidCursor:
            return HttpResponseBadRequest(
                _("The page link is not valid; start again from the list.")
            )
        context["results"] = mark_safe(results)  # noqa: S308 (our own template's output)
        return render(request, "disclosure/decision_list.html", context)

    def render_results(self, params: dict, cursor: str, context: dict) -> str:
        form = DecisionSearchForm(params or None)
        filters = form.cleaned_data if form.is_valid() else {}
        page = keyset_page(
            selectors.public_decisions(**{k: v for k, v in filters.items() if v}),
            ordering=("-published_on", "-id"),
            cursor=cursor or None,
            size=PAGE_SIZE,
        )
        context.update(form=form, page=page)
        return render_to_string(
            "disclosure/_decision_results.html", {**context, "query": urlencode(params)}
        )


class PublicDecisionDetailView(View):
    def get(self, request, pk):
        publication = selectors.public_decision(pk)
        if publication is None:
            raise Http404
        context = {"publication": publication, "record": publication.public_data}
        return render(request, "disclosure/decision_detail.html", context)


class PublicDecisionFullTextView(View):
    """决定书全文: the decision document as the publicity officer signed it off, masked."""

    def get_record(self, pk):
        publication = selectors.public_decision(pk)
        if publication is None or publication.status != Publication.Status.PUBLISHED:
            raise Http404
        if not publication.public_data.get("full_text"):
            raise Http404
        return publication

    def get(self, request, pk):
        publication = self.get_record(pk)
        context = {"publication": publication, "record": publication.public_data}
        return render(request, "disclosure/decision_full_text.html", context)


class PublicDecisionFullTextPdfView(PublicDecisionFullTextView):
    def get(self, request, pk):
        from enforcement_portal.pdf import render_pdf

        publication = self.get_record(pk)
        body = render_pdf(
            "disclosure/decision_full_text_pdf.html",
            {
                "publication": publication,
                "record": publication.public_data,
                "paragraphs": [
                    line for line in publication.public_data["full_text"].splitlines() if line
                ],
            },
        )
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="decision-{publication.pk}.pdf"'
        return response
