"""case_open: registered power, two certified officers, a valid party, due dates, audit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from enforcement_portal.audit import audit_history
from powers.models import Officer, Power
from powers.services import PowerNotExercisable
from tests.factories import OfficerFactory

from .factories import PERSON_ID, case_officer, officers, open_case, penalty_power

pytestmark = pytest.mark.django_db


def test_opens_a_case_at_its_first_node_with_due_dates_and_audit():
    power = penalty_power()
    case = open_case(power, filed_on=dt.date(2026, 3, 2))
    assert case.current_node.code == "filing"
    assert case.status == "open"
    assert case.number == f"{power.agency.short_name}立〔2026〕1号"
    # 15 working days from Monday 2 March 2026 (no holidays): Monday 23 March.
    assert case.node_due_on == dt.date(2026, 3, 23)
    assert case.decision_due_on == dt.date(2026, 5, 31)  # 90 calendar days (Art. 60)
    assert case.officers.count() == 2
    assert [e.action for e in audit_history(case)] == ["case.open"]
    assert case.events.get().kind == "open"
    second = open_case(power, filed_on=dt.date(2026, 3, 3))
    assert second.number.endswith("〔2026〕2号")


def test_refuses_a_power_that_is_not_registered():
    power = penalty_power(status=Power.Status.SUBMITTED)
    with pytest.raises(PowerNotExercisable):
        open_case(power)


def test_refuses_a_single_officer():
    power = penalty_power()
    with pytest.raises(ValidationError) as exc:
        open_case(power, team=officers(power.agency, 1))
    assert "Art. 42" in str(exc.value) or "第四十二条" in str(exc.value) or "两名" in str(exc.value)


def test_refuses_an_expired_or_suspended_certificate():
    power = penalty_power()
    expired = OfficerFactory(agency=power.agency, certificate_valid_until=dt.date(2025, 6, 30))
    suspended = OfficerFactory(
        agency=power.agency, certificate_status=Officer.CertificateStatus.SUSPENDED
    )
    valid = OfficerFactory(agency=power.agency)
    for bad in (expired, suspended):
        with pytest.raises(ValidationError) as exc:
            open_case(power, team=[valid, bad])
        assert bad.name in exc.value.message_dict["officers"][0]
    assert not power.cases.exists()


def test_refuses_officers_of_another_agency():
    power = penalty_power()
    stranger = OfficerFactory()
    with pytest.raises(ValidationError) as exc:
        open_case(power, team=[OfficerFactory(agency=power.agency), stranger])
    assert "officers" in exc.value.message_dict


def test_validates_the_party_identity():
    power = penalty_power()
    with pytest.raises(ValidationError) as exc:
        open_case(power, party_kind="person", party_id_number="230202199001011230")
    assert "party_id_number" in exc.value.message_dict
    with pytest.raises(ValidationError):
        open_case(power, party_kind="organisation", party_id_number="91230200MA1B2C3D40")
    case = open_case(power, party_kind="person", party_name="张三", party_id_number=PERSON_ID)
    assert case.party_id_number == PERSON_ID


def test_case_officer_user_belongs_to_agency():
    power = penalty_power()
    user = case_officer(power.agency)
    assert open_case(power, user=user).created_by == user
