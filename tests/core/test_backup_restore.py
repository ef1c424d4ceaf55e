"""Backup and restore: a backup of cases with evidence files, restored into a fresh database
and a fresh media root, has every case, every evidence file matching its stored hash and an
intact audit chain that matches the exported heads. A damaged backup is refused untouched."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from enforcement_portal.audit_heads import export_head
from enforcement_portal.backup import backup, check_restored
from enforcement_portal.models import AuditEvent
from tests.workflows.factories import add_record, case_officer, open_case, penalty_power
from workflows.models import Case, Record

ROOT = Path(__file__).resolve().parents[2]
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
MP4 = b"\x00\x00\x00\x18ftypmp42"

pytestmark = pytest.mark.django_db(transaction=True)


def _db():
    db = connection.settings_dict
    return {k: db[k.upper()] for k in ("user", "password", "host", "port") if db[k.upper()]}


def _url(name):
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{name}"


def _drop(name):
    admin = psycopg.connect(dbname="postgres", **_db())
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _exists(name):
    admin = psycopg.connect(dbname="postgres", **_db())
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        found = cursor.fetchone() is not None
    admin.close()
    return found


@pytest.fixture
def restored_name(require_postgres):
    name = f"{connection.settings_dict['NAME']}_restored"
    _drop(name)
    yield name
    _drop(name)


def _cases_with_evidence():
    cases = []
    for n in range(2):
        power = penalty_power()
        user = case_officer(power.agency)
        case = open_case(power, user=user, title=f"销售过期食品案{n}")
        add_record(case, user, title="现场检查笔录")
        for i, (kind, head) in enumerate([("photo", JPEG), ("video", MP4), ("photo", JPEG)]):
            add_record(
                case,
                user,
                kind=kind,
                title=f"证据{n}-{i}",
                content="",
                upload=SimpleUploadedFile("f", head + os.urandom(2000 + i)),
            )
        cases.append(case)
    return cases


def test_a_backup_restores_into_a_fresh_database_and_media_root(restored_name, tmp_path):
    _cases_with_evidence()
    export_head()
    folder = backup(tmp_path / "backups")
    assert sorted(p.name for p in folder.iterdir()) == [
        "audit-heads.jsonl",
        "database.dump",
        "manifest.json",
        "media.tar",
    ]
    numbers = set(Case.objects.values_list("number", flat=True))
    hashes = dict(Record.objects.exclude(file="").values_list("pk", "sha256"))
    events = AuditEvent.objects.count()
    assert len(numbers) == 2 and len(hashes) == 6
    day_counts_sql = (
        "SELECT agency_id, day, filed, active, due FROM oversight_agencyday "
        "WHERE filed <> 0 OR active <> 0 OR due <> 0 ORDER BY agency_id, day"
    )
    with connection.cursor() as cursor:
        cursor.execute(day_counts_sql)
        day_counts = [tuple(row) for row in cursor.fetchall()]
    assert sum(row[2] for row in day_counts) == 2

    media, heads = tmp_path / "restored-media", tmp_path / "restored-heads"
    call_command(
        "restore",
        str(folder),
        "--database-url",
        _url(restored_name),
        "--media-root",
        str(media),
        "--heads-dir",
        str(heads),
    )

    # Checked here independently of the command's own checks.
    restored = psycopg.connect(dbname=restored_name, **_db())
    with restored.cursor() as cursor:
        cursor.execute("SELECT number FROM workflows_case")
        assert {row[0] for row in cursor.fetchall()} == numbers
        cursor.execute("SELECT id, file, sha256 FROM workflows_record WHERE file <> ''")
        files = cursor.fetchall()
        cursor.execute("SELECT count(*) FROM core_auditevent")
        assert cursor.fetchone()[0] == events
        # The dashboard's trigger-kept day counts come back as they were, not counted twice:
        # pg_restore creates triggers after loading the data (pg_dump's post-data section).
        cursor.execute(day_counts_sql)
        assert cursor.fetchall() == day_counts
    restored.close()
    assert {pk: digest for pk, _name, digest in files} == hashes
    for _pk, name, digest in files:
        assert hashlib.sha256((media / name).read_bytes()).hexdigest() == digest

    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "verify_audit",
            "--require-heads",
            "--heads",
            str(heads / "audit-heads.jsonl"),
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": _url(restored_name),
            "DJANGO_SETTINGS_MODULE": "enforcement_portal.settings.test",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert f"intact: {events} events" in result.stdout and "heads checked" in result.stdout

    # The restore's own verification would have caught a damaged evidence file.
    _pk, name, _digest = files[0]
    (media / name).write_bytes(b"not the original")
    manifest = json.loads((folder / "manifest.json").read_text())
    problems = check_restored(
        manifest,
        database_url=_url(restored_name),
        media_root=media,
        heads_file=heads / "audit-heads.jsonl",
    )
    assert len(problems) == 1 and problems[0].startswith("verify_evidence:")
    assert "1 do not match their hash" in problems[0]


def test_a_damaged_backup_or_a_used_target_is_refused_untouched(restored_name, tmp_path):
    _cases_with_evidence()
    folder = backup(tmp_path / "backups")
    media = tmp_path / "restored-media"

    # Into a database that already holds data (the live one): refused.
    with pytest.raises(CommandError, match="is not empty"):
        call_command(
            "restore",
            str(folder),
            "--database-url",
            _url(connection.settings_dict["NAME"]),
            "--media-root",
            str(media),
        )
    assert not media.exists()

    # One byte of the media archive changed: refused before anything is written.
    tar = folder / "media.tar"
    data = bytearray(tar.read_bytes())
    data[-20000] ^= 0xFF
    tar.write_bytes(bytes(data))
    with pytest.raises(CommandError, match=r"damaged: media.tar does not match its SHA-256"):
        call_command(
            "restore",
            str(folder),
            "--database-url",
            _url(restored_name),
            "--media-root",
            str(media),
        )
    assert not _exists(restored_name)
    assert not media.exists()


def test_a_failed_backup_leaves_nothing_behind(require_postgres, tmp_path, monkeypatch):
    _cases_with_evidence()
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))  # no pg_dump to be found
    with pytest.raises(CommandError, match="pg_dump is not installed"):
        call_command("backup", str(tmp_path / "backups"))
    assert list((tmp_path / "backups").iterdir()) == []
