"""Reads of the power registry; each returns a queryset ready for what callers show."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from enforcement_portal.predicates import scope_to_user

from .citations import Citation, format_bases
from .models import (
    Agency,
    FilingBatch,
    Officer,
    Power,
    PowerBasis,
    PowerVersion,
    PowerVersionBasis,
    Provision,
    Regulation,
)


def exercisable_powers(agency: Agency | int) -> QuerySet[Power]:
    """The powers a case may be opened on: registered, not suspended, not flagged for a basis
    review, and every legal basis in force (立改废: a repealed basis ends the power's use)."""
    agency_id = agency.pk if isinstance(agency, Agency) else agency
    stale_basis = PowerBasis.objects.filter(power=OuterRef("pk")).exclude(
        provision__regulation__status=Regulation.Status.EFFECTIVE
    )
    return Power.objects.filter(
        agency_id=agency_id, status=Power.Status.REGISTERED, basis_needs_review=False
    ).exclude(Exists(stale_basis))


def officers_with_valid_certificate(agency: Agency | int, on=None) -> QuerySet[Officer]:
    agency_id = agency.pk if isinstance(agency, Agency) else agency
    day = on or timezone.localdate()
    return Officer.objects.filter(
        agency_id=agency_id,
        certificate_status=Officer.CertificateStatus.VALID,
        certificate_valid_until__gte=day,
    )


def power_list(
    *,
    user,
    agency: int | None = None,
    category: str = "",
    status: str = "",
    flagged: bool = False,
    q: str = "",
) -> QuerySet[Power]:
    """Powers the user may read, filtered as the list page asks, in keyset order (by id)."""
    qs = scope_to_user(Power.objects.select_related("agency"), user)
    if agency:
        qs = qs.filter(agency_id=agency)
    if category:
        qs = qs.filter(category=category)
    if status:
        qs = qs.filter(status=status)
    if flagged:
        qs = qs.filter(basis_needs_review=True)
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name__icontains=q))
    return qs.order_by("-id")


def flagged_powers(*, user) -> QuerySet[Power]:
    return scope_to_user(
        Power.objects.filter(basis_needs_review=True).select_related("agency"), user
    ).order_by("-basis_flagged_at", "-id")


def _bases_prefetch(lookup: str, model) -> Prefetch:
    return Prefetch(
        lookup,
        queryset=model.objects.select_related("provision__regulation").order_by("id"),
    )


def power_detail(pk: int) -> Power | None:
    return (
        Power.objects.select_related("agency")
        .prefetch_related(
            _bases_prefetch("bases", PowerBasis),
            Prefetch(
                "versions",
                queryset=PowerVersion.objects.select_related(
                    "batch", "created_by", "reviewed_by"
                ).prefetch_related(_bases_prefetch("bases", PowerVersionBasis)),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def batch_list(*, user) -> QuerySet[FilingBatch]:
    return (
        scope_to_user(FilingBatch.objects.select_related("agency", "created_by"), user)
        .annotate(
            item_count=Count("versions"),
            pending_count=Count("versions", filter=Q(versions__status="submitted")),
        )
        .order_by("-id")
    )


def batch_versions(batch: FilingBatch) -> QuerySet[PowerVersion]:
    return (
        batch.versions.select_related("power", "created_by", "reviewed_by")
        .prefetch_related(
            _bases_prefetch("bases", PowerVersionBasis),
            _bases_prefetch("power__bases", PowerBasis),
        )
        .order_by("power__code")
    )


def open_batches(agency_id: int | None) -> QuerySet[FilingBatch]:
    if agency_id is None:  # a user outside every agency has no batch
        return FilingBatch.objects.none()
    return FilingBatch.objects.filter(agency_id=agency_id, status=FilingBatch.Status.OPEN)


def citations_of(bases) -> list[Citation]:
    return [
        Citation(title=b.provision.regulation.title, article=b.provision.article, kind=b.kind)
        for b in bases
    ]


@dataclass(frozen=True)
class FieldChange:
    label: str
    registered: str
    filed: str

    @property
    def changed(self) -> bool:
        return self.registered != self.filed


def version_diff(version: PowerVersion) -> list[FieldChange]:
    """What a filed version changes against the registered content of its power.

    Expects ``batch_versions``/``power_detail`` prefetching; a never-registered power
    compares against nothing.
    """
    power = version.power
    registered = power.ever_registered
    out = []
    for name in Power.CONTENT_FIELDS:
        field = Power._meta.get_field(name)
        assert isinstance(field, models.Field)  # CONTENT_FIELDS are concrete fields
        if name == "category":
            old = power.get_category_display() if registered else ""
            new = version.get_category_display()
        else:
            old = getattr(power, name) if registered else ""
            new = getattr(version, name)
        out.append(FieldChange(str(field.verbose_name), old or "", new or ""))
    old_bases = (
        "\n".join(c.display() for c in citations_of(power.bases.all())) if registered else ""
    )
    new_bases = "\n".join(c.display() for c in citations_of(version.bases.all()))
    out.append(
        FieldChange(str(Power._meta.get_field("provisions").verbose_name), old_bases, new_bases)
    )
    return out


def export_rows(agency: Agency) -> list[list]:
    """The agency's live powers in the spreadsheet layout (registered content in force)."""
    from .importing import LABEL_BY_CATEGORY

    powers = (
        Power.objects.filter(agency=agency)
        .exclude(status=Power.Status.ABOLISHED)
        .prefetch_related(_bases_prefetch("bases", PowerBasis))
        .order_by("code")
    )
    # A power never registered has no content in force; its filed version stands in.
    filed = {
        v.power_id: v
        for v in PowerVersion.objects.filter(
            power__agency=agency, power__registration_number="", status__in=PowerVersion.PENDING
        ).prefetch_related(_bases_prefetch("bases", PowerVersionBasis))
    }
    rows = []
    for index, power in enumerate(powers.iterator(chunk_size=2000), start=1):
        source = filed.get(power.pk, power)
        laws, articles = format_bases(citations_of(source.bases.all()))
        rows.append(
            [
                index,
                power.code,
                source.name,
                LABEL_BY_CATEGORY[source.category],
                agency.name,
                laws,
                articles,
                source.procedure,
                source.execution_standard,
                source.responsible_post,
                source.time_limit,
                source.remarks,
            ]
        )
    return rows


def regulation_list(*, q: str = "", status: str = "", level: str = "") -> QuerySet[Regulation]:
    qs = Regulation.objects.select_related("superseded_by").annotate(
        provision_count=Count("provisions", distinct=True)
    )
    if q:
        qs = qs.filter(title__icontains=q)
    if status:
        qs = qs.filter(status=status)
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("title", "-promulgated_on")


def provision_search(q: str, limit: int = 20) -> QuerySet[Provision]:
    """Provisions by regulation title and article, for filers writing a power's bases.

    ``食品安全法 第三十五条`` matches the title by its first word and the article by the rest.
    """
    words = q.replace("《", " ").replace("》", " ").split()
    qs = Provision.objects.select_related("regulation")
    for word in words:
        if word.startswith("第"):
            qs = qs.filter(article__startswith=word)
        else:
            qs = qs.filter(Q(regulation__title__icontains=word) | Q(text__icontains=word))
    return qs.order_by("regulation__title", "id")[:limit]
