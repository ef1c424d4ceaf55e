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
    # Multipart bodies too, once the view parses them (#17: the gap of item 4).
    multipart = client.post(reverse("login"), {"username": "a\x00", "password": "x"})
    assert multipart.status_code == 400
    assert "无法接受" in multipart.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cookie",
    ["{session}=abcdefgh\x00ijklmnop", "{session}=x; bad\x00name=1", "django_language=zh\x00"],
)
def test_a_nul_in_a_cookie_is_refused(client, settings, require_postgres, cookie):
    """A session key with NUL reached the session table's query: a 500 on PostgreSQL."""
    header = cookie.format(session=settings.SESSION_COOKIE_NAME)
    for path in ("/", reverse("login"), "/powers/", "/public/standards/"):
        response = client.get(path, HTTP_COOKIE=header)
        assert response.status_code == 400, (path, header)
        assert "无法接受" in response.content.decode()


@pytest.mark.django_db
def test_a_nul_in_a_multipart_field_name_value_or_file_name_is_refused(client, require_postgres):
    from tests.reports.factories import png_with_text

    url = reverse("reports_public:report_new")
    cases = {
        "value": {"subject": "乱罚款\x00", "description": "x"},
        "name": {"subj\x00ect": "乱罚款"},
    }
    for what, data in cases.items():
        response = client.post(url, data)
        assert response.status_code == 400, what
        assert "无法接受" in response.content.decode(), what
    # File names: Django's multipart parser drops non-printable characters (NUL among them)
    # before any view sees the name; the middleware checks what is left, and nothing fails.
    named = client.post(url, {"subject": "乱罚款", "pictures": png_with_text("photo\x00.png")})
    assert named.status_code in (200, 400)
    assert "无法接受" not in named.content.decode()
    # An ordinary multipart post still reaches the view (it answers with its own errors).
    ordinary = client.post(url, {"subject": "乱罚款"})
    assert ordinary.status_code in (200, 302, 400)
    assert "无法接受" not in ordinary.content.decode()


@pytest.mark.django_db
def test_ordinary_chinese_input_still_passes(client):
    response = client.get("/public/standards/", {"q": "食品 经营 😀"})
    assert response.status_code == 200
