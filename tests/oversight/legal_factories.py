"""A major case at the legal-review node with a handler, a qualified reviewer and a leader;
``LegalReviewFactory`` for review rounds a test needs only as figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import factory
from django.utils import timezone

from enforcement_portal.roles import Role
from oversight.legal_review import services as svc
from oversight.models import CHECKLIST, LegalReview
from tests.factories import OfficerFactory, UserFactory
from tests.workflows.factories import (
    CaseFactory,
    add_record,
    advance,
    case_officer,
    open_case,
    penalty_power,
    to_node,
)


@dataclass
class World:
    agency: object
    case: object
    handler: object
    reviewer: object
    leader: object


def reviewer_for(agency, *, qualified=True, username=None):
    kwargs = {"username": username} if username else {}
    user = UserFactory(roles=[Role.LEGAL_REVIEWER], agency=agency, **kwargs)
    OfficerFactory(agency=agency, user=user, has_legal_qualification=qualified)
    return user


def world(*, usernames=False) -> World:
    power = penalty_power()
    agency = power.agency
    names = (
        {"h": "lr_handler", "r": "lr_reviewer", "l": "lr_leader"}
        if usernames
        else {"h": None, "r": None, "l": None}
    )
    handler = case_officer(agency, **({"username": names["h"]} if names["h"] else {}))
    case = open_case(power, user=handler)
    case = to_node(case, handler, "investigation")
    reviewer = reviewer_for(agency, username=names["r"])
    leader = UserFactory(
        roles=[Role.AGENCY_LEADER],
        agency=agency,
        **({"username": names["l"]} if names["l"] else {}),
    )
    return World(agency, case, handler, reviewer, leader)


def submit(w: World, fine=Decimal("200000"), **kwargs):
    data = {
        "draft_decision": "拟对当事人罚款二十万元。",
        "case_file": "立案审批表、现场检查笔录、询问笔录、证据清单",
        "proposed_fine": fine,
    }
    data.update(kwargs)
    return svc.legal_review_submit(case=w.case, user=w.handler, **data)


def checklist(failed=()):
    return [
        {"code": code, "passed": code not in failed, "note": "证据不足" if code in failed else ""}
        for code, _label in CHECKLIST
    ]


def conclude(review, user, outcome, failed=()):
    return svc.legal_review_conclude(
        review=review, user=user, outcome=outcome, checklist=checklist(failed), opinion="审核意见"
    )


def walk_to(w: World, code: str):
    """Advance the case by services, recording what each node requires, until it stands at
    ``code`` (gates still apply)."""
    for _ in range(12):
        w.case.refresh_from_db()
        if w.case.current_node.code == code:
            return w.case
        for kind in w.case.current_node.required_records or []:
            add_record(w.case, w.handler, kind=kind)
        advance(w.case, w.handler)
    raise AssertionError(w.case.current_node.code)


class LegalReviewFactory(factory.django.DjangoModelFactory):
    """A review round stored as it stands (``status`` as given), for tests that count or list
    rounds (dashboard, evaluation). A test of the review itself goes through the services
    (``world()``, ``submit()``, ``conclude()`` above), which check the case is at the node."""

    class Meta:
        model = LegalReview

    case = factory.SubFactory(CaseFactory)
    agency = factory.SelfAttribute("case.agency")
    round = factory.LazyAttribute(lambda o: LegalReview.objects.filter(case=o.case).count() + 1)
    submitted_by = factory.SelfAttribute("case.created_by")
    submitted_on = factory.LazyFunction(timezone.localdate)
    due_on = factory.LazyAttribute(lambda o: o.submitted_on + dt.timedelta(days=7))
    status = LegalReview.Status.AGREED
    reviewed_on = factory.LazyAttribute(
        lambda o: None if o.status == LegalReview.Status.SUBMITTED else o.submitted_on
    )
    draft_decision = "拟罚款5000元"
    case_file = "案卷目录"
