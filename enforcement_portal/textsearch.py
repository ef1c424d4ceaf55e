"""Locale-independent full-text search for Chinese: CJK unigrams and bigrams plus ASCII words.

Chinese has no spaces and many names are two characters long, which pg_trgm cannot index.
A row stores its grams as one space-separated string; on PostgreSQL a GIN index over
``string_to_array(grams, ' ')`` answers containment of the query's own grams, and a plain
substring check on the few rows found confirms the phrase.
"""

from __future__ import annotations

import re
import unicodedata

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[0-9a-z]+")
_IS_CJK = re.compile(rf"[{_CJK}]")


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits to ASCII), lower case, no zero-width characters."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", text).lower()


def grams(text: str) -> list[str]:
    """Distinct grams of a text: each CJK character, each adjacent pair, each ASCII word."""
    out: dict[str, None] = {}
    for run in _RUN.findall(normalise(text)):
        if _IS_CJK.match(run):
            for index, char in enumerate(run):
                out[char] = None
                if index + 1 < len(run):
                    out[run[index : index + 2]] = None
        else:
            out[run] = None
    return list(out)


def grams_text(*parts: str) -> str:
    return " ".join(grams(" ".join(p for p in parts if p)))


def query_grams(query: str) -> list[str]:
    """The fewest grams a matching row must contain: bigrams for CJK (or the lone character)."""
    out: dict[str, None] = {}
    for run in _RUN.findall(normalise(query)):
        if _IS_CJK.match(run):
            if len(run) == 1:
                out[run] = None
            for index in range(len(run) - 1):
                out[run[index : index + 2]] = None
        else:
            out[run] = None
    return list(out)


def _make_grams_field():
    from django.db import models

    class GramsField(models.TextField):
        """A row's grams: ``text[]`` on PostgreSQL (GIN-indexed, no per-row splitting at
        query time), space-separated text elsewhere. Python sees the space-separated string.
        """

        def db_type(self, connection):
            if connection.vendor == "postgresql":
                return "text[]"
            return super().db_type(connection)

        def get_db_prep_value(self, value, connection, prepared=False):
            if value is None:
                return None
            items = value.split() if isinstance(value, str) else list(value)
            if connection.vendor == "postgresql":
                return items
            return " ".join(items)

        def from_db_value(self, value, expression, connection):
            if isinstance(value, list):
                return " ".join(value)
            return value

        def to_python(self, value):
            if isinstance(value, list):
                return " ".join(value)
            return super().to_python(value)

    return GramsField


GramsField = _make_grams_field()
