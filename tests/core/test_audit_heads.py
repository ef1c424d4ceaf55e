"""The audit chain head exported outside the database, and verify_audit's check against it:
a consistently rewritten chain and a truncated tail are both caught."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from enforcement_portal.audit import audit_append, verify_chain
from enforcement_portal.audit_heads import export_head, heads_path
from enforcement_portal.models import AuditEvent
from enforcement_portal.tasks import export_audit_head, verify_audit_chain

pytestmark = pytest.mark.django_db


def _append(n, start=0):
    return [audit_append(action="test.event", changes={"i": start + i}) for i in range(n)]


def _heads():
    return [json.loads(line) for line in heads_path().read_text().splitlines()]


def _as_owner(*statements):
    """What a database owner could do: switch the append-only guard off, write, switch it on."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")
        for sql, params in statements:
            cursor.execute(sql, params)
        cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")


def _rewrite_whole_chain(change_seq: int, new_changes: dict) -> None:
    """Alter one event and recompute every hash after it, so the chain itself stays valid."""
    fields = (*AuditEvent.HASHED_FIELDS, "id")
    rows = list(AuditEvent.objects.order_by("seq").values(*fields))
    prev, statements = "0" * 64, []
    for row in rows:
        if row["seq"] == change_seq:
            row["changes"] = new_changes
        digest = AuditEvent.compute_hash(prev, AuditEvent.payload_of(row))
        statements.append(
            (
                "UPDATE core_auditevent SET changes = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [json.dumps(row["changes"]), prev, digest, row["id"]],
            )
        )
        prev = digest
    _as_owner(*statements)


def test_export_appends_the_head_once_per_change(settings, tmp_path):
    assert export_head()["exported"] is False  # an empty chain exports nothing
    assert not heads_path().exists()
    events = _append(3)
    result = export_audit_head()  # the beat task
    assert result["exported"] is True and result["seq"] == 3
    assert export_head()["exported"] is False  # unchanged head: no duplicate line
    _append(2, start=3)
    call_command("export_audit_head")
    heads = _heads()
    assert [(h["seq"], h["hash"]) for h in heads] == [
        (3, events[2].hash),
        (5, AuditEvent.objects.get(seq=5).hash),
    ]
    assert all(h["exported_at"] and h["event_at"] for h in heads)
    # Outside the database and outside the media root.
    assert heads_path().parent == tmp_path / "audit-heads"
    assert settings.MEDIA_ROOT not in heads_path().parents


def test_verify_audit_checks_the_exported_heads(capsys):
    _append(4)
    export_head()
    _append(2, start=4)
    export_head()
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "intact: 6 events" in out and "2 heads checked" in out


def test_a_consistently_rewritten_chain_is_caught_by_the_export(require_postgres):
    _append(5)
    export_head()
    _append(2, start=5)
    _rewrite_whole_chain(2, {"i": 99, "forged": True})
    # The chain alone cannot tell: every link and hash agrees.
    assert list(verify_chain())[-1] == 7
    assert AuditEvent.objects.get(seq=2).changes == {"i": 99, "forged": True}
    with pytest.raises(CommandError, match=r"line 1\): the hash of seq=5 differs .* rewritten"):
        call_command("verify_audit")
    result = verify_audit_chain()
    assert result["ok"] is False and result["broken_seq"] == 5
    assert "rewritten" in result["reason"]


def test_a_truncated_tail_is_caught_by_the_export(require_postgres):
    events = _append(6)
    export_head()
    _as_owner(
        ("DELETE FROM core_auditevent WHERE seq > %s", [4]),
    )
    assert list(verify_chain())[-1] == 4  # what is left still chains
    with pytest.raises(CommandError, match=r"chain ends at seq=4 but seq=6 was exported"):
        call_command("verify_audit")
    assert verify_audit_chain()["broken_seq"] == 6
    assert events[5].hash in heads_path().read_text()


def test_one_altered_row_is_still_named_first(require_postgres):
    events = _append(4)
    export_head()
    _as_owner(("UPDATE core_auditevent SET action = 'forged' WHERE id = %s", [events[1].pk]))
    with pytest.raises(CommandError, match=r"seq=2 .*content does not match"):
        call_command("verify_audit")


def test_missing_or_unreadable_heads_file(capsys, tmp_path):
    _append(2)
    call_command("verify_audit")
    assert "checked the chain only" in capsys.readouterr().err
    with pytest.raises(CommandError, match="No exported audit heads"):
        call_command("verify_audit", "--require-heads")
    export_head()
    with heads_path().open("a") as handle:
        handle.write("not json\n")
    with pytest.raises(CommandError, match=r"line 2\): the export file has an unreadable line"):
        call_command("verify_audit")
    other = tmp_path / "elsewhere.jsonl"
    other.write_text(heads_path().read_text().splitlines()[0] + "\n")
    call_command("verify_audit", "--heads", str(other))
    assert "1 heads checked" in capsys.readouterr().out


def test_a_heads_directory_inside_the_media_root_is_refused(settings):
    from django.core.checks import run_checks

    assert not [m for m in run_checks() if m.id == "core.E101"]
    settings.AUDIT_HEAD_EXPORT_DIR = settings.MEDIA_ROOT / "audit-heads"
    assert [m.id for m in run_checks() if m.id == "core.E101"] == ["core.E101"]
