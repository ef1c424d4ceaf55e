"""Generated documents of a case (decision, notice, hearing notice, 催告书, service receipt,
file cover): requested here, rendered to PDF by a Celery worker (or at once without a broker),
hashed when stored."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from enforcement_portal import uploads
from enforcement_portal.audit import audit_append
from enforcement_portal.queueing import QUEUE_LOST, enqueue_on_commit, queue_check

from ..evidence import sha256_of
from ..models import Case, Decision, Document, Hearing, UrgeNotice
from ._shared import event

logger = logging.getLogger(__name__)


@transaction.atomic
def document_request(*, case: Case, kind: str, user) -> Document:
    """Ask for a document; rendered by a Celery worker when a broker is configured, else now."""
    if kind not in Document.Kind.values:
        raise ValidationError(_("Unknown document."))
    if kind == Document.Kind.DECISION and not Decision.objects.filter(case=case).exists():
        raise ValidationError(_("Record the decision before generating its document."))
    if (
        kind == Document.Kind.HEARING_NOTICE
        and not Hearing.objects.filter(case=case, hearing_on__isnull=False).exists()
    ):
        raise ValidationError(
            _(
                "Administrative Penalty Law Art. 64: the hearing notice names the hearing's "
                "date, place and host; schedule the hearing first."
            )
        )
    if kind == Document.Kind.URGE and not UrgeNotice.objects.filter(case=case).exists():
        raise ValidationError(
            _("Administrative Compulsion Law Art. 54: record the 催告书 before printing it.")
        )
    queue_check()  # no worker reachable: refused visibly, nothing written
    document = Document.objects.select_for_update().filter(case=case, kind=kind).first()
    if document is None:
        document = Document(case=case, kind=kind)
    document.request()
    document.requested_by = user
    document.save()
    audit_append(
        action="document.request",
        obj=document,
        actor=user,
        agency_id=case.agency_id,
        changes={"case": case.pk, "kind": kind},
    )
    if settings.CELERY_TASK_ALWAYS_EAGER:
        document_render(document_id=document.pk)
        document.refresh_from_db()
    else:
        from ..tasks import render_document

        enqueue_on_commit(
            render_document, document.pk, on_failure=lambda: _document_not_queued(document.pk)
        )
    return document


@transaction.atomic
def _document_not_queued(document_id: int) -> None:
    """The broker went away between the check and the publish: say so on the case page."""
    document = Document.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.status != Document.Status.PENDING:
        return
    with translation.override(settings.LANGUAGE_CODE):
        document.fail(str(QUEUE_LOST))
    document.save(update_fields=["status", "error"])
    audit_append(
        action="document.not_queued",
        obj=document,
        actor=document.requested_by,
        agency_id=document.case.agency_id,
        changes={"case": document.case_id, "kind": document.kind},
    )


@uploads.atomic()
def document_render(*, document_id: int) -> Document:
    """Render and store the PDF; idempotent (a rerun replaces the file with a fresh one)."""
    from ..documents import render_pdf

    document = Document.objects.select_for_update().select_related("case").get(pk=document_id)
    try:
        with transaction.atomic():
            pdf = render_pdf(document)
    except Exception as exc:
        logger.exception("Document %s failed to render", document_id)
        document.fail(str(exc)[:2000])
        document.save(update_fields=["status", "error"])
        return document
    old = document.file.name if document.file else ""
    digest, _size = sha256_of([pdf])
    uploads.store(document.file, f"{document.case_id}-{document.kind}.pdf", ContentFile(pdf))
    if old and old != document.file.name:
        # The old file goes once the new name is committed, never before.
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(old))
    document.sha256 = digest
    document.complete()
    document.generated_at = timezone.now()
    document.save(update_fields=["file", "sha256", "status", "generated_at", "error"])
    audit_append(
        action="document.generate",
        obj=document,
        agency_id=document.case.agency_id,
        changes={"case": document.case_id, "kind": document.kind, "sha256": digest},
    )
    event(
        document.case,
        "document",
        _("Document generated: %(kind)s") % {"kind": document.get_kind_display()},
    )
    return document
