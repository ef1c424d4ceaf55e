"""Every timing beside its comparison, on one generated city: ``python -m bench all``.

    python -m bench all --scale 10k                  # generate portal_bench_10k, then measure
    python -m bench all --scale 1m                   # generate portal_bench_1m (long), measure
    python -m bench all --scale 1m --reuse           # measure the city already there again
    python -m bench all --scale tiny                 # what CI runs (timings never asserted)

Each piece runs in its own process (``python -m bench <piece> --database URL --runs N
--json PATH``) and writes rows in the contract of bench/results.py; the harness gathers
them into one Markdown table and one JSON file (default var/bench/results-<scale>.*).
Pieces other helpers own (warning_scan, oversight_dashboard) are run when bench/__main__.py
registers them and skipped with a note when it does not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from bench import citygen

ROOT = Path(__file__).resolve().parents[1]

# piece -> (extra arguments per scale, runs per scale {tiny, 10k, 1m})
PIECES = {
    "disclosure_search": (["--reuse"], {"tiny": 3, "10k": 100, "1m": 60}),
    "oversight_dashboard": ([], {"tiny": 2, "10k": 30, "1m": 30}),
    "warning_scan": ([], {"tiny": 1, "10k": 3, "1m": 3}),
    "powers_import": ([], {"tiny": 1, "10k": 2, "1m": 1}),
    "decision_pdf": ([], {"tiny": 2, "10k": 8, "1m": 8}),
    "audit_verify": ([], {"tiny": 1, "10k": 2, "1m": 1}),
    "web_throughput": ([], {"tiny": 1, "10k": 1, "1m": 1}),
}
SCALE_ARGS = {
    "powers_import": {
        "tiny": ["--rows", "50"],
        "10k": ["--rows", "10000"],
        "1m": ["--rows", "10000"],
    },
    "web_throughput": {
        "tiny": ["--seconds", "1", "--clients", "2"],
        "10k": ["--seconds", "10"],
        "1m": ["--seconds", "10"],
    },
}


def machine() -> dict:
    info = {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            total_kb = int(fh.readline().split()[1])
        info["ram_gb"] = round(total_kb / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        info["load"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        info["load"] = ""
    return info


def pg_version(url: str) -> str:
    import psycopg

    conn = psycopg.connect(url)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0]
    finally:
        conn.close()


def _fmt(figures: dict | None) -> str:
    if not figures:
        return "—"
    if "rps" in figures:
        return f"{figures['rps']:,.0f} req/s (p50 {figures['p50_ms']:.1f} / p95 {figures['p95_ms']:.1f} ms)"
    return f"{figures['p50_ms']:,.2f} / {figures['p95_ms']:,.2f}"


def markdown(rows: list[dict], meta: dict) -> str:
    lines = [
        f"Scale {meta['scale']} ({meta['database']}), {meta['date']}; {meta['machine']['nproc']} cores, "
        f"{meta['machine'].get('ram_gb', '?')} GB RAM, PostgreSQL {meta['pg']}; load average at the "
        f"start {meta['machine']['load']}, at the end {meta.get('load_after', '?')}.",
        "",
        f"`{meta['command']}`",
        "",
        "| timing | ours p50 / p95 ms | comparison p50 / p95 ms | target | met |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        met = {True: "met", False: "**not met**", None: "—"}.get(r.get("met"), str(r.get("met")))
        note = f" ({r['note']})" if r.get("note") else ""
        lines.append(
            f"| {r['name']}{note} | {_fmt(r.get('ours'))} | {_fmt(r.get('baseline'))} | "
            f"{r.get('target', '')} | {met} |"
        )
    for skipped in meta.get("skipped", []):
        lines.append(f"| {skipped['name']} | — | — | — | skipped: {skipped['why']} |")
    return "\n".join(lines) + "\n"


def search_against_10k(rows: list[dict], out_dir: Path) -> None:
    """At 1m, judge the 'under twice the 10k p95' target from the latest 10k results."""
    previous = out_dir / "results-10k.json"
    if not previous.exists():
        return
    ten_k = {r["name"]: r for r in json.loads(previous.read_text())["rows"]}
    for r in rows:
        if r["name"].startswith("public search") and r["name"] in ten_k:
            ref = ten_k[r["name"]]["ours"]["p95_ms"]
            ratio = r["ours"]["p95_ms"] / ref
            r["note"] = (r.get("note", "") + f"; {ratio:.1f}× the 10k p95 of {ref:.2f} ms").lstrip(
                "; "
            )
            r["met"] = bool(r["met"]) and ratio < 2


def main(argv: list[str] | None = None) -> int:
    from bench.__main__ import BENCHMARKS

    parser = argparse.ArgumentParser(
        prog="python -m bench all", description=__doc__.splitlines()[0]
    )
    citygen.add_common(parser)
    parser.add_argument("--reuse", action="store_true", help="measure the data already there")
    parser.add_argument("--runs", type=int, help="override every piece's number of runs")
    parser.add_argument("--only", nargs="*", help="run only these pieces")
    parser.add_argument("--out", default=str(ROOT / "var" / "bench"), help="results directory")
    parser.add_argument("--json", help="results JSON (default <out>/results-<scale>.json)")
    parser.add_argument("--port", type=int, default=8101, help="gunicorn port for web_throughput")
    args = parser.parse_args(argv)
    url = args.database or citygen.DEFAULT_DATABASES[args.scale]
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env["DATABASE_URL"] = url
    meta = {
        "scale": args.scale,
        "database": url.rsplit("@", 1)[-1],
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "command": "python -m bench all " + " ".join(argv if argv is not None else sys.argv[1:]),
        "skipped": [],
    }
    if not args.reuse:
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bench", "citygen", "--scale", args.scale, "--database", url],
            cwd=ROOT,
            env=env,
            check=True,
        )
        meta["generate_s"] = round(time.perf_counter() - t0, 1)
    meta["pg"] = pg_version(url)
    rows: list[dict] = []
    status = 0
    for piece, (extra, runs) in PIECES.items():
        if args.only and piece not in args.only:
            continue
        if piece not in BENCHMARKS:
            note = "not registered in bench/__main__.py (branch of another helper not merged yet)"
            print(f"-- {piece}: skipped, {note}")
            meta["skipped"].append({"name": piece, "why": note})
            continue
        path = out_dir / f"{piece}-{args.scale}.json"
        path.unlink(missing_ok=True)
        command = [
            sys.executable,
            "-m",
            "bench",
            piece,
            "--database",
            url,
            "--runs",
            str(args.runs or runs[args.scale]),
            "--json",
            str(path),
            *extra,
            *SCALE_ARGS.get(piece, {}).get(args.scale, []),
        ]
        print(f"-- {piece}: {' '.join(command[2:])}", flush=True)
        t0 = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, env=env)
        took = time.perf_counter() - t0
        # A piece may exit 1 for a missed target; its rows still count when it wrote them.
        if not path.exists():
            print(f"-- {piece}: FAILED (exit {result.returncode})")
            meta["skipped"].append({"name": piece, "why": f"failed, exit {result.returncode}"})
            status = 1
            continue
        piece_rows = json.loads(path.read_text())["rows"]
        for r in piece_rows:
            r.setdefault("met", None)
            r["piece"] = piece
        rows.extend(piece_rows)
        print(f"-- {piece}: {len(piece_rows)} rows in {took:.0f} s", flush=True)
    if args.scale == "1m":
        search_against_10k(rows, out_dir)
    meta["load_after"] = machine()["load"]
    table = markdown(rows, meta)
    print()
    print(table)
    json_path = Path(args.json) if args.json else out_dir / f"results-{args.scale}.json"
    json_path.write_text(json.dumps({"rows": rows, "meta": meta}, ensure_ascii=False, indent=2))
    json_path.with_suffix(".md").write_text(table, encoding="utf-8")
    print(f"written: {json_path} and {json_path.with_suffix('.md')}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
