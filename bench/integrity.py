"""Benchmark: evidence re-verification, the audit check with exported heads, backup and restore.

    python -m bench integrity --files 2000 --size-kb 512 --events 100000
    python -m bench integrity --files 20 --size-kb 16 --events 300      # tiny (CI)

Makes a fresh PostgreSQL database (BENCH_DATABASE_URL, default portal_bench_integrity; dropped
and created again on every run) and a fresh working directory (media root, heads directory,
backups). Fills it with one case holding ``--files`` evidence files of ``--size-kb`` random
bytes each, and ``--events`` audit events (through ``audit_append``), exporting the chain head
every ``--export-every`` events. Then reports:
  1. ``evidence_verify``: files and MB per second, and the peak of Python memory (tracemalloc)
     against the bytes hashed, which shows the job's memory does not grow with the data;
  2. ``verify_audit`` (chain walk + exported heads check): events per second;
  3. ``backup`` and ``restore`` (with its verification) into ``<database>_restored``.
Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/portal_bench_integrity"


def _recreate(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    admin = psycopg.connect(base + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def _drop(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    admin = psycopg.connect(base + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _setup_django(url: str, work: Path) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["MEDIA_ROOT"] = str(work / "media")
    os.environ["AUDIT_HEAD_EXPORT_DIR"] = str(work / "audit-heads")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement_portal.settings.local")
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def fill(files: int, size_kb: int, events: int, export_every: int) -> dict:
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from enforcement_portal.audit import audit_append
    from enforcement_portal.audit_heads import export_head
    from tests.workflows.factories import case_officer, open_case, penalty_power
    from workflows.models import Record

    call_command("migrate", verbosity=0)
    power = penalty_power()
    user = case_officer(power.agency)
    case = open_case(power, user=user)
    head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
    started = time.perf_counter()
    for i in range(files):
        data = head + os.urandom(size_kb * 1024 - len(head))
        record = Record(
            case=case,
            node=case.current_node,
            kind=Record.Kind.PHOTO,
            title=f"基准照片{i}",
            recorded_at=timezone.now(),
            place="现场",
            signature=Record.Signature.NOT_APPLICABLE,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            content_type="image/jpeg",
            created_by=user,
        )
        record.file.save("evidence", ContentFile(data), save=False)
        record.save()
    files_seconds = time.perf_counter() - started
    started = time.perf_counter()
    done = 0
    while done < events:
        step = min(export_every, events - done)
        with transaction.atomic():
            for i in range(step):
                audit_append(action="bench.event", changes={"i": done + i, "名称": "基准"})
        done += step
        export_head()
    events_seconds = time.perf_counter() - started
    return {"fill_files_s": files_seconds, "append_events_s": events_seconds}


def measure(work: Path, url: str, restore: bool) -> dict:
    from django.core.management import call_command

    from enforcement_portal.backup import backup
    from enforcement_portal.models import AuditEvent
    from workflows.integrity import evidence_verify
    from workflows.models import Record

    files = Record.objects.exclude(file="").count()
    total_bytes = sum(Record.objects.exclude(file="").values_list("size", flat=True))
    events = AuditEvent.objects.count()
    results: dict = {"files": files, "bytes": total_bytes, "events": events}

    tracemalloc.start()
    started = time.perf_counter()
    summary = evidence_verify()
    results["evidence_verify_s"] = time.perf_counter() - started
    results["evidence_verify_peak_bytes"] = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    if summary.checked != files or summary.counts["ok"] != files:
        raise RuntimeError(f"evidence_verify found problems: {summary.as_dict()}")

    started = time.perf_counter()
    call_command("verify_audit", stdout=io.StringIO())
    results["verify_audit_s"] = time.perf_counter() - started
    results["heads"] = sum(1 for _ in (work / "audit-heads" / "audit-heads.jsonl").open())

    started = time.perf_counter()
    folder = backup(work / "backups")
    results["backup_s"] = time.perf_counter() - started
    results["backup_bytes"] = sum(p.stat().st_size for p in folder.iterdir())
    if restore:
        target = url + "_restored"
        _drop(target)
        started = time.perf_counter()
        call_command(
            "restore",
            str(folder),
            "--database-url",
            target,
            "--media-root",
            str(work / "restored-media"),
            "--heads-dir",
            str(work / "restored-heads"),
            stdout=io.StringIO(),
        )
        results["restore_and_verify_s"] = time.perf_counter() - started
        _drop(target)
    return results


def report(r: dict) -> str:
    mb = r["bytes"] / 1048576
    lines = [
        f"data: {r['files']:,} evidence files ({mb:,.1f} MB), {r['events']:,} audit events, "
        f"{r['heads']:,} exported heads",
        f"evidence_verify: {r['evidence_verify_s']:.2f} s = {r['files'] / r['evidence_verify_s']:,.0f}"
        f" files/s, {mb / r['evidence_verify_s']:,.1f} MB/s; peak Python memory "
        f"{r['evidence_verify_peak_bytes'] / 1048576:.1f} MB for {mb:,.1f} MB hashed",
        f"verify_audit (chain + heads): {r['verify_audit_s']:.2f} s = "
        f"{r['events'] / r['verify_audit_s']:,.0f} events/s",
        f"backup: {r['backup_s']:.2f} s, {r['backup_bytes'] / 1048576:,.1f} MB written",
    ]
    if "restore_and_verify_s" in r:
        lines.append(f"restore + verification: {r['restore_and_verify_s']:.2f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--size-kb", type=int, default=256)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--export-every", type=int, default=1000)
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--workdir", type=Path, help="default: a new temporary directory")
    parser.add_argument("--no-restore", action="store_true", help="skip the restore step")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-integrity-"))
    work.mkdir(parents=True, exist_ok=True)
    _recreate(args.database)
    _setup_django(args.database, work)
    results = fill(args.files, args.size_kb, args.events, args.export_every)
    results.update(measure(work, args.database, restore=not args.no_restore))
    print(report(results))
    sys.stdout.flush()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=2)
    from django.db import connections

    connections.close_all()
    _drop(args.database)
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
