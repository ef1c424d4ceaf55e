"""Request ids, the audit context (who is acting), and security headers."""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .context import current_actor, current_request_id

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id (or keep a sane incoming X-Request-ID) for logs and audit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        # A view may drop the id (the anonymous report pages set it to ""): then no header.
        if getattr(request, "request_id", ""):
            response["X-Request-ID"] = request.request_id
        return response


class UnstorableInput(SuspiciousOperation):
    """A query string, path or form value holds characters no database column can store."""


# NUL is refused by PostgreSQL in every text value; lone surrogates cannot be encoded as UTF-8.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _unstorable(values) -> bool:
    return any(_UNSTORABLE.search(value) for value in values if isinstance(value, str))


def _form_values(query_dict) -> list[str]:
    values = []
    for key, items in query_dict.lists():
        values.append(key)
        values.extend(items)
    return values


class RejectUnstorableInputMiddleware:
    """Answer 400 (the portal's own page) to input that would make the database raise.

    Checked for every view: the path, every GET key and value, every cookie name and value
    (a session key with NUL reached the session table), and url-encoded POST bodies at once.
    Multipart bodies are parsed by the views themselves, under the upload handlers they set,
    so their field names, values and file names are checked when a view first reads
    ``request.POST`` or ``request.FILES``; the 400 is raised from there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path, *_form_values(request.GET)]
        for name, value in request.COOKIES.items():
            values += [name, value]
        if request.content_type == "application/x-www-form-urlencoded":
            values += _form_values(request.POST)
        elif request.content_type == "multipart/form-data":
            self._check_when_parsed(request)
        if _unstorable(values):
            raise UnstorableInput("input holds NUL or surrogate characters")
        return self.get_response(request)

    @staticmethod
    def _check_when_parsed(request) -> None:
        load = request._load_post_and_files

        def load_and_check():
            load()
            values = _form_values(request._post)
            for key, files in request._files.lists():
                values.append(key)
                values.extend(upload.name or "" for upload in files)
            if _unstorable(values):
                raise UnstorableInput("multipart input holds NUL or surrogate characters")

        request._load_post_and_files = load_and_check


class AuditContextMiddleware:
    """Make the signed-in user the default actor of audit events during this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = current_actor.set(user if user is not None and user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            current_actor.reset(token)


class SecurityHeadersMiddleware:
    """Content-Security-Policy (no inline script or style) and a strict permissions policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class ChineseFirstLocaleMiddleware:
    """Chinese unless the visitor chose another language with the switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a government
    portal speaks Chinese first whatever the browser says.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
