"""Machinery of the permission matrix: every URL pattern, its arguments in the fixture world,
and the status class each role gets (see test_permission_matrix.py for the expected table)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .world import ROLES, Side, World

# One letter per answer, so that a row of the table reads as one word per agency.
#   2 = 200 (or another 2xx)        L = redirect to the sign-in page
#   R = another redirect            B = 400 (the request was refused as malformed)
#   F = 403                         N = 404                  M = 405
#   E = 500 (never acceptable)      ? = anything else
CODES = {200: "2", 400: "B", 403: "F", 404: "N", 405: "M", 500: "E"}


def code_of(response) -> str:
    status = response.status_code
    if 300 <= status < 400:
        location = response.get("Location", "")
        return "L" if location.startswith(reverse("login")) else "R"
    if 200 <= status < 300:
        return "2"
    return CODES.get(status, "?")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str  # the pattern as text, for messages
    pattern: URLPattern


def walk(resolver=None, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    """Every URL pattern reachable from the root URLconf, includes and namespaces followed."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry, text, inner)
        else:
            name = entry.name or f"<unnamed {text}>"
            yield Route(f"{namespace}:{name}" if namespace else name, text, entry)


# Which world object fills a URL's ``pk`` (or other object) argument, per URL name.
# A callable(side) -> kwargs. URLs whose arguments do not belong to an agency take the
# same arguments for both variants (see SHARED_ARGS).
def _pk(attr: str, **extra) -> Callable[[Side], dict]:
    return lambda side: {"pk": getattr(side, attr).pk, **extra}


AGENCY_ARGS: dict[str, Callable[[Side], dict]] = {
    "object_history": lambda s: {"object_type": "powers.power", "object_id": str(s.power.pk)},
    "powers:agency_detail": _pk("agency"),
    "powers:power_detail": _pk("power"),
    "powers:power_edit": _pk("power"),
    "powers:power_action": _pk("power", action="suspend"),
    "powers:batch_detail": _pk("batch"),
    "powers:batch_submit": _pk("batch"),
    "powers:version_review": _pk("version"),
    "powers:import_job": _pk("import_job"),
    "powers:import_status": _pk("import_job"),
    "powers:regulation_request_file": _pk("import_job"),
    "discretion:outcome_list_withdraw": _pk("list_entry"),
    "disclosure:agency_lists": lambda s: {"code": s.agency.code},
    "workflows:person_add": _pk("case"),
    "workflows:person_remove": _pk("person"),
    "discretion:detail": _pk("standard"),
    "discretion:edit": _pk("standard"),
    "discretion:submit": _pk("standard"),
    "discretion:opinion": _pk("standard"),
    "discretion:register": _pk("standard"),
    "discretion:return": _pk("standard"),
    "discretion:new_version": _pk("standard"),
    "discretion:calculator": _pk("standard"),
    "workflows:case_detail": _pk("case"),
    "workflows:case_action": _pk("case", action="hearing"),
    "workflows:record_add": _pk("case"),
    "workflows:decision": _pk("case"),
    "workflows:payment": _pk("case"),
    "workflows:challenge_add": _pk("case"),
    "workflows:challenge_end": _pk("case"),
    "workflows:deferral_apply": _pk("case"),
    "workflows:urge": _pk("case"),
    "workflows:court_apply": _pk("case"),
    "workflows:court_ruling": _pk("case"),
    "workflows:revocation": _pk("case"),
    "workflows:refund": _pk("case"),
    "workflows:deferral_decide": _pk("deferral"),
    "workflows:procedure": _pk("case", step="notice"),
    "workflows:suspension_start": _pk("case"),
    "workflows:suspension_end": _pk("case"),
    "workflows:extension_request": _pk("case"),
    "workflows:extension_decide": _pk("extension"),
    "workflows:on_the_spot_file": _pk("case"),
    # "decision" before a decision exists: refused with a message, so no PDF is rendered.
    "workflows:document_generate": _pk("case", kind="decision"),
    "workflows:document_download": _pk("document"),
    "workflows:record_file": _pk("record"),
    "workflows:template_detail": _pk("template"),
    "workflows:template_action": _pk("template", action="submit"),
    "workflows:node_edit": _pk("node"),
    "workflows:node_add": _pk("template"),
    "workflows:node_change": _pk("node", action="up"),
    "workflows:public_flow": _pk("template"),
    "disclosure:agency": lambda s: {"code": s.agency.code},
    "disclosure:power": _pk("power"),
    "disclosure:service_guide_edit": _pk("power"),
    "disclosure:standard": _pk("standard"),
    "disclosure:annual_report": lambda s: {"year": s.annual_report.year, "code": s.agency.code},
    "disclosure:annual_report_pdf": lambda s: {
        "year": s.annual_report.year,
        "code": s.agency.code,
    },
    "disclosure:decision": _pk("published"),
    "disclosure:decision_full_text": _pk("published"),
    "disclosure:decision_full_text_pdf": _pk("published"),
    "disclosure:publication": _pk("publication"),
    "disclosure:publication_edit": _pk("publication"),
    "disclosure:publication_action": _pk("publication", action="publish"),
    "disclosure:publication_signoff": _pk("publication"),
    "disclosure:inspection_item_update": _pk("inspection_item"),
    "oversight:legal_case": _pk("case"),
    "oversight:legal_case_action": _pk("case", action="conclude"),
    "oversight:legal_opinion": _pk("legal_review"),
    "oversight:legal_catalogue": _pk("agency"),
    "oversight:warning": _pk("warning"),
    "oversight:warning_action": _pk("warning", action="verify"),
    "reports:report": _pk("report"),
    "reports:report_identity": _pk("report"),
    "reports:reward_pay": _pk("report"),
    "reports:report_attachment": lambda s: {"pk": s.report.pk, "attachment_id": s.attachment.pk},
    "reports:report_action": _pk("report", action="reject"),
    "reports:identity_decide": _pk("identity_request"),
    "oversight:supervision_record": _pk("supervision"),
    "oversight:supervision_edit": _pk("supervision"),
    "oversight:supervision_attachment": lambda s: {
        "pk": s.supervision.pk,
        "attachment_id": s.supervision_file.pk,
    },
    "oversight:supervision_action": _pk("supervision", action="finding"),
    "oversight:finding_action": _pk("finding", action="verify"),
}

# Arguments that are not an agency's: the same for every request.
SHARED_ARGS: dict[str, Callable[[World], dict]] = {
    "powers:regulation_detail": lambda w: {"pk": w.regulation.pk},
    "powers:regulation_edit": lambda w: {"pk": w.regulation.pk},
    "powers:regulation_request_decline": lambda w: {"pk": w.regulation_request.pk},
    "disclosure:open_data_powers": lambda w: {"fmt": "json"},
    "disclosure:open_data_standards": lambda w: {"fmt": "json"},
    "disclosure:open_data_decisions": lambda w: {"fmt": "json"},
    "disclosure:open_data_penalties": lambda w: {"fmt": "json"},
    "oversight:evaluation": lambda w: {"pk": w.evaluation.pk},
    # A message is its recipient's alone; no role reads one it did not receive
    # (tests/oversight/test_inbox.py covers one's own).
    "oversight:inbox_message": lambda w: {"pk": 2_000_000_000},
}

# URL names left out of the matrix, each with the reason and the test that covers it instead.
SKIPPED = {
    "admin:*": "the Django admin is for superusers only; tested in test_deployment.py "
    "(admin under ADMIN_URL, staff-only) rather than page by page",
}


# Views that answer GET with something other than 405 but act only on POST.
# (The oversight actions share their view class with a GET-able page.)
POST_ONLY = {
    "logout",
    "workflows:node_change",
    "oversight:legal_case_action",
    "oversight:warning_action",
}

# Rows requested for some roles only ("." in the table for the others), with the reason.
ONLY_ROLES = {
    # A public PDF whose answer does not depend on who asks; each rendering is costly.
    "disclosure:annual_report_pdf": ("anon", "norole", "admin"),
    "disclosure:decision_full_text_pdf": ("anon", "norole", "admin"),
}


def is_skipped(name: str) -> bool:
    return name in SKIPPED or any(
        key.endswith(":*") and name.startswith(key[:-1]) for key in SKIPPED
    )


def variants(route: Route, world: World) -> dict[str, dict]:
    """``{"A": kwargs, "B": kwargs}`` for agency objects, ``{"-": kwargs}`` otherwise."""
    if route.name in AGENCY_ARGS:
        make = AGENCY_ARGS[route.name]
        return {"A": make(world.own), "B": make(world.other)}
    if route.name in SHARED_ARGS:
        return {"-": SHARED_ARGS[route.name](world)}
    return {"-": {}}


def session_cookies(world: World) -> dict[str, str | None]:
    """A signed-in session per role (None for the visitor), made once."""
    cookies: dict[str, str | None] = {"anon": None}
    for role in ROLES[1:]:
        client = Client()
        client.force_login(world.users[role])
        cookies[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


CSRF_SECRET = "s3curityMatrixCsrfSecret0123456X"  # 32 characters, as Django's cookie holds


_CLIENTS: dict[str | None, Client] = {}


def request(path: str, session: str | None, method: str):
    """One request in a savepoint that is rolled back, so no request changes the world.

    One client per session (loading the middleware once); its cookies are reset to the
    session and CSRF cookie before every request, whatever the last response set.
    """
    client = _CLIENTS.get(session)
    if client is None:
        client = _CLIENTS[session] = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.cookies = SimpleCookie()
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
    if session:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    with transaction.atomic():
        if method == "GET":
            response = client.get(path)
        else:  # with the CSRF token a page would carry, checked as in production
            response = client.post(path, {}, HTTP_X_CSRFTOKEN=CSRF_SECRET)
        transaction.set_rollback(True)
    return response


def method_of(route: Route, path: str, cookies: dict) -> str:
    """POST for a class-based view with ``post`` and no ``get``; else GET unless GET is 405.

    Read from the view class, not from one role's answer: a view that checks permission
    before the method answers 403 to a role without it, whatever the method (#17: the
    administrator is no longer let through everything, so it cannot be the probe).
    """
    view_class = getattr(route.pattern.callback, "view_class", None)
    if view_class is not None:
        return "POST" if hasattr(view_class, "post") and not hasattr(view_class, "get") else "GET"
    probe = request(path, cookies["admin"], "GET")
    return "POST" if probe.status_code == 405 else "GET"


def measure(world: World) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """The observed table ``{name: {variant: letters}}`` and the method used per name.

    A view that acts only on POST (``method_of``) is requested by POST (empty form).
    """
    cookies = session_cookies(world)
    _CLIENTS.clear()
    table: dict[str, dict[str, str]] = {}
    methods: dict[str, str] = {}
    for route in walk():
        if is_skipped(route.name) or "<unnamed" in route.name:
            continue
        if route.name in POST_ONLY:
            methods[route.name] = "POST"
        row: dict[str, str] = {}
        for variant, kwargs in variants(route, world).items():
            path = reverse(route.name, kwargs=kwargs)
            if route.name not in methods:
                methods[route.name] = method_of(route, path, cookies)
            asked = ONLY_ROLES.get(route.name, ROLES)
            row[variant] = "".join(
                code_of(request(path, cookies[role], methods[route.name])) if role in asked else "."
                for role in ROLES
            )
        table[route.name] = row
    return table, methods


def format_row(name: str, row: dict[str, str]) -> str:
    cells = ", ".join(f'"{variant}": "{letters}"' for variant, letters in row.items())
    return f'    "{name}": {{{cells}}},'
