"""Celery tasks of workflows: thin, idempotent wrappers around services."""

from celery import shared_task


@shared_task(name="workflows.render_document", acks_late=True)
def render_document(document_id: int) -> str:
    from .services import document_render

    return document_render(document_id=document_id).status
