"""Store publication grams as text[] on PostgreSQL and index the column itself with GIN.

Splitting a space-separated string per row at query time cost about 15 µs a row on the
newest-first index walk; the array needs no splitting. SQLite keeps the text column.
"""

from django.db import migrations

import enforcement_portal.textsearch

TO_ARRAY = """
DROP INDEX IF EXISTS pub_search_grams_gin;
ALTER TABLE disclosure_publication
    ALTER COLUMN search_grams TYPE text[] USING string_to_array(search_grams, ' ');
CREATE INDEX pub_search_grams_gin ON disclosure_publication USING gin (search_grams);
"""

TO_TEXT = """
DROP INDEX IF EXISTS pub_search_grams_gin;
ALTER TABLE disclosure_publication
    ALTER COLUMN search_grams TYPE text USING array_to_string(search_grams, ' ');
CREATE INDEX pub_search_grams_gin ON disclosure_publication
    USING gin (string_to_array(search_grams, ' '));
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TO_ARRAY)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TO_TEXT)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0003_publication_grams_gin")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="publication",
                    name="search_grams",
                    field=enforcement_portal.textsearch.GramsField(
                        blank=True, default="", editable=False
                    ),
                )
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        )
    ]
