"""Security finding: NUL bytes gave 500s (issue #17, item 4).

PostgreSQL refuses NUL in every text value, so ``?agency=%00`` reached a query and raised.
The class of the bug is "input the database cannot store", wherever it enters: one middleware
refuses it before any view runs. These tests send it to every URL pattern the portal has,
in every GET parameter a view reads (harvested from the source, so a new parameter is
covered without editing this file), as a visitor and as staff, and expect the portal's own
Chinese 400 page, never a 500.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from .matrix import is_skipped, request, session_cookies, variants, walk

ROOT = Path(__file__).resolve().parents[2]
APPS = ("enforcement_portal", "powers", "discretion", "workflows", "disclosure", "oversight")
_READS = re.compile(r"""GET\.(?:get|getlist)\(\s*["']([A-Za-z_][\w-]*)["']""")
# Filter forms bound to request.GET name their fields; these are the ones the lists use.
GENERIC = ("q", "agency", "page", "cursor", "status", "category", "kind", "year", "format")


def get_parameters() -> list[str]:
    names = set(GENERIC)
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            names.update(_READS.findall(path.read_text(encoding="utf-8")))
    return sorted(names)


# A lone surrogate cannot reach a view through a URL: Django decodes the bytes with
# replacement characters. NUL arrives intact.
BAD_VALUES = ("\x00", "abc\x00def")


def test_the_harvest_finds_the_parameters_views_read():
    found = get_parameters()
    # Named in the finding: the standards' agency filter, the search boxes, the cursor.
    assert {"agency", "q", "cursor"} <= set(found)
    assert len(found) > len(GENERIC)


@pytest.mark.django_db
def test_every_url_refuses_unstorable_query_values_with_400(world_db, require_postgres):
    cookies = session_cookies(world_db)
    params = get_parameters()
    failures = []
    checked = 0
    for route in walk():
        if is_skipped(route.name) or "<unnamed" in route.name:
            continue
        kwargs = next(iter(variants(route, world_db).values()))
        path = reverse(route.name, kwargs=kwargs)
        for value in BAD_VALUES:
            query = urlencode(
                dict.fromkeys(params, value), encoding="utf-8", errors="surrogatepass"
            )
            for who in ("anon", "officer", "admin"):
                response = request(f"{path}?{query}", cookies[who], "GET")
                checked += 1
                if response.status_code != 400:
                    failures.append(f"{who} GET {path}?…={value!r}: {response.status_code}")
    assert checked > 100
    assert failures == [], "\n".join(failures[:40])


@pytest.mark.django_db
def test_the_400_page_is_the_portals_own_and_chinese(client, require_postgres):
    response = client.get("/public/standards/", {"agency": "\x00"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="error-400"' in html
    assert "无法接受" in html


@pytest.mark.django_db
def test_a_nul_in_a_key_or_a_posted_form_is_refused_too(client, require_postgres):
    assert client.get("/powers/?%00=1").status_code == 400
    encoded = client.post(
        reverse("login"),
        "username=a%00&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert encoded.status_code == 400
    # Multipart bodies are parsed by the views; their forms refuse NUL at the field.
    multipart = client.post(reverse("login"), {"username": "a\x00", "password": "x"})
    assert multipart.status_code == 200
    assert "空字符" in multipart.content.decode() or "Null characters" in multipart.content.decode()


@pytest.mark.django_db
def test_ordinary_chinese_input_still_passes(client):
    response = client.get("/public/standards/", {"q": "食品 经营 😀"})
    assert response.status_code == 200
