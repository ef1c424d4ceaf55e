"""The public decision list's cached search form and results: never stale, never personal.

The rendered form and result page are cached (disclosure.views.PublicDecisionListView) under
a key naming the data's state; these tests run against the real cache (Redis under CI) and
PostgreSQL, and check what a visitor sees right after each kind of change.
"""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from disclosure import services
from disclosure.models import Publication
from tests.disclosure.factories import PublishedFactory, publicity_officer
from tests.factories import AgencyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("require_postgres", "redis_url")]

URL = "/public/decisions/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def publish(on=dt.date(2026, 11, 10), **kwargs):
    return PublishedFactory(published_on=on, **kwargs)


@pytest.fixture
def listed():
    agency = AgencyFactory(code="cache-food", name="缓存测试市场监督管理局")
    return {
        "agency": agency,
        "old": publish(dt.date(2026, 11, 3), agency=agency, party_name="旧日食品有限公司"),
    }


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def main(page: str) -> str:
    """The page's own part, without the layout (request id, the language form's return path)."""
    return page[page.index("<main") : page.index("</main>")]


def test_a_repeated_request_is_answered_from_the_cache_with_one_query(
    client, listed, django_assert_num_queries
):
    first = html(client.get(URL, {"q": "食品"}))
    # The hit reads only the data's fingerprint; the page's own part is the same, byte for
    # byte, and the layout around it still carries this request's own CSRF token.
    with django_assert_num_queries(1) as ctx:
        second = html(client.get(URL, {"q": "食品"}))
    assert "hash" in ctx.captured_queries[0]["sql"]
    assert main(first) == main(second) and "旧日食品有限公司" in main(second)
    assert TOKEN.search(second)


def test_a_new_publication_shows_at_once(client, listed):
    assert "新开食品有限公司" not in html(client.get(URL))
    publish(dt.date(2026, 11, 12), agency=listed["agency"], party_name="新开食品有限公司")
    page = html(client.get(URL))
    assert "新开食品有限公司" in page
    assert page.index("新开食品有限公司") < page.index("旧日食品有限公司")  # newest first


def test_a_correction_shows_at_once(client, listed):
    assert "旧日食品有限公司" in html(client.get(URL))
    services.publication_correct(
        publication=listed["old"],
        data={"party_name": "更正食品有限公司"},
        note="名称录入错误",
        reviewer=publicity_officer(listed["old"].agency),
    )
    page = html(client.get(URL))
    assert "更正食品有限公司" in page and "旧日食品有限公司" not in page


def test_a_withdrawal_shows_at_once(client, listed):
    assert "旧日食品有限公司" in html(client.get(URL))
    services.publication_withdraw(publication=listed["old"], reason="复议决定撤销原处罚")
    page = html(client.get(URL))
    assert "旧日食品有限公司" not in page
    assert "复议决定撤销原处罚" in page and "已撤回" in page


def test_a_decision_leaves_the_list_the_day_after_its_period_ends(client, listed, monkeypatch):
    last_day = Publication.objects.get(pk=listed["old"].pk).publish_until
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: last_day)
    assert "旧日食品有限公司" in html(client.get(URL))
    # Nothing in the data changed; only the date did.
    monkeypatch.setattr(
        timezone, "localdate", lambda *args, **kwargs: last_day + dt.timedelta(days=1)
    )
    page = html(client.get(URL))
    assert "旧日食品有限公司" not in page and 'data-testid="no-results"' in page


def test_a_row_saved_outside_the_services_shows_at_once(client, listed):
    assert "旧日食品有限公司" in html(client.get(URL))
    publication = Publication.objects.get(pk=listed["old"].pk)
    publication.public_data = {**publication.public_data, "party_name": "后台修改有限公司"}
    publication.save()  # no audit event: updated_at carries the change
    assert "后台修改有限公司" in html(client.get(URL))


def test_an_agency_renamed_in_the_admin_shows_at_once(client, listed):
    assert "缓存测试市场监督管理局" in html(client.get(URL))
    agency = listed["agency"]
    agency.name = "缓存测试市场监管局（更名）"
    agency.save()  # the admin saves agencies without an audit event
    page = html(client.get(URL))
    assert "缓存测试市场监管局（更名）" in page and "缓存测试市场监督管理局" not in page


def test_no_csrf_token_crosses_visitors(listed):
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    alice_token = TOKEN.search(html(alice.get(URL))).group(1)
    bob_token = TOKEN.search(html(bob.get(URL))).group(1)  # served from the cache
    assert alice_token != bob_token
    switch = reverse("set_language")
    # Alice's token is worthless with Bob's cookie; Bob's own token works.
    refused = bob.post(switch, {"language": "en", "next": URL, "csrfmiddlewaretoken": alice_token})
    assert refused.status_code == 403
    accepted = bob.post(switch, {"language": "en", "next": URL, "csrfmiddlewaretoken": bob_token})
    assert accepted.status_code == 302


def test_no_language_crosses_visitors(listed):
    chinese, english = Client(), Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    zh_page = html(chinese.get(URL, {"q": "食品"}))
    en_page = html(english.get(URL, {"q": "食品"}))
    assert "执法决定公示" in zh_page and "查询" in zh_page and 'lang="zh-hans"' in zh_page
    assert "Enforcement decisions" in en_page and 'lang="en"' in en_page
    assert "执法决定公示" not in en_page and "查询" not in en_page
    # and back: the Chinese visitor still gets the Chinese rendering
    assert "执法决定公示" in html(chinese.get(URL, {"q": "食品"}))


def test_each_cursor_page_is_its_own_entry(client, listed):
    for n in range(25):
        publish(dt.date(2026, 10, 1) + dt.timedelta(days=n), agency=listed["agency"])
    first = client.get(URL)
    second = client.get(URL, {"cursor": first.context["page"].next_cursor})
    first_rows = [p.pk for p in first.context["page"].items]
    second_rows = [p.pk for p in second.context["page"].items]
    assert len(first_rows) == 20 and second_rows and not set(first_rows) & set(second_rows)
    # and from the cache, each page keeps its own rows
    again = html(client.get(URL, {"cursor": first.context["page"].next_cursor}))
    assert f'/public/decisions/{second_rows[0]}/"' in again
    assert f'/public/decisions/{first_rows[0]}/"' not in again


def test_parameters_the_search_does_not_know_stay_out_of_the_cached_page(client, listed):
    for n in range(25):
        publish(dt.date(2026, 10, 1) + dt.timedelta(days=n), agency=listed["agency"])
    page = main(html(client.get(URL, {"q": "食品", "utm_source": "someone-elses-link"})))
    assert "someone-elses-link" not in page
    assert "?q=%E9%A3%9F%E5%93%81&amp;cursor=" in page  # the next page keeps the search


def test_caching_can_be_turned_off(client, listed, settings, django_assert_num_queries):
    settings.PUBLIC_DECISION_LIST_CACHE_SECONDS = 0
    client.get(URL)
    with django_assert_num_queries(2):  # the agencies of the form and the page; no fingerprint
        assert "旧日食品有限公司" in html(client.get(URL))


def test_the_copy_in_process_memory_never_outlives_the_shared_entry(monkeypatch):
    from disclosure.views import decisions as views

    clock = {"now": 1_000_000.0}
    monkeypatch.setattr(views.time, "time", lambda: clock["now"])
    stored = {}
    monkeypatch.setattr(views.cache, "get", lambda key: stored.get(key))
    monkeypatch.setattr(views.cache, "set", lambda key, value, seconds: stored.update({key: value}))
    local_timeouts = []
    monkeypatch.setattr(views._local_results, "get", lambda key: None)
    monkeypatch.setattr(
        views._local_results, "set", lambda key, value, timeout: local_timeouts.append(timeout)
    )
    assert views._cached_results("k", 60, lambda: "rendered") == "rendered"
    assert stored["k"] == (1_000_060.0, "rendered") and local_timeouts == [60.0]
    # Another process finds the shared entry 45 s later: its copy lives the 15 s left.
    clock["now"] += 45
    assert views._cached_results("k", 60, lambda: pytest.fail("rendered again")) == "rendered"
    assert local_timeouts[-1] == pytest.approx(15.0)
