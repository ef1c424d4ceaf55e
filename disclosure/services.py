"""Writes of the disclosure app. Callers have checked permission; every write is audited."""

from __future__ import annotations

from django.db import transaction

from enforcement_portal.audit import audit_append, snapshot

from .models import InspectionItem

INSPECTION_FIELDS = [
    "item",
    "sub_item",
    "inspecting_body",
    "basis",
    "method",
    "content",
    "ratio",
    "frequency",
    "is_active",
]


@transaction.atomic
def inspection_item_create(*, agency, data: dict) -> InspectionItem:
    item = InspectionItem(agency=agency, **{f: data[f] for f in INSPECTION_FIELDS if f in data})
    item.full_clean()
    item.save()
    audit_append(
        action="inspection_item.create", obj=item, changes=snapshot(item, INSPECTION_FIELDS)
    )
    return item


@transaction.atomic
def inspection_item_update(*, item: InspectionItem, data: dict) -> InspectionItem:
    item = InspectionItem.objects.select_for_update().get(pk=item.pk)
    before = snapshot(item, INSPECTION_FIELDS)
    for field in INSPECTION_FIELDS:
        if field in data:
            setattr(item, field, data[field])
    item.full_clean()
    item.save()
    after = snapshot(item, INSPECTION_FIELDS)
    changes = {f: [before[f], after[f]] for f in INSPECTION_FIELDS if before[f] != after[f]}
    audit_append(action="inspection_item.update", obj=item, changes=changes)
    return item


@transaction.atomic
def inspection_item_withdraw(*, item: InspectionItem) -> InspectionItem:
    """Take an item off the public list; the row stays for the record."""
    return inspection_item_update(item=item, data={"is_active": False})
