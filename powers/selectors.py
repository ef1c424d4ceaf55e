"""Reads of the power registry; each returns a queryset ready for what callers show."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Agency, Officer, Power


def exercisable_powers(agency: Agency | int) -> QuerySet[Power]:
    """Registered powers of an agency: the only ones a case may be opened on."""
    agency_id = agency.pk if isinstance(agency, Agency) else agency
    return Power.objects.filter(agency_id=agency_id, status=Power.Status.REGISTERED)


def officers_with_valid_certificate(agency: Agency | int, on=None) -> QuerySet[Officer]:
    from django.utils import timezone

    agency_id = agency.pk if isinstance(agency, Agency) else agency
    day = on or timezone.localdate()
    return Officer.objects.filter(
        agency_id=agency_id,
        certificate_status=Officer.CertificateStatus.VALID,
        certificate_valid_until__gte=day,
    )
