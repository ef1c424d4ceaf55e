"""Reads for the public site: only registered, published, in-force information."""

from __future__ import annotations

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from powers.models import Agency, Officer, Power, PowerBasis

from .models import InspectionItem


def public_agencies() -> QuerySet[Agency]:
    registered = Q(powers__status=Power.Status.REGISTERED)
    return (
        Agency.objects.filter(is_enforcement_body=True)
        .annotate(power_count=Count("powers", filter=registered, distinct=True))
        .order_by("code")
    )


def public_powers(*, agency: Agency | None = None, category: str = "") -> QuerySet[Power]:
    """Registered powers with their legal bases (article text) ready to show."""
    qs = Power.objects.filter(status=Power.Status.REGISTERED).select_related("agency")
    if agency is not None:
        qs = qs.filter(agency=agency)
    if category:
        qs = qs.filter(category=category)
    bases = PowerBasis.objects.select_related("provision__regulation").order_by("kind", "id")
    return qs.prefetch_related(Prefetch("bases", queryset=bases))


def public_officers(agency: Agency) -> QuerySet[Officer]:
    """Officers whose certificates are valid today: the ones who may act in public."""
    return Officer.objects.filter(
        agency=agency,
        certificate_status=Officer.CertificateStatus.VALID,
        certificate_valid_until__gte=timezone.localdate(),
    ).order_by("name", "id")


def officer_by_certificate(number: str) -> Officer | None:
    return Officer.objects.select_related("agency").filter(certificate_number=number).first()


def public_inspection_items(agency: Agency) -> QuerySet[InspectionItem]:
    return InspectionItem.objects.filter(agency=agency, is_active=True).order_by("id")


def agency_inspection_items(agency_id: int) -> QuerySet[InspectionItem]:
    return InspectionItem.objects.filter(agency_id=agency_id).order_by("-is_active", "id")


def last_public_update(agency: Agency) -> dict:
    """When each part of the agency's 事前 disclosure last changed (shown on its page)."""
    powers = Power.objects.filter(agency=agency, status=Power.Status.REGISTERED)
    return {
        "powers": powers.aggregate(at=Max("updated_at"))["at"],
        "officers": Officer.objects.filter(agency=agency).aggregate(at=Max("updated_at"))["at"],
        "inspection": InspectionItem.objects.filter(agency=agency).aggregate(at=Max("updated_at"))[
            "at"
        ],
    }
