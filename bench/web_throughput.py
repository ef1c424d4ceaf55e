"""Request throughput under gunicorn: the public decision list against a bare constant view.

Starts gunicorn (2 sync workers, production settings over plain HTTP, bench.urls) on a
loopback port, warms it, then drives each URL for ``--seconds`` with ``--clients`` threads
of a small keep-alive-free HTTP client on the same machine. The bare view (bench.urls, never
in the production URLconf) is the framework's ceiling on this machine; the ratio of the two
is what the target is about. Latency p50/p95 are reported beside requests per second.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.results import percentiles, row, write

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 0.30


def _drive(port: int, path: str, seconds: float, clients: int) -> tuple[float, list[float], int]:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    stop = time.perf_counter() + seconds

    def client(k: int) -> None:
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status != 200:
                    errors[k] += 1
                    continue
            except OSError:
                errors[k] += 1
                continue
            latencies[k].append(time.perf_counter() - t0)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    flat = [x for part in latencies for x in part]
    return len(flat) / elapsed, flat, sum(errors)


def _wait_ready(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/bench/constant/", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench web_throughput", description=__doc__)
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--runs", type=int, default=1, help="(accepted for the contract)")
    parser.add_argument("--json")
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--path", default="/public/decisions/")
    args = parser.parse_args(argv)
    if not args.database:
        raise SystemExit("--database or DATABASE_URL is required")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.web_settings",
        "DATABASE_URL": args.database,
        "SECRET_KEY": secrets.token_hex(32),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "ERROR",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "enforcement_portal.wsgi:application",
        "--workers",
        str(args.workers),
        "--bind",
        f"127.0.0.1:{args.port}",
        "--log-level",
        "warning",
        "--backlog",
        "256",
    ]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    try:
        _wait_ready(args.port, proc)
        figures = {}
        for name, path in (("constant", "/bench/constant/"), ("decisions", args.path)):
            _drive(args.port, path, min(2.0, args.seconds / 4), args.clients)  # warm both workers
            rps, latencies, errors = _drive(args.port, path, args.seconds, args.clients)
            if not latencies:
                raise SystemExit(f"no successful request to {path} ({errors} errors)")
            figures[name] = {**percentiles(latencies), "rps": round(rps, 1), "errors": errors}
            print(
                f"{path}: {rps:,.0f} req/s, p50 {figures[name]['p50_ms']:.1f} ms, "
                f"p95 {figures[name]['p95_ms']:.1f} ms, {errors} errors"
            )
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    ratio = figures["decisions"]["rps"] / max(figures["constant"]["rps"], 1e-9)
    print(f"public list / bare view: {ratio:.0%} of the ceiling")
    rows = [
        row(
            "public decision list under gunicorn (req/s)",
            figures["decisions"],
            figures["constant"],
            "at least 30% of the bare view's req/s",
            ratio >= TARGET_RATIO,
            f"{figures['decisions']['rps']:,.0f} vs {figures['constant']['rps']:,.0f} req/s "
            f"= {ratio:.0%}; {args.workers} workers, {args.clients} loopback clients, "
            f"{args.seconds:.0f} s each",
        )
    ]
    write(args.json, rows, {"ratio": ratio, **{f"{k}_rps": v["rps"] for k, v in figures.items()}})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
