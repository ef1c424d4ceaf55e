"""A privacy-preserving submission limit: a short-lived, signed proof-of-work challenge.

The form carries a token signed with the secret key (HMAC). Before submitting, the browser
(static/js/oversight.js) finds a counter such that SHA-256("<token>:<counter>") starts with
``bits`` zero bits. The server checks the signature, the age and the work, and remembers
the token's nonce in the cache until it expires so it cannot be used twice. Nothing about
the sender is stored: no address, no cookie.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core import signing
from django.core.cache import cache

from .conf import setting

SALT = "reports.challenge"


def challenge_issue() -> dict:
    bits = setting("REPORTS_CHALLENGE_BITS")
    token = signing.dumps({"n": secrets.token_hex(12), "b": bits}, salt=SALT, compress=False)
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


def challenge_redeem(token: str, counter: str) -> bool:
    """True once per valid, fresh, solved token; False for anything else."""
    ttl = setting("REPORTS_CHALLENGE_TTL")
    try:
        data = signing.loads(token or "", salt=SALT, max_age=ttl)
    except signing.BadSignature:
        return False
    bits = int(data.get("b", 0))
    if bits < setting("REPORTS_CHALLENGE_BITS") or len(counter or "") > 20:
        return False
    if not work_is_done(token, counter, bits):
        return False
    # cache.add is atomic: the second use of the same token finds the key and fails.
    return cache.add(f"oversight:challenge:{data['n']}", 1, timeout=ttl + 5)
