"""The publicity officer's sign-off page: what may still identify a person, highlighted.

``suspects`` widens ``find_sensitive`` with weaker signs a person can judge and a rule
cannot: every name the segmenter tags (even one the masking engine let pass as a word),
long digit runs and address words. ``highlight`` renders a text with those passages marked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .redaction import Finding, _normalise, _tokens, find_sensitive

# kinds that only the sign-off page shows: signs for a person to judge, not masked by rule
SUSPECT_KINDS = ("segmenter_name", "digits", "address_word")
# what a reviewer's text must never contain: every kind the engine masks by rule. A name
# the segmenter merely suspects (unlisted_name) is the reviewer's call.
FORBIDDEN_KINDS = frozenset(
    {
        "id_number",
        "bank_account",
        "mobile",
        "landline",
        "email",
        "address",
        "plate",
        "social_id",
        "person_name",
    }
)

_DIGITS = re.compile(r"\d(?:[ \-]?\d){5,}")
_ADDRESS_WORDS = re.compile(
    r"(?:住址|住所|家住|居住|户籍|小区|花园|公寓|胡同|号楼|单元|"
    r"(?<=[\d零〇一二三四五六七八九十])(?:栋|幢|室|层|组|屯)|"
    r"[路街巷弄村](?=[\d零〇一二三四五六七八九十]))"
)


def suspects(text: str, *, person_names: Iterable[str] = ()) -> list[Finding]:
    """What the masking engine finds, and on top the weaker signs; in order, no overlaps."""
    if not text:
        return []
    found = list(find_sensitive(text, person_names=person_names))
    norm, origin = _normalise(text)
    extra: list[tuple[int, int, str]] = []
    for start, end, word, flag in _tokens(norm):
        if flag.startswith("nr") and 2 <= len(word) <= 4 and "某" not in word:
            extra.append((start, end, "segmenter_name"))
    extra += [(m.start(), m.end(), "digits") for m in _DIGITS.finditer(norm)]
    extra += [(m.start(), m.end(), "address_word") for m in _ADDRESS_WORDS.finditer(norm)]
    for start, end, kind in sorted(extra):
        o_start, o_end = origin[start], origin[end - 1] + 1
        if any(o_start < f.end and f.start < o_end for f in found):
            continue
        found.append(Finding(kind, o_start, o_end, text[o_start:o_end]))
    return sorted(found, key=lambda f: f.start)


def highlight(text: str, findings: Iterable[Finding], labels: dict[str, str]) -> SafeString:
    """The text, escaped, with each finding in a <mark> naming its kind."""
    out: list[str] = []
    cursor = 0
    for f in sorted(findings, key=lambda f: f.start):
        out.append(escape(text[cursor : f.start]))
        out.append(
            f'<mark class="suspect suspect-{f.kind}" data-kind="{f.kind}" '
            f'title="{escape(labels.get(f.kind, f.kind))}">{escape(f.text)}</mark>'
        )
        cursor = f.end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


def forbidden_in(text: str, *, person_names: Iterable[str] = ()) -> list[Finding]:
    """What in a reviewer's text the engine would mask by rule: it may not go public."""
    return [f for f in find_sensitive(text, person_names=person_names) if f.kind in FORBIDDEN_KINDS]


def kind_labels() -> dict[str, str]:
    from django.utils.translation import gettext as _

    return {
        "id_number": _("ID number"),
        "bank_account": _("bank account"),
        "mobile": _("mobile number"),
        "landline": _("telephone number"),
        "email": _("e-mail"),
        "address": _("address"),
        "plate": _("number plate"),
        "social_id": _("social-media id"),
        "person_name": _("listed person"),
        "unlisted_name": _("name found in the text"),
        "segmenter_name": _("possible name"),
        "digits": _("long number"),
        "address_word": _("address word"),
    }


def signoff_rows(publication) -> list[dict]:
    """One row per text field of the record: the original and the masked text, each with
    its suspects highlighted, and the text the officer will sign off (their edit or the
    engine's)."""
    from . import publishing

    labels = kind_labels()
    names = publishing.person_names(publication)
    engine = publishing.public_record(
        publication, published_on=None, publish_until=None, reviewed=False
    )
    rows = []
    for field in publishing.REVIEWED_FIELDS:
        original = getattr(publication, field) or ""
        if not original.strip():
            continue
        masked = (publication.reviewed_text or {}).get(field, engine[field])
        masked_suspects = suspects(masked, person_names=names)
        rows.append(
            {
                "field": field,
                "label": str(publication._meta.get_field(field).verbose_name),
                "original": highlight(original, suspects(original, person_names=names), labels),
                "masked": masked,
                "masked_marked": highlight(masked, masked_suspects, labels),
                "suspect_count": len(masked_suspects),
            }
        )
    return rows


def correction_rows(publication, data: dict) -> list[dict]:
    """What a correction would put before the public, for the publicity officer to check:
    per changed field of the public record, the text now public, the corrected original with
    its suspects highlighted, and the masked text that would be published (suspects marked).

    Pure: ``publication`` is changed in memory only, the caller passes a copy it discards.
    """
    from . import publishing

    labels = kind_labels()
    before = dict(publication.public_data)
    for field, value in data.items():
        setattr(publication, field, value)
        (publication.reviewed_text or {}).pop(field, None)
    names = publishing.person_names(publication)
    after = publishing.public_record(
        publication, published_on=publication.published_on, publish_until=publication.publish_until
    )
    rows = []
    for key, new in after.items():
        old = before.get(key, "")
        if old == new:
            continue
        original = str(getattr(publication, key, "") or "") if key in data else ""
        rows.append(
            {
                "field": key,
                "label": _label(publication, key),
                "public_now": old,
                "original": highlight(original, suspects(original, person_names=names), labels)
                if original
                else "",
                "masked_marked": highlight(
                    str(new), suspects(str(new), person_names=names), labels
                ),
            }
        )
    return rows


def _label(publication, key: str) -> str:
    from django.core.exceptions import FieldDoesNotExist

    try:
        return str(publication._meta.get_field(key).verbose_name)
    except FieldDoesNotExist:
        return key
