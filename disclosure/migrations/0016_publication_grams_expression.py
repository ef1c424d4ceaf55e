"""Search grams computed by the index, not stored in the row (issue 23: storage per publication).

Each publication stored its grams twice (``search_grams`` and the agency-scoped
``search_agency_grams``, about 830 bytes each, most of the row's out-of-line TOAST) and kept a
GIN index on each. The grams are a pure function of ``search_text``, so PostgreSQL now computes
them: ``disclosure_grams(text)`` mirrors ``enforcement_portal.textsearch.grams`` on normalised
text (each CJK character, each adjacent pair, each ASCII word), ``disclosure_agency_grams``
prefixes them with the agency ("7:药房"), and one GIN index is built on the latter. A search
without an agency asks the same index for the gram at any agency (an overlap with one key per
agency), so the unscoped index goes too. The decision number's unused pattern-ops index goes
with ``unique=True`` (a unique constraint keeps the rule).

The functions are IMMUTABLE (the same text always gives the same grams; they depend on no
setting or collation: the character classes are code-point ranges). Building the index reads
every row once (about 0.1 ms a row); run ANALYZE disclosure_publication afterwards. Reversing
refills the two columns from the functions and rebuilds their indexes.
"""

from django.db import migrations, models

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION disclosure_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT x.g), '{}'::text[])
    FROM regexp_matches(t, '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+', 'g') AS m(a),
         LATERAL (SELECT m.a[1] AS run) AS r,
         LATERAL (
           SELECT r.run AS g WHERE r.run ~ '^[0-9a-z]'
           UNION ALL
           SELECT substr(r.run, i, w)
             FROM generate_series(1, length(r.run)) AS i, (VALUES (1), (2)) AS v(w)
            WHERE r.run !~ '^[0-9a-z]' AND i + w - 1 <= length(r.run)
         ) AS x
$$;
-- Self-contained (no call to disclosure_grams): pg_restore rebuilds the index with an empty
-- search_path, where only pg_catalog's functions are found.
CREATE OR REPLACE FUNCTION disclosure_agency_grams(agency bigint, t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT agency::text || ':' || x.g), '{}'::text[])
    FROM regexp_matches(t, '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+', 'g') AS m(a),
         LATERAL (SELECT m.a[1] AS run) AS r,
         LATERAL (
           SELECT r.run AS g WHERE r.run ~ '^[0-9a-z]'
           UNION ALL
           SELECT substr(r.run, i, w)
             FROM generate_series(1, length(r.run)) AS i, (VALUES (1), (2)) AS v(w)
            WHERE r.run !~ '^[0-9a-z]' AND i + w - 1 <= length(r.run)
         ) AS x
$$;
"""

INDEX = """
CREATE INDEX pub_agency_grams_gin ON disclosure_publication
    USING gin (disclosure_agency_grams(agency_id, search_text));
-- Scoped grams are many (agencies x their words): keep enough of them in the statistics for
-- the planner to know a word's frequency at one agency (disclosure.selectors probes it).
ALTER INDEX pub_agency_grams_gin ALTER COLUMN 1 SET STATISTICS 5000;
"""

REFILL = """
UPDATE disclosure_publication
   SET search_grams = disclosure_grams(search_text),
       search_agency_grams = disclosure_agency_grams(agency_id, search_text)
 WHERE search_text <> '';
CREATE INDEX pub_search_grams_gin ON disclosure_publication USING gin (search_grams);
CREATE INDEX pub_search_agency_grams_gin ON disclosure_publication
    USING gin (search_agency_grams);
ALTER TABLE disclosure_publication ALTER COLUMN search_agency_grams SET STATISTICS 5000;
"""


def _postgres(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def create_functions(apps, schema_editor):
    if _postgres(schema_editor):
        schema_editor.execute(FUNCTIONS)


def refill_columns(apps, schema_editor):
    """Backwards, with the columns back: the grams they held, from the functions."""
    if _postgres(schema_editor):
        schema_editor.execute(REFILL)
        schema_editor.execute(
            "DROP FUNCTION IF EXISTS disclosure_agency_grams(bigint, text);"
            " DROP FUNCTION IF EXISTS disclosure_grams(text);"
        )
        return
    from enforcement_portal.textsearch import grams_text

    Publication = apps.get_model("disclosure", "Publication")
    for publication in Publication.objects.exclude(search_text="").iterator():
        grams = grams_text(publication.search_text)
        publication.search_grams = grams
        publication.search_agency_grams = " ".join(
            f"{publication.agency_id}:{gram}" for gram in grams.split()
        )
        publication.save(update_fields=["search_grams", "search_agency_grams"])


def create_index(apps, schema_editor):
    if _postgres(schema_editor):
        schema_editor.execute(INDEX)


def drop_index(apps, schema_editor):
    if _postgres(schema_editor):
        schema_editor.execute("DROP INDEX IF EXISTS pub_agency_grams_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0015_full_text_withheld"),
    ]

    operations = [
        migrations.RunPython(create_functions, refill_columns),
        migrations.RemoveField(model_name="publication", name="search_agency_grams"),
        migrations.RemoveField(model_name="publication", name="search_grams"),
        migrations.AlterField(
            model_name="publication",
            name="decision_number",
            field=models.CharField(max_length=80, verbose_name="decision document number"),
        ),
        migrations.AddConstraint(
            model_name="publication",
            constraint=models.UniqueConstraint(
                fields=("decision_number",), name="publication_decision_number_unique"
            ),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
