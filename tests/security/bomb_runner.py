"""One import of one file in a fresh process, printing what it cost (test_decompression_bomb).

Run as ``python -m tests.security.bomb_runner '<json>'`` from the repository root with
DATABASE_URL naming the test database. The baseline is the process's resident size after Django and
openpyxl are loaded; the import's cost is its peak resident size during the import minus that.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise LookupError(field)


def reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (Linux 4.0+), so the peak after is the import's own."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


def peak_kb() -> int:
    try:
        return _status_kb("VmHWM")
    except (OSError, LookupError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux


def rss_kb() -> int:
    try:
        return _status_kb("VmRSS")
    except (OSError, LookupError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    spec = json.loads(sys.argv[1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement_portal.settings.test")
    import django

    django.setup()
    import openpyxl.reader.excel  # noqa: F401  (part of the baseline, like a warm worker)
    from django.conf import settings
    from django.core.files import File
    from django.utils import translation

    from discretion.models import DiscretionStandard, PenaltyBand
    from discretion.spreadsheet import import_standards
    from enforcement_portal.models import AuditEvent, User
    from powers.import_jobs import import_job_run
    from powers.models import FilingBatch, ImportJob, Power, PowerVersion

    settings.MEDIA_ROOT = spec["media"]

    def counts() -> list[int]:
        models = (Power, PowerVersion, FilingBatch, DiscretionStandard, PenaltyBand, AuditEvent)
        return [m.objects.count() for m in models]

    job = None
    if spec["importer"] == "powers":
        # The stored upload, as the import page leaves it for the worker.
        job = ImportJob(agency_id=spec["agency"], filename=spec["filename"])
        with open(spec["path"], "rb") as handle:
            job.file.save(spec["filename"], File(handle), save=False)
        job.save()
    before = counts()
    # Baseline: the resident size now; with the peak mark reset, the peak after the import is
    # what the import itself reached (else the process's lifetime peak, an upper bound).
    baseline = rss_kb() if reset_peak() else peak_kb()
    started = time.perf_counter()
    with translation.override("zh-hans"):
        if job is not None:
            job = import_job_run(job_id=job.pk)
            messages = [e["text"] for e in job.errors]
            stored = len(json.dumps(job.errors, ensure_ascii=False))
            status = job.status
        else:
            user = User.objects.get(pk=spec["user"])
            with open(spec["path"], "rb") as handle:
                result = import_standards(upload=File(handle, name=spec["filename"]), user=user)
            messages = [str(e) for e in result.errors]
            stored = len(json.dumps(messages, ensure_ascii=False))
            status = "failed" if result.errors else "succeeded"
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "messages": messages,
                "status": status,
                "stored_chars": stored,
                "seconds": seconds,
                "baseline_mb": baseline / 1024,
                "peak_mb": peak_kb() / 1024,
                "growth_mb": (peak_kb() - baseline) / 1024,
                "written": [a - b for a, b in zip(counts(), before, strict=True)],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
