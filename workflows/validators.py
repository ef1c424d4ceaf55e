"""Checks of what a case is opened with: the party's resident ID or unified social credit code."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError

from enforcement_portal.validators import clean_uscc, normalise_identifier

from .models import Case


def validate_party(kind: str, id_number: str) -> str:
    """The party's number as stored, or a ValidationError on ``party_id_number``."""
    if kind != Case.PartyKind.PERSON:
        try:
            return clean_uscc(id_number)
        except ValidationError as exc:
            raise ValidationError({"party_id_number": exc}) from exc
    try:
        return ric.validate(normalise_identifier(id_number))
    except StdnumError as exc:
        raise ValidationError(
            {"party_id_number": _("This is not a valid resident ID number.")}
        ) from exc
