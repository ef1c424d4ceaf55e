"""Sign-in throttling without a lockout (issue #17, item 7).

Five wrong passwords used to lock any named account for 15 minutes, whoever typed them, so
anyone could lock an officer out. Now delays grow per account *and address*, and after a few
failures a sign-in needs a proof of work that the officer's browser solves in a second.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from enforcement_portal import signin
from enforcement_portal.challenge import challenge_issue, challenge_redeem, challenge_solve
from enforcement_portal.roles import Role
from tests.factories import TEST_PASSWORD

ATTACKER, OFFICE = "203.0.113.9", "198.51.100.7"
WAIT = "登录失败次数过多"
CHECK = "安全校验未完成"


@pytest.fixture(autouse=True)
def _throttle(settings):
    cache.clear()
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_DELAY_SECONDS = 2
    settings.LOGIN_DELAY_MAX_SECONDS = 60
    settings.LOGIN_CHALLENGE_AFTER = 2
    settings.LOGIN_CHALLENGE_BITS = 6
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(signin, "time", SimpleNamespace(time=lambda: now[0]))
    return now


def sign_in(client, username, password, address, **extra):
    data = {"username": username, "password": password, **extra}
    return client.post(reverse("login"), data, REMOTE_ADDR=address)


def challenge_in(html: str) -> tuple[str, int] | None:
    tag = re.search(r'<input[^>]*name="challenge"[^>]*>', html)
    value = tag and re.search(r'value="([^"]+)"', tag.group(0))
    if not value:
        return None
    return value.group(1), int(re.search(r'data-bits="(\d+)"', tag.group(0)).group(1))


def solved(html: str) -> dict:
    found = challenge_in(html)
    assert found, "the form carries a challenge"
    token, bits = found
    return {"challenge": token, "proof": challenge_solve(token, bits)}


def signed_in(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


@pytest.mark.django_db
def test_an_attacker_failing_from_one_address_does_not_stop_the_officer_at_another(
    make_user, clock
):
    officer = make_user(Role.CASE_OFFICER)
    attacker = Client()
    for _ in range(12):
        sign_in(attacker, officer.username, "guess", ATTACKER)
    # The attacker's own address now waits, even with the right password.
    refused = sign_in(attacker, officer.username, TEST_PASSWORD, ATTACKER)
    assert WAIT in refused.content.decode() and not signed_in(attacker, officer)

    client = Client()
    first = sign_in(client, officer.username, TEST_PASSWORD, OFFICE)
    # No wait for the officer's address: only the browser's check is asked for.
    assert WAIT not in first.content.decode()
    assert CHECK in first.content.decode() and not signed_in(client, officer)
    ok = sign_in(client, officer.username, TEST_PASSWORD, OFFICE, **solved(first.content.decode()))
    assert ok.status_code == 302 and signed_in(client, officer)


@pytest.mark.django_db
def test_delays_grow_for_the_failing_pair_and_end(make_user, clock):
    officer = make_user(Role.CASE_OFFICER)
    name = officer.username
    for _ in range(3):
        signin.signin_failed(name, ATTACKER)
    assert signin.signin_state(name, ATTACKER).wait_seconds == 2
    waits = []
    for _ in range(4):
        clock[0] += 100  # past any wait so far: the next failure is counted
        signin.signin_failed(name, ATTACKER)
        waits.append(signin.signin_state(name, ATTACKER).wait_seconds)
    assert waits == [4, 8, 16, 32]
    clock[0] += 40
    signin.signin_failed(name, ATTACKER)
    assert signin.signin_state(name, ATTACKER).wait_seconds == 60  # the cap
    assert signin.signin_state(name, OFFICE).wait_seconds == 0
    # Through the form: while waiting, even the right password is refused, with the seconds.
    client = Client()
    page = sign_in(client, name, TEST_PASSWORD, ATTACKER).content.decode()
    assert WAIT in page and "60 秒" in page and not signed_in(client, officer)
    clock[0] += 61
    # The page the browser gets carries the check (this address has failed).
    page = client.get(reverse("login"), REMOTE_ADDR=ATTACKER).content.decode()
    ok = sign_in(client, name, TEST_PASSWORD, ATTACKER, **solved(page))
    assert ok.status_code == 302 and signed_in(client, officer)
    assert signin.signin_state(name, ATTACKER).wait_seconds == 0  # success forgets the pair


@pytest.mark.django_db
def test_the_challenge_is_required_after_failures_and_a_wrong_or_absent_one_is_refused(
    make_user, clock, settings
):
    settings.LOGIN_FAILURE_LIMIT = 20  # no delays here: the check alone
    officer = make_user(Role.CASE_OFFICER)
    client = Client()
    page = client.get(reverse("login"), REMOTE_ADDR=OFFICE).content.decode()
    assert challenge_in(page) is None  # nothing asked before any failure
    page = sign_in(client, officer.username, "typo", OFFICE).content.decode()
    assert challenge_in(page) is None
    page = sign_in(client, officer.username, "typo", OFFICE).content.decode()
    token, bits = challenge_in(page)  # the second failure brings the check
    assert bits == 6
    for extra in (
        {},  # absent
        {"challenge": token, "proof": ""},
        {"challenge": token, "proof": "not-a-number"},
        {"challenge": "forged-token", "proof": "0"},
    ):
        refused = sign_in(client, officer.username, TEST_PASSWORD, OFFICE, **extra)
        assert CHECK in refused.content.decode(), extra
        assert not signed_in(client, officer)
    # A wrong counter for a real token.
    page = sign_in(client, officer.username, TEST_PASSWORD, OFFICE).content.decode()
    token, bits = challenge_in(page)
    wrong = next(str(c) for c in range(10_000) if not _works(token, str(c), bits))
    refused = sign_in(client, officer.username, TEST_PASSWORD, OFFICE, challenge=token, proof=wrong)
    assert CHECK in refused.content.decode() and not signed_in(client, officer)
    page = refused.content.decode()  # the refusal carries a fresh check
    answer = solved(page)
    ok = sign_in(client, officer.username, TEST_PASSWORD, OFFICE, **answer)
    assert ok.status_code == 302 and signed_in(client, officer)
    # A solved token is good once.
    again = Client()
    replay = sign_in(again, officer.username, TEST_PASSWORD, OFFICE, **answer)
    assert CHECK in replay.content.decode() and not signed_in(again, officer)


def _works(token, counter, bits):
    from enforcement_portal.challenge import work_is_done

    return work_is_done(token, counter, bits)


@pytest.mark.django_db
def test_a_made_up_account_is_throttled_like_a_real_one(make_user, clock):
    real = make_user(Role.CASE_OFFICER)
    pages = {}
    for name in (real.username, "no-such-account"):
        for _ in range(3):
            signin.signin_failed(name, ATTACKER)
        pages[name] = sign_in(Client(), name, TEST_PASSWORD, ATTACKER).content.decode()
        assert WAIT in pages[name]
    assert pages[real.username].count(WAIT) == pages["no-such-account"].count(WAIT)
    # Differently written, the same account: case and surrounding spaces do not reset it.
    shouted = sign_in(Client(), f"  {real.username.upper()} ", TEST_PASSWORD, ATTACKER)
    assert WAIT in shouted.content.decode()


@pytest.mark.django_db
def test_the_challenge_primitive_checks_purpose_bits_age_and_reuse(settings):
    issued = challenge_issue(purpose="signin", bits=6)
    answer = challenge_solve(issued["token"], 6)
    # Another purpose's token, or one made for fewer bits than required, is refused.
    assert not challenge_redeem(issued["token"], answer, purpose="other", bits=6, ttl=60)
    weak = challenge_issue(purpose="signin", bits=1)
    assert not challenge_redeem(
        weak["token"], challenge_solve(weak["token"], 1), purpose="signin", bits=6, ttl=60
    )
    assert challenge_redeem(issued["token"], answer, purpose="signin", bits=6, ttl=60)
    assert not challenge_redeem(issued["token"], answer, purpose="signin", bits=6, ttl=60)
    old = challenge_issue(purpose="signin", bits=0)
    assert not challenge_redeem(old["token"], "0", purpose="signin", bits=0, ttl=-1)


def test_the_address_is_remote_addr_unless_a_proxy_header_is_trusted(settings, rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.5")
    settings.CLIENT_ADDRESS_HEADER = ""
    assert signin.client_address(request) == "10.0.0.1"
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    assert signin.client_address(request) == "203.0.113.5"
