"""Demo data: a year of enforcement in every agency, so the portal looks a year old (#21).

About 300 cases filed over the last twelve months on each enforcement agency's registered
penalty powers. Each is opened through ``case_open`` (numbered, two certified officers,
audited); what happened after, for the older ones, is written set-based as the benchmark's city
generator does (``bench/citygen.py``): the node reached, the decision (numbered from the
agency's series), its service record and receipt, payments (some late, with the Art. 72
surcharge), closing and archiving. Dates are relative to today. The publications of these
decisions are made by ``disclosure.demo_year`` and the warnings by the scan.

Idempotent: the cases are drawn from a fixed seed, and nothing is added once the first of
them exists. Runs after the hand-made showcase cases (order 42).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from stdnum.cn import ric, uscc

from enforcement_portal.formatting import document_number
from enforcement_portal.roles import Role
from powers.demo import demo_password_hash
from powers.models import Agency, Officer, Power
from powers.selectors import officers_with_valid_certificate

from . import deadlines
from .models import Case, Decision, NodeVisit, Payment, ProcessNode, ServiceRecord
from .selectors import node_due
from .services._shared import next_serial, prefixes
from .services.cases import case_open

SEED = 20261204
CASES = 300
SPAN_DAYS = 365

# What the city's parties do and what they were found doing, per agency (no names of real
# businesses: the shops are made up from a district, a word and a trade).
TRADES = ["食品", "超市", "餐饮", "建材", "物流", "药房", "酒店", "汽修", "印刷", "农资"]
WORDS = ["鑫源", "宏达", "瑞丰", "金鼎", "恒泰", "华兴", "福满", "顺达", "永盛", "嘉禾", "天成"]
DISTRICTS = ["龙沙区", "建华区", "铁锋区", "昂昂溪区", "富拉尔基区", "碾子山区", "梅里斯区"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许"
GIVEN = ["伟", "芳", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "明", "桂英", "建华"]
PENALTIES = [("罚款", 55), ("警告、罚款", 25), ("没收违法所得、罚款", 15), ("警告", 5)]
FINES = [500, 1000, 2000, 3000, 5000, 8000, 10000, 20000, 30000, 50000]
BANK = "中国工商银行齐齐哈尔分行"

# username, agency code, display name: a case officer for each agency without a demo one.
YEAR_OFFICERS = [
    ("env_officer", "sthj", "郑国强"),
    ("traffic_officer", "jtys", "于海涛"),
    ("city_officer", "cgzf", "冯志刚"),
    ("safety_officer", "yjgl", "高建军"),
    ("health_officer", "wsjk", "唐丽"),
    ("culture_officer", "wglv", "萧文"),
    ("land_officer", "zrzy", "曹永"),
]


def _say(stdout, quiet, text):
    if stdout is not None and not quiet:
        stdout.write(text)


def _weighted(rnd: random.Random, mix) -> str:
    total = sum(w for _v, w in mix)
    pick = rnd.randrange(total)
    for value, weight in mix:
        if pick < weight:
            return value
        pick -= weight
    return mix[-1][0]


def _party(rnd: random.Random, index: int) -> tuple[str, str, str]:
    """(kind, name, id number) with valid check digits (USCC or resident ID)."""
    if rnd.random() < 0.3:
        name = SURNAMES[rnd.randrange(len(SURNAMES))] + GIVEN[rnd.randrange(len(GIVEN))]
        born = dt.date(1988, 1, 1) + dt.timedelta(days=rnd.randrange(30 * 365))
        body = f"230202{born:%Y%m%d}{index % 900 + 100:03d}"
        return Case.PartyKind.PERSON, name, body + ric.calc_check_digit(body + "X")
    district = DISTRICTS[rnd.randrange(len(DISTRICTS))]
    name = f"齐齐哈尔市{district}{rnd.choice(WORDS)}{rnd.choice(TRADES)}有限公司"
    body = f"91230200MA{index:07d}"[:17]
    return Case.PartyKind.ORGANISATION, name, body + uscc.calc_check_digit(body)


def ensure_year_officers() -> dict[int, Any]:
    """A demo case officer (portal account) in each enforcement agency, linked to one of the
    agency's certified officers; returns {agency id: user}."""
    User = get_user_model()
    group, _ = Group.objects.get_or_create(name=Role.CASE_OFFICER.value)
    agencies = {a.code: a for a in Agency.objects.filter(is_enforcement_body=True)}
    users: dict[int, Any] = {}
    scjg = User.objects.filter(username="officer").first()
    if scjg is not None and scjg.agency_id:
        users[scjg.agency_id] = scjg
    for username, code, name in YEAR_OFFICERS:
        agency = agencies.get(code)
        if agency is None:
            continue
        user, created = User.objects.get_or_create(
            username=username, defaults={"display_name": name, "agency": agency}
        )
        if created:
            user.password = demo_password_hash()
            user.save(update_fields=["password"])
        user.groups.add(group)
        officer = (
            officers_with_valid_certificate(agency)
            .filter(Q(user__isnull=True) | Q(user=user))
            .order_by("certificate_number")
            .first()
        )
        if officer is not None and not Officer.objects.filter(user=user).exists():
            Officer.objects.filter(pk=officer.pk).update(user=user)
        users[agency.pk] = user
    return users


def _plan(rnd: random.Random, age: int) -> str:
    """What became of a case filed ``age`` days ago: still open, decided and unpaid (in the
    payment window or past it), paid late, or paid and then carried on (closed, archived)."""
    draw = rnd.random()
    if age < 25:
        return "open"
    if age < 60:
        return "open" if draw < 0.3 else "unpaid" if draw < 0.6 else "paid"
    return "unpaid" if draw < 0.05 else "paid_late" if draw < 0.12 else "paid"


def seed_year(*, stdout=None, quiet: bool = False) -> None:
    rnd = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    users = ensure_year_officers()
    powers: dict[int, list[Power]] = {}
    for power in (
        Power.objects.filter(
            category=Power.Category.PENALTY,
            status=Power.Status.REGISTERED,
            basis_needs_review=False,
            agency__is_enforcement_body=True,
        )
        .select_related("agency")
        .order_by("agency__code", "code")
    ):
        if power.is_exercisable and power.agency_id in users:
            powers.setdefault(power.agency_id, []).append(power)
    teams = {
        a: list(officers_with_valid_certificate(a).order_by("certificate_number")[:6])
        for a in powers
    }
    agencies = [a for a in sorted(powers) if len(teams[a]) >= 2]
    if not agencies:
        _say(stdout, quiet, "workflows: no registered penalty powers; the demo year is skipped")
        return
    today = timezone.localdate()
    # Filing days oldest first, so case numbers grow with time as in a running city.
    ages = sorted((rnd.randrange(1, SPAN_DAYS) for _ in range(CASES)), reverse=True)
    plans: list[dict[str, Any]] = []
    # Scjg, whose officer, leader and reviewer are the demo logins, has a third of the cases.
    scjg = Agency.objects.filter(pk__in=agencies, code="scjg").values_list("pk", flat=True).first()
    for index, age in enumerate(ages):
        agency = scjg if index % 3 == 0 and scjg else agencies[rnd.randrange(len(agencies))]
        power = powers[agency][rnd.randrange(min(len(powers[agency]), 12))]
        kind, party, id_number = _party(rnd, index)
        plans.append(
            {
                "age": age,
                "power": power,
                "team": rnd.sample(teams[agency], 2),
                "kind": kind,
                "party": party,
                "id": id_number,
                "district": DISTRICTS[rnd.randrange(len(DISTRICTS))],
                "fate": _plan(rnd, age),
                "penalty": _weighted(rnd, PENALTIES),
                "fine": rnd.choice(FINES),
                "decide_after": rnd.randrange(12, 50),
                "pay_after": rnd.randrange(2, 14),
                "late_by": rnd.randrange(3, 25),
                "deviation": rnd.random() < 0.04,
                # One case in twenty stops after payment (never closed, or never archived).
                "stuck": rnd.random() < 0.05,
                "close_after": rnd.randrange(3, 9),
                "archive_after": rnd.randrange(3, 13),
            }
        )
    first = plans[0]
    title0 = _title(first)
    if Case.objects.filter(title=title0, party_name=first["party"]).exists():
        return  # the year is already there
    with transaction.atomic():
        cases = [_open(plan, users[plan["power"].agency_id], today) for plan in plans]
        _after_opening(cases, plans, users, today)
    decided = sum(1 for p in plans if p["fate"] != "open")
    _say(stdout, quiet, f"workflows: demo year of {len(cases)} cases ({decided} decided)")


def _title(plan) -> str:
    name = plan["power"].name.removeprefix("对").removesuffix("的行政处罚")
    party = (
        plan["party"] if plan["kind"] == Case.PartyKind.ORGANISATION else plan["party"][0] + "某"
    )
    return f"{party}{name}案"[:200]


def _open(plan, user, today: dt.date) -> Case:
    filed_on = today - dt.timedelta(days=plan["age"])
    return case_open(
        power=plan["power"],
        officers=plan["team"],
        user=user,
        title=_title(plan),
        party_kind=plan["kind"],
        party_name=plan["party"],
        party_id_number=plan["id"],
        source=Case.Source.PATROL,
        filed_on=filed_on,
        violation_on=filed_on - dt.timedelta(days=7),
        discovered_on=filed_on,
        party_address=f"齐齐哈尔市{plan['district']}",
        facts_summary=f"执法人员检查发现当事人涉嫌{_title(plan).removesuffix('案')}。",
    )


def _nodes(template_id: int) -> dict[str, ProcessNode]:
    return {n.code: n for n in ProcessNode.objects.filter(template_id=template_id)}


def _due(node: ProcessNode, start: dt.date) -> dt.date | None:
    return node_due(node, start)


def _after_opening(cases: list[Case], plans: list[dict], users, today: dt.date) -> None:
    """The rest of each case's year, set-based: nodes, decisions, service, payments, closing."""
    node_cache: dict[int, dict[str, ProcessNode]] = {}
    visits, decisions, services, payments, updates = [], [], [], [], []
    for case, plan in zip(cases, plans, strict=True):
        nodes = node_cache.setdefault(case.template_id, _nodes(case.template_id))
        fate = plan["fate"]
        user = users[case.agency_id]
        if fate == "open":
            age = plan["age"]
            code = "filing" if age < 8 else ["investigation", "investigation", "review"][age % 3]
            node = nodes.get(code) or case.current_node
            # The step was entered lately (a stuck case: soon after filing, now overdue).
            back = 3 if plan["stuck"] else age - age % 9
            entered = case.filed_on + dt.timedelta(days=min(back, age))
            if node.pk != case.current_node_id:
                NodeVisit.objects.filter(case=case).update(left_on=entered)
                visits.append(
                    NodeVisit(case=case, node=node, entered_on=entered, due_on=_due(node, entered))
                )
            case.current_node, case.node_due_on = node, _due(node, entered)
            updates.append(case)
            continue
        decided_on = min(case.filed_on + dt.timedelta(days=plan["decide_after"]), today)
        received_on = min(decided_on + dt.timedelta(days=1), today)
        due_on = deadlines.payment_due(received_on)
        fine = None if plan["penalty"] == "警告" else Decimal(plan["fine"])
        decision_prefix, _case_prefix = prefixes(case.agency)
        number = document_number(
            decision_prefix,
            decided_on.year,
            next_serial(case.agency, decision_prefix, decided_on.year),
        )
        decisions.append(
            Decision(
                case=case,
                number=number,
                decided_on=decided_on,
                facts=f"经查，当事人{plan['party']}{case.power.name.removeprefix('对').removesuffix('的行政处罚')}。",
                evidence="现场检查笔录、询问笔录、现场照片。",
                legal_basis=_basis(case.power),
                penalty_types=plan["penalty"],
                fine_amount=fine,
                severity="ordinary",
                is_deviation=plan["deviation"],
                deviation_reason="当事人确有经济困难，经集体讨论减轻处罚。"
                if plan["deviation"]
                else "",
                received_on=received_on,
                performance_due_on=due_on if fine else None,
                decided_by=user,
            )
        )
        services.append(
            ServiceRecord(
                case=case,
                document_kind=ServiceRecord.DocumentKind.DECISION,
                method=ServiceRecord.Method.DIRECT,
                recipient=plan["party"],
                served_by=user,
                served_on=received_on,
                received_on=received_on,
            )
        )
        status, code, entered = Case.Status.DECIDED, "execution", received_on
        paid_on = None
        if fate == "unpaid" and due_on < today and plan["age"] < 60 and not plan["stuck"]:
            fate = "paid"  # most pay in time; the old unpaid ones are the overdue fines
        if fine is None:
            paid_on = received_on  # a warning needs no execution: it is done when served
        elif fate == "paid_late":
            paid_on = min(due_on + dt.timedelta(days=plan["late_by"]), today)
        elif fate == "paid":
            paid_on = min(received_on + dt.timedelta(days=plan["pay_after"]), due_on, today)
        if fine is not None and paid_on is not None:
            surcharge = deadlines.late_surcharge(fine=fine, due_on=due_on, paid_on=paid_on)
            payments.append(
                Payment(
                    case=case,
                    bank_receipt_number=f"DEMO-YEAR-{case.number}",
                    bank_name=BANK,
                    amount=fine + surcharge,
                    fine_part=fine,
                    surcharge_part=surcharge,
                    paid_on=paid_on,
                    recorded_by=user,
                )
            )
        if paid_on is not None:
            status, code, entered = Case.Status.EXECUTED, "closing", paid_on
            closed_on = paid_on + dt.timedelta(days=plan["close_after"])
            if closed_on <= today and not (plan["stuck"] and plan["age"] % 2):
                case.closed_on = closed_on
                case.archive_due_on = closed_on + dt.timedelta(days=15)
                status, code, entered = Case.Status.CLOSED, "archiving", closed_on
                archived_on = closed_on + dt.timedelta(days=plan["archive_after"])
                if archived_on <= today and not plan["stuck"]:
                    case.archived_on = archived_on
                    status = Case.Status.ARCHIVED
        node = nodes.get(code) or case.current_node
        NodeVisit.objects.filter(case=case).update(left_on=decided_on)
        due = None if status == Case.Status.ARCHIVED else _due(node, entered)
        visits.append(
            NodeVisit(
                case=case, node=node, entered_on=entered, due_on=due, left_on=case.archived_on
            )
        )
        case.status, case.current_node, case.node_due_on = status, node, due
        updates.append(case)
    NodeVisit.objects.bulk_create(visits)
    Decision.objects.bulk_create(decisions)
    ServiceRecord.objects.bulk_create(services)
    Payment.objects.bulk_create(payments)
    Case.objects.bulk_update(
        updates,
        ["status", "current_node", "node_due_on", "closed_on", "archive_due_on", "archived_on"],
    )


def _basis(power: Power) -> str:
    from powers.models import PowerBasis

    basis = (
        PowerBasis.objects.filter(power=power, kind=PowerBasis.Kind.PENALTY)
        .select_related("provision__regulation")
        .first()
    )
    if basis is None:
        return power.name
    return f"《{basis.provision.regulation.title}》{basis.provision.article}"
