"""Receipt codes (回执码): a public lookup part plus a secret of 100 bits, shown once.

A salted slow hash cannot be looked up, so the code is two parts: 8 characters that find
the row (stored in clear, indexed) and 20 characters (100 bits) stored only as a Django
password hash. A wrong secret and an unknown lookup part give the same answer, and the
hasher runs in both cases so the timing does not tell them apart. Never log a code.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.auth.hashers import check_password, make_password

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LOOKUP_LENGTH = 8  # 40 bits, only to find the row
SECRET_LENGTH = 20  # 100 bits of secret
GROUP = 4
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


@dataclass(frozen=True)
class ReceiptCode:
    lookup: str
    secret: str

    @property
    def display(self) -> str:
        """Grouped for reading: XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX."""
        raw = self.lookup + self.secret
        return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))

    def __repr__(self) -> str:  # never print the secret by accident
        return f"ReceiptCode(lookup={self.lookup!r}, secret=<hidden>)"

    __str__ = __repr__


def _random(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def receipt_generate() -> ReceiptCode:
    return ReceiptCode(_random(LOOKUP_LENGTH), _random(SECRET_LENGTH))


def receipt_hash(code: ReceiptCode) -> str:
    return make_password(code.secret)


def receipt_parse(text: str) -> ReceiptCode | None:
    """Normalise what the reporter typed: case, spaces, dashes and look-alike letters."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum()).translate(_CONFUSABLE)
    if len(raw) != LOOKUP_LENGTH + SECRET_LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return ReceiptCode(raw[:LOOKUP_LENGTH], raw[LOOKUP_LENGTH:])


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return make_password(_random(SECRET_LENGTH))


def receipt_matches(code: ReceiptCode | None, stored_hash: str | None) -> bool:
    """Check the secret; with no row (or no parsable code) still run the hasher once."""
    if code is None or not stored_hash:
        check_password(_random(SECRET_LENGTH), _dummy_hash())
        return False
    return check_password(code.secret, stored_hash)
