"""The audit chain head exported outside the database, and verify_audit's check against it:
a consistently rewritten chain and a truncated tail are both caught."""

import json
import socket

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from enforcement_portal import audit_bucket
from enforcement_portal.audit import audit_append, verify_chain
from enforcement_portal.audit_heads import export_head, export_heads, heads_path
from enforcement_portal.models import AuditEvent
from enforcement_portal.tasks import export_audit_head, verify_audit_chain

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_english")]


@pytest.fixture
def _english():
    """The reasons are translated (zh-hans by default); these tests read the English ones,
    and ``test_a_shortened_chain_is_reported_in_chinese`` the Chinese."""
    with translation.override("en"):
        yield


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
    with pytest.raises(
        CommandError,
        match=r"line 1\): the audit chain was shortened: it now ends at seq=4, but seq=6 was "
        r"exported at .*, so 2 events were removed from its end\.$",
    ):
        call_command("verify_audit")
    assert verify_audit_chain()["broken_seq"] == 6
    assert events[5].hash in heads_path().read_text()


def test_a_shortened_chain_is_reported_in_chinese(require_postgres):
    _append(5)
    export_head()
    _as_owner(("DELETE FROM core_auditevent WHERE seq > %s", [2]))
    with translation.override("zh-hans"), pytest.raises(CommandError) as caught:
        call_command("verify_audit")
    message = str(caught.value)
    assert "审计链与导出的链头不符" in message
    assert "审计链被截短：现在止于 seq=2" in message
    assert "已有 seq=5" in message and "末尾有 3 条事件被删除" in message


def test_the_head_export_is_on_the_beat_schedule(settings):
    from enforcement_portal.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["export-audit-head"]
    assert entry["task"] == export_audit_head.name == "core.export_audit_head"
    assert entry["task"] in app.tasks
    assert 0 < entry["schedule"] <= 24 * 3600
    assert settings.CELERY_BEAT_SCHEDULE["verify-audit-chain"]["task"] == verify_audit_chain.name


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


# ---------------------------------------------------------------------------- the bucket
# A real S3-compatible HTTP server (moto's), reached over HTTP by boto3 like any other store.


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, request):
    settings.AUDIT_HEAD_S3_ENDPOINT_URL = s3_server
    settings.AUDIT_HEAD_S3_BUCKET = f"heads-{request.node.name[:30].replace('_', '-')}".lower()
    settings.AUDIT_HEAD_S3_PREFIX = "portal/audit-heads/"
    settings.AUDIT_HEAD_S3_ACCESS_KEY_ID = "testing"
    settings.AUDIT_HEAD_S3_SECRET_ACCESS_KEY = "testing"
    settings.AUDIT_HEAD_S3_REGION = "us-east-1"
    client = audit_bucket._client()
    client.create_bucket(Bucket=settings.AUDIT_HEAD_S3_BUCKET)
    return client


def _bucket_objects(client, settings):
    listing = client.list_objects_v2(Bucket=settings.AUDIT_HEAD_S3_BUCKET)
    return [
        json.loads(
            client.get_object(Bucket=settings.AUDIT_HEAD_S3_BUCKET, Key=o["Key"])["Body"].read()
        )
        for o in listing.get("Contents", [])
    ]


def test_the_export_puts_each_new_head_in_the_bucket_newest_first(bucket, settings):
    assert export_heads()["bucket"] is None  # empty chain: nothing anywhere
    _append(3)
    first = export_audit_head()  # the beat task
    assert first["exported"] is True and first["bucket"]["exported"] is True
    assert first["bucket"]["location"].startswith(
        f"s3://{settings.AUDIT_HEAD_S3_BUCKET}/portal/audit-heads/"
    )
    assert export_heads()["bucket"]["exported"] is False  # unchanged: no second object
    _append(2, start=3)
    call_command("export_audit_head")
    objects = _bucket_objects(bucket, settings)
    # Keys count down, so the listing's first object is the newest export.
    assert [(o["seq"], o["hash"]) for o in objects] == [
        (5, AuditEvent.objects.get(seq=5).hash),
        (3, AuditEvent.objects.get(seq=3).hash),
    ]
    assert all(o["exported_at"] and o["event_at"] for o in objects)
    assert audit_bucket.latest_head().seq == 5
    # The file got the same heads.
    assert [h["seq"] for h in _heads()] == [3, 5]


def test_verify_audit_checks_the_bucket(bucket, capsys):
    _append(4)
    export_heads()
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "Latest head in the bucket matches: seq=4" in out
    assert verify_audit_chain()["ok"] is True


def test_a_shortened_chain_is_caught_by_the_bucket_without_the_file(bucket, require_postgres):
    """Whoever cut the chain also deleted the export file; the bucket still holds the head."""
    _append(6)
    export_heads()
    _as_owner(("DELETE FROM core_auditevent WHERE seq > %s", [3]))
    heads_path().unlink()
    with pytest.raises(
        CommandError,
        match=r"\(s3://heads-.*/portal/audit-heads/\d{13}-.*\.json\): the audit chain was "
        r"shortened: it now ends at seq=3, but seq=6 was exported at .*, so 3 events were "
        r"removed from its end",
    ):
        call_command("verify_audit")
    result = verify_audit_chain()
    assert result["ok"] is False and result["broken_seq"] == 6
    assert "shortened" in result["reason"]


def test_a_rewritten_chain_is_caught_by_the_bucket(bucket, require_postgres):
    _append(4)
    export_heads()
    heads_path().unlink()
    _rewrite_whole_chain(2, {"forged": True})
    with pytest.raises(CommandError, match=r"the hash of seq=4 differs .* rewritten"):
        call_command("verify_audit")


def test_an_unreachable_or_empty_bucket(bucket, settings, capsys):
    _append(2)
    export_head()  # the file only
    call_command("verify_audit")
    assert "No exported audit heads in s3://" in capsys.readouterr().err
    with pytest.raises(CommandError, match="No exported audit heads in s3://"):
        call_command("verify_audit", "--require-heads")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings.AUDIT_HEAD_S3_ENDPOINT_URL = f"http://127.0.0.1:{closed}"
    with pytest.raises(CommandError, match="heads in the bucket could not be read"):
        call_command("verify_audit")
    assert verify_audit_chain()["ok"] is False
    # The export still writes the file before the bucket fails, and the failure is raised.
    _append(1, start=2)
    with pytest.raises(audit_bucket.BucketError):
        export_heads()
    # (verify_audit_chain appended its own audit.verified event: the head is seq 4.)
    assert _heads()[-1]["seq"] == AuditEvent.objects.order_by("-seq").first().seq == 4
