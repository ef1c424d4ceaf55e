"""PostgreSQL restarted under traffic: requests during the outage get a clean 503 page in
Chinese (no traceback, no hang), and the same gunicorn processes serve normally afterwards.

A private cluster (initdb in a temporary directory, on a free port chosen at run time) is
started, stopped and restarted; the shared PostgreSQL is never touched. gunicorn listens on a
free port too, so parallel workers and other checkouts never collide.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port, require

from .test_redis_stopped import csrf_token

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
ROOT = Path(__file__).resolve().parents[2]
OUTAGE_TEXT = "服务暂时不可用"
SEED = """
from enforcement_portal.roles import Role
from tests.factories import AgencyFactory, UserFactory
agency = AgencyFactory(code="scjg")
UserFactory(username="officer", roles=[Role.CASE_OFFICER], agency=agency)
"""


class PrivateCluster:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="portal-pg-", dir="/tmp"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        # initdb refuses root; as root, run the server as the postgres OS user.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.root, "postgres", "postgres")
        self.root.chmod(0o755)
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/portal"

    def run(self, *args: str) -> None:
        result = subprocess.run([*self.as_user, *args], capture_output=True, timeout=120, text=True)
        if result.returncode:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise subprocess.CalledProcessError(
                result.returncode, args, result.stdout, result.stderr
            ) from RuntimeError(f"{' '.join(args)}: {result.stderr}\nserver log:\n{log}")

    def init(self) -> None:
        self.run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )

    def ctl(self, action: str, *extra: str) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root}"
            " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )
        self.run(
            str(PG_BIN / "pg_ctl"),
            action,
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.log),
            "-w",
            "-t",
            "60",
            *extra,
        )

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.ctl("stop", "-m", "immediate")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def private_cluster():
    require((PG_BIN / "initdb").exists(), f"PostgreSQL server binaries in {PG_BIN}")
    cluster = PrivateCluster()
    try:
        cluster.init()
        cluster.ctl("start")
        subprocess.run(
            [
                str(PG_BIN / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(cluster.port),
                "-U",
                "postgres",
                "portal",
            ],
            check=True,
            timeout=60,
        )
        yield cluster
    finally:
        cluster.destroy()


def portal_env(database_url: str) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL")
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="enforcement_portal.settings.local",
        DEBUG="false",
        CONN_MAX_AGE="600",  # long-lived connections: exactly what a restart breaks
        DATABASE_CONNECT_TIMEOUT="3",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


@pytest.fixture
def portal(private_cluster):
    env = portal_env(private_cluster.url)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(
        [*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True, timeout=300
    )
    subprocess.run([*manage, "shell", "-c", SEED], env=env, cwd=ROOT, check=True, timeout=120)
    web_port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "enforcement_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{web_port}",
            "--workers",
            "2",
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{web_port}"
    try:
        for _ in range(300):
            assert server.poll() is None, "gunicorn exited"
            try:
                if httpx.get(f"{base}/public/agencies/", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        yield server, base
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(20)


def worker_pids(server: subprocess.Popen) -> set[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return {int(pid) for pid in children}


class Traffic(threading.Thread):
    """Public and staff requests one after another until stopped; records every outcome."""

    def __init__(self, base: str, cookies):
        super().__init__(daemon=True)
        self.base, self.cookies = base, cookies
        self.outcomes: list[tuple[str, int | str, str]] = []
        self.halt = threading.Event()

    def run(self) -> None:
        with (
            httpx.Client(base_url=self.base, timeout=15) as public,
            httpx.Client(base_url=self.base, timeout=15, cookies=self.cookies) as staff,
        ):
            while not self.halt.is_set():
                for client, path in ((public, "/public/agencies/"), (staff, "/")):
                    try:
                        response = client.get(path)
                        self.outcomes.append((path, response.status_code, response.text))
                    except httpx.HTTPError as exc:  # a hang or a dropped connection
                        self.outcomes.append((path, type(exc).__name__, str(exc)))
                time.sleep(0.05)


def assert_outage_page(response: httpx.Response) -> None:
    assert response.status_code == 503
    assert OUTAGE_TEXT in response.text
    assert "Traceback" not in response.text and "psycopg" not in response.text
    assert response.headers["Retry-After"]


@pytest.mark.postgres
def test_requests_fail_cleanly_during_a_restart_and_recover_without_restarting_the_portal(
    private_cluster, portal
):
    server, base = portal
    staff = httpx.Client(base_url=base, timeout=15)
    token = csrf_token(staff.get("/accounts/login/").text)
    signed_in = staff.post(
        "/accounts/login/",
        data={"username": "officer", "password": "pw-Secret-2026", "csrfmiddlewaretoken": token},
    )
    assert signed_in.status_code == 302
    for _ in range(6):  # every worker holds a persistent connection now
        assert staff.get("/public/agencies/").status_code == 200
        assert 'data-testid="desk"' in staff.get("/").text
    workers = worker_pids(server)
    assert len(workers) == 2

    # A quiet restart breaks every worker's persistent connection; with CONN_HEALTH_CHECKS
    # the next request notices before using it and reconnects, so nobody sees an error.
    private_cluster.ctl("restart", "-m", "fast")
    for _ in range(8):
        assert staff.get("/public/agencies/").status_code == 200
        desk = staff.get("/")
        assert desk.status_code == 200 and 'data-testid="desk"' in desk.text  # session kept

    traffic = Traffic(base, staff.cookies)
    traffic.start()
    time.sleep(0.5)

    # Down: every page answers 503 with the Chinese notice, public and signed-in alike.
    private_cluster.ctl("stop", "-m", "fast")
    for path in ("/public/agencies/", "/public/decisions/?q=食品", "/"):
        assert_outage_page(staff.get(path))
    anonymous = httpx.get(f"{base}/public/agencies/", timeout=15)
    assert_outage_page(anonymous)

    # Up again: the very next requests succeed on the same processes (no portal restart).
    private_cluster.ctl("start")
    for _ in range(6):
        assert staff.get("/public/agencies/").status_code == 200
        desk = staff.get("/")
        assert desk.status_code == 200 and 'data-testid="desk"' in desk.text  # session kept

    # A restart while the traffic keeps flowing.
    private_cluster.ctl("restart", "-m", "fast")
    for _ in range(6):
        assert staff.get("/public/agencies/").status_code == 200
    time.sleep(0.5)
    traffic.halt.set()
    traffic.join(30)

    statuses = [status for _path, status, _text in traffic.outcomes]
    assert set(statuses) <= {200, 503}, [o[:2] for o in traffic.outcomes if o[1] not in (200, 503)]
    assert 503 in statuses and statuses[-1] == 200
    for _path, status, text in traffic.outcomes:
        if status == 503:
            assert OUTAGE_TEXT in text and "Traceback" not in text
    assert server.poll() is None
    assert worker_pids(server) == workers  # the same gunicorn workers, never restarted
    staff.close()
