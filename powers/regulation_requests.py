"""Laws an import cites that the ledger lacks: requested from the registry reviewer (待补录).

A refused import lists the missing titles; the filer asks the registry to add them in one
click instead of only being told no; the reviewer adds each to the ledger (which settles every
pending request for that title) or declines it with a note. Every step is audited.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append
from enforcement_portal.roles import Role

from .citations import NATIONAL_PREFIX
from .ledger import regulation_lookup
from .models import ImportJob, Regulation, RegulationRequest


def missing_titles(job: ImportJob) -> dict[str, list[int]]:
    """The cited titles a refused job found missing, each with the rows citing it."""
    found: dict[str, list[int]] = defaultdict(list)
    for problem in job.errors or []:
        title = problem.get("missing_title")
        if title:
            found[title].append(problem.get("row") or 0)
    return dict(found)


def requests_for(agency, titles) -> dict[str, RegulationRequest]:
    """The newest request of the agency for each title (pending, added or declined)."""
    latest: dict[str, RegulationRequest] = {}
    for req in RegulationRequest.objects.filter(agency=agency, title__in=list(titles)).order_by(
        "created_at", "id"
    ):
        latest[req.title] = req
    return latest


@transaction.atomic
def regulation_requests_file(*, job: ImportJob, user) -> list[RegulationRequest]:
    """Ask the registry to add every law the job found missing that is still missing and not
    already asked for; returns the requests now pending for the job's titles."""
    titles = missing_titles(job)
    if not titles:
        raise ValidationError(_("This import found no missing regulation to request."))
    still_missing = {t: rows for t, rows in titles.items() if t not in regulation_lookup(titles)}
    if not still_missing:
        raise ValidationError(
            _("Every cited regulation is in the ledger now; upload the file again.")
        )
    pending = set(
        RegulationRequest.objects.filter(
            agency=job.agency,
            title__in=list(still_missing),
            status=RegulationRequest.Status.PENDING,
        ).values_list("title", flat=True)
    )
    created = RegulationRequest.objects.bulk_create(
        [
            RegulationRequest(
                title=title,
                agency=job.agency,
                requested_by=user,
                import_job=job,
                rows="、".join(str(r) for r in sorted(set(rows)) if r)[:200],
            )
            for title, rows in still_missing.items()
            if title not in pending
        ]
    )
    for req in created:
        audit_append(
            action="regulation.request",
            obj=req,
            actor=user,
            agency_id=job.agency_id,
            changes={"title": req.title, "import_job": job.pk, "rows": req.rows},
        )
    return list(
        RegulationRequest.objects.filter(
            agency=job.agency,
            title__in=list(still_missing),
            status=RegulationRequest.Status.PENDING,
        )
    )


def settle_for(regulation: Regulation, *, actor=None) -> int:
    """Mark every pending request for this regulation's title added (called on ledger entry)."""
    title = regulation.title
    titles = {title}
    if title.startswith(NATIONAL_PREFIX):
        titles.add(title[len(NATIONAL_PREFIX) :])
    settled = 0
    for req in RegulationRequest.objects.select_for_update().filter(
        title__in=titles, status=RegulationRequest.Status.PENDING
    ):
        req.mark_added(regulation)
        req.resolved_by = actor
        req.save(update_fields=["status", "regulation", "resolved_at", "resolved_by"])
        audit_append(
            action="regulation.request_added",
            obj=req,
            actor=actor,
            agency_id=req.agency_id,
            changes={"title": req.title, "regulation": regulation.pk},
        )
        settled += 1
    return settled


@transaction.atomic
def regulation_request_decline(*, request: RegulationRequest, user, note: str) -> RegulationRequest:
    if not user.has_role(Role.REGISTRY_REVIEWER):
        raise ValidationError(_("Only the registry reviewer decides on regulations to add."))
    note = " ".join((note or "").split())
    if not note:
        raise ValidationError({"note": _("Say why it is not added (for example: cite it as …).")})
    req = RegulationRequest.objects.select_for_update().get(pk=request.pk)
    if req.status != RegulationRequest.Status.PENDING:
        raise ValidationError(_("This request has already been settled."))
    req.decline(note[:300])
    req.resolved_by = user
    req.save(update_fields=["status", "resolution_note", "resolved_at", "resolved_by"])
    audit_append(
        action="regulation.request_declined",
        obj=req,
        actor=user,
        agency_id=req.agency_id,
        changes={"title": req.title, "note": req.resolution_note},
    )
    return req


def pending_requests() -> QuerySet[RegulationRequest]:
    return RegulationRequest.objects.filter(status=RegulationRequest.Status.PENDING).select_related(
        "agency", "requested_by"
    )
