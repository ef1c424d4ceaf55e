"""Keyset paging walks every row once, in order, and refuses forged cursors."""

import datetime as dt

import pytest

from enforcement_portal.paging import InvalidCursor, keyset_page
from powers.models import Officer
from tests.factories import AgencyFactory, OfficerFactory

pytestmark = pytest.mark.django_db


def test_walks_every_row_once_in_order_with_ties_broken_by_id():
    agency = AgencyFactory()
    for n in range(23):
        OfficerFactory(agency=agency, certificate_valid_until=dt.date(2030, 1, 1 + n % 3))
    ordering = ("-certificate_valid_until", "-id")
    seen, cursor, pages = [], None, 0
    while True:
        page = keyset_page(Officer.objects.all(), ordering=ordering, cursor=cursor, size=5)
        seen.extend(page.items)
        pages += 1
        if not page.has_next:
            break
        cursor = page.next_cursor
    expected = list(Officer.objects.order_by(*ordering))
    assert seen == expected and pages == 5


def test_each_page_is_one_query_and_never_counts(django_assert_num_queries):
    agency = AgencyFactory()
    OfficerFactory.create_batch(8, agency=agency)
    first = keyset_page(Officer.objects.all(), ordering=("-id",), size=3)
    with django_assert_num_queries(1) as ctx:
        keyset_page(Officer.objects.all(), ordering=("-id",), cursor=first.next_cursor, size=3)
    sql = ctx.captured_queries[0]["sql"].upper()
    assert "OFFSET" not in sql and "COUNT(" not in sql


@pytest.mark.parametrize("token", ["garbage!!", "W10", "WyJ4Il0", "eyJhIjoxfQ"])
def test_forged_cursors_are_refused(token):
    with pytest.raises(InvalidCursor):
        keyset_page(
            Officer.objects.all(), ordering=("-certificate_valid_until", "-id"), cursor=token
        )
