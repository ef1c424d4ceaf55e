"""Writes of the disclosure app. Callers have checked permission; every write is audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement_portal.audit import audit_append, snapshot
from enforcement_portal.roles import Role

from . import publishing, review
from .models import InspectionItem, Publication, PublicationCorrection

PUBLICATION_FIELDS = [
    "kind",
    "decision_number",
    "decided_on",
    "party_type",
    "party_name",
    "party_uscc",
    "legal_representative",
    "violation_type",
    "facts",
    "basis",
    "penalty_category",
    "penalty_content",
    "fine_amount",
    "confiscation_amount",
    "license_info",
    "full_text",
    "full_text_withheld",
    "full_text_withheld_note",
    "extra_redactions",
]

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


# ------------------------------------------------------------------------- publications


@transaction.atomic
def publication_create(*, agency, data: dict, power=None, case=None) -> Publication:
    """A draft publication of a decision, due 7 or 15 working days after the decision."""
    publication = Publication(
        agency=agency,
        power=power,
        case=case,
        **{f: data[f] for f in PUBLICATION_FIELDS if f in data},
    )
    if publication.decided_on:
        publication.due_by = publishing.publication_due_date(
            publication.kind, publication.decided_on
        )
    publication.full_clean()
    publication.save()
    audit_append(
        action="publication.create",
        obj=publication,
        changes={"decision_number": publication.decision_number, "due_by": publication.due_by},
    )
    return publication


@transaction.atomic
def publication_update_draft(*, publication: Publication, data: dict) -> Publication:
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if publication.status != Publication.Status.DRAFT:
        raise ValidationError(_("Only an unpublished record can be edited; correct it instead."))
    before = snapshot(publication, PUBLICATION_FIELDS)
    for field in PUBLICATION_FIELDS:
        if field in data:
            setattr(publication, field, data[field])
    publication.due_by = publishing.publication_due_date(publication.kind, publication.decided_on)
    publication.full_clean()
    publication.save()
    after = snapshot(publication, PUBLICATION_FIELDS)
    changes = {f: [before[f], after[f]] for f in PUBLICATION_FIELDS if before[f] != after[f]}
    if changes and publication.is_signed_off():
        # The officer signed off another text: they must see this one.
        publication.reopen_signoff()
        publication.signed_off_by, publication.signed_off_at = None, None
        publication.reviewed_text = {}
        publication.save()
        changes["signoff"] = [Publication.Signoff.APPROVED, Publication.Signoff.AWAITING]
    audit_append(action="publication.update", obj=publication, changes=changes)
    return publication


def _clean_reviewed(text: str) -> str:
    return "\n".join(line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n"))


@transaction.atomic
def publication_sign_off(*, publication: Publication, reviewer, texts: dict | None = None):
    """The publicity officer's sign-off (公示审核): they saw the masked record beside the
    original and approve it, with their edits of the masked text (``texts``: field → text).

    The edited text is what the public will see; it is checked again, and text the engine
    masks by rule (an ID, a phone number, a listed person's name, an address...) or a passage
    marked to hide is refused at its field. The audit holds masked text only.
    """
    publication = (
        Publication.objects.select_for_update(of=("self",))
        .select_related("agency", "power")
        .get(pk=publication.pk)
    )
    if not (
        reviewer.has_role(Role.PUBLICITY_OFFICER) and reviewer.agency_id == publication.agency_id
    ):
        raise ValidationError(_("Only the agency's publicity officer can sign off a record."))
    if publication.status != Publication.Status.DRAFT:
        raise ValidationError(_("This record has already been published."))
    if publication.is_signed_off():
        raise ValidationError(_("This record is already signed off."))
    engine = publishing.public_record(
        publication, published_on=None, publish_until=None, reviewed=False
    )
    names = publishing.person_names(publication)
    hidden = publishing.hidden_passages(publication)
    errors: dict[str, list[str]] = {}
    reviewed: dict[str, str] = {}
    edits: dict[str, list[str]] = {}
    for field, value in (texts or {}).items():
        if field not in publishing.REVIEWED_FIELDS:
            continue
        value = _clean_reviewed(value)
        if value == _clean_reviewed(engine[field]):
            continue
        if not value.strip():
            errors[field] = [_("The public text cannot be empty; replace a passage with ***.")]
            continue
        bad = review.forbidden_in(value, person_names=names)
        leaked = [p for p in hidden if p in value]
        if bad or leaked:
            passages = "、".join([f.text for f in bad] + leaked)
            errors[field] = [
                _("This text still contains what may not be published: %(passages)s")
                % {"passages": passages}
            ]
            continue
        reviewed[field] = value
        edits[field] = [engine[field], value]
    if errors:
        raise ValidationError(errors)
    publication.reviewed_text = reviewed
    publication.sign_off()
    publication.signed_off_by, publication.signed_off_at = reviewer, timezone.now()
    publication.save()
    audit_append(
        action="publication.sign_off",
        obj=publication,
        actor=reviewer,
        changes={"signoff": Publication.Signoff.APPROVED, "edits": edits},
    )
    return publication


def _store_public(publication: Publication, record: dict) -> None:
    publication.public_data = record
    publication.search_text, _grams = publishing.search_columns(record)


@transaction.atomic
def publication_publish(*, publication: Publication, on: dt.date | None = None) -> Publication:
    """Mask and publish. The public record is fixed now; later changes go through corrections."""
    publication = (
        Publication.objects.select_for_update(of=("self",))
        .select_related("agency", "power")
        .get(pk=publication.pk)
    )
    if publication.status != Publication.Status.DRAFT:
        raise ValidationError(_("This record has already been published."))
    if not publication.is_signed_off():
        raise ValidationError(
            _(
                "The publicity officer has not signed off this record; it cannot be published "
                "before they have checked the masked text."
            )
        )
    day = on or timezone.localdate()
    until = publishing.publication_period_end(publication, day)
    _store_public(
        publication, publishing.public_record(publication, published_on=day, publish_until=until)
    )
    publication.publish()
    publication.published_on, publication.publish_until = day, until
    publication.save()
    audit_append(
        action="publication.publish",
        obj=publication,
        changes={"published_on": day, "publish_until": until, "late": day > publication.due_by},
    )
    return publication


@transaction.atomic
def publication_correct(
    *, publication: Publication, data: dict, note: str, reviewer
) -> PublicationCorrection:
    """Correct a published record; the public sees the correction, its date and what changed.

    A correction goes public like the record did: the agency's publicity officer has seen the
    masked result beside the original (``review.correction_rows``) and signs it off here.
    """
    publication = (
        Publication.objects.select_for_update(of=("self",))
        .select_related("agency", "power")
        .get(pk=publication.pk)
    )
    if not (
        reviewer.has_role(Role.PUBLICITY_OFFICER) and reviewer.agency_id == publication.agency_id
    ):
        raise ValidationError(
            _(
                "A correction goes public only when the agency's publicity officer has checked "
                "its masked text and signs it off."
            )
        )
    if publication.status != Publication.Status.PUBLISHED:
        raise ValidationError(_("Only a published record can be corrected."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the record is corrected.")})
    before_public = dict(publication.public_data)
    for field in PUBLICATION_FIELDS:
        if field in data and field not in ("decision_number", "kind"):
            setattr(publication, field, data[field])
            # The corrected field is masked afresh; the signed-off text of the others stays.
            publication.reviewed_text.pop(field, None)
    publication.full_clean()
    record = publishing.public_record(
        publication, published_on=publication.published_on, publish_until=publication.publish_until
    )
    changes = {
        k: [before_public.get(k, ""), v] for k, v in record.items() if before_public.get(k, "") != v
    }
    if not changes:
        raise ValidationError(_("Nothing the public sees would change."))
    _store_public(publication, record)
    publication.save()
    correction = PublicationCorrection.objects.create(
        publication=publication,
        corrected_on=timezone.localdate(),
        changes=changes,
        note=note.strip(),
        signed_off_by=reviewer,
    )
    audit_append(
        action="publication.correct",
        obj=publication,
        actor=reviewer,
        changes={"public": changes, "note": note},
    )
    return correction


@transaction.atomic
def publication_note_revocation(
    *, publication: Publication, revoked_on: dt.date, withdrawal_due: dt.date
) -> Publication:
    """The decision behind a publication was changed, revoked, confirmed illegal or declared
    void (Art. 48): it stays public, and must be withdrawn with the reason by
    ``withdrawal_due``; the withdrawal warning watches that date."""
    publication = Publication.objects.select_for_update(of=("self",)).get(pk=publication.pk)
    if publication.status == Publication.Status.WITHDRAWN:
        return publication
    publication.revoked_on, publication.withdrawal_due = revoked_on, withdrawal_due
    publication.save(update_fields=["revoked_on", "withdrawal_due", "updated_at"])
    audit_append(
        action="publication.revocation_noted",
        obj=publication,
        changes={"revoked_on": revoked_on, "withdrawal_due": withdrawal_due},
    )
    return publication


@transaction.atomic
def publication_withdraw(
    *, publication: Publication, reason: str, revoked_on: dt.date | None = None
) -> Publication:
    """Withdraw a decision that was changed, revoked, confirmed illegal or void (Art. 48).

    Its content leaves the public site; a notice with the reason stays in its place.
    """
    publication = (
        Publication.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=publication.pk)
    )
    if publication.status != Publication.Status.PUBLISHED:
        raise ValidationError(_("Only a published record can be withdrawn."))
    if not reason.strip():
        raise ValidationError(
            {"withdrawal_reason": _("Give the reason for the withdrawal; it is published.")}
        )
    today = timezone.localdate()
    # A revocation recorded on the case (Art. 48) already set the date and the deadline.
    noted = publication.revoked_on is not None and publication.withdrawal_due is not None
    revoked_on = publication.revoked_on if noted else (revoked_on or today)
    assert revoked_on is not None  # noted: the revocation date is set
    if revoked_on > today:
        raise ValidationError(
            {"revoked_on": _("The date the decision was revoked cannot be in the future.")}
        )
    publication.revoked_on = revoked_on
    if not noted:
        publication.withdrawal_due = publishing.withdrawal_due_date(revoked_on)
    assert publication.withdrawal_due is not None  # noted, or set just above
    publication.withdrawn_on, publication.withdrawal_reason = today, reason.strip()
    publication.withdraw()
    _store_public(
        publication,
        publishing.withdrawn_record(publication, withdrawn_on=today, reason=reason.strip()),
    )
    publication.save()
    audit_append(
        action="publication.withdraw",
        obj=publication,
        changes={
            "reason": reason,
            "revoked_on": revoked_on,
            "late": today > publication.withdrawal_due,
        },
    )
    return publication


def credit_upload_audit(*, user, count: int, filters: dict) -> None:
    """The credit-platform download carries natural persons' names and IDs: who took it."""
    audit_append(
        action="publication.credit_upload",
        actor=user,
        object_type="disclosure.publication",
        changes={"rows": count, **{k: v for k, v in filters.items() if v}},
    )


GUIDE_FIELDS = ["conditions", "materials", "fees", "place", "hours", "phone", "complaints"]


@transaction.atomic
def service_guide_save(*, power, data: dict):
    """Create or update a power's service guide; the change is public at once (audited)."""
    from .models import ServiceGuide

    guide = ServiceGuide.objects.select_for_update().filter(power=power).first()
    before = snapshot(guide, GUIDE_FIELDS) if guide else {}
    guide = guide or ServiceGuide(power=power)
    for field in GUIDE_FIELDS:
        if field in data:
            setattr(guide, field, data[field])
    guide.full_clean()
    guide.save()
    after = snapshot(guide, GUIDE_FIELDS)
    changes = {f: [before.get(f), after[f]] for f in GUIDE_FIELDS if before.get(f) != after[f]}
    audit_append(action="service_guide.save", obj=guide, changes=changes)
    return guide
