"""Agencies' published no-penalty and lighter-penalty lists (不予处罚清单、首违不罚清单、
从轻减轻处罚清单): staff file and withdraw entries here; the public site and the decision step
read them through ``active_entries`` / ``entry_for``.

An entry names the power it covers, the violation, the basis and the conditions (行政处罚法
Arts. 32-33). Every change is audited; an entry is withdrawn with a reason, never deleted, so a
decision that relied on it still shows what it relied on.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append
from powers.models import Power

from .models import OutcomeListEntry

FIELDS = ("kind", "power", "violation", "basis", "conditions")


def _check_filer(user, agency_id) -> None:
    if not user.has_perm("discretion.add_outcomelistentry") or user.agency_id != agency_id:
        raise PermissionDenied(_("Only the agency's filer maintains its lists."))


@transaction.atomic
def list_entry_create(
    *, user, kind: str, power: Power, violation: str, basis: str, conditions: str
) -> OutcomeListEntry:
    """File an entry in the user's agency's list for one of the agency's powers."""
    agency = user.agency
    if agency is None:
        raise PermissionDenied(_("Only the agency's filer maintains its lists."))
    _check_filer(user, agency.pk)
    if kind not in OutcomeListEntry.Kind.values:
        raise ValidationError({"kind": _("Choose the list.")})
    if power.agency_id != agency.pk:
        raise ValidationError({"power": _("A list covers only the agency's own powers.")})
    if power.category != Power.Category.PENALTY:
        raise ValidationError(
            {"power": _("Only a penalty power can be on a no-penalty or lighter-penalty list.")}
        )
    texts = {"violation": violation, "basis": basis, "conditions": conditions}
    missing = {k: _("This field is required.") for k, v in texts.items() if not v.strip()}
    if missing:
        raise ValidationError(missing)
    entry = OutcomeListEntry.objects.create(
        agency=agency,
        kind=kind,
        power=power,
        created_by=user,
        **{k: v.strip() for k, v in texts.items()},
    )
    audit_append(
        action="discretion.list_entry_created",
        obj=entry,
        actor=user,
        changes={"kind": kind, "power": power.code, **texts},
    )
    return entry


@transaction.atomic
def list_entry_withdraw(*, entry: OutcomeListEntry, user, reason: str) -> OutcomeListEntry:
    """Withdraw an entry from the published list; decisions relying on it keep the link."""
    entry = OutcomeListEntry.objects.select_for_update().get(pk=entry.pk)
    _check_filer(user, entry.agency_id)
    if entry.withdrawn_at is not None:
        raise ValidationError(_("This entry has already been withdrawn."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the withdrawal.")})
    entry.withdrawn_at = timezone.now()
    entry.withdrawn_reason = reason.strip()
    entry.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    audit_append(
        action="discretion.list_entry_withdrawn",
        obj=entry,
        actor=user,
        changes={"reason": entry.withdrawn_reason},
    )
    return entry


def active_entries(agency_id, *, kind: str = "", power=None) -> QuerySet[OutcomeListEntry]:
    qs = OutcomeListEntry.objects.filter(agency_id=agency_id, withdrawn_at__isnull=True)
    if kind:
        qs = qs.filter(kind=kind)
    if power is not None:
        qs = qs.filter(power=power)
    return qs.select_related("power").order_by("kind", "id")


def entries_for_staff(user) -> QuerySet[OutcomeListEntry]:
    """The user's agency's entries, withdrawn ones included (they stay on record)."""
    return (
        OutcomeListEntry.objects.filter(agency_id=user.agency_id)
        .select_related("power")
        .order_by("kind", "withdrawn_at", "id")
    )


def entries_by_kind(agency_id) -> list[tuple[str, list[OutcomeListEntry]]]:
    """The agency's published lists, one (title, entries) per kind, for the public page."""
    rows = list(active_entries(agency_id))
    return [
        (str(label), [e for e in rows if e.kind == value])
        for value, label in OutcomeListEntry.Kind.choices
    ]
