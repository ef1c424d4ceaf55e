"""Public decision search: Chinese keywords of any length, filters, newest first, cursor pages."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from disclosure import publishing, selectors
from enforcement_portal.textsearch import grams, normalise
from tests.disclosure.factories import PublishedFactory
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def decisions():
    food, env = AgencyFactory(code="food"), AgencyFactory(code="env")
    return {
        "food": food,
        "env": env,
        "a": PublishedFactory(
            published_on=dt.date(2026, 11, 3),
            agency=food,
            party_type="person",
            party_uscc="",
            party_name="张三丰",
            facts="张三丰无证经营熟食。",
            violation_type="无证经营",
        ),
        "b": PublishedFactory(
            published_on=dt.date(2026, 11, 10),
            agency=food,
            party_name="鑫源超市有限公司",
            facts="销售超过保质期的食品。",
            violation_type="销售过期食品",
        ),
        "c": PublishedFactory(
            published_on=dt.date(2026, 11, 12),
            agency=env,
            party_name="龙沙化工有限公司",
            facts="超标排放大气污染物。",
            violation_type="超标排放",
            kind="penalty",
        ),
    }


def codes(response):
    return [p.pk for p in response.context["page"].items]


def test_two_character_keywords_find_masked_names_and_facts(client, decisions):
    url = reverse("disclosure:decisions")
    assert codes(client.get(url, {"q": "张某"})) == [decisions["a"].pk]
    assert codes(client.get(url, {"q": "过期"})) == [decisions["b"].pk]
    # every record cites 食品安全法, so a word of the legal basis finds them all
    assert len(codes(client.get(url, {"q": "食品"}))) == 3
    assert codes(client.get(url, {"q": "超"})) == [decisions["c"].pk, decisions["b"].pk]
    assert codes(client.get(url, {"q": "排放大气"})) == [decisions["c"].pk]
    assert codes(client.get(url, {"q": "放大排"})) == []


def test_a_persons_real_name_finds_nothing(client, decisions):
    assert codes(client.get(reverse("disclosure:decisions"), {"q": "张三丰"})) == []


def test_filters_combine_and_results_are_newest_first(client, decisions):
    url = reverse("disclosure:decisions")
    assert codes(client.get(url)) == [decisions["c"].pk, decisions["b"].pk, decisions["a"].pk]
    assert codes(client.get(url, {"agency": "food"})) == [decisions["b"].pk, decisions["a"].pk]
    assert codes(client.get(url, {"agency": "food", "q": "超"})) == [decisions["b"].pk]
    assert codes(client.get(url, {"date_from": "2026-11-04", "date_to": "2026-11-11"})) == [
        decisions["b"].pk
    ]
    assert codes(client.get(url, {"kind": "permit"})) == []


def test_bad_filters_are_explained_at_the_field(client, decisions):
    response = client.get(
        reverse("disclosure:decisions"), {"date_from": "2026-11-20", "date_to": "2026-11-01"}
    )
    assert "结束日期早于开始日期" in response.content.decode()
    response = client.get(reverse("disclosure:decisions"), {"date_from": "2026-02-30"})
    assert "输入一个有效的日期" in response.content.decode()
    assert client.get(reverse("disclosure:decisions"), {"cursor": "zzz"}).status_code == 400


def test_cursor_pages_with_a_fixed_query_count(client, django_assert_max_num_queries):
    agency = AgencyFactory(code="bulk")
    for n in range(45):
        PublishedFactory(
            published_on=dt.date(2026, 10, 1) + dt.timedelta(days=n % 20),
            agency=agency,
            facts=f"第{n}号检查发现问题。",
        )
    url = reverse("disclosure:decisions")
    seen, cursor = [], None
    while True:
        params = {"agency": "bulk", "q": "检查", **({"cursor": cursor} if cursor else {})}
        # 5 when the page is rendered: the data's fingerprint (the cache key), the form's
        # agencies, the agency chosen, one EXPLAIN that picks the plan (see selectors), the page.
        with django_assert_max_num_queries(5) as ctx:
            response = client.get(url, params)
        for query in ctx.captured_queries:
            assert "OFFSET" not in query["sql"].upper() and "COUNT(" not in query["sql"].upper()
        # The same page again comes from the cache: the fingerprint is the only query.
        with django_assert_max_num_queries(1):
            again = client.get(url, params)
        page = response.context["page"]
        assert all(f"/public/decisions/{p.pk}/" in again.content.decode() for p in page.items)
        seen.extend(p.pk for p in page.items)
        if not page.has_next:
            break
        cursor = page.next_cursor
    expected = list(
        selectors.public_decisions(agency=agency)
        .order_by("-published_on", "-id")
        .values_list("pk", flat=True)
    )
    assert seen == expected and len(seen) == 45


def test_postgresql_answers_keywords_from_the_gram_index(require_postgres, decisions):
    # Without an agency: the gram at any agency, answered from the one scoped GIN index.
    keys = [f"{pk}:食品" for pk in (decisions["food"].pk, decisions["env"].pk)]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM disclosure_publication WHERE " + selectors.ANY_AGENCY_GRAM_SQL,
            [keys],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "pub_agency_grams_gin" in plan, plan
    found = {p.pk for p in selectors.public_decisions(q="食品")}
    visible = selectors.public_decisions().values_list("pk", "search_text")
    assert found and found == {pk for pk, text in visible if "食品" in text}


def test_without_an_agency_a_common_word_walks_and_a_rare_one_asks_gin(
    require_postgres, decisions, monkeypatch
):
    ordering = ("-published_on", "-id")

    def answer(q):
        qs = selectors.public_decisions(q=q).order_by(*ordering)
        return str(qs.query), [p.pk for p in qs]

    monkeypatch.setattr(selectors, "COMMON_ANYWHERE", 10**9)
    indexed_sql, indexed = answer("食品")
    monkeypatch.setattr(selectors, "COMMON_ANYWHERE", 0)
    walked_sql, walked = answer("食品")
    assert "disclosure_agency_grams(" in indexed_sql and "&&" in indexed_sql
    assert "disclosure_agency_grams(" not in walked_sql and "LIKE" in walked_sql
    assert indexed and walked == indexed


# Texts where the SQL grams could part from the Python ones: ASCII words inside Chinese,
# digits, punctuation, lone characters, Extension A and compatibility ideographs.
TRICKY = [
    "",
    "罚",
    "当事人abc公司于2026年3月销售gb2760超标食品，罚款5000元",
    "《中华人民共和国食品安全法》第一百二十四条第一款(一)",
    "x 一 y 二三 z9 4四",
    "㐀㐁 豈更 é ß ok",
]


def test_the_database_computes_the_same_grams_as_python(require_postgres, decisions):
    agency = decisions["food"].pk
    with connection.cursor() as cursor:
        for text in TRICKY:
            normal = normalise(text)
            cursor.execute(
                "SELECT disclosure_grams(%s), disclosure_agency_grams(%s, %s)",
                [normal, agency, normal],
            )
            sql_grams, sql_scoped = cursor.fetchone()
            python = grams(normal)
            assert sorted(sql_grams) == sorted(python), text
            assert sorted(sql_scoped) == sorted(
                publishing.agency_grams(agency, " ".join(python)).split()
            ), text
    # A stored row: its scoped grams are its agency's and hold its words.
    publication = decisions["b"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + selectors.AGENCY_GRAMS + " FROM disclosure_publication WHERE id = %s",
            [publication.pk],
        )
        (scoped,) = cursor.fetchone()
    assert f"{agency}:食品" in scoped and all(g.startswith(f"{agency}:") for g in scoped)


def test_keyword_with_agency_reads_only_that_agencys_scoped_grams(decisions):
    food, env = decisions["food"], decisions["env"]
    # 超标 occurs only at env; food's scoped grams never match it, env's do.
    assert list(selectors.public_decisions(q="超标", agency=food)) == []
    assert [p.pk for p in selectors.public_decisions(q="超标", agency=env)] == [decisions["c"].pk]
    assert [p.pk for p in selectors.public_decisions(q="保质", agency=food)] == [decisions["b"].pk]
    assert [p.pk for p in selectors.public_decisions(q="张某", agency=food)] == [decisions["a"].pk]


def test_postgresql_answers_agency_keywords_from_the_scoped_index(require_postgres, decisions):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM disclosure_publication WHERE "
            + selectors.AGENCY_GRAMS_CONTAIN_SQL,
            [[f"{decisions['food'].pk}:食品"]],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "pub_agency_grams_gin" in plan, plan


def test_a_word_common_at_the_agency_walks_its_index_and_a_rare_one_asks_gin(
    require_postgres, monkeypatch
):
    # The planner's estimate for the scoped gram picks the shape: a word on most of the
    # agency's rows is checked while walking the agency's newest-first index (no index can
    # answer the wrapped test); a rare one is answered from the scoped GIN index. Both give
    # the same rows in the same order.
    agency = AgencyFactory(code="market")
    for n in range(40):
        facts = f"第{n}号食品检查，依gb2760。" + ("发现药房问题。" if n % 10 == 0 else "")
        PublishedFactory(
            published_on=dt.date(2026, 10, 1) + dt.timedelta(days=n % 15),
            agency=agency,
            facts=facts,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE disclosure_publication")
    monkeypatch.setattr(selectors, "COMMON_AT_AGENCY", 20)
    assert selectors._common_at_agency([f"{agency.pk}:食品"])
    assert not selectors._common_at_agency([f"{agency.pk}:药房"])

    ordering = ("-published_on", "-id")
    common = selectors.public_decisions(q="食品", agency=agency).order_by(*ordering)
    rare = selectors.public_decisions(q="药房", agency=agency).order_by(*ordering)
    # A common CJK word is tested on the text alone (its gram is in the grams exactly when the
    # text holds it); an ASCII word computes the grams, only where the text holds it.
    assert "LIKE" in str(common.query) and "disclosure_agency_grams(" not in str(common.query)
    assert "CASE" not in str(rare.query) and "disclosure_agency_grams(" in str(rare.query)
    ascii_word = selectors.public_decisions(q="GB2760", agency=agency).order_by(*ordering)
    assert "CASE WHEN strpos(disclosure_publication.search_text" in str(ascii_word.query)
    assert len(ascii_word) == 40
    assert not selectors.public_decisions(q="gb27", agency=agency).exists()  # words are whole
    everything = list(
        selectors.public_decisions(agency=agency).order_by(*ordering).values_list("pk", flat=True)
    )
    assert [p.pk for p in common] == everything
    with_pharmacy = list(
        selectors.public_decisions(agency=agency)
        .filter(search_text__contains="药房")
        .order_by(*ordering)
        .values_list("pk", flat=True)
    )
    assert [p.pk for p in rare] == with_pharmacy and len(with_pharmacy) == 4
    # Forcing the other shape gives the same answer.
    monkeypatch.setattr(selectors, "COMMON_AT_AGENCY", 10**9)
    assert [
        p.pk for p in selectors.public_decisions(q="食品", agency=agency).order_by(*ordering)
    ] == everything
    # Every keyword walking: the text alone is tested, with the same answers.
    monkeypatch.setattr(selectors, "COMMON_AT_AGENCY", 0)
    for q in ("药房", "发现药房", "食品 药房", "药房问题"):
        walked = selectors.public_decisions(q=q, agency=agency).order_by(*ordering)
        assert "disclosure_agency_grams(" not in str(walked.query)
        assert [p.pk for p in walked] == with_pharmacy, q
    assert not list(selectors.public_decisions(q="药店", agency=agency))


def test_the_scoped_index_path_keeps_to_the_agency_and_reuses_its_estimate(
    require_postgres, django_assert_num_queries
):
    # On the scoped-index path the agency test is written so no index answers it (the
    # scoped grams already imply the agency); it must still keep other agencies' rows out.
    mine, other = AgencyFactory(code="mine"), AgencyFactory(code="other")
    kept = PublishedFactory(
        published_on=dt.date(2026, 10, 2), agency=mine, facts="药房未按规定储存药品。"
    )
    PublishedFactory(
        published_on=dt.date(2026, 10, 3), agency=other, facts="药房未按规定储存药品。"
    )
    selectors._estimates.clear()
    found = selectors.public_decisions(q="药房", agency=mine).order_by("-published_on", "-id")
    sql = str(found.query)
    assert "(disclosure_publication.agency_id + 0) =" in sql and "COALESCE" not in sql
    assert [p.pk for p in found] == [kept.pk]
    # The plan's estimate was asked once; within ESTIMATE_SECONDS it is not asked again.
    with django_assert_num_queries(0):
        assert selectors._common_at_agency([f"{mine.pk}:药房"]) is False
