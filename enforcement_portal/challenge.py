"""A short-lived, signed proof-of-work challenge, for any form that must cost the sender work.

The form carries a token signed with the secret key (HMAC) for one ``purpose``. Before
submitting, the browser (static/js/challenge.js) finds a counter such that
SHA-256("<token>:<counter>") starts with ``bits`` zero bits. The server checks the
signature, the purpose, the age and the work, and remembers the token's nonce in the cache
until it expires, so a token is redeemed once. Nothing about the sender is stored.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core import signing
from django.core.cache import cache

SALT = "enforcement_portal.challenge"
MAX_COUNTER_LENGTH = 20


def challenge_issue(*, purpose: str, bits: int) -> dict:
    token = signing.dumps(
        {"n": secrets.token_hex(12), "b": bits}, salt=f"{SALT}:{purpose}", compress=False
    )
    return {"token": token, "bits": bits}


def leading_zero_bits(digest: bytes) -> int:
    count = 0
    for byte in digest:
        if byte == 0:
            count += 8
            continue
        return count + 8 - byte.bit_length()
    return count


def work_is_done(token: str, counter: str, bits: int) -> bool:
    digest = hashlib.sha256(f"{token}:{counter}".encode()).digest()
    return leading_zero_bits(digest) >= bits


def challenge_solve(token: str, bits: int) -> str:
    """What the browser does; used by tests and scripts."""
    counter = 0
    while not work_is_done(token, str(counter), bits):
        counter += 1
    return str(counter)


def challenge_redeem(token: str, counter: str, *, purpose: str, bits: int, ttl: int) -> bool:
    """True once per valid, fresh token of ``purpose`` solved to at least ``bits``."""
    try:
        data = signing.loads(token or "", salt=f"{SALT}:{purpose}", max_age=ttl)
    except signing.BadSignature:
        return False
    issued_bits = int(data.get("b", 0))
    counter = counter or ""
    if issued_bits < bits or not counter.isdigit() or len(counter) > MAX_COUNTER_LENGTH:
        return False
    if not work_is_done(token, counter, issued_bits):
        return False
    # cache.add is atomic: the second use of the same token finds the key and fails.
    return cache.add(f"challenge:{purpose}:{data['n']}", 1, timeout=ttl + 5)
