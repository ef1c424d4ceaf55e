"""Permission predicates (django-rules) shared by every app.

Staff act on their own agency's objects; supervisors and registry reviewers read across
agencies; anonymous visitors get nothing here (public pages show published data only).
An object names its agency through an ``agency_id`` attribute (an Agency answers its own pk).
"""

from __future__ import annotations

import rules
from django.db.models import QuerySet

from .roles import Role


def has_role(*roles: str) -> rules.Predicate:
    name = "has_role:" + "|".join(roles)

    @rules.predicate(name=name)
    def _has_role(user) -> bool:
        return bool(user and user.is_authenticated and user.has_role(*roles))

    return _has_role


@rules.predicate
def is_staff_member(user) -> bool:
    """Any signed-in portal user holding at least one role."""
    return bool(user and user.is_authenticated and user.role_codes)


@rules.predicate
def reads_across_agencies(user) -> bool:
    return bool(user and user.is_authenticated and user.reads_across_agencies)


def agency_id_of(obj) -> int | None:
    return getattr(obj, "agency_id", None)


@rules.predicate
def in_own_agency(user, obj) -> bool:
    if obj is None or not (user and user.is_authenticated) or user.agency_id is None:
        return False
    return agency_id_of(obj) == user.agency_id


# Each names one role and means that role only: the system administrator runs the portal
# (accounts, agencies, calendar) and stands in for no supervisor, handler or reviewer (#17).
is_supervisor = has_role(Role.DISCIPLINE_SUPERVISOR)
is_system_admin = has_role(Role.SYSTEM_ADMIN)

# Read access to an agency-owned object: own agency, or a role that reads across.
can_read_agency_object = is_staff_member & (in_own_agency | reads_across_agencies)


def scope_to_user(queryset: QuerySet, user, agency_field: str = "agency") -> QuerySet:
    """Limit a queryset of agency-owned rows to what ``user`` may read."""
    if not (user and user.is_authenticated):
        return queryset.none()
    if user.reads_across_agencies:
        return queryset
    if user.agency_id is None or not user.role_codes:
        return queryset.none()
    lookup = "pk" if agency_field in ("", "self") else f"{agency_field}_id"
    return queryset.filter(**{lookup: user.agency_id})
