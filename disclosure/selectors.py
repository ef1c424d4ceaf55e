"""Reads for the public site: only registered, published, in-force information."""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Count, Max, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from enforcement_portal.textsearch import normalise, query_grams
from powers.models import Agency, Officer, Power, PowerBasis

from .models import InspectionItem, Publication


def public_agencies() -> QuerySet[Agency]:
    registered = Q(powers__status=Power.Status.REGISTERED)
    return (
        Agency.objects.filter(is_enforcement_body=True)
        .annotate(power_count=Count("powers", filter=registered, distinct=True))
        .order_by("code")
    )


def public_powers(*, agency: Agency | None = None, category: str = "") -> QuerySet[Power]:
    """Registered powers with their legal bases (article text) ready to show."""
    qs = Power.objects.filter(status=Power.Status.REGISTERED).select_related("agency")
    if agency is not None:
        qs = qs.filter(agency=agency)
    if category:
        qs = qs.filter(category=category)
    bases = PowerBasis.objects.select_related("provision__regulation").order_by("kind", "id")
    return qs.prefetch_related(Prefetch("bases", queryset=bases))


def public_officers(agency: Agency) -> QuerySet[Officer]:
    """Officers whose certificates are valid today: the ones who may act in public."""
    return Officer.objects.filter(
        agency=agency,
        certificate_status=Officer.CertificateStatus.VALID,
        certificate_valid_until__gte=timezone.localdate(),
    ).order_by("name", "id")


def officer_by_certificate(number: str) -> Officer | None:
    return Officer.objects.select_related("agency").filter(certificate_number=number).first()


def public_inspection_items(agency: Agency) -> QuerySet[InspectionItem]:
    return InspectionItem.objects.filter(agency=agency, is_active=True).order_by("id")


def agency_inspection_items(agency_id: int) -> QuerySet[InspectionItem]:
    return InspectionItem.objects.filter(agency_id=agency_id).order_by("-is_active", "id")


def last_public_update(agency: Agency) -> dict:
    """When each part of the agency's 事前 disclosure last changed (shown on its page)."""
    powers = Power.objects.filter(agency=agency, status=Power.Status.REGISTERED)
    return {
        "powers": powers.aggregate(at=Max("updated_at"))["at"],
        "officers": Officer.objects.filter(agency=agency).aggregate(at=Max("updated_at"))["at"],
        "inspection": InspectionItem.objects.filter(agency=agency).aggregate(at=Max("updated_at"))[
            "at"
        ],
    }


# ----------------------------------------------------------------------- publications


# Answered on PostgreSQL by the one GIN index over the agency-scoped grams ("7:药房"),
# computed from the row's search text by the database (migration 0016): one posting list
# holds exactly that agency's rows with the word. The grams are not stored in the row.
AGENCY_GRAMS = (
    "disclosure_agency_grams(disclosure_publication.agency_id, disclosure_publication.search_text)"
)
AGENCY_GRAMS_CONTAIN_SQL = f"{AGENCY_GRAMS} @> %s::text[]"
# Without an agency: the gram at any agency, one overlap per gram (its key at every agency),
# answered by the same index as the union of the agencies' posting lists.
ANY_AGENCY_GRAM_SQL = f"{AGENCY_GRAMS} && %s::text[]"
# On a walk of a newest-first index, the gram test wrapped so that no index can answer it and
# the row's grams are computed only where its text holds the query's longest word (about a
# tenth of a millisecond a row); PostgreSQL would otherwise order the tests by its own cost
# guess. Any matching row contains that word, so the text test loses nothing; the grams keep
# ASCII words whole, as the index path does. "%s" here takes the gram conditions.
WALK_SQL = "CASE WHEN strpos(disclosure_publication.search_text, %%s) > 0 THEN (%s) ELSE false END"
# The agency test beside the scoped index, written so that no index answers it.
AGENCY_RECHECK_SQL = "(disclosure_publication.agency_id + 0) = %s"
# How many of the agency's rows may carry the word before walking beats the scoped index.
COMMON_AT_AGENCY = 1000
# The planner's own row estimate for the scoped gram alone: the index expression keeps
# per-agency statistics (5,000 entries), so this is close to the true count, with no heap read.
COMMON_PROBE_SQL = "EXPLAIN (FORMAT JSON) SELECT 1 FROM disclosure_publication WHERE "
# Without an agency a word on this many rows is found faster by walking the newest-first index.
COMMON_ANYWHERE = 5000


# The estimates are kept per process for a while: they move only with ANALYZE, and a stale one
# can only pick the slower of two plans with the same answer, never a wrong answer.
ESTIMATE_SECONDS = 600
_estimates: dict[tuple, tuple[float, float]] = {}


def _estimated_rows(conditions: list[tuple[str, Any]]) -> float:
    """The planner's row estimate for these conditions alone (planning only)."""
    key = tuple((sql, tuple(keys)) for sql, keys in conditions)
    now = time.monotonic()
    cached = _estimates.get(key)
    if cached is not None and cached[1] > now:
        return cached[0]
    where = " AND ".join(sql for sql, _keys in conditions)
    with connection.cursor() as cursor:
        cursor.execute(COMMON_PROBE_SQL + where, [keys for _sql, keys in conditions])
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    rows = plan[0]["Plan"]["Plan Rows"]
    if len(_estimates) >= 4096:
        _estimates.clear()
    _estimates[key] = (rows, now + ESTIMATE_SECONDS)
    return rows


def _common_at_agency(scoped: list[str]) -> bool:
    """Whether about COMMON_AT_AGENCY or more of the agency's rows carry these scoped grams.

    The planner misjudges the full query: it multiplies the scoped gram's frequency by the
    agency's share (which the gram already implies), expects a dozen matches and reads
    thousands through the bitmap. Its estimate for the scoped gram alone is right, so one
    EXPLAIN (planning only, under a millisecond) decides the shape of the real query; its
    answer is reused for ESTIMATE_SECONDS.
    """
    return _estimated_rows([(AGENCY_GRAMS_CONTAIN_SQL, scoped)]) >= COMMON_AT_AGENCY


def _like_escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _common_anywhere(needle: str) -> bool:
    """Whether about COMMON_ANYWHERE or more rows hold every word of the query.

    Asked of the text, not of the grams: the planner multiplies the grams' frequencies as if
    independent (经营 and 许可 go together far more often than that), which would send a common
    phrase to the index. For an unanchored LIKE it tries the pattern on the column's histogram
    sample, which sees a phrase's real frequency down to about one row in a hundred.
    """
    conditions = [("search_text LIKE %s", f"%{_like_escaped(word)}%") for word in needle.split()]
    return _estimated_rows(conditions) >= COMMON_ANYWHERE


def _any_agency_conditions(wanted: list[str]) -> list[tuple[str, list[str]]]:
    """One overlap per gram: its key at every agency."""
    agency_ids = _agency_ids()
    return [(ANY_AGENCY_GRAM_SQL, [f"{pk}:{gram}" for pk in agency_ids]) for gram in wanted]


def _agency_ids() -> list[int]:
    """Every agency's id, for a gram's key at each (dozens in a city, about a thousand in a
    province: one short index read)."""
    return list(Agency.objects.order_by("pk").values_list("pk", flat=True))


def _visible(today=None):
    """Published or withdrawn, and still inside the publication period."""
    today = today or timezone.localdate()
    return Q(status__in=["published", "withdrawn"], publish_until__gte=today)


def public_decisions(
    *,
    q: str = "",
    agency: Agency | None = None,
    kind: str = "",
    date_from=None,
    date_to=None,
) -> QuerySet[Publication]:
    """Public decisions, newest first, filtered; ready for keyset paging on (-published_on, -id).

    A keyword must contain the query's CJK bigrams (or lone character) and ASCII words, which
    PostgreSQL answers from the GIN index over the row's grams; the substring check then
    confirms the phrase on the few rows found. SQLite runs the substring check alone.
    """
    qs = Publication.objects.filter(_visible()).select_related("agency")
    needle = normalise(q).strip() if q else ""
    wanted = query_grams(needle) if needle else []
    postgres = connection.vendor == "postgresql"
    scoped = [f"{agency.pk}:{gram}" for gram in wanted] if agency is not None else []
    anywhere = _any_agency_conditions(wanted) if postgres and wanted and agency is None else []
    if scoped and postgres:
        walk = _common_at_agency(scoped)
    else:
        walk = bool(anywhere) and _common_anywhere(needle)
    if agency is not None and scoped and postgres and not walk:
        # The scoped grams already imply the agency; an indexable agency test here only
        # tempts the planner to AND in a bitmap of all the agency's rows (3 ms at 1M).
        qs = qs.filter(RawSQL(AGENCY_RECHECK_SQL, (agency.pk,), output_field=BooleanField()))  # noqa: S611
    elif agency is not None:
        qs = qs.filter(agency=agency)
    if kind:
        qs = qs.filter(kind=kind)
    if date_from:
        qs = qs.filter(published_on__gte=date_from)
    if date_to:
        qs = qs.filter(published_on__lte=date_to)
    if q:
        # The grams are bound parameters, never interpolated into the SQL.
        ascii_words = any(gram.isascii() for gram in wanted)
        if postgres and wanted and walk:
            # A common word: walk the newest-first index (the agency's, or everyone's), testing
            # the text. A CJK gram is in a row's grams exactly when the text holds it, so only
            # ASCII words (kept whole by the grams) need the row's grams, and only on the rows
            # whose text already holds the longest word.
            if ascii_words:
                longest = max(needle.split(), key=len)
                conditions = [(AGENCY_GRAMS_CONTAIN_SQL, scoped)] if scoped else anywhere
                sql = WALK_SQL % " AND ".join(sql for sql, _keys in conditions)
                params = (longest, *(keys for _sql, keys in conditions))
                qs = qs.filter(RawSQL(sql, params, output_field=BooleanField()))  # noqa: S611
        elif postgres and wanted:
            # A rare word: ask the scoped GIN index (the agency's keys, or every agency's).
            for sql, keys in [(AGENCY_GRAMS_CONTAIN_SQL, scoped)] if scoped else anywhere:
                qs = qs.filter(RawSQL(sql, (keys,), output_field=BooleanField()))  # noqa: S611
        # For a one- or two-character Chinese query answered by the index, containing its gram
        # IS the match; the substring check is needed for longer phrases, on walks and always
        # on SQLite. Leaving it out matters: its row estimate would steer PostgreSQL away from
        # the index.
        exact = postgres and not walk and len(needle) <= 2 and wanted == [needle]
        if not exact:
            for word in needle.split():
                qs = qs.filter(search_text__contains=word)
    return qs.only(
        "id", "agency__name", "agency__code", "kind", "status", "published_on", "public_data"
    )


def public_decisions_fingerprint() -> str:
    """One cheap query naming the state of everything the public decision list shows.

    The head of the audit chain (every publication, correction and withdrawal is audited in
    the transaction that makes it), the newest publication ``updated_at`` (a row saved outside
    the services, with or without an audit event) and a digest of the agencies (their names
    and codes are on the page; the admin edits them without an audit event). Two index
    lookups and the sixty-odd agency rows: a quarter of a millisecond at a million rows.
    """
    from enforcement_portal.models import AuditEvent

    quote = connection.ops.quote_name
    audit, publication, agency = (
        quote(model._meta.db_table) for model in (AuditEvent, Publication, Agency)
    )
    # Rows in whatever order the table gives: another order only makes another key.
    agency_rows = "id || ':' || code || ':' || name || ':' || is_enforcement_body"
    if connection.vendor == "postgresql":
        agencies = f"SELECT md5(string_agg({agency_rows}, '|')) FROM {agency}"  # noqa: S608
    else:
        agencies = f"SELECT group_concat({agency_rows}, '|') FROM {agency}"  # noqa: S608
    # Only quoted table and column names go into the text.
    sql = (
        f"SELECT (SELECT hash FROM {audit} ORDER BY seq DESC LIMIT 1),"  # noqa: S608
        f" (SELECT updated_at FROM {publication} ORDER BY updated_at DESC LIMIT 1),"
        f" ({agencies})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return "|".join("" if value is None else str(value) for value in row)


def decision_list_cache_key(*, params: dict, cursor: str, language: str, today) -> str:
    """The cache key of one rendering of the public decision list's search form and results.

    It names everything the rendering depends on: the normalised search parameters, the
    cursor, the language, today's date (a decision leaves the site when its publication
    period ends) and the data's fingerprint. Read the fingerprint before the page: under READ
    COMMITTED the page is then at least as new as the key it is stored under, so a
    publication, correction or withdrawal committed later always makes a new key.
    """
    state = [params, cursor, language, str(today), public_decisions_fingerprint()]
    raw = json.dumps(state, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "disclosure:decision-list:" + hashlib.sha256(raw.encode()).hexdigest()


def public_decision(pk: int) -> Publication | None:
    return (
        Publication.objects.filter(_visible(), pk=pk)
        .select_related("agency")
        .prefetch_related("corrections")
        .first()
    )


def staff_publications(
    user, *, q: str = "", status: str = "", overdue: bool = False
) -> QuerySet[Publication]:
    """The user's publications, by decision number or party, status, or overdue drafts."""
    from enforcement_portal.predicates import scope_to_user

    qs = scope_to_user(Publication.objects.select_related("agency"), user)
    if q:
        qs = qs.filter(Q(decision_number__icontains=q) | Q(party_name__icontains=q))
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(status=Publication.Status.DRAFT, due_by__lt=timezone.localdate())
    return qs.order_by("status", "-decided_on", "-id")


def credit_upload_publications(user, *, date_from=None, date_to=None) -> QuerySet[Publication]:
    """The user's agency's public penalty decisions, oldest first, with what their rows read
    (the agency, and the case file for a natural person's ID)."""
    from enforcement_portal.predicates import scope_to_user

    qs = Publication.objects.filter(
        kind=Publication.Kind.PENALTY, status__in=["published", "withdrawn"]
    )
    if date_from:
        qs = qs.filter(published_on__gte=date_from)
    if date_to:
        qs = qs.filter(published_on__lte=date_to)
    return scope_to_user(qs, user).select_related("agency", "case").order_by("decided_on", "id")


def publication_deadlines(user) -> dict:
    """Unpublished records due soon and overdue, for the user's desk (one query)."""
    from enforcement_portal.predicates import scope_to_user

    today = timezone.localdate()
    drafts = scope_to_user(Publication.objects.filter(status=Publication.Status.DRAFT), user)
    return drafts.aggregate(
        waiting=Count("id"),
        overdue=Count("id", filter=Q(due_by__lt=today)),
        awaiting_signoff=Count("id", filter=Q(signoff=Publication.Signoff.AWAITING)),
    )


# ------------------------------------------------------------------ discretion standards


def public_standards(*, agency: Agency | None = None):
    """Registered discretion standards, public under 行政处罚法 Art. 34."""
    from discretion.selectors import published_standards

    qs = published_standards()
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs


def public_standard_for_power(power: Power):
    from discretion.selectors import registered_standard_for

    return registered_standard_for(power)


def public_flow_for_power(power: Power):
    """The process a case on this power runs through: its own registered template, else the
    ready-made one of its category (as ``workflows.selectors.template_for_power`` picks)."""
    from workflows.models import ProcessTemplate
    from workflows.selectors import template_detail

    own = (
        template_detail()
        .filter(power=power, status=ProcessTemplate.Status.REGISTERED)
        .order_by("-id")
        .first()
    )
    if own is not None:
        return own
    kinds: dict[str, str] = {
        Power.Category.PENALTY: ProcessTemplate.Kind.GENERAL_PENALTY,
        Power.Category.INSPECTION: ProcessTemplate.Kind.INSPECTION,
        Power.Category.PERMIT: ProcessTemplate.Kind.PERMIT,
    }
    kind = kinds.get(power.category)
    if kind is None:
        return None
    return template_detail().filter(is_ready_made=True, kind=kind).first()
