"""Benchmark: the reminder job (oversight.reminders) on a generated city, kind by kind.

    python -m bench citygen --scale 1m --cases 100000 --publications 100000 --reports 5000 \
        --audit 200000 --database postgres://postgres@127.0.0.1:5432/portal_remind_bench_100k \
        --today 2026-09-29
    python -m bench reminders --database postgres://postgres@127.0.0.1:5432/portal_remind_bench_100k \
        --today 2026-09-29 --runs 3

Every reminder message is deleted, then the full job is timed on this fresh data (it inserts
every reminder due in the lead windows: the heaviest run), then rerun ``--runs`` times (steady
state: nothing is sent twice, the "done" anti-join still runs for every kind). Prints a table
per kind; ``--json PATH`` writes the figures. Timings are printed, never asserted.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time


def add_arguments(parser) -> None:
    parser.add_argument("--database", help="database URL (a generated city)")
    parser.add_argument("--today", type=dt.date.fromisoformat, help="the day to run (YYYY-MM-DD)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", help="write the figures here")


def run(args) -> None:
    from django.db import connection
    from django.utils import timezone

    from oversight.inbox.models import Message
    from oversight.reminders.registry import all_kinds
    from oversight.reminders.services import remind_kind, reminders_send
    from workflows.models import Case

    today = args.today or timezone.localdate()
    now = timezone.now()
    Message.objects.filter(category=Message.Category.REMINDER).delete()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Message._meta.db_table}")
    cases = Case.objects.count()
    t0 = time.perf_counter()
    first = reminders_send(today=today, now=now)
    first_s = time.perf_counter() - t0
    steady, per_kind = [], {code: [] for code in all_kinds()}
    for _ in range(args.runs):
        t0 = time.perf_counter()
        again = reminders_send(today=today, now=now)
        steady.append(time.perf_counter() - t0)
        assert again.sent == 0, "a rerun sent reminders twice"
        for code, spec in all_kinds().items():
            t0 = time.perf_counter()
            remind_kind(spec, today=today, now=now)
            per_kind[code].append((time.perf_counter() - t0) * 1000)
    print(f"cases: {cases:,}; reminders sent on {today}: {first.sent:,}")
    print(f"full job, first run (inserts): {first_s:.2f} s")
    print(f"full job, rerun (nothing to send): p50 {statistics.median(steady):.2f} s")
    print(f"{'kind':32} {'sent':>8} {'rerun p50 ms':>14}")
    for code, samples in per_kind.items():
        print(f"{code:32} {first.per_kind[code]['sent']:>8,} {statistics.median(samples):>14.1f}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(
                {
                    "cases": cases,
                    "today": today.isoformat(),
                    "sent": first.sent,
                    "first_s": first_s,
                    "rerun_p50_s": statistics.median(steady),
                    "per_kind_ms": {k: statistics.median(v) for k, v in per_kind.items()},
                },
                out,
                indent=2,
            )
