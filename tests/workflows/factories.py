"""Factories for a registered penalty power, its officers, cases and decisions.

``CaseFactory`` and ``DecisionFactory`` are factory_boy factories whose ``create`` goes
through the services (``case_open``, ``decision_make``), so every case stands at its
template's first node with its audit event and due date, exactly as the portal makes one:

    CaseFactory()                                   # open, at the first node
    CaseFactory(at="decision", party_name="某公司")  # walked (with its records) to a node
    DecisionFactory(fine=Decimal("8000"))           # a case walked to the decision and decided
    DecisionFactory(case=case, decided_on=day)      # decide a case you made

``open_case`` and ``decide`` are the same factories called as functions.

A decision goes through the procedure before it (Arts. 44-62): ``DecisionFactory`` first calls
``ready_for_decision`` (notice issued, served and waived in writing on the filing day; ``to_node``
does so at the notice node) and
afterwards ``approve`` (a collective discussion where required, then the agency leader's
approval). ``DecisionFactory(procedure=False)`` skips the first, ``approve=False`` the second.
"""

from __future__ import annotations

from decimal import Decimal

import factory
from django.utils import timezone

from enforcement_portal.roles import Role
from powers.models import Power, Provision, Regulation
from tests.factories import (
    AgencyFactory,
    OfficerFactory,
    PowerBasisFactory,
    PowerFactory,
    RegulationFactory,
    UserFactory,
)
from workflows.models import Case, Decision
from workflows.services.cases import case_advance, case_open
from workflows.services.decisions import decision_make
from workflows.services.procedure_decision import decision_approve, discussion_record
from workflows.services.procedure_notice import notice_issue, notice_waive
from workflows.services.procedure_service import service_record_add
from workflows.services.records import record_add

ORG_USCC = "91230200MA1B2C3D4X"  # replaced with a valid check digit below
PERSON_ID = "230202199001011236"


def valid_uscc() -> str:
    from stdnum.cn import uscc

    body = ORG_USCC[:17]
    return body + uscc.calc_check_digit(body)


def penalty_power(agency=None, **kwargs) -> Power:
    agency = agency or AgencyFactory()
    power = PowerFactory(agency=agency, name="对销售过期食品的行政处罚", **kwargs)
    regulation = Regulation.objects.filter(title="中华人民共和国食品安全法").first()
    regulation = regulation or RegulationFactory(title="中华人民共和国食品安全法")
    provision, _created = Provision.objects.get_or_create(
        regulation=regulation, article="第一百二十四条第一款"
    )
    PowerBasisFactory(power=power, provision=provision, kind="penalty")
    return power


def officers(agency, n=2, **kwargs):
    return [OfficerFactory(agency=agency, **kwargs) for _ in range(n)]


def case_officer(agency, **kwargs):
    user = UserFactory(roles=[Role.CASE_OFFICER], agency=agency, **kwargs)
    return user


class CaseFactory(factory.Factory):
    """A case opened by ``services.case_open``; ``at=<node code>`` walks it on to that node."""

    class Meta:
        model = Case

    power = factory.LazyFunction(penalty_power)
    user = factory.LazyAttribute(lambda o: case_officer(o.power.agency))
    team = factory.LazyAttribute(lambda o: officers(o.power.agency))
    at = None
    title = "销售过期食品案"
    party_kind = Case.PartyKind.ORGANISATION
    party_name = "齐齐哈尔市鹤城百货有限公司"
    party_id_number = factory.LazyFunction(valid_uscc)
    party_address = "齐齐哈尔市龙沙区卜奎大街1号"
    source = Case.Source.PATROL
    filed_on = factory.LazyFunction(timezone.localdate)
    facts_summary = "销售超过保质期的食品。"

    @classmethod
    def _create(cls, model_class, *, power, user, team, at, **fields):
        case = case_open(power=power, officers=team, user=user, **fields)
        return to_node(case, user, at) if at else case


def open_case(power=None, *, user=None, team=None, filed_on=None, **kwargs) -> Case:
    given = {"power": power, "user": user, "team": team, "filed_on": filed_on}
    return CaseFactory(**{k: v for k, v in given.items() if v is not None}, **kwargs)


def add_record(case, user, kind="on_site", **kwargs):
    data = {
        "title": "现场检查笔录",
        "content": "执法人员出示证件后检查。",
        "recorded_at": timezone.now(),
        "place": "现场",
        "officers": list(case.officers.all()),
        "signature": "signed",
    }
    data.update(kwargs)
    return record_add(case=case, user=user, kind=kind, **data)


def advance(case, user):
    case.refresh_from_db()
    case_advance(case=case, user=user, expected_version=case.version)
    case.refresh_from_db()
    return case


def to_node(case, user, code: str, *, notice: bool = True):
    """Advance (recording what each node requires) until the case stands at ``code``; passing
    the notice node it issues, serves and waives the notice unless ``notice=False``."""
    for _ in range(20):
        case.refresh_from_db()
        if case.current_node.code == code:
            return case
        for kind in case.current_node.required_records or []:
            add_record(case, user, kind=kind)
        if notice and case.current_node.code == "notice" and not case.penalty_notices.exists():
            ready_for_decision(case, user)
        if case.current_node.code == "decision" and not hasattr(case, "decision"):
            decide(case, user)
            case.refresh_from_db()
        advance(case, user)
    raise AssertionError(f"never reached {code}")


class DecisionFactory(factory.Factory):
    """A decision made by ``services.decision_make``, by the officer who opened the case; a
    case of its own is opened and walked to the decision node unless one is given."""

    class Meta:
        model = Decision

    case = factory.SubFactory(CaseFactory, at="decision")
    user = factory.SelfAttribute("case.created_by")
    facts = "当事人于2026年9月在其经营场所销售超过保质期的牛奶12盒。"
    evidence = "现场检查笔录、询问笔录、照片。"
    legal_basis = "《中华人民共和国食品安全法》第一百二十四条第一款"
    penalty_types = "警告、罚款"
    fine_amount = Decimal("5000.00")
    severity = "ordinary"

    @classmethod
    def _create(cls, model_class, *, case, user, procedure=True, approve=True, **fields):
        case.refresh_from_db()
        general = case.template.kind != "simplified_penalty"
        needs_notice = general and not fields.get("no_penalty")
        if procedure and needs_notice and not case.penalty_notices.exists():
            ready_for_decision(
                case,
                user,
                fine=fields.get("fine_amount") or Decimal(0),
                confiscation=fields.get("confiscation_amount"),
            )
            case.refresh_from_db()
        decision = decision_make(case=case, user=user, expected_version=case.version, **fields)
        if approve and general:
            approve_decision(case)
        return decision


def decide(case, user, fine=Decimal("5000.00"), **kwargs):
    return DecisionFactory(case=case, user=user, fine_amount=fine, **kwargs)


def ready_for_decision(case, user, *, fine=Decimal("1000000"), confiscation=None, kinds=()):
    """The notice of the proposed penalty issued, served and waived in writing on the filing
    day, so a decision up to ``fine`` may be made at once (Arts. 44, 62)."""
    day = case.filed_on
    notice = notice_issue(
        case=case,
        user=user,
        facts="当事人销售超过保质期的食品。",
        reasons="违反食品安全法第三十四条第十项。",
        basis="《中华人民共和国食品安全法》第一百二十四条第一款",
        penalty_kinds=list(kinds),
        penalty_text="罚款",
        fine_amount=fine,
        confiscation_amount=confiscation,
        issued_on=day,
    )
    service_record_add(
        case=case,
        user=user,
        document_kind="notice",
        method="direct",
        served_on=day,
        received_on=day,
        recipient=case.party_name,
    )
    notice_waive(
        case=case, user=user, waived_on=day, waiver_document="放弃陈述申辩声明书（当事人签名）"
    )
    return notice


def leader(agency, **kwargs):
    return UserFactory(roles=[Role.AGENCY_LEADER], agency=agency, **kwargs)


def approve_decision(case, user=None):
    """A collective discussion where the case needs one, then the leader's approval (Art. 57)."""
    from workflows.selectors_procedure import discussion_reasons

    case.refresh_from_db()
    user = user or leader(case.agency)
    if discussion_reasons(case):
        discussion_record(
            case=case,
            user=user,
            held_on=timezone.localdate(),
            participants=[user, leader(case.agency), leader(case.agency)],
            opinions="事实清楚，证据确凿，同意拟处罚意见。",
            conclusion="同意按拟处罚意见作出决定。",
        )
    return decision_approve(case=case, user=user, opinion="同意。")
