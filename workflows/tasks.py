"""Celery tasks of workflows: thin, idempotent wrappers around services."""

from celery import shared_task


@shared_task(name="workflows.render_document", acks_late=True)
def render_document(document_id: int) -> str:
    from .services.documents import document_render

    return document_render(document_id=document_id).status


@shared_task(name="workflows.verify_evidence", acks_late=True)
def verify_evidence() -> dict:
    """The periodic evidence re-hash (idempotent: a rerun rewrites the same results)."""
    from .integrity import evidence_verify

    return evidence_verify().as_dict()
