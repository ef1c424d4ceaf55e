"""One check of the unified social credit code (统一社会信用代码), one message, wherever it is typed."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from disclosure.forms import PublicationForm
from enforcement_portal.validators import clean_uscc, validate_uscc
from tests.factories import AgencyFactory
from tests.workflows.factories import open_case, valid_uscc
from workflows.models import Case
from workflows.validators import validate_party

pytestmark = pytest.mark.django_db

BAD = valid_uscc()[:17] + ("0" if valid_uscc()[-1] != "0" else "1")  # wrong check character
MESSAGE = "不是有效的统一社会信用代码：应为18位数字或大写字母，最后一位为校验码。"


def _refusal(call, field: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict[field]


def test_the_same_bad_code_gets_the_same_message_from_every_entry_point():
    with translation.override("zh-hans"):
        agency = _refusal(AgencyFactory.build(uscc=BAD).full_clean, "uscc")
        party = _refusal(
            lambda: validate_party(Case.PartyKind.ORGANISATION, BAD), "party_id_number"
        )
        case = _refusal(lambda: open_case(party_id_number=BAD), "party_id_number")
        form = PublicationForm(
            data={"kind": "penalty", "party_type": "organisation", "party_uscc": BAD}
        )
        publication = form.errors["party_uscc"] if not form.is_valid() else []
    assert agency == party == case == publication == [MESSAGE]
    assert not Case.objects.exists()


def test_full_width_and_spaced_codes_are_the_same_code():
    code = valid_uscc()
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)
    assert clean_uscc(f" {full_width} ") == code
    assert validate_party(Case.PartyKind.ORGANISATION, full_width.lower()) == code
    validate_uscc(code)  # a valid code passes silently
    with pytest.raises(ValidationError):
        validate_uscc("")
