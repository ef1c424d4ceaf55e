"""Reads of discretion standards; each returns what its callers show, already prefetched."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from enforcement_portal.paging import InvalidCursor, keyset_page
from enforcement_portal.predicates import scope_to_user
from powers.models import Power

from .models import Circumstance, DiscretionStandard, ExpertOpinion, PenaltyBand

_DETAIL_RELATED = (
    "power",
    "agency",
    "violated_provision__regulation",
    "penalty_provision__regulation",
)


def with_content(queryset: QuerySet[DiscretionStandard]) -> QuerySet[DiscretionStandard]:
    """Standards with their statute, bands (and types) and circumstances loaded."""
    return queryset.select_related(*_DETAIL_RELATED).prefetch_related(
        "allowed_types",
        Prefetch(
            "bands",
            queryset=PenaltyBand.objects.order_by("position").prefetch_related("penalty_types"),
        ),
        Prefetch("circumstances", queryset=Circumstance.in_kind_order()),
    )


def standards_for_user(user) -> QuerySet[DiscretionStandard]:
    """Every version the user may read: own agency for staff, all for those reading across."""
    qs = DiscretionStandard.objects.select_related("power", "agency")
    return scope_to_user(qs, user).order_by("agency_id", "power_id", "-version")


PAGE_SIZE = 50
LIST_ORDERING = ("agency_id", "power_id", "-version", "id")


def standards_page(
    user, *, after: str = "", status: str = "", size: int = PAGE_SIZE
) -> tuple[list[DiscretionStandard], str]:
    """One page of the user's standards by keyset (agency, power, newest version first).

    ``after`` is the cursor the previous page returned; the returned cursor is empty on the
    last page. No OFFSET and no COUNT(*); a cursor that was tampered with starts over.
    """
    qs = standards_for_user(user)
    if status in DiscretionStandard.Status.values:
        qs = qs.filter(status=status)
    try:
        page = keyset_page(qs, ordering=LIST_ORDERING, cursor=after or None, size=size)
    except InvalidCursor:
        page = keyset_page(qs, ordering=LIST_ORDERING, size=size)
    return page.items, page.next_cursor or ""


def standard_detail(pk: int) -> DiscretionStandard | None:
    qs = with_content(DiscretionStandard.objects.filter(pk=pk)).prefetch_related(
        Prefetch(
            "opinions",
            queryset=ExpertOpinion.objects.select_related("reviewer").order_by(
                "submission_round", "created_at"
            ),
        )
    )
    return qs.first()


def standards_under_review() -> QuerySet[DiscretionStandard]:
    return (
        DiscretionStandard.objects.filter(status=DiscretionStandard.Status.SUBMITTED)
        .select_related("power", "agency")
        .order_by("submitted_at", "pk")
    )


def registered_standard_for(power: Power | int) -> DiscretionStandard | None:
    """The standard in force for a power (the registered version), or None."""
    power_id = power.pk if isinstance(power, Power) else power
    return with_content(
        DiscretionStandard.objects.filter(
            power_id=power_id, status=DiscretionStandard.Status.REGISTERED
        )
    ).first()


def published_standards() -> QuerySet[DiscretionStandard]:
    """Every standard in force, with bands and circumstances: public under Art. 34."""
    return with_content(
        DiscretionStandard.objects.filter(status=DiscretionStandard.Status.REGISTERED)
    ).order_by("agency__code", "power__code")


def powers_open_for_standard(user) -> QuerySet[Power]:
    """Registered penalty powers of the user's agency without a version being filed."""
    qs = Power.objects.filter(
        category=Power.Category.PENALTY, status=Power.Status.REGISTERED
    ).select_related("agency")
    qs = scope_to_user(qs, user)
    return qs.exclude(discretion_standards__status__in=DiscretionStandard.OPEN).order_by(
        "agency__code", "code"
    )
