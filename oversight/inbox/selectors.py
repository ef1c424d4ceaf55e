"""Reads of the inbox: a user's messages, the unread count, where a message's object lives."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse

from .models import Message

UNREAD_SECONDS = 60  # the header count may lag new messages by this much, never a read


def _unread_key(user_id) -> str:
    return f"inbox:unread:{user_id}"


def unread_count(user) -> int:
    """The header's count, cached per user for a minute so a page costs no query for it;
    reading or unreading a message clears it (``forget_unread``)."""
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Message.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_SECONDS)
    return count


def forget_unread(user_id) -> None:
    cache.delete(_unread_key(user_id))


def messages_for(user, *, show: str = "all") -> QuerySet[Message]:
    qs = Message.objects.filter(recipient=user)
    if show == "unread":
        qs = qs.filter(read_at__isnull=True)
    elif show == "open":
        qs = qs.filter(done_at__isnull=True).exclude(category=Message.Category.DIGEST)
    return qs


def object_url(message: Message) -> str:
    """The page of the message's object (the case, publication, report, warning), or ''."""
    pk = message.object_id
    try:
        if message.object_type == "workflows.case":
            return reverse("workflows:case_detail", args=[pk])
        if message.object_type == "disclosure.publication":
            return reverse("disclosure:publication", args=[pk])
        if message.object_type == "reports.report":
            return reverse("reports:report", args=[pk])
        if message.object_type == "oversight.earlywarning":
            return reverse("oversight:warning", args=[pk])
        if message.object_type == "oversight.legalreview":
            from ..legal_review.models import LegalReview

            case_id = LegalReview.objects.filter(pk=pk).values_list("case_id", flat=True).first()
            return reverse("oversight:legal_case", args=[case_id]) if case_id else ""
    except NoReverseMatch:
        return ""
    return ""
