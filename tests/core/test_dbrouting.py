"""The replica router's decisions without servers (the real standby: tests/reliability/
test_replica.py): which requests may read from a replica, the lag rule, the fallback's log
and counters."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.test import RequestFactory

from disclosure.models import Publication
from enforcement_portal import dbrouting
from enforcement_portal.models import User


@pytest.fixture(autouse=True)
def _lag_settings(settings):
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 3.0
    settings.DATABASE_REPLICA_CHECK_SECONDS = 1.0
    dbrouting.reset()
    yield
    dbrouting.reset()


def request(method="get", path="/public/decisions/", user=None, cookies=None):
    made = getattr(RequestFactory(), method)(path)
    made.user = user or AnonymousUser()
    made.COOKIES.update(cookies or {})
    return made


def test_only_anonymous_safe_reads_of_public_pages_are_routable():
    assert dbrouting.routable(request())
    assert dbrouting.routable(request(path="/open-data/decisions.json"))
    assert not dbrouting.routable(request("post"))
    assert not dbrouting.routable(request(path="/public/reports/follow/"))  # receipts
    assert not dbrouting.routable(request(path="/cases/"))
    assert not dbrouting.routable(request(cookies={dbrouting.COOKIE: "1"}))  # just wrote
    staff = User(username="officer")
    assert not dbrouting.routable(request(user=staff))


def test_reads_follow_the_chosen_alias_but_sessions_users_and_writes_do_not():
    router = dbrouting.ReplicaRouter()
    token = dbrouting._read_alias.set("replica1")
    try:
        assert router.db_for_read(Publication) == "replica1"
        assert router.db_for_read(Session) == "default"
        assert router.db_for_read(User) == "default"
        assert router.db_for_write(Publication) == "default"
    finally:
        dbrouting._read_alias.reset(token)
    assert router.db_for_read(Publication) == "default"
    assert not router.allow_migrate("replica1", "disclosure")


@pytest.mark.parametrize(
    ("lag", "usable"),
    [(0.0, True), (1.9, True), (2.0, True), (2.1, False), (float("inf"), False)],
)
def test_a_replica_is_used_only_while_lag_plus_the_check_interval_fits(monkeypatch, lag, usable):
    monkeypatch.setattr(dbrouting, "measure_lag", lambda alias: lag)
    assert dbrouting.usable("replica1") is usable
    assert dbrouting.stats().get("fallback.lag", 0) == (0 if usable else 1)


def test_a_lagging_or_dead_replica_is_logged_once_per_change_and_counted(monkeypatch, caplog):
    lags = iter([5.0, 5.0, OperationalError("connection refused"), 0.0])

    def measure(alias):
        value = next(lags)
        if isinstance(value, Exception):
            raise value
        return value

    monkeypatch.setattr(dbrouting, "measure_lag", measure)
    monkeypatch.setattr(dbrouting.time, "monotonic", iter(range(0, 100, 5)).__next__)
    caplog.set_level(logging.INFO, logger="enforcement_portal.dbrouting")
    assert [dbrouting.usable("replica1") for _ in range(4)] == [False, False, False, True]
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 3, messages  # lagging (once), down, ok again
    assert "lagging" in messages[0] and "reading from primary" in messages[0]
    assert "down" in messages[1] and "ok" in messages[2]
    assert dbrouting.stats() == {"fallback.lag": 2, "fallback.down": 1}


def test_the_measurement_is_trusted_for_the_check_interval(monkeypatch):
    calls = []
    monkeypatch.setattr(dbrouting, "measure_lag", lambda alias: calls.append(alias) or 0.0)
    for _ in range(5):
        assert dbrouting.usable("replica1")
    assert calls == ["replica1"]


def test_lsn_text_is_read_as_a_number():
    assert dbrouting.lsn("0/16B3748") == 0x16B3748
    assert dbrouting.lsn("1/0") == 1 << 32
