"""The regulation ledger (立改废): regulations and provisions, the flags an amendment or a
repeal raises on the powers citing them, and the lookup of cited titles."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from enforcement_portal.audit import audit_append, snapshot

from .citations import Citation
from .models import (
    Power,
    PowerVersion,
    Provision,
    Regulation,
)

REGULATION_FIELDS = [
    "title",
    "level",
    "issuing_body",
    "promulgated_on",
    "effective_on",
    "status",
    "superseded_by",
]


@transaction.atomic
def regulation_create(*, actor=None, **fields) -> Regulation:
    regulation = Regulation(**fields)
    regulation.full_clean()
    regulation.save()
    audit_append(
        action="regulation.create",
        obj=regulation,
        actor=actor,
        changes=snapshot(regulation, REGULATION_FIELDS),
    )
    if regulation.status in (Regulation.Status.AMENDED, Regulation.Status.REPEALED):
        powers_flag_for_regulation(regulation=regulation)
    from .regulation_requests import settle_for  # a cycle at import time otherwise

    settle_for(regulation, actor=actor)
    return regulation


@transaction.atomic
def regulation_update(*, regulation: Regulation, actor=None, **fields) -> Regulation:
    """Change a regulation; amending or repealing it flags every power citing it at once."""
    regulation = Regulation.objects.select_for_update().get(pk=regulation.pk)
    before = snapshot(regulation, REGULATION_FIELDS)
    status = fields.pop("status", None)
    for name, value in fields.items():
        setattr(regulation, name, value)
    if status is not None:
        try:
            regulation.move_to(status)
        except TransitionNotAllowed:
            raise ValidationError(
                {
                    "status": _(
                        "A regulation that is %(current)s cannot become %(target)s: a repealed "
                        "text never comes back into force and an amended one is not in force "
                        "again; enter the new text as a new regulation."
                    )
                    % {
                        "current": regulation.get_status_display(),
                        "target": Regulation.Status(status).label
                        if status in Regulation.Status.values
                        else status,
                    }
                }
            ) from None
    regulation.full_clean()
    regulation.save()
    after = snapshot(regulation, REGULATION_FIELDS)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    flagged = 0
    if "status" in changes and regulation.status in (
        Regulation.Status.AMENDED,
        Regulation.Status.REPEALED,
    ):
        flagged = powers_flag_for_regulation(regulation=regulation)
    if changes:
        audit_append(
            action="regulation.update",
            obj=regulation,
            actor=actor,
            changes={**changes, "powers_flagged": flagged},
        )
    return regulation


def powers_flag_for_regulation(*, regulation: Regulation) -> int:
    """Flag, in one UPDATE, every live power whose bases (in force or filed) cite it."""
    # Stored text, so it is written in the portal's language whoever triggers it.
    with translation.override(settings.LANGUAGE_CODE):
        note = _("%(title)s is now %(status)s") % {
            "title": str(regulation),
            "status": regulation.get_status_display(),
        }
    citing = Q(bases__provision__regulation=regulation) | Q(
        versions__status__in=PowerVersion.PENDING,
        versions__bases__provision__regulation=regulation,
    )
    ids = Power.objects.filter(citing).exclude(status=Power.Status.ABOLISHED).values("pk")
    return Power.objects.filter(pk__in=ids).update(
        basis_needs_review=True, basis_review_note=note[:300], basis_flagged_at=timezone.now()
    )


@transaction.atomic
def provision_add(*, regulation: Regulation, article: str, text: str = "", actor=None):
    article = article.replace(" ", "")
    if Provision.objects.filter(regulation=regulation, article=article).exists():
        raise ValidationError({"article": _("This article is already in the ledger.")})
    provision = Provision(regulation=regulation, article=article, text=text)
    provision.full_clean()
    provision.save()
    audit_append(
        action="provision.add",
        obj=regulation,
        actor=actor,
        changes={"article": provision.article, "text": text[:200]},
    )
    return provision


def regulation_lookup(titles) -> dict[str, Regulation]:
    """Map cited titles to ledger regulations (in force preferred, newest first).

    A national law may be cited without its 中华人民共和国 prefix.
    """
    from .citations import NATIONAL_PREFIX

    wanted = set(titles)
    candidates = wanted | {NATIONAL_PREFIX + t for t in wanted}
    found: dict[str, Regulation] = {}
    rows = Regulation.objects.filter(title__in=candidates).order_by("title", "-promulgated_on")
    best: dict[str, Regulation] = {}
    for reg in rows:
        current = best.get(reg.title)
        if current is None or (
            current.status != Regulation.Status.EFFECTIVE
            and reg.status == Regulation.Status.EFFECTIVE
        ):
            best[reg.title] = reg
    for title in wanted:
        match = best.get(title) or best.get(NATIONAL_PREFIX + title)
        if match is not None:
            found[title] = match
    return found


def provisions_for(citations: list[Citation], regulations: dict[str, Regulation]):
    """Provisions for citations, creating the articles the ledger lacks (set-based)."""
    keys = {(regulations[c.title].pk, c.article) for c in citations}
    if not keys:
        return {}
    Provision.objects.bulk_create(
        [Provision(regulation_id=r, article=a) for r, a in keys], ignore_conflicts=True
    )
    reg_ids = {r for r, _a in keys}
    found = {
        (p.regulation_id, p.article): p
        for p in Provision.objects.filter(regulation_id__in=reg_ids).only(
            "id", "regulation_id", "article"
        )
    }
    return found
