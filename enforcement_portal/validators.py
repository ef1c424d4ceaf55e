"""The one check of each identifier several apps carry (python-stdnum does the arithmetic).

The unified social credit code (统一社会信用代码) of agencies, case parties and published
decisions is checked here and nowhere else, so every page refuses a bad code in the same words.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc

USCC_INVALID = _(
    "This is not a valid unified social credit code: 18 digits or capital letters, "
    "the last one a check character."
)


def normalise_identifier(value: str | None) -> str:
    """What the user meant: full-width digits and letters typed on a Chinese keyboard are the
    same code (NFKC), surrounding spaces dropped, letters in capitals."""
    return unicodedata.normalize("NFKC", value or "").strip().upper()


def validate_uscc(value: str | None) -> None:
    """A unified social credit code: 18 characters, the last a check character (GB 32100)."""
    if not uscc.is_valid(value or ""):
        raise ValidationError(USCC_INVALID, code="invalid_uscc")


def clean_uscc(value: str | None) -> str:
    """The code as stored (normalised, separators dropped), or the one message when invalid."""
    value = normalise_identifier(value)
    validate_uscc(value)
    return uscc.compact(value)
