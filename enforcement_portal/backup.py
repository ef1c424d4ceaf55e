"""Backup and restore of the whole portal: the PostgreSQL database, the private media root
(evidence files and generated documents) and the exported audit-chain heads.

A backup is one directory::

    portal-20261122T130000Z/
        database.dump       pg_dump custom format, taken from one exported snapshot
        media.tar           MEDIA_ROOT (evidence/, documents/), taken after the dump
        audit-heads.jsonl   the exported chain heads, copied before the dump
        manifest.json       SHA-256 and size of each part, the chain head and counts in the dump

The order matters: heads are exported and copied first, so none is newer than the dumped
chain; media are archived after the dump, so every file the dump refers to is in the archive
(evidence files are never deleted). A restore checks the manifest before touching anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import environ
import psycopg
from django.conf import settings
from django.db import connection
from django.utils import timezone
from psycopg.conninfo import make_conninfo

from .audit_heads import HEADS_FILE, export_head, heads_path

DUMP, MEDIA, HEADS, MANIFEST = "database.dump", "media.tar", HEADS_FILE, "manifest.json"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


@dataclass(frozen=True)
class Target:
    """A PostgreSQL database given by its URL (libpq parameters for psycopg and pg_*)."""

    name: str
    user: str
    password: str
    host: str
    port: str

    @classmethod
    def from_url(cls, url: str) -> Target:
        config = environ.Env.db_url_config(url)
        if "postgresql" not in config["ENGINE"]:
            raise BackupError(f"Only PostgreSQL databases can be restored into, not {url!r}.")
        return cls.from_settings(config)

    @classmethod
    def from_settings(cls, config: dict) -> Target:
        return cls(
            name=str(config["NAME"]),
            user=str(config.get("USER") or ""),
            password=str(config.get("PASSWORD") or ""),
            host=str(config.get("HOST") or ""),
            port=str(config.get("PORT") or ""),
        )

    def connect(self, dbname: str | None = None):
        params = {"dbname": dbname or self.name}
        for key in ("user", "password", "host", "port"):
            if getattr(self, key):
                params[key] = getattr(self, key)
        return psycopg.connect(make_conninfo(**params))

    def env(self) -> dict[str, str]:
        """Environment for pg_dump / pg_restore; the password never appears on a command line."""
        values = {
            "PGDATABASE": self.name,
            "PGUSER": self.user,
            "PGPASSWORD": self.password,
            "PGHOST": self.host,
            "PGPORT": self.port,
        }
        return {**os.environ, **{k: v for k, v in values.items() if v}}

    def url(self) -> str:
        auth = quote(self.user, safe="") + (
            f":{quote(self.password, safe='')}" if self.password else ""
        )
        where = self.host + (f":{self.port}" if self.port else "")
        return f"postgres://{auth}{'@' if auth else ''}{where}/{self.name}"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _run(args: list[str | Path], env: dict[str, str]) -> None:
    # Fixed programs (pg_dump, pg_restore) with arguments built here, never a shell.
    try:
        result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(f"{args[0]} is not installed (PostgreSQL client tools).") from exc
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed ({result.returncode}): {result.stderr.strip()}")


# ---------------------------------------------------------------------------- backup

SNAPSHOT_FACTS = {
    "cases": "SELECT count(*) FROM workflows_case",
    "records": "SELECT count(*) FROM workflows_record",
    "evidence_files": "SELECT count(*) FROM workflows_record WHERE file <> ''",
    "audit_events": "SELECT count(*) FROM core_auditevent",
}


def backup(destination: Path) -> Path:
    """Write a backup directory under ``destination``; returns its path."""
    if connection.vendor != "postgresql":
        raise BackupError("Backups are taken from PostgreSQL only (set DATABASE_URL).")
    source = Target.from_settings(connection.settings_dict)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%fZ")
    folder = Path(destination) / f"portal-{stamp}"
    folder.mkdir(parents=True)
    try:
        _write_backup(folder, source)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # never leave a half backup that looks whole
        raise
    return folder


def _write_backup(folder: Path, source: Target) -> None:
    # 1. Heads first: none of them may be newer than the chain in the dump.
    export_head()
    if heads_path().is_file():
        shutil.copyfile(heads_path(), folder / HEADS)

    # 2. The dump, from a snapshot whose head and counts go into the manifest.
    facts = {}
    snapshot_conn = source.connect()
    try:
        snapshot_conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        snapshot_conn.read_only = True
        with snapshot_conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            for key, sql in SNAPSHOT_FACTS.items():
                cursor.execute(sql)
                facts[key] = cursor.fetchone()[0]
            cursor.execute("SELECT seq, hash FROM core_auditevent ORDER BY seq DESC LIMIT 1")
            head = cursor.fetchone()
            _run(
                ["pg_dump", "-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", folder / DUMP],
                source.env(),
            )
    finally:
        snapshot_conn.close()

    # 3. Media after the dump: every file the dump names is already on disk.
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / MEDIA, "w") as archive:
        if media_root.is_dir():
            archive.add(media_root, arcname="media")

    parts = {}
    for name in (DUMP, MEDIA, HEADS):
        if (folder / name).is_file():
            parts[name] = {
                "sha256": file_sha256(folder / name),
                "size": (folder / name).stat().st_size,
            }
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": source.name,
        "audit_head": {"seq": head[0], "hash": head[1]} if head else None,
        "counts": facts,
        "parts": parts,
    }
    (folder / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


# ---------------------------------------------------------------------------- restore


def read_manifest(folder: Path) -> dict:
    """The manifest, after checking every part's size and SHA-256; raises on any difference."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"No readable {MANIFEST} in {folder}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    problems = []
    for required in (DUMP, MEDIA):
        if required not in manifest.get("parts", {}):
            problems.append(f"{required} is not in the manifest")
    for name, expected in manifest.get("parts", {}).items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif path.stat().st_size != expected["size"] or file_sha256(path) != expected["sha256"]:
            problems.append(f"{name} does not match its SHA-256 in the manifest")
    if problems:
        raise BackupError("The backup is damaged: " + "; ".join(problems) + ".")
    return manifest


def _ensure_empty_database(target: Target) -> None:
    try:
        conn = target.connect()
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            raise BackupError(f"Cannot connect to {target.name}: {exc}") from exc
        try:
            admin = target.connect("postgres")
            admin.autocommit = True
            try:
                with admin.cursor() as cursor:
                    cursor.execute(f'CREATE DATABASE "{target.name}"')
            finally:
                admin.close()
        except psycopg.Error as create_exc:
            raise BackupError(
                f"Database {target.name} does not exist and cannot be created: {create_exc}"
            ) from create_exc
        return
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public'"
            )
            if cursor.fetchone()[0]:
                raise BackupError(
                    f"Database {target.name} is not empty; restore only into a fresh database."
                )
    finally:
        conn.close()


def _media_members(archive: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    for member in archive:
        if member.name == "media":
            continue
        if not member.name.startswith("media/"):
            raise BackupError(f"Unexpected entry {member.name!r} in {MEDIA}.")
        member.name = member.name.removeprefix("media/")
        yield member


def restore(
    folder: Path,
    *,
    database_url: str,
    media_root: Path,
    heads_dir: Path | None = None,
) -> dict:
    """Restore a backup into a fresh database and an empty media root; returns the manifest."""
    folder, media_root = Path(folder), Path(media_root)
    manifest = read_manifest(folder)
    target = Target.from_url(database_url)
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"The media root {media_root} is not empty.")
    heads_target = heads_path(heads_dir) if heads_dir else None
    if heads_target is not None and heads_target.exists():
        raise BackupError(
            f"{heads_target} already exists; move it aside (keep it) before restoring."
        )
    _ensure_empty_database(target)

    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--dbname",
            target.name,
            folder / DUMP,
        ],
        target.env(),
    )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA, "r") as archive:
        archive.extractall(media_root, members=_media_members(archive), filter="data")
    if heads_target is not None and (folder / HEADS).is_file():
        heads_target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / HEADS, heads_target)
    return manifest


def check_restored(
    manifest: dict, *, database_url: str, media_root: Path, heads_file: Path | None
) -> list[str]:
    """Problems found in a restored copy (empty when sound).

    The counts and the audit-chain head must equal the manifest's; ``verify_audit`` (against the backup's heads) and
    ``verify_evidence --check-only`` run in subprocesses against the restored database.
    """
    target = Target.from_url(database_url)
    problems = []
    conn = target.connect()
    try:
        with conn.cursor() as cursor:
            for key, sql in SNAPSHOT_FACTS.items():
                cursor.execute(sql)
                found = cursor.fetchone()[0]
                if found != manifest["counts"][key]:
                    problems.append(f"{key}: {found} restored, {manifest['counts'][key]} backed up")
            cursor.execute("SELECT seq, hash FROM core_auditevent ORDER BY seq DESC LIMIT 1")
            head = cursor.fetchone()
            expected = manifest.get("audit_head")
            if (list(head) if head else None) != (
                [expected["seq"], expected["hash"]] if expected else None
            ):
                problems.append(f"audit chain head: {head} restored, {expected} backed up")
    finally:
        conn.close()
    env = {
        **os.environ,
        "DATABASE_URL": target.url(),
        "MEDIA_ROOT": str(media_root),
        "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "enforcement_portal.settings.local"
        ),
    }
    audit_args = ["verify_audit"]
    if heads_file is not None:
        audit_args += ["--heads", str(heads_file), "--require-heads"]
    for args in (audit_args, ["verify_evidence", "--check-only"]):
        result = subprocess.run(  # noqa: S603 - this interpreter and manage.py, no shell
            [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=3600,
        )
        if result.returncode != 0:
            problems.append(f"{args[0]}: {(result.stderr or result.stdout).strip()}")
    return problems
