"""The hash-chained, append-only audit trail and `manage.py verify_audit`."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction

from enforcement_portal.audit import GENESIS_HASH, audit_append, audit_history, verify_chain
from enforcement_portal.context import current_actor, current_request_id
from enforcement_portal.models import AuditEvent
from tests.factories import OfficerFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]


def _append_many(n, **kwargs):
    return [
        audit_append(action="test.event", changes={"i": i, "名称": "测试"}, **kwargs)
        for i in range(n)
    ]


@pytest.mark.django_db
def test_events_chain_by_hash_and_sequence():
    officer = OfficerFactory()
    events = _append_many(3, obj=officer)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    assert events[1].prev_hash == events[0].hash and events[2].prev_hash == events[1].hash
    assert len({e.hash for e in events}) == 3
    assert events[0].object_type == "powers.officer" and events[0].object_id == str(officer.pk)
    assert events[0].agency_id == officer.agency_id
    assert list(audit_history(officer)) == events
    assert list(verify_chain())[-1] == 3


@pytest.mark.django_db
def test_actor_and_request_id_come_from_the_request_context(make_user, agency):
    user = make_user("agency_filer", agency=agency)
    t1, t2 = current_actor.set(user), current_request_id.set("req-abcdef123")
    try:
        event = audit_append(action="test.context")
    finally:
        current_actor.reset(t1)
        current_request_id.reset(t2)
    event.refresh_from_db()
    assert (event.actor_id, event.actor_name) == (user.pk, str(user))
    assert event.role == "agency_filer" and event.agency_id == agency.pk
    assert event.request_id == "req-abcdef123"


@pytest.mark.django_db
def test_the_orm_refuses_to_update_or_delete_events():
    event = audit_append(action="test.event")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    event.action = "forged"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


@pytest.mark.django_db
def test_postgresql_trigger_refuses_update_and_delete_by_sql(require_postgres):
    event = audit_append(action="test.event")
    for sql in (
        "UPDATE core_auditevent SET action = 'forged' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


@pytest.mark.django_db
def test_postgresql_trigger_refuses_truncate(require_postgres):
    """A row trigger never sees TRUNCATE; a statement trigger refuses it (security finding 6).

    The test database has this trigger switched off (tests/conftest.py, so that the
    transactional tests can empty it); the migration installed it, and switched on again
    within this test's transaction it refuses.
    """
    from tests.conftest import AUDIT_TRUNCATE_TRIGGER

    def state():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t.tgenabled, t.tgtype, p.proname FROM pg_trigger t "
                "JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE t.tgrelid = 'core_auditevent'::regclass AND t.tgname = %s",
                [AUDIT_TRUNCATE_TRIGGER],
            )
            return cursor.fetchone()

    enabled, tgtype, function = state()
    # TRIGGER_TYPE_TRUNCATE is bit 5 and TRIGGER_TYPE_BEFORE bit 1 (pg_trigger.h); no ROW bit.
    assert tgtype & 32 and tgtype & 2 and not tgtype & 1
    assert function == "core_auditevent_refuse_change"
    assert enabled == "D"  # the test-only switch
    event = audit_append(action="test.event")
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE core_auditevent ENABLE TRIGGER {AUDIT_TRUNCATE_TRIGGER}")
    assert state()[0] == "O"
    for sql in ("TRUNCATE core_auditevent", "TRUNCATE core_auditevent RESTART IDENTITY CASCADE"):
        with (
            pytest.raises(DatabaseError, match="append-only: TRUNCATE refused"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    # The test's transaction rolls the ENABLE back with everything else.


def _tamper(sql, params):
    """What a database owner could do: switch the guard off, change a row, switch it on."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only"
            )
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")


@pytest.mark.django_db
def test_verify_audit_passes_on_an_intact_chain(capsys):
    _append_many(5)
    call_command("verify_audit")
    assert "intact: 5 events" in capsys.readouterr().out


@pytest.mark.django_db
def test_an_altered_row_is_named(capsys):
    events = _append_many(5)
    _tamper("UPDATE core_auditevent SET changes = %s WHERE id = %s", ['{"i": 99}', events[2].pk])
    with pytest.raises(CommandError, match=r"seq=3 .*content does not match"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_the_break_message_counts_the_intact_events_before_it():
    """It said "0 events before it are intact" for a break deep in the first range."""
    events = _append_many(8)
    _tamper("UPDATE core_auditevent SET changes = %s WHERE id = %s", ['{"i": 99}', events[6].pk])
    with pytest.raises(CommandError, match=r"seq=7 .*The 6 events before it are intact\."):
        call_command("verify_audit", workers=1)


@pytest.mark.django_db
def test_a_deleted_row_is_detected_at_the_next_one():
    events = _append_many(5)
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError, match=r"seq=3 .*expected sequence 2"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_a_row_inserted_out_of_order_is_detected():
    events = _append_many(3)
    # A forged event that links to event 1 instead of the head, as a forked chain would.
    forged = AuditEvent(
        seq=4,
        created_at=events[2].created_at,
        action="forged",
        prev_hash=events[0].hash,
        hash="f" * 64,
    )
    forged.save(force_insert=True)
    with pytest.raises(CommandError, match=r"seq=4 .*link to the previous event"):
        call_command("verify_audit")


@pytest.mark.django_db(transaction=True)
def test_verify_audit_exits_1_from_the_command_line(require_postgres):
    events = _append_many(4)
    _tamper("UPDATE core_auditevent SET action = 'forged' WHERE id = %s", [events[1].pk])
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DJANGO_SETTINGS_MODULE": "enforcement_portal.settings.test",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "verify_audit"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert f"seq=2 (id={events[1].pk})" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_never_fork_the_chain(require_postgres):
    user = UserFactory()
    threads, errors, per_thread = 8, [], 15
    barrier = threading.Barrier(threads)

    def worker(n):
        try:
            barrier.wait()
            for i in range(per_thread):
                with transaction.atomic():
                    audit_append(action="test.concurrent", actor=user, changes={"t": n, "i": i})
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert errors == []
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, threads * per_thread + 1))
    assert list(verify_chain())[-1] == threads * per_thread
