"""On PostgreSQL, a GIN index over each publication's CJK grams (see enforcement_portal.textsearch).

The expression must match the one the selector queries: string_to_array(search_grams, ' ').
SQLite has no GIN; it searches by substring.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS pub_search_grams_gin ON disclosure_publication "
    "USING gin (string_to_array(search_grams, ' '))"
)
DROP = "DROP INDEX IF EXISTS pub_search_grams_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0002_publications")]
    operations = [migrations.RunPython(forwards, backwards)]
