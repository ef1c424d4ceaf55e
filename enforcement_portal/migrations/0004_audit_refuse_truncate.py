"""On PostgreSQL the audit table refuses TRUNCATE too (a row trigger never sees it).

Without this a TRUNCATE, or a TRUNCATE followed by re-inserting a shorter chain, removed
events without a trace inside the database; the exported heads are the check outside it.

The test suite switches this one trigger off in its test database right after creating it
(``django_db_setup`` in tests/conftest.py), because Django's transactional and live-server
tests empty the database with TRUNCATE; tests/core/test_audit.py switches it on again inside
its own transaction to check it.
"""

from django.db import migrations

TRIGGER = "core_auditevent_no_truncate"

GUARD_SQL = f"""
DROP TRIGGER IF EXISTS {TRIGGER} ON core_auditevent;
CREATE TRIGGER {TRIGGER}
    BEFORE TRUNCATE ON core_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_refuse_change();
"""

UNGUARD_SQL = f"DROP TRIGGER IF EXISTS {TRIGGER} ON core_auditevent;"


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD_SQL)


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD_SQL)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_roles_and_audit_guard")]

    operations = [migrations.RunPython(guard, unguard, elidable=False)]
