"""Validators for identifiers agencies and parties carry (python-stdnum does the arithmetic)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc


def validate_uscc(value: str) -> None:
    """A unified social credit code (统一社会信用代码): 18 characters with a check character."""
    if not uscc.is_valid(value or ""):
        raise ValidationError(
            _("“%(value)s” is not a valid unified social credit code."),
            code="invalid_uscc",
            params={"value": value},
        )
