"""Benchmark: public decision search at city scale, side by side with the naive way.

    python -m bench.disclosure_search --rows 1000000 --runs 200
    python -m bench.disclosure_search --rows 10000

Fills a separate PostgreSQL database (BENCH_DATABASE_URL, default portal_bench) with a
generated city (bench.citygen: cases, decisions and their publications, through COPY), or
with --reuse measures the one already there, then reports p50/p95 latency of
  1. ours: two-character keyword + agency filter, first keyset page (GIN over CJK grams);
  2. ours: a deep keyset page (about row 100,000, or the middle of a smaller table);
  3. naive: the same keyword with icontains + OFFSET + COUNT(*), and the same deep page
     reached by OFFSET,
each over the same data in the same run. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

from bench.results import row, write

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/portal_bench"

KEYWORDS = ["食品", "超标", "张某", "药房", "消防", "网吧", "建材", "运输", "警示", "保质"]


def fill(url: str, rows: int, agencies: int) -> None:
    """A fresh city (bench.citygen) with ``rows`` cases and published decisions."""
    from bench import citygen

    sizes = dict(citygen.SCALES["tiny"])
    sizes.update(
        agencies=agencies,
        powers=max(40, agencies * 10),
        officers=max(24, agencies * 6),
        cases=rows,
        publications=rows,
        reports=max(30, rows // 20),
        audit=max(2_000, rows // 10),
    )
    citygen.build(url, sizes)


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

    # Fresh statistics: a migration may have rewritten the table.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE disclosure_publication")
    agencies = list(Agency.objects.filter(is_enforcement_body=True).order_by("id"))
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

    def ours_anywhere(i):
        keyword = KEYWORDS[i % len(KEYWORDS)]
        page = keyset_page(selectors.public_decisions(q=keyword), ordering=ordering, size=20)
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

    for fn in (ours_search, ours_anywhere, naive_search, ours_deep, naive_deep):  # warm once
        fn(0)
    results = {"rows": total, "runs": runs, "deep_row": deep_at}
    for name, fn in (
        ("search_ours", ours_search),
        ("search_anywhere_ours", ours_anywhere),
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
    for key in (
        "search_ours",
        "search_anywhere_ours",
        "search_naive",
        "deep_page_ours",
        "deep_page_naive",
    ):
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
    from bench import citygen

    if args.reuse:
        citygen.setup_django(args.database)
    else:
        fill(args.database, args.rows, args.agencies)
    results = measure(args.runs)
    print(report(results))
    if args.plan:
        print(results["plan_search"])
    write(args.json, contract_rows(results), {k: results[k] for k in ("rows", "runs", "deep_row")})
    return 0


def contract_rows(results: dict) -> list[dict]:
    """The rows in bench/results.py's contract, with the issue's targets judged."""
    big = results["rows"] >= 1_000_000

    def fig(key):
        p50, p95 = results[key]
        return {"p50_ms": round(p50, 3), "p95_ms": round(p95, 3), "runs": results["runs"]}

    search, naive = fig("search_ours"), fig("search_naive")
    deep, naive_deep = fig("deep_page_ours"), fig("deep_page_naive")
    ratio = naive["p95_ms"] / max(search["p95_ms"], 1e-9)
    deep_ratio = naive_deep["p95_ms"] / max(deep["p95_ms"], 1e-9)
    return [
        row(
            "public search: two-character keyword + agency, first page",
            search,
            naive,
            "p95 < 50 ms at 1M and < 2× the 10k p95; naive ÷ ours ≥ 10× at 1M",
            (search["p95_ms"] < 50 and ratio >= 10) if big else None,
            f"naive ÷ ours at p95 {ratio:.1f}×; comparison: icontains + COUNT(*) + OFFSET",
        ),
        row(
            f"public search: deep page by cursor (row {results['deep_row']:,})",
            deep,
            naive_deep,
            "naive ÷ ours ≥ 10× at 1M",
            deep_ratio >= 10 if big else None,
            f"naive ÷ ours at p95 {deep_ratio:.1f}×; comparison: OFFSET + COUNT(*)",
        ),
    ]


if __name__ == "__main__":
    raise SystemExit(main())
