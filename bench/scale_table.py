"""The scale table: the same timings on several generated databases, side by side.

    python -m bench scale_table --db 10k=postgres://.../portal_bench_10k \\
        --db 100k=postgres://.../portal_bench_100k --out var/bench/scale.md

Per database, each piece runs in its own process as ``python -m bench <piece> --database URL
--runs N --json PATH`` (disclosure_search --reuse: search p95 and the deep keyset page;
oversight_dashboard: cold and warm; warning_scan: the full scan), plus the open-data export
walked here: every page of /open-data/decisions.csv at limit=1000, following the Link cursor,
through Django's test client (no network, no cache). Prints a Markdown table; the growth
exponent beside each row is log(t2/t1)/log(n2/n1) between the first and last database.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIECES = {
    "disclosure_search": (["--reuse"], 60),
    "oversight_dashboard": ([], 20),
    "warning_scan": ([], 2),
}
KEEP = (  # (piece, row name prefix) shown in the table
    ("disclosure_search", "public search"),
    ("disclosure_search", "deep_page_ours"),
    ("oversight_dashboard", ""),
    ("warning_scan", "full_scan"),
)


def export_walk(url: str) -> dict:
    """Seconds and rows for the whole open-data export of decisions (run in a child)."""
    code = (
        "import json, time, django\n"
        "django.setup()\n"
        "from django.test import Client\n"
        "c = Client(); path = '/open-data/decisions.csv?limit=1000'; rows = 0; t = time.perf_counter()\n"
        "while path:\n"
        "    r = c.get(path); assert r.status_code == 200, r.status_code\n"
        "    rows += r.content.count(b'\\n') - 1\n"
        "    link = r.headers.get('Link', '')\n"
        "    path = ('/open-data/decisions.csv' + link[1:link.index('>')] + '&limit=1000') if link else ''\n"
        "print(json.dumps({'seconds': time.perf_counter() - t, 'rows': rows}))\n"
    )
    env = dict(
        os.environ,
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="enforcement_portal.settings.local",
        DEBUG="false",
        PUBLIC_DECISION_LIST_CACHE_SECONDS="0",
        ALLOWED_HOSTS="testserver",
    )
    env.pop("REDIS_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def count(url: str, table: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        found = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(found[0]) if found else 0


def measure(url: str, runs_scale: float) -> dict[str, float]:
    figures: dict[str, float] = {}
    for piece, (extra, runs) in PIECES.items():
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run(
                [sys.executable, "-m", "bench", piece, "--database", url,
                 "--runs", str(max(1, int(runs * runs_scale))), "--json", out.name, *extra],
                cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            rows = json.loads(Path(out.name).read_text())["rows"]
        for kept_piece, prefix in KEEP:
            if kept_piece != piece:
                continue
            for row in rows:
                if row["name"].startswith(prefix) and row.get("ours"):
                    # "deep page by cursor (row 5,000)": the row number grows with the scale
                    name = re.sub(r"\s*\(row [\d,]+\)", "", row["name"])
                    figures[f"{piece}: {name} p95 ms"] = row["ours"]["p95_ms"]
    walk = export_walk(url)
    figures["open data: whole decisions export, s"] = walk["seconds"]
    figures["open data: rows exported"] = walk["rows"]
    return figures


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench scale_table")
    parser.add_argument("--db", action="append", required=True, help="LABEL=URL, smallest first")
    parser.add_argument("--runs-scale", type=float, default=1.0)
    parser.add_argument("--out", help="also write the Markdown table here")
    args = parser.parse_args(argv)
    labels, results, sizes = [], [], []
    for item in args.db:
        label, url = item.split("=", 1)
        t0 = time.perf_counter()
        sizes.append(count(url, "workflows_case"))
        results.append(measure(url, args.runs_scale))
        labels.append(label)
        print(f"{label}: measured in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    names = [name for name in results[0] if all(name in r for r in results)]
    lines = [
        "| timing | "
        + " | ".join(f"{lab} ({n:,} cases)" for lab, n in zip(labels, sizes, strict=True))
        + " | growth exponent |",
        "|---|" + "---|" * (len(labels) + 1),
    ]
    for name in names:
        values = [r[name] for r in results]
        exponent = "—"
        if len(values) > 1 and values[0] > 0 and values[-1] > 0 and sizes[-1] != sizes[0]:
            exponent = f"{math.log(values[-1] / values[0]) / math.log(sizes[-1] / sizes[0]):.2f}"
        cells = " | ".join(
            f"{v:,.0f}" if name.endswith("exported") else f"{v:,.2f}" for v in values
        )
        lines.append(f"| {name} | {cells} | {exponent} |")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
