"""Benchmark: the supervision dashboard at city scale, as a supervisor and as an agency leader.

    python -m bench oversight_dashboard --database postgres://postgres@127.0.0.1:5432/portal_scan_1m --runs 50
    python -m bench oversight_dashboard --scale tiny --database URL --runs 3 --json out.json

With ``--scale`` the database is first rebuilt by the city generator (bench/citygen.py; a
scratch database); without it the data already there is used. Each request goes through
Django end to end (middleware, permission check, queries, template) with the test client:

* supervisor: a discipline supervisor's dashboard, every enforcement agency;
* leader: the leader of the agency with the most cases, their own agency only;
* *_cold: the same requests after the figures cache is cleared before each one, i.e. what
  the first request after a change to the data costs; beside each, the same cold request
  counting live from the tables (``DASHBOARD_DAY_FIGURES=False``) instead of the trigger-kept
  per-agency day rows.

Prints p50/p95 per request kind; ``--json PATH`` writes
``{"rows": [{"name", "ours": {"p50_ms", "p95_ms"}, "baseline": null, "target"}], ...}``.
Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import time

from bench.warning_scan import DEFAULT_DB, _setup_django, build_city, percentiles

TARGET = "p95 < 300 ms"


def _user(username: str, role: str, agency_id: int | None):
    from django.contrib.auth.models import Group

    from enforcement_portal.models import User

    user, _created = User.objects.get_or_create(
        username=username, defaults={"agency_id": agency_id, "display_name": username}
    )
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return User.objects.get(pk=user.pk)


def measure(runs: int) -> dict:
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from enforcement_portal.roles import Role
    from workflows.models import Case

    busiest = (
        Case.objects.order_by()
        .values("agency")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("agency", flat=True)
        .first()
    )
    supervisor = _user("bench-dashboard-supervisor", Role.DISCIPLINE_SUPERVISOR, None)
    leader = _user("bench-dashboard-leader", Role.AGENCY_LEADER, busiest)
    url = reverse("oversight:dashboard")

    def timed(user, *, cold: bool, live: bool = False) -> list[float]:
        from django.test import override_settings

        from oversight.dashboard.selectors import invalidate_figures

        if live:
            with override_settings(DASHBOARD_DAY_FIGURES=False):
                return timed(user, cold=cold)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        client.get(url)  # warm the connection, templates and translations once
        samples = []
        for _ in range(runs):
            if cold:
                invalidate_figures()
            t0 = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - t0)
            assert response.status_code == 200, response.status_code
        return samples

    rows = []
    for name, user, cold in (
        ("supervisor", supervisor, False),
        ("leader", leader, False),
        ("supervisor_cold", supervisor, True),
        ("leader_cold", leader, True),
    ):
        rows.append(
            {
                "name": name,
                "ours": percentiles(timed(user, cold=cold)),
                # Cold requests beside the same requests counting live from the tables.
                "baseline": percentiles(timed(user, cold=True, live=True)) if cold else None,
                "target": TARGET,
            }
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM workflows_case")
        cases = cursor.fetchone()[0]
    return {"rows": rows, "cases": cases, "runs": runs, "load": os.getloadavg()}


def report(results: dict) -> str:
    lines = [
        f"cases={results['cases']:,} runs={results['runs']} "
        f"load={' '.join(f'{x:.2f}' for x in results['load'])}",
        f"{'request':<20}{'p50 ms':>10}{'p95 ms':>10}{'live p50':>10}{'live p95':>10}  target",
    ]
    for row in results["rows"]:
        live = row.get("baseline") or {}
        lines.append(
            f"{row['name']:<20}{row['ours']['p50_ms']:>10.1f}{row['ours']['p95_ms']:>10.1f}"
            f"{live.get('p50_ms', float('nan')):>10.1f}{live.get('p95_ms', float('nan')):>10.1f}"
            f"  {row['target']}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench oversight_dashboard", description=__doc__
    )
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--scale", help="rebuild the database first with citygen at this scale")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    if args.scale:
        build_city(args.scale, args.database, None)
    else:
        _setup_django(args.database)
    results = measure(max(args.runs, 1))
    print(report(results))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, ensure_ascii=False, indent=2, default=str)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
