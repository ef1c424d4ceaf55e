"""Service records (Art. 61): each method's own proof, the decision served only once approved,
the receipt handed on; the warnings for a decision not served within 7 working days and a
hearing notice later than 7 working days before the hearing; the demo city's procedure cases."""

import pytest
from django.core.exceptions import ValidationError

from enforcement_portal.roles import Role
from enforcement_portal.workdays import add_workdays
from oversight.models import EarlyWarning
from oversight.warnings.engine import scan
from powers.models import Power
from tests.factories import AgencyFactory, OfficerFactory, PowerFactory, UserFactory
from workflows import demo
from workflows.deadlines import payment_due
from workflows.models import Case, Decision, Hearing, ServiceRecord
from workflows.selectors_procedure import decisions_not_served, hearings_notice_late

from .factories import DecisionFactory
from .procedure_factories import TODAY, at_notice, backdate_hearing, issue, scheduled_hearing, serve

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "extra", "field"),
    [
        ("left", {}, "witnesses"),
        ("post", {}, "tracking_number"),
        ("public", {"public_from": TODAY}, "public_until"),
        ("electronic", {"electronic_address": "a@example.cn"}, "consent_document"),
        (
            "electronic",
            {
                "electronic_address": "a@example.cn",
                "consent_document": "电子送达地址确认书",
                "consent_address": "b@example.cn",
            },
            "electronic_address",
        ),
    ],
)
def test_each_method_records_its_proof(client, method, extra, field):
    case = at_notice()
    issue(case)
    with pytest.raises(ValidationError) as exc:
        serve(case, method=method, **extra)
    assert field in exc.value.message_dict
    assert "第六十一条" in " ".join(exc.value.message_dict[field])
    client.force_login(case.created_by)
    html = client.post(
        f"/cases/{case.pk}/procedure/service/",
        {"document_kind": "notice", "method": method, "served_on": TODAY, **extra},
    ).content.decode()
    assert "第六十一条" in html
    assert not ServiceRecord.objects.filter(case=case).exists()


def test_the_proven_methods_are_accepted_and_shown_with_dates(client):
    case = at_notice()
    issue(case)
    record = serve(
        case,
        method="electronic",
        electronic_address="a@example.cn",
        consent_document="电子送达地址确认书（当事人签名）",
        consent_address="a@example.cn",
    )
    assert record.received_on == TODAY
    client.force_login(case.created_by)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "电子送达" in page and "送达回证" in page
    assert case.events.filter(kind="service").exists()


def test_the_decisions_receipt_starts_the_payment_period():
    decision = DecisionFactory()
    serve(decision.case, "decision", method="post", tracking_number="1150000000001")
    decision.refresh_from_db()
    assert decision.received_on == TODAY
    assert decision.performance_due_on == payment_due(TODAY)  # Art. 67: 15 days from receipt
    assert decision.case.events.filter(kind="decision_received").exists()


def test_decision_not_served_within_7_working_days_warns_until_served():
    decision = DecisionFactory()
    made = add_workdays(TODAY, -8)
    Decision.objects.filter(pk=decision.pk).update(decided_on=made)
    assert list(decisions_not_served(TODAY)) == [Decision.objects.get(pk=decision.pk)]
    scan(codes=["decision_not_served"])
    warning = EarlyWarning.objects.get(
        rule__code="decision_not_served", status__in=EarlyWarning.OPEN
    )
    assert warning.subject_id == str(decision.case_id) and decision.number in warning.detail
    serve(decision.case, "decision", day=TODAY)
    scan(codes=["decision_not_served"])
    assert not EarlyWarning.objects.filter(
        rule__code="decision_not_served", status__in=EarlyWarning.OPEN
    ).exists()


def test_a_hearing_whose_notice_is_late_warns():
    case = at_notice()
    hearing = scheduled_hearing(case)
    assert not hearings_notice_late(TODAY).exists()
    backdate_hearing(hearing, add_workdays(TODAY, 5))  # no notice served, too late now
    assert list(hearings_notice_late(TODAY)) == [hearing]
    scan(codes=["hearing_notice_late"])
    warning = EarlyWarning.objects.get(
        rule__code="hearing_notice_late", status__in=EarlyWarning.OPEN
    )
    assert warning.subject_id == str(case.pk)
    backdate_hearing(hearing, add_workdays(TODAY, 12))
    serve(case, "hearing_notice")
    scan(codes=["hearing_notice_late"])
    assert not EarlyWarning.objects.filter(
        rule__code="hearing_notice_late", status__in=EarlyWarning.OPEN
    ).exists()


def test_the_demo_city_has_a_case_at_every_step_and_seeds_once():
    agency = AgencyFactory(code="scjg", short_name="齐市监")
    for name, role in (
        ("officer", Role.CASE_OFFICER),
        ("leader", Role.AGENCY_LEADER),
        ("reviewer", Role.LEGAL_REVIEWER),
        ("filer", Role.AGENCY_FILER),
    ):
        UserFactory(username=name, roles=[role], agency=agency)
    OfficerFactory(agency=agency), OfficerFactory(agency=agency)
    for code in ("CF-SCJG-001", "CF-SCJG-002"):
        PowerFactory(agency=agency, code=code, status=Power.Status.REGISTERED)
    demo.seed(quiet=True)
    demo.seed(quiet=True)
    from workflows.demo_procedure import DEMO_PROCEDURE

    cases = {c.title: c for c in Case.objects.filter(title__in=[t for t, *_ in DEMO_PROCEDURE])}
    assert len(cases) == 6
    waiting, requested, held, discussed, approved, served = (cases[t] for t, *_ in DEMO_PROCEDURE)
    assert waiting.penalty_notices.get().services.get().received_on == TODAY
    assert requested.hearing.status == Hearing.Status.REQUESTED
    assert held.hearing.status == Hearing.Status.HELD and Case.objects.get(pk=held.pk).is_major
    assert discussed.discussions.exists() and not hasattr(discussed, "approval")
    assert approved.approval.approved_by.username == "leader"
    assert served.service_records.filter(document_kind="decision").exists()
