"""Security finding: the system administrator counted as a second handler (issue #17, item 2).

Django's ``ModelBackend`` and ``PermissionsMixin.has_perm`` grant an active superuser every
permission, so ``admin`` approved a handler's request to see a reporter's identity and could
file and view its own. The class of the bug is "a flag standing in for a role": every
permission the ``rules`` registry knows is now decided by its predicate alone. These tests
walk the whole registry, so a permission added later is covered without editing this file.
"""

from __future__ import annotations

import pytest
import rules
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from enforcement_portal.roles import Role
from reports import services as report_services
from reports.models import IdentityAccessRequest
from tests.factories import UserFactory
from tests.reports.factories import handler

from .world import Side


def registry() -> list[str]:
    return sorted(rules.permissions.permissions)


def world_objects(world) -> list:
    """None and every object of the fixture world: each permission is asked about each."""
    found = [world.regulation, world.city_template, world.evaluation]
    for side in (world.own, world.other):
        found += [getattr(side, name) for name in Side.__dataclass_fields__]
    return [None, *(obj for obj in found if obj is not None)]


def _ask(user, perm, obj) -> bool | None:
    try:
        return user.has_perm(perm, obj)
    except (AttributeError, TypeError):
        return None  # a predicate about another kind of object: not a question it answers


def answers(user, objects) -> dict[tuple[str, str], bool | None]:
    """Every registered permission asked about every object (and about no object)."""
    user.__dict__.pop("role_codes", None)
    result = {(perm, repr(obj)): _ask(user, perm, obj) for perm in registry() for obj in objects}
    assert any(v is not None for v in result.values())
    return result


def test_the_registry_is_what_the_apps_declare():
    perms = registry()
    assert "reports.decide_identityaccessrequest" in perms
    assert "reports.request_identity" in perms
    assert "oversight.conclude_legalreview" in perms
    assert "powers.review_filingbatch" in perms
    assert len(perms) > 60


@pytest.mark.django_db
def test_a_superuser_without_roles_is_refused_every_registered_permission(world_db):
    objects = world_objects(world_db)
    own = world_db.own.agency
    for agency in (None, own):
        root = UserFactory(agency=agency, is_staff=True, is_superuser=True)
        granted = sorted({perm for (perm, _obj), ok in answers(root, objects).items() if ok})
        assert granted == [], f"a superuser without roles (agency {agency}) was granted {granted}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, *Role.values])
def test_the_superuser_flag_changes_no_answer_of_any_role(world_db, role):
    """For every role, a superuser holding it gets exactly the answers of a plain holder."""
    objects = world_objects(world_db)
    agency_roles = (Role.AGENCY_FILER, Role.CASE_OFFICER, Role.LEGAL_REVIEWER, Role.AGENCY_LEADER)
    agency = world_db.own.agency if role in agency_roles else None
    roles = [role] if role else []
    plain = UserFactory(roles=roles, agency=agency)
    root = UserFactory(roles=roles, agency=agency, is_staff=True, is_superuser=True)
    plain_answers, root_answers = answers(plain, objects), answers(root, objects)
    extra = sorted({key[0] for key, ok in root_answers.items() if ok and not plain_answers[key]})
    assert extra == [], f"the superuser flag added {extra} to role {role}"
    assert root_answers == plain_answers


@pytest.mark.django_db
def test_the_admin_role_grants_only_what_names_it(world_db):
    """What the system administrator may do is what a rule names it for, nothing more."""
    admin = UserFactory(roles=[Role.SYSTEM_ADMIN], is_staff=True, is_superuser=True)
    objects = world_objects(world_db)
    granted = {perm for (perm, _obj), ok in answers(admin, objects).items() if ok}
    acts = sorted(p for p in granted if not p.split(".", 1)[1].startswith(("view_", "list_")))
    # Runs the portal (agencies, officers' accounts, reward rules); opens evaluation periods
    # through its own service. Exports and the calculator read what reading allows.
    assert set(acts) <= {
        "powers.change_agency",
        "powers.change_officer",
        "reports.manage_rewardrule",
        "powers.export_power",
        "discretion.export_discretionstandard",
        "discretion.calculate_discretionstandard",
    }, acts
    for perm in (
        "reports.view_report",
        "reports.change_report",
        "reports.request_identity",
        "reports.decide_identityaccessrequest",
        "oversight.conclude_legalreview",
        "oversight.rule_legalreview",
        "powers.review_filingbatch",
        "powers.review_power",
        "discretion.review_discretionstandard",
        "workflows.register_processtemplate",
        "workflows.approve_extension",
        "oversight.change_earlywarning",
    ):
        assert perm not in granted, perm


# ------------------------------------------------------------- the finding itself, end to end


@pytest.fixture
def admin_client(world_db):
    client = Client()
    client.force_login(world_db.users["admin"])
    return client


@pytest.mark.django_db
def test_admin_cannot_approve_a_handlers_identity_request(world_db, admin_client):
    pending = world_db.own.identity_request
    response = admin_client.post(
        reverse("reports:identity_decide", kwargs={"pk": pending.pk}),
        {"approve": "1", "note": "同意"},
    )
    assert response.status_code in (403, 404)
    pending.refresh_from_db()
    assert pending.status == IdentityAccessRequest.Status.PENDING
    assert pending.decided_by_id is None
    # Nor through the service, whatever view calls it.
    with pytest.raises(PermissionDenied):
        report_services.identity_request_decide(
            request=pending, handler=world_db.users["admin"], approve=True
        )
    pending.refresh_from_db()
    assert pending.status == IdentityAccessRequest.Status.PENDING


@pytest.mark.django_db
def test_admin_cannot_file_or_view_its_own_identity_request(world_db, admin_client):
    admin = world_db.users["admin"]
    report = world_db.own.report
    response = admin_client.post(
        reverse("reports:report_action", kwargs={"pk": report.pk, "action": "request_identity"}),
        {"reason": "核实"},
    )
    assert response.status_code in (403, 404)
    assert not IdentityAccessRequest.objects.filter(report=report, requested_by=admin).exists()
    with pytest.raises(PermissionDenied):
        report_services.identity_request_create(report=report, handler=admin, reason="核实")
    # Even with an approved request in the table (made behind the services' back), the
    # identity stays closed to it: the page and the service both ask the handler's role.
    now = timezone.now()
    IdentityAccessRequest.objects.create(
        report=report,
        requested_by=admin,
        reason="核实",
        requested_at=now,
        status=IdentityAccessRequest.Status.APPROVED,
        decided_by=handler(),
        decided_at=now,
        expires_at=now + timezone.timedelta(hours=1),
    )
    page = admin_client.get(reverse("reports:report_identity", kwargs={"pk": report.pk}))
    assert page.status_code in (403, 404)
    assert "王小明" not in page.content.decode()
    with pytest.raises(PermissionDenied):
        report_services.identity_view(report=report, user=admin)


@pytest.mark.django_db
def test_two_handlers_still_open_the_identity(world_db):
    """The rule still works for the people it is for: a second handler decides."""
    report = world_db.own.report
    first, second = world_db.users["handler"], handler()
    pending = world_db.own.identity_request
    assert pending.requested_by_id == first.pk
    report_services.identity_request_decide(request=pending, handler=second, approve=True)
    assert report_services.identity_view(report=report, user=first)["name"] == "王小明"
