"""Sign-in throttling: growing delays per account and address, proof of work after failures.

A plain lockout per account let anyone lock an officer out by typing five wrong passwords
(#17). Here failures are counted three ways, each under a hashed key that expires:

- per (account, address): after LOGIN_FAILURE_LIMIT failures, each further failure makes
  that pair wait LOGIN_DELAY_SECONDS, doubling, up to LOGIN_DELAY_MAX_SECONDS. The delay binds
  the guesser's address only; the officer signs in from another address at once;
- per account and per address: after LOGIN_CHALLENGE_AFTER failures, a sign-in to that
  account, or from that address, must carry a solved proof-of-work challenge
  (enforcement_portal.challenge), which the browser solves in about a second.

The cache is the only store; with Redis down it is each process's memory (docs/reliability.md).
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from .challenge import challenge_issue, challenge_redeem

PURPOSE = "signin"


def client_address(request) -> str:
    """The sender's address: REMOTE_ADDR, or the header a trusted proxy sets (a setting)."""
    if request is None:
        return ""
    header = settings.CLIENT_ADDRESS_HEADER
    value = request.META.get(header, "") if header else ""
    if value:
        # X-Forwarded-For: the last hop is the one the trusted proxy appended.
        return value.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _digest(*parts: str) -> str:
    text = "\x1f".join(parts)
    # Hashed: whatever was typed makes a short, valid key, and the cache holds no names.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _account(username: str) -> str:
    return username.strip().lower()


def _keys(username: str, address: str) -> dict[str, str]:
    account = _account(username)
    return {
        "pair": f"signin:pair:{_digest(account, address)}",
        "until": f"signin:until:{_digest(account, address)}",
        "account": f"signin:account:{_digest(account)}",
        "address": f"signin:address:{_digest('', address)}",
    }


def delay_after(failures: int) -> int:
    """Seconds a pair waits after its ``failures``-th failure in a row (0 while free)."""
    over = failures - settings.LOGIN_FAILURE_LIMIT
    if over < 0:
        return 0
    return min(settings.LOGIN_DELAY_MAX_SECONDS, settings.LOGIN_DELAY_SECONDS * 2 ** min(over, 30))


@dataclass(frozen=True)
class SignInState:
    wait_seconds: int
    needs_challenge: bool


def signin_state(username: str, address: str) -> SignInState:
    keys = _keys(username, address)
    found = cache.get_many([keys["until"], keys["account"], keys["address"], keys["pair"]])
    until = float(found.get(keys["until"]) or 0)
    wait = max(0, math.ceil(until - time.time()))
    limit = settings.LOGIN_CHALLENGE_AFTER
    needs = any(int(found.get(keys[name]) or 0) >= limit for name in ("pair", "account", "address"))
    return SignInState(wait_seconds=wait, needs_challenge=needs)


def _count(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout)
    value = cache.incr(key)
    cache.touch(key, timeout)  # counted from the last failure, not the first
    return value


def signin_failed(username: str, address: str, *, account_too: bool = True) -> int:
    """Count a failure; returns the pair's failures in a row."""
    keys = _keys(username, address)
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    pair = _count(keys["pair"], window + settings.LOGIN_DELAY_MAX_SECONDS)
    _count(keys["address"], window)
    if account_too:
        _count(keys["account"], window)
    delay = delay_after(pair)
    if delay:
        cache.set(keys["until"], time.time() + delay, timeout=delay + 1)
    return pair


def signin_succeeded(username: str, address: str) -> None:
    keys = _keys(username, address)
    cache.delete_many([keys["pair"], keys["until"]])


def signin_forget_address(address: str) -> None:
    """Forget an address's failures across accounts (tests; an operator after an incident)."""
    cache.delete(_keys("", address)["address"])


def signin_challenge() -> dict:
    return challenge_issue(purpose=PURPOSE, bits=settings.LOGIN_CHALLENGE_BITS)


def signin_challenge_redeem(token: str, counter: str) -> bool:
    return challenge_redeem(
        token,
        counter,
        purpose=PURPOSE,
        bits=settings.LOGIN_CHALLENGE_BITS,
        ttl=settings.LOGIN_CHALLENGE_TTL,
    )
