"""Benchmark: public decision search at city scale, side by side with the naive way.

    python -m bench.disclosure_search --rows 1000000 --runs 200
    python -m bench.disclosure_search --rows 10000

Fills a separate PostgreSQL database (BENCH_DATABASE_URL, default portal_bench) with
synthetic published decisions through COPY, then reports p50/p95 latency of
  1. ours: two-character keyword + agency filter, first keyset page (GIN over CJK grams);
  2. ours: a deep keyset page (about row 100,000, or the middle of a smaller table);
  3. naive: the same keyword with icontains + OFFSET + COUNT(*), and the same deep page
     reached by OFFSET,
each over the same data in the same run. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import statistics
import sys
import time

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/portal_bench"

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
PLACES = [
    "龙沙区",
    "建华区",
    "铁锋区",
    "昂昂溪区",
    "富拉尔基区",
    "碾子山区",
    "梅里斯区",
    "讷河市",
    "依安县",
    "泰来县",
    "甘南县",
    "富裕县",
    "克山县",
    "克东县",
    "拜泉县",
]
TRADES = [
    "食品",
    "超市",
    "餐饮",
    "化工",
    "建材",
    "物流",
    "药房",
    "网吧",
    "酒店",
    "汽修",
    "印刷",
    "农资",
    "烟花",
    "燃气",
    "加油站",
]
VIOLATIONS = [
    ("未取得食品经营许可从事食品经营活动", "《中华人民共和国食品安全法》第一百二十二条第一款"),
    ("销售超过保质期的食品", "《中华人民共和国食品安全法》第一百二十四条第一款"),
    ("超过大气污染物排放标准排放大气污染物", "《中华人民共和国大气污染防治法》第九十九条"),
    ("未设置明显的安全警示标志", "《中华人民共和国安全生产法》第九十九条"),
    ("未按规定公示营业执照", "《中华人民共和国市场主体登记管理条例》第四十八条"),
    (
        "道路运输经营者未取得道路运输经营许可擅自从事道路运输经营",
        "《中华人民共和国道路运输条例》第六十三条",
    ),
    ("违法建设影响城市规划", "《中华人民共和国城乡规划法》第六十四条"),
    ("经营场所未配备消防器材", "《中华人民共和国消防法》第六十条"),
    ("网吧接纳未成年人", "《互联网上网服务营业场所管理条例》第三十一条"),
    ("医疗机构使用非卫生技术人员从事医疗卫生技术工作", "《医疗机构管理条例》第四十七条"),
]
KEYWORDS = ["食品", "超标", "张某", "药房", "消防", "网吧", "建材", "运输", "警示", "保质"]


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement_portal.settings.local")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def _ensure_database(url: str) -> None:
    import psycopg2

    name = url.rsplit("/", 1)[1]
    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def progress(done: int, total: int, started: float, label: str) -> None:
    rate = done / max(time.perf_counter() - started, 1e-6)
    sys.stderr.write(f"\r  {label}: {done:,}/{total:,} ({rate:,.0f}/s)   ")
    sys.stderr.flush()


def fill(rows: int, agencies: int, seed: int = 2026) -> None:
    """Replace the data set: agencies and `rows` published decisions, through COPY."""
    from django.core.management import call_command
    from django.db import connection
    from stdnum.cn import uscc

    from enforcement_portal.textsearch import grams_text, normalise

    call_command("migrate", verbosity=0)
    rnd = random.Random(seed)
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
        cursor.execute(
            "TRUNCATE disclosure_publicationcorrection, disclosure_publication, "
            "disclosure_inspectionitem RESTART IDENTITY CASCADE"
        )
        cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER USER")
    from powers.models import Agency

    existing = Agency.objects.filter(code__startswith="bench").count()
    new = []
    for index in range(existing, agencies):
        body = f"11230200MB{index + 9000000:07d}"
        new.append(
            Agency(
                name=f"基准测试第{index + 1}执法局",
                short_name=f"基{index + 1}",
                code=f"bench{index + 1}",
                uscc=body + uscc.calc_check_digit(body),
                level=Agency.Level.MUNICIPAL,
            )
        )
    Agency.objects.bulk_create(new)
    agency_ids = list(
        Agency.objects.filter(code__startswith="bench").order_by("id").values_list("id", flat=True)
    )[:agencies]

    columns = (
        "agency_id, kind, decision_number, party_type, party_name, party_uscc, legal_representative, "
        "violation_type, facts, basis, penalty_category, penalty_content, fine_amount, license_info, "
        "extra_redactions, decided_on, due_by, status, published_on, publish_until, withdrawal_reason, "
        "public_data, search_text, search_grams, created_at, updated_at"
    )
    # Bulk loading is far faster without the indexes; they are rebuilt once at the end.
    index_sql = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'disclosure_publication' "
            "AND indexname NOT LIKE '%%pkey' AND indexdef NOT LIKE '%%UNIQUE%%'"
        )
        index_sql = dict(cursor.fetchall())
        for name in index_sql:
            cursor.execute(f'DROP INDEX "{name}"')
    start_day = dt.date(2024, 1, 1)
    span = (dt.date(2026, 11, 20) - start_day).days
    started, batch, buffer = time.perf_counter(), 20_000, io.StringIO()
    raw = connection.connection
    with raw.cursor() as cursor:
        for n in range(rows):
            agency_id = agency_ids[n % len(agency_ids)]
            violation, basis = VIOLATIONS[rnd.randrange(len(VIOLATIONS))]
            person = rnd.random() < 0.35
            place, trade = rnd.choice(PLACES), rnd.choice(TRADES)
            party = (
                (rnd.choice(SURNAMES) + "某")
                if person
                else f"齐齐哈尔市{place}{rnd.choice(SURNAMES)}氏{trade}有限公司"
            )
            fine = rnd.choice([500, 1000, 3000, 5000, 10000, 20000, 50000, 100000, 200000])
            facts = f"经查，当事人{party}于{place}从事{trade}经营活动中{violation}，违法所得{rnd.randrange(100, 99999)}元。"
            content = f"处罚款人民币{fine}元"
            published = start_day + dt.timedelta(days=rnd.randrange(span))
            record = {
                "decision_number": f"齐基罚〔{published.year}〕{n + 1}号",
                "party_name": party,
                "violation_type": violation,
                "facts": facts,
                "basis": basis,
                "penalty_category": "罚款",
                "penalty_content": content,
                "fine_amount": str(fine),
                "published_on": published.isoformat(),
            }
            text = normalise(
                " ".join([record["decision_number"], party, violation, facts, content, basis])
            )
            row = [
                agency_id,
                "penalty",
                record["decision_number"],
                "person" if person else "organisation",
                party,
                "",
                "",
                violation,
                facts,
                basis,
                "罚款",
                content,
                fine,
                "",
                "",
                published.isoformat(),
                published.isoformat(),
                "published",
                published.isoformat(),
                (published + dt.timedelta(days=3 * 365 + 1)).isoformat(),
                "",
                json.dumps(record, ensure_ascii=False),
                text,
                grams_text(text),
                "2026-11-20T00:00:00+08:00",
                "2026-11-20T00:00:00+08:00",
            ]
            buffer.write("\t".join(_copy_value(v) for v in row) + "\n")
            if (n + 1) % batch == 0 or n + 1 == rows:
                buffer.seek(0)
                cursor.copy_expert(f"COPY disclosure_publication ({columns}) FROM STDIN", buffer)
                buffer = io.StringIO()
                progress(n + 1, rows, started, "publications")
        raw.commit()
    sys.stderr.write("\n  rebuilding indexes and analysing...\n")
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for definition in index_sql.values():
            cursor.execute(definition)
        cursor.execute("ANALYZE disclosure_publication")


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def _percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples) * 1000, p95 * 1000


def measure(runs: int) -> dict:
    from django.db import connection

    from disclosure import selectors
    from disclosure.models import Publication
    from enforcement_portal.paging import keyset_page
    from powers.models import Agency

    agencies = list(Agency.objects.filter(code__startswith="bench").order_by("id"))
    total = Publication.objects.count()
    deep_at = min(100_000, total // 2)
    ordering = ("-published_on", "-id")
    pivot = Publication.objects.order_by(*ordering).values_list("published_on", "id")[deep_at]
    from enforcement_portal.paging import _encode

    deep_cursor = _encode(list(pivot))
    rnd = random.Random(7)

    def timed(fn) -> list[float]:
        out = []
        for i in range(runs):
            t0 = time.perf_counter()
            fn(i)
            out.append(time.perf_counter() - t0)
        return out

    def ours_search(i):
        agency = agencies[rnd.randrange(len(agencies))]
        keyword = KEYWORDS[i % len(KEYWORDS)]
        page = keyset_page(
            selectors.public_decisions(q=keyword, agency=agency), ordering=ordering, size=20
        )
        return len(page.items)

    def naive_search(i):
        agency = agencies[rnd.randrange(len(agencies))]
        keyword = KEYWORDS[i % len(KEYWORDS)]
        qs = Publication.objects.filter(
            status__in=["published", "withdrawn"], agency=agency, search_text__icontains=keyword
        ).order_by(*ordering)
        total_count = qs.count()
        return total_count, list(qs[40:60])  # page 3, as a numbered pager would ask

    def ours_deep(i):
        return len(
            keyset_page(
                selectors.public_decisions(), ordering=ordering, cursor=deep_cursor, size=20
            ).items
        )

    def naive_deep(i):
        qs = Publication.objects.filter(status__in=["published", "withdrawn"]).order_by(*ordering)
        return qs.count(), list(qs[deep_at : deep_at + 20])

    for fn in (ours_search, naive_search, ours_deep, naive_deep):  # warm caches once
        fn(0)
    results = {"rows": total, "runs": runs, "deep_row": deep_at}
    for name, fn in (
        ("search_ours", ours_search),
        ("search_naive", naive_search),
        ("deep_page_ours", ours_deep),
        ("deep_page_naive", naive_deep),
    ):
        results[name] = _percentiles(timed(fn))
    with connection.cursor() as cursor:
        sql, params = (
            selectors.public_decisions(q="食品", agency=agencies[0])
            .order_by(*ordering)[:21]
            .query.sql_with_params()
        )
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        results["plan_search"] = "\n".join(r[0] for r in cursor.fetchall())
    return results


def report(results: dict) -> str:
    lines = [
        f"rows={results['rows']:,} runs={results['runs']} deep page at row {results['deep_row']:,}"
    ]
    lines.append(f"{'query':<22}{'p50 ms':>10}{'p95 ms':>10}")
    for key in ("search_ours", "search_naive", "deep_page_ours", "deep_page_naive"):
        p50, p95 = results[key]
        lines.append(f"{key:<22}{p50:>10.2f}{p95:>10.2f}")
    ratio = results["search_naive"][1] / max(results["search_ours"][1], 1e-9)
    deep_ratio = results["deep_page_naive"][1] / max(results["deep_page_ours"][1], 1e-9)
    lines.append(f"naive/ours p95: search {ratio:.1f}x, deep page {deep_ratio:.1f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--reuse", action="store_true", help="measure the data already there")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--plan", action="store_true", help="print EXPLAIN ANALYZE of the search")
    args = parser.parse_args(argv)
    _ensure_database(args.database)
    _setup_django(args.database)
    if not args.reuse:
        fill(args.rows, args.agencies)
    results = measure(args.runs)
    print(report(results))
    if args.plan:
        print(results["plan_search"])
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, ensure_ascii=False, indent=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
