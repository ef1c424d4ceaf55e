"""Writes of the whole-process record (全过程记录): written records and evidence files, hashed
on arrival and re-checked on every access."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from enforcement_portal import uploads
from enforcement_portal.audit import audit_append

from .. import conf
from ..evidence import read_chunks, sha256_of, sniff
from ..exceptions import EvidenceTampered
from ..models import Case, Record
from ._shared import event

logger = logging.getLogger(__name__)


@uploads.atomic()
def record_add(
    *,
    case: Case,
    user,
    kind: str,
    title: str,
    recorded_at,
    place: str,
    officers,
    content: str = "",
    signature: str = Record.Signature.NOT_APPLICABLE,
    refusal_note: str = "",
    upload=None,
) -> Record:
    """Attach a written record or an evidence file to the case's current node.

    A file is size-checked, identified by its content, hashed (SHA-256) on arrival and stored
    under MEDIA_ROOT with no public URL.
    """
    # The node is the one the case stands at now, not the one the caller's copy remembers.
    case = Case.objects.select_for_update().select_related("current_node").get(pk=case.pk)
    if case.status == Case.Status.ARCHIVED:
        raise ValidationError(_("An archived case file cannot be changed."))
    officers = list(officers)
    if not officers:
        raise ValidationError({"officers": _("Name the officers who made the record.")})
    if any(o.agency_id != case.agency_id for o in officers):
        raise ValidationError({"officers": _("Only officers of the case's agency.")})
    if signature == Record.Signature.REFUSED and not refusal_note.strip():
        raise ValidationError(
            {"refusal_note": _("Note that the party refused to sign, with the circumstances.")}
        )
    is_written = kind in Record.WRITTEN
    if is_written and not content.strip() and upload is None:
        raise ValidationError({"content": _("Write the record or attach its scan.")})
    if not is_written and upload is None:
        raise ValidationError({"upload": _("Attach the recording or photo.")})
    record = Record(
        case=case,
        node=case.current_node,
        kind=kind,
        title=title,
        content=content,
        recorded_at=recorded_at,
        place=place,
        signature=signature if is_written else Record.Signature.NOT_APPLICABLE,
        refusal_note=refusal_note,
        created_by=user,
    )
    if upload is not None:
        _attach(record, upload, kind)
    record.save()
    record.officers.set(officers)
    audit_append(
        action="record.add",
        obj=record,
        actor=user,
        agency_id=case.agency_id,
        changes={
            "case": case.pk,
            "kind": kind,
            "node": case.current_node.code,
            "sha256": record.sha256,
            "size": record.size,
            "signature": record.signature,
        },
    )
    event(case, "record", f"{record.get_kind_display()}：{title}", user)
    return record


FAMILIES: dict[str, set[str]] = {
    Record.Kind.PHOTO: {"image"},
    Record.Kind.AUDIO: {"audio"},
    Record.Kind.VIDEO: {"video"},
}


def _attach(record: Record, upload, kind: str) -> None:
    limit = conf.upload_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            {
                "upload": _("The file is %(size)s MB; at most %(limit)s MB is accepted.")
                % {"size": round(upload.size / 1048576, 1), "limit": round(limit / 1048576, 1)}
            }
        )
    upload.seek(0)
    sniffed = sniff(upload.read(64))
    allowed = FAMILIES.get(kind, {"pdf", "image"})
    if sniffed is None or sniffed[1] not in allowed:
        raise ValidationError(
            {
                "upload": _(
                    "The file's content is not an accepted %(kind)s format, whatever its name says."
                )
                % {"kind": Record.Kind(kind).label}
            }
        )
    upload.seek(0)
    digest, size = sha256_of(upload.chunks())
    upload.seek(0)
    record.sha256, record.size, record.content_type = digest, size, sniffed[0]
    record.original_name = (getattr(upload, "name", "") or "")[-200:]
    uploads.store(record.file, "evidence", upload)


def record_open_file(*, record: Record, user):
    """The evidence file, after re-checking its hash; every access is audited (调阅留痕)."""
    handle = record.file.open("rb")
    digest, _size = sha256_of(read_chunks(handle))
    ok = digest == record.sha256
    audit_append(
        action="record.file_access" if ok else "record.file_tampered",
        obj=record,
        actor=user,
        agency_id=record.case.agency_id,
        changes={"case": record.case_id, "sha256": record.sha256, "found": digest},
    )
    if not ok:
        handle.close()
        logger.error("Evidence %s does not match its hash", record.pk)
        raise EvidenceTampered(record.pk)
    handle.seek(0)
    return handle
