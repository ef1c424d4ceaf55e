"""Warnings of the procedure's limits: an undecided case on a power whose basis was repealed
(or flagged 依据待复核), for its officers and supervisors, with the decision refused; and an
on-the-spot decision not filed with the agency within 2 working days (Art. 52)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from oversight.models import EarlyWarning
from oversight.warnings.engine import scan
from oversight.warnings.selectors import warnings_for_user
from powers.models import Power, Regulation
from powers.services import regulation_update
from tests.factories import OfficerFactory, UserFactory
from tests.workflows.factories import (
    PERSON_ID,
    case_officer,
    decide,
    officers,
    open_case,
    penalty_power,
    to_node,
)
from workflows.models import OnTheSpotDecision
from workflows.selectors import on_the_spot_not_filed, open_cases_on_unexercisable_powers
from workflows.services.on_the_spot import on_the_spot_decide, on_the_spot_file

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
BASIS = "case_on_unexercisable_power"
FILING = "on_the_spot_not_filed"


def open_for(code):
    return EarlyWarning.objects.filter(rule__code=code, status__in=EarlyWarning.OPEN)


def _regulation(power):
    return Regulation.objects.get(provisions__power_bases__power=power)


def _power_on_its_own_law(agency):
    from powers.models import Provision
    from tests.factories import PowerBasisFactory, PowerFactory, RegulationFactory

    power = PowerFactory(agency=agency, name="对无证经营的行政处罚")
    provision = Provision.objects.create(
        regulation=RegulationFactory(title="无证无照经营查处办法"), article="第十三条"
    )
    PowerBasisFactory(power=power, provision=provision, kind="penalty")
    return power


def test_repealing_a_basis_warns_each_open_case_and_refuses_its_decision():
    from enforcement_portal.roles import Role

    power = penalty_power()
    user = case_officer(power.agency)
    lead = OfficerFactory(agency=power.agency, user=user)
    team = [lead, *officers(power.agency, 1)]
    at_decision = to_node(open_case(power, user=user, team=team), user, "decision")
    other = open_case(power, user=user, team=team)
    decided = decide(to_node(open_case(power, user=user, team=team), user, "decision"), user)
    unrelated = open_case(_power_on_its_own_law(power.agency), user=user)
    scan(codes=[BASIS])
    assert not open_for(BASIS).exists()

    regulation_update(regulation=_regulation(power), status=Regulation.Status.REPEALED)
    ids = set(open_cases_on_unexercisable_powers().values_list("pk", flat=True))
    assert ids == {at_decision.pk, other.pk}
    scan(codes=[BASIS])
    scan(codes=[BASIS])
    warnings = open_for(BASIS)
    assert {w.subject_id for w in warnings} == {str(at_decision.pk), str(other.pk)}
    warning = warnings.get(subject_id=str(at_decision.pk))
    assert warning.agency_id == power.agency_id and warning.officer_id == lead.pk
    assert power.name in warning.detail and "不得作出处罚决定" in warning.detail
    assert decided.case_id not in ids and unrelated.pk not in ids
    # Its officers (the agency's staff) and the supervisors see it; another agency does not.
    supervisor = UserFactory(roles=[Role.DISCIPLINE_SUPERVISOR])
    stranger = case_officer(penalty_power().agency)
    assert warnings_for_user(user).filter(pk=warning.pk).exists()
    assert warnings_for_user(supervisor).filter(pk=warning.pk).exists()
    assert not warnings_for_user(stranger).filter(pk=warning.pk).exists()
    # Deciding on it is refused, through the service and a direct POST.
    with pytest.raises(ValidationError) as exc:
        decide(at_decision, user)
    assert "立改废" in " ".join(exc.value.messages)


def test_a_flag_for_review_warns_and_clearing_it_resolves():
    power = penalty_power()
    case = open_case(power)
    Power.objects.filter(pk=power.pk).update(
        basis_needs_review=True, basis_review_note="《中华人民共和国食品安全法》已修正"
    )
    scan(codes=[BASIS])
    warning = open_for(BASIS).get()
    assert warning.subject_id == str(case.pk) and "已修正" in warning.detail
    Power.objects.filter(pk=power.pk).update(basis_needs_review=False, basis_review_note="")
    scan(codes=[BASIS])
    assert not open_for(BASIS).exists()


def test_the_decision_page_refuses_a_case_on_a_repealed_basis(client):
    power = penalty_power()
    user = case_officer(power.agency)
    case = to_node(open_case(power, user=user), user, "decision")
    regulation_update(regulation=_regulation(power), status=Regulation.Status.REPEALED)
    client.force_login(user)
    case.refresh_from_db()
    html = client.post(
        f"/cases/{case.pk}/decision/",
        {
            "version": case.version,
            "severity": "ordinary",
            "facts": "事实",
            "evidence": "证据",
            "legal_basis": "依据",
            "penalty_types": "罚款",
            "fine_amount": "5000",
        },
    ).content.decode()
    assert "立改废" in html
    case.refresh_from_db()
    assert case.status == "open"


def _on_the_spot(power, user, team):
    return on_the_spot_decide(
        power=power,
        officers=team,
        user=user,
        title="占道经营案",
        party_kind="person",
        party_name="李四",
        party_id_number=PERSON_ID,
        facts="摆摊经营",
        legal_basis="《城市市容和环境卫生管理条例》第三十六条",
        place="卜奎大街",
        certificates_shown=" ".join(o.certificate_number for o in team),
        party_statement="无异议",
        penalty_types="罚款",
        fine_amount=Decimal("100"),
    )


def test_an_on_the_spot_decision_not_filed_in_two_working_days_warns():
    power = penalty_power()
    user = case_officer(power.agency)
    team = officers(power.agency)
    case = _on_the_spot(power, user, team)
    scan(codes=[FILING])
    assert not open_for(FILING).exists()  # not yet due
    OnTheSpotDecision.objects.filter(case=case).update(filing_due_on=TODAY - dt.timedelta(days=1))
    assert list(on_the_spot_not_filed(TODAY).values_list("case_id", flat=True)) == [case.pk]
    scan(codes=[FILING])
    scan(codes=[FILING])
    warning = open_for(FILING).get()
    assert warning.subject_id == str(case.pk) and case.number in warning.subject_label
    assert warning.agency_id == case.agency_id
    # Filed late: the warning stays, now saying when it was filed.
    on_the_spot_file(case=case, user=user)
    scan(codes=[FILING])
    assert open_for(FILING).get().pk == warning.pk
    assert "第五十二条" in case.events.filter(kind="on_the_spot_filed").get().summary


def test_an_on_the_spot_decision_filed_in_time_never_warns():
    power = penalty_power()
    user = case_officer(power.agency)
    case = _on_the_spot(power, user, officers(power.agency))
    on_the_spot_file(case=case, user=user)
    scan(codes=[FILING])
    assert not open_for(FILING).exists()
