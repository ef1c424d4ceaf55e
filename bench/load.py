"""Load test: many concurrent clients against gunicorn on loopback, zero errors expected.

    python -m bench load --public 200 --staff 20 --seconds 60 \
        --database postgres://postgres@127.0.0.1:5432/portal_load

Migrates and seeds the demo city into --database (seed_demo is idempotent), starts gunicorn
(--workers, --threads) on --port, signs the staff clients in through the real login form
(CSRF token and cookie), then runs every client in a closed loop for --seconds: a request,
a random pause of up to --think seconds, the next request. Public clients spread over the
decision search (with keywords), decision detail, power detail, the agency list and page,
and open data; staff clients over the desk, the case list, a case and the power list.

Each response must be 200 and carry the page's own marker text, else it counts as an error.
Prints p50/p95/p99 per page kind and the error count, writes them as JSON with --json, and
exits 1 on any error (or when a page kind was never requested). The load generator is one
asyncio process (httpx); gunicorn runs as its own processes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/portal_load"
KEYWORDS = ["食品", "经营", "许可", "销售", "罚款", "熟食", "市场", "警告"]
STAFF_USERS = ["officer", "officer2", "leader", "filer", "reviewer"]


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)

    def ok(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)

    def error(self, kind: str, what: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        self.latencies.setdefault(kind, [])
        if len(self.samples) < 20:
            self.samples.append(f"{kind}: {what}")


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


# ---------------------------------------------------------------------------- set-up


def portal_env(args) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DATABASE_URL=args.database,
        DJANGO_SETTINGS_MODULE="enforcement_portal.settings.local",
        DEBUG="false",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    if args.redis is not None:
        env["REDIS_URL"] = args.redis
    return env


def prepare_database(args, env: dict) -> None:
    import psycopg

    parts = urlsplit(args.database)
    name = parts.path.lstrip("/")
    admin = psycopg.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "seed_demo", "--quiet"], env=env, check=True, cwd=ROOT)


def targets(args) -> dict[str, list[str]]:
    """Ids to visit, read straight from the seeded database."""
    import psycopg

    parts = urlsplit(args.database)
    conn = psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        dbname=parts.path.lstrip("/"),
    )
    with conn, conn.cursor() as cursor:
        # What the public may open: published (still in its period) or withdrawn (the notice).
        cursor.execute(
            "SELECT id FROM disclosure_publication WHERE status IN ('published', 'withdrawn') "
            "AND (publish_until IS NULL OR publish_until >= CURRENT_DATE) ORDER BY id"
        )
        decisions = [r[0] for r in cursor.fetchall()]
        cursor.execute(
            "SELECT p.id FROM powers_power p JOIN powers_agency a ON a.id = p.agency_id "
            "ORDER BY p.id LIMIT 200"
        )
        powers = [r[0] for r in cursor.fetchall()]
        cursor.execute("SELECT code FROM powers_agency WHERE is_enforcement_body ORDER BY id")
        agencies = [r[0] for r in cursor.fetchall()]
        cursor.execute(
            "SELECT c.id FROM workflows_case c JOIN powers_agency a ON a.id = c.agency_id "
            "WHERE a.code = 'scjg' ORDER BY c.id"
        )
        cases = [r[0] for r in cursor.fetchall()]
    conn.close()
    return {"decisions": decisions, "powers": powers, "agencies": agencies, "cases": cases}


def start_gunicorn(args, env: dict) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "enforcement_portal.wsgi:application",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--worker-class",
        "gthread",
        "--backlog",
        "2048",
        "--timeout",
        "60",
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{args.port}/public/agencies/", timeout=5).is_success:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    stop(server)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# ---------------------------------------------------------------------------- clients


def public_pages(t: dict) -> dict[str, list[tuple[str, str]]]:
    """Page kind -> (path, marker) choices; a marker is text the page must contain. A client
    picks a kind at random, then one of its paths, so every kind gets its share."""
    return {
        "agency_list": [("/public/agencies/", "<h1")],
        "decision_search": [
            (f"/public/decisions/?q={quote(k)}", 'data-testid="decision-list"') for k in KEYWORDS
        ],
        "decision_detail": [(f"/public/decisions/{pk}/", "<h1") for pk in t["decisions"]],
        "power_detail": [(f"/public/powers/{pk}/", "<h1") for pk in t["powers"]],
        "agency_page": [(f"/public/agencies/{c}/", "<h1") for c in t["agencies"]],
        "open_data": [("/open-data/decisions.json", '"'), ("/open-data/powers.json", '"')],
    }


def staff_pages(t: dict) -> dict[str, list[tuple[str, str]]]:
    return {
        "desk": [("/", 'data-testid="desk"')],
        "case_list": [("/cases/", 'data-testid="case-table"')],
        "case_detail": [(f"/cases/{pk}/", "<h1") for pk in t["cases"]],
        "power_list": [("/powers/", "<table")],
    }


async def fetch(client, stats: Stats, kind: str, path: str, marker: str) -> None:
    import httpx

    started = time.perf_counter()
    try:
        response = await client.get(path)
    except httpx.HTTPError as exc:
        stats.error(kind, f"{path}: {type(exc).__name__} {exc}")
        return
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        stats.error(kind, f"{path}: HTTP {response.status_code}")
    elif marker not in response.text:
        stats.error(kind, f"{path}: marker {marker!r} missing")
    else:
        stats.ok(kind, elapsed)


async def login(client, username: str, password: str) -> None:
    form = await client.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    if not token:
        raise RuntimeError("no CSRF token on the login form")
    response = await client.post(
        "/accounts/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": token.group(1),
        },
    )
    if response.status_code != 302 or "/accounts/login/" in response.headers.get("location", ""):
        raise RuntimeError(f"sign-in as {username} failed (HTTP {response.status_code})")


def http_client(base: str, keepalive: bool = False):
    import httpx

    timeout = httpx.Timeout(60.0, connect=30.0, pool=60.0)
    # By default one connection per request, as from a proxy that does not keep upstream
    # connections alive (gunicorn's own docs put it behind one); with --keepalive each client
    # keeps its connection and gunicorn keeps idle ones for 30 s.
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1 if keepalive else 0)
    return httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits)


async def client_loop(client, number: int, pages, stats, until, think) -> None:
    """Kinds in turn from a per-client offset (every kind is hit even in a tiny run), a
    random path of that kind, a random pause."""
    kinds = sorted(pages)
    rng = random.Random()
    n = number
    while time.monotonic() < until:
        kind = kinds[n % len(kinds)]
        n += 1
        path, marker = rng.choice(pages[kind])
        await fetch(client, stats, kind, path, marker)
        if think:
            await asyncio.sleep(rng.uniform(0, think))


async def drive(args, t: dict) -> tuple[Stats, float]:
    import httpx

    base = f"http://127.0.0.1:{args.port}"
    stats = Stats()
    public, staff = public_pages(t), staff_pages(t)
    password = os.environ.get("DEMO_PASSWORD", "Demo@2026")
    public_clients = [http_client(base, args.keepalive) for _ in range(args.public)]
    staff_clients = [http_client(base, args.keepalive) for _ in range(args.staff)]

    async def sign_in(i: int, client) -> None:
        try:
            await login(client, STAFF_USERS[i % len(STAFF_USERS)], password)
            stats.ok("login", 0.0)
        except (httpx.HTTPError, RuntimeError) as exc:
            stats.error("login", str(exc))

    try:
        # Everyone signs in first; the measured window starts when they all have.
        await asyncio.gather(*(sign_in(i, c) for i, c in enumerate(staff_clients)))
        started = time.monotonic()
        until = started + args.seconds
        await asyncio.gather(
            *(
                client_loop(c, i, public, stats, until, args.think)
                for i, c in enumerate(public_clients)
            ),
            *(
                client_loop(c, i, staff, stats, until, args.think)
                for i, c in enumerate(staff_clients)
            ),
        )
        return stats, time.monotonic() - started
    finally:
        for client in public_clients + staff_clients:
            await client.aclose()


# ---------------------------------------------------------------------------- report


EXPECTED_KINDS = {
    "public": [
        "decision_search",
        "decision_detail",
        "power_detail",
        "agency_list",
        "agency_page",
        "open_data",
    ],
    "staff": ["desk", "case_list", "case_detail", "power_list"],
}


def report(args, stats: Stats, wall: float) -> dict:
    kinds = {}
    for kind, values in sorted(stats.latencies.items()):
        if kind == "login":
            continue
        kinds[kind] = {
            "requests": len(values),
            "errors": stats.errors.get(kind, 0),
            "p50_ms": round(percentile(values, 0.50) * 1000, 1),
            "p95_ms": round(percentile(values, 0.95) * 1000, 1),
            "p99_ms": round(percentile(values, 0.99) * 1000, 1),
        }
    total = sum(k["requests"] for k in kinds.values())
    errors = sum(stats.errors.values())
    everything = [v for k, vs in stats.latencies.items() if k != "login" for v in vs]
    missing = [
        k
        for group, names in EXPECTED_KINDS.items()
        if getattr(args, group)
        for k in names
        if not kinds.get(k, {}).get("requests")
    ]
    return {
        "public_clients": args.public,
        "staff_clients": args.staff,
        "seconds": round(wall, 1),
        "workers": args.workers,
        "threads": args.threads,
        "think_s": args.think,
        "keepalive": args.keepalive,
        "requests": total,
        "errors": errors,
        "throughput_rps": round(total / wall, 1) if wall else 0,
        "p50_ms": round(percentile(everything, 0.50) * 1000, 1),
        "p95_ms": round(percentile(everything, 0.95) * 1000, 1),
        "p99_ms": round(percentile(everything, 0.99) * 1000, 1),
        "logins": len(stats.latencies.get("login", [])),
        "kinds": kinds,
        "missing_kinds": missing,
        "error_samples": stats.samples,
    }


def print_report(figures: dict) -> None:
    print(
        f"{figures['public_clients']} public + {figures['staff_clients']} staff clients, "
        f"{figures['seconds']} s, gunicorn {figures['workers']}x{figures['threads']} threads"
    )
    print(f"{'page':<18}{'requests':>9}{'errors':>8}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for kind, k in figures["kinds"].items():
        print(
            f"{kind:<18}{k['requests']:>9}{k['errors']:>8}"
            f"{k['p50_ms']:>10}{k['p95_ms']:>10}{k['p99_ms']:>10}"
        )
    print(
        f"{'all':<18}{figures['requests']:>9}{figures['errors']:>8}"
        f"{figures['p50_ms']:>10}{figures['p95_ms']:>10}{figures['p99_ms']:>10}"
    )
    print(f"throughput {figures['throughput_rps']} requests/s; staff sign-ins {figures['logins']}")
    for sample in figures["error_samples"]:
        print(f"  error: {sample}")
    if figures["missing_kinds"]:
        print(f"  never requested: {', '.join(figures['missing_kinds'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench load", description=__doc__)
    parser.add_argument("--public", type=int, default=200, help="public clients")
    parser.add_argument("--staff", type=int, default=20, help="signed-in staff clients")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="max pause between requests")
    parser.add_argument("--database", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--redis", default=None, help="REDIS_URL for the portal (cache)")
    parser.add_argument("--port", type=int, default=8201)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--no-seed", action="store_true", help="the database is ready")
    parser.add_argument(
        "--keepalive", action="store_true", help="clients keep their connection open"
    )
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args(argv)

    env = portal_env(args)
    if not args.no_seed:
        prepare_database(args, env)
    t = targets(args)
    server = start_gunicorn(args, env)
    try:
        stats, wall = asyncio.run(drive(args, t))
    finally:
        stop(server)
    figures = report(args, stats, wall)
    print_report(figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    return 1 if figures["errors"] or figures["missing_kinds"] else 0


if __name__ == "__main__":
    sys.exit(main())
