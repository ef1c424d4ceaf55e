"""Read replicas on real PostgreSQL streaming replication (enforcement_portal/dbrouting.py).

A private primary (initdb on a free loopback port) and a hot standby made from it with
``pg_basebackup -R`` are started in temporary directories; gunicorn serves the portal with
``DATABASE_URL`` on the primary and ``DATABASE_REPLICA_URLS`` on the standby. The shared
PostgreSQL is never touched. Checked: the public pages read from the standby, staff and
a visitor who just wrote read from the primary, a write on the primary reaches the standby,
replay paused (``pg_wal_replay_pause``) never serves a withdrawn decision past the allowed
lag, and a stopped standby leaves the public pages answering from the primary.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import free_port, require

from .test_postgres_restart import PG_BIN, ROOT, PrivateCluster, portal_env
from .test_redis_stopped import csrf_token

pytestmark = pytest.mark.postgres

MAX_LAG = 3.0  # DATABASE_REPLICA_MAX_LAG_SECONDS for the portal under test
CHECK = 0.5  # DATABASE_REPLICA_CHECK_SECONDS
FIRST = "甲乙复制食品有限公司"
SECOND = "丙丁复制餐饮有限公司"
SEED = f"""
from enforcement_portal.roles import Role
from tests.disclosure.factories import PublishedFactory
from tests.factories import AgencyFactory, UserFactory
agency = AgencyFactory(code="scjg")
UserFactory(username="officer", roles=[Role.CASE_OFFICER], agency=agency)
PublishedFactory(agency=agency, party_name="{FIRST}", decision_number="复市监罚〔2026〕1号")
"""


class Standby(PrivateCluster):
    """A hot standby of ``primary``: pg_basebackup with -R writes standby.signal and the
    primary_conninfo, so it streams from the primary as soon as it starts."""

    def __init__(self, primary: PrivateCluster):
        super().__init__()
        self.primary = primary

    def init(self) -> None:
        self.run(
            str(PG_BIN / "pg_basebackup"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.primary.port),
            "-U",
            "postgres",
            "-D",
            str(self.data),
            "-R",
            "-X",
            "stream",
            "--checkpoint=fast",  # a spread checkpoint would keep it waiting for minutes
            "--no-sync",
        )

    def sql(self, statement: str):
        import psycopg

        with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
            return conn.execute(statement).fetchall()


def shell(env: dict, code: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def topology():
    require((PG_BIN / "initdb").exists(), f"PostgreSQL server binaries in {PG_BIN}")
    require((PG_BIN / "pg_basebackup").exists(), f"pg_basebackup in {PG_BIN}")
    primary = PrivateCluster()
    standby = None
    server = None
    try:
        primary.init()
        primary.ctl("start")
        primary.run(
            str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
            "portal",
        )  # fmt: skip
        env = portal_env(primary.url)
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run(
            [*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True, timeout=300
        )
        shell(env, SEED)
        standby = Standby(primary)
        if standby.as_user:
            shutil.chown(standby.root, "postgres", "postgres")
        standby.init()
        standby.ctl("start")
        web_env = dict(
            env,
            DATABASE_REPLICA_URLS=standby.url,
            DATABASE_REPLICA_MAX_LAG_SECONDS=str(MAX_LAG),
            DATABASE_REPLICA_CHECK_SECONDS=str(CHECK),
            DATABASE_ROUTING_HEADER="true",
            PUBLIC_DECISION_LIST_CACHE_SECONDS="0",
        )
        web_port = free_port()
        server = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "enforcement_portal.wsgi:application",
                "--bind", f"127.0.0.1:{web_port}", "--workers", "2", "--timeout", "30",
                "--log-level", "warning",
            ],
            env=web_env,
            cwd=ROOT,
            start_new_session=True,
        )  # fmt: skip
        base = f"http://127.0.0.1:{web_port}"
        for _ in range(300):
            assert server.poll() is None, "gunicorn exited"
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/public/agencies/", timeout=5).status_code == 200:
                    break
            time.sleep(0.2)
        yield primary, standby, env, base
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(20)
        if standby is not None:
            standby.destroy()
        primary.destroy()


def served(client: httpx.Client, path: str, **params) -> tuple[str, str]:
    response = client.get(path, params=params)
    assert response.status_code == 200, (path, response.status_code, response.text[:500])
    return response.headers["X-Database-Read"], response.text


def wait_for(predicate, timeout: float = 20.0, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"not within {timeout}s")


def test_public_reads_come_from_the_standby_within_the_allowed_lag(topology):
    _primary, standby, env, base = topology
    assert standby.sql("SELECT pg_is_in_recovery()") == [(True,)]
    public = httpx.Client(base_url=base, timeout=15)
    # Right after it starts the standby may still be catching up (and say so).
    wait_for(lambda: served(public, "/public/agencies/")[0] == "replica1")

    # The public pages read from the standby, and show what the primary holds.
    for path in ("/public/decisions/", "/public/agencies/", "/public/standards/",
                 "/open-data/decisions.json", "/open-data/decisions.atom"):  # fmt: skip
        read_from, _text = served(public, path)
        assert read_from == "replica1", path
    read_from, text = served(public, "/public/decisions/")
    assert read_from == "replica1" and FIRST in text

    # A write on the primary is seen on the standby, and on the pages it serves.
    shell(
        env,
        "from disclosure.models import Publication\n"
        "from tests.disclosure.factories import PublishedFactory\n"
        "first = Publication.objects.get(party_name=" + repr(FIRST) + ")\n"
        "PublishedFactory(agency=first.agency, party_name="
        + repr(SECOND)
        + ", decision_number='复市监罚〔2026〕2号')\n",
    )
    wait_for(
        lambda: (
            standby.sql(
                f"SELECT count(*) FROM disclosure_publication WHERE party_name = '{SECOND}'"
            )
            == [(1,)]
        )
    )
    read_from, text = wait_for(lambda: (r := served(public, "/public/decisions/"))
                               and SECOND in r[1] and r)  # fmt: skip
    assert read_from == "replica1"

    # Staff read from the primary.
    staff = httpx.Client(base_url=base, timeout=15)
    token = csrf_token(staff.get("/accounts/login/").text)
    signed_in = staff.post(
        "/accounts/login/",
        data={"username": "officer", "password": "pw-Secret-2026", "csrfmiddlewaretoken": token},
    )
    assert signed_in.status_code == 302
    assert served(staff, "/public/decisions/")[0] == "primary"

    # A visitor who just looked up a receipt (or filed a report) reads from the primary.
    visitor = httpx.Client(base_url=base, timeout=15)
    follow = visitor.get("/public/reports/follow/")
    assert follow.headers["X-Database-Read"] == "primary"
    assert visitor.cookies.get("portal_rw") == "1"
    assert served(visitor, "/public/decisions/")[0] == "primary"

    # Replay paused: the withdrawal stays on the primary; the standby's copy shows the
    # decision, but no page serves it once the allowed lag has passed.
    standby.sql("SELECT pg_wal_replay_pause()")
    committed = float(
        shell(
            env,
            "import time\n"
            "from disclosure import services\n"
            "from disclosure.models import Publication\n"
            "services.publication_withdraw(publication=Publication.objects.get(party_name="
            + repr(SECOND)
            + "), reason='复议决定撤销原处罚')\n"
            "print(time.time())\n",
        ).split()[-1]
    )
    assert standby.sql(
        f"SELECT status FROM disclosure_publication WHERE party_name = '{SECOND}'"
    ) == [("published",)]
    outcomes = []
    while time.time() < committed + MAX_LAG + 2.5:
        read_from, text = served(public, "/public/decisions/")
        outcomes.append((time.time(), read_from, SECOND in text))
        time.sleep(0.1)
    late = [o for o in outcomes if o[2] and o[0] > committed + MAX_LAG]
    assert not late, late
    assert outcomes[-1][1] == "primary" and not outcomes[-1][2]
    assert standby.sql(
        f"SELECT status FROM disclosure_publication WHERE party_name = '{SECOND}'"
    ) == [("published",)]  # still behind: the primary answered

    # Replay resumed: the standby catches up and serves again, without the decision.
    standby.sql("SELECT pg_wal_replay_resume()")
    read_from, text = wait_for(
        lambda: (r := served(public, "/public/decisions/"))[0] == "replica1" and r
    )
    assert SECOND not in text and "复议决定撤销原处罚" in text

    # The standby stopped mid-test: every public page keeps answering, from the primary.
    standby.ctl("stop", "-m", "fast")
    for _ in range(3):
        for path in ("/public/decisions/", "/public/agencies/", "/public/standards/",
                     "/open-data/decisions.json"):  # fmt: skip
            read_from, _text = served(public, path)
            assert read_from == "primary", path
    read_from, text = served(public, "/public/decisions/")
    assert read_from == "primary" and FIRST in text
