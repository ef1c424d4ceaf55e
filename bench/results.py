"""The JSON contract every benchmark piece writes, and percentiles.

{"rows": [{"name": str, "ours": {"p50_ms": .., "p95_ms": ..}, "baseline": {...} or null,
           "target": str, "met": true/false/null, "note": str}], "meta": {...}}
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable


def percentiles(seconds: list[float]) -> dict:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(p95 * 1000, 3),
        "runs": len(ordered),
    }


def timed(fn: Callable[[int], object], runs: int) -> list[float]:
    out = []
    for i in range(runs):
        t0 = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - t0)
    return out


def row(name: str, ours: dict, baseline: dict | None, target: str, met, note: str = "") -> dict:
    return {
        "name": name,
        "ours": ours,
        "baseline": baseline,
        "target": target,
        "met": met,
        "note": note,
    }


def write(path: str | None, rows: list[dict], meta: dict | None = None) -> None:
    if not path:
        return
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"rows": rows, "meta": meta or {}}, fh, ensure_ascii=False, indent=2)


def add_contract_arguments(parser, runs: int = 20) -> None:
    parser.add_argument("--database", help="database URL (default: DATABASE_URL)")
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--json", help="write the rows to this file")
