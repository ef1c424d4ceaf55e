"""Demo data: the publications of the demo year's decisions, most on time, a few late (#21).

Every decided case without a publication gets its draft from ``publication_from_case`` (as
the ``case.decided`` listener makes it); the agency's publicity officer signs it off and it is
published a few working days after the decision, some past the 7-working-day deadline, and a
few recent ones are left as drafts (one in 25 by decision number, so some are overdue and
the scan warns about them). A case whose decision was revoked is left to the withdrawal
flow. Idempotent: a published record is never touched again and the choice of which drafts
stay drafts depends on the decision number only. Runs after the demo year (order 91).
"""

from __future__ import annotations

import zlib
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from enforcement_portal.audit import audit_append
from enforcement_portal.roles import Role
from enforcement_portal.workdays import add_workdays
from powers.demo import demo_password_hash
from powers.models import Agency
from workflows.models import Case

from . import publishing
from .cases import publication_from_case
from .demo import seed_publicity_officers
from .models import Publication
from .services import _store_public

# username, agency code, display name: publicity officers of the agencies the handful of
# hand-made decisions do not cover (``disclosure.demo.PUBLICITY_OFFICERS`` has the others).
MORE_PUBLICITY_OFFICERS = [
    ("traffic_publicity", "jtys", "于晓梅"),
    ("city_publicity", "cgzf", "冯丽娟"),
    ("health_publicity", "wsjk", "唐海燕"),
    ("culture_publicity", "wglv", "萧春梅"),
    ("land_publicity", "zrzy", "曹秀英"),
]


def _more_publicity_officers() -> dict[int, Any]:
    group, _ = Group.objects.get_or_create(name=Role.PUBLICITY_OFFICER.value)
    agencies = {
        a.code: a for a in Agency.objects.filter(code__in=[r[1] for r in MORE_PUBLICITY_OFFICERS])
    }
    out = {}
    for username, code, name in MORE_PUBLICITY_OFFICERS:
        if code not in agencies:
            continue
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"display_name": name, "agency": agencies[code]}
        )
        if created:
            user.password = demo_password_hash()
            user.save(update_fields=["password"])
        user.groups.add(group)
        out[agencies[code].pk] = user
    return out


def _renumber(decision) -> None:
    """The hand-made publications (``disclosure.demo``) carry numbers of decisions made before
    the portal; a demo-year decision that drew one of them takes the series' next number."""
    from enforcement_portal.formatting import document_number
    from workflows.models import Decision
    from workflows.services._shared import next_serial, prefixes

    prefix, _case = prefixes(decision.case.agency)
    year = decision.decided_on.year
    decision.number = document_number(prefix, year, next_serial(decision.case.agency, prefix, year))
    Decision.objects.filter(pk=decision.pk).update(number=decision.number)


def _publish(publication: Publication, reviewer, day, now) -> None:
    """``publication_sign_off`` without edits and ``publication_publish(on=day)`` in one write,
    the public record computed once (the masking engine is the slow part of the demo)."""
    publication = Publication.objects.select_related("agency", "power", "case").get(
        pk=publication.pk
    )
    publication.sign_off()
    publication.signed_off_by, publication.signed_off_at = reviewer, now
    until = publishing.publication_period_end(publication, day)
    record = publishing.public_record(publication, published_on=day, publish_until=until)
    _store_public(publication, record)
    publication.publish()
    publication.published_on, publication.publish_until = day, until
    publication.save()
    audit_append(
        action="publication.sign_off",
        obj=publication,
        actor=reviewer,
        changes={"signoff": Publication.Signoff.APPROVED, "edits": {}},
    )
    audit_append(
        action="publication.publish",
        obj=publication,
        changes={"published_on": day, "publish_until": until, "late": day > publication.due_by},
    )


def _draw(number: str) -> int:
    return zlib.crc32(number.encode()) % 100


def seed_year_publications(*, stdout=None, quiet: bool = False) -> None:
    reviewers = {user.agency_id: user for user in seed_publicity_officers().values()}
    reviewers.update(_more_publicity_officers())
    today = timezone.localdate()
    cases = (
        Case.objects.filter(decision__isnull=False, publication__isnull=True)
        .exclude(decision__revocations__isnull=False)
        .select_related("agency", "power", "decision")
        .order_by("id")
    )
    made = published = 0
    now = timezone.now()
    taken = set(Publication.objects.values_list("decision_number", flat=True))
    for case in cases:
        if case.decision.number in taken:
            _renumber(case.decision)
        publication = publication_from_case(case=case)
        if publication is None:
            continue
        made += 1
        draw = _draw(publication.decision_number)
        reviewer = reviewers.get(case.agency_id)
        decided_on = publication.decided_on
        if reviewer is None or draw < 4 or decided_on > add_workdays(today, -3):
            continue  # left as a draft: awaiting sign-off, some past their deadline
        # Most within the deadline (1-6 working days after the decision); one in ten late.
        delay = 10 + draw % 8 if draw >= 90 else 1 + draw % 6
        _publish(publication, reviewer, min(add_workdays(decided_on, delay), today), now)
        published += 1
    if stdout is not None and not quiet:
        total = Publication.objects.filter(status=Publication.Status.PUBLISHED).count()
        stdout.write(
            f"disclosure: {made} drafts of decisions, {published} published ({total} in all)"
        )
