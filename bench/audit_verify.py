"""verify_audit over the whole audit trail: time and the process's peak memory.

Constant memory means the peak RSS is about the same at 50,000 events as at 5,000,000:
the chain is read through a server-side cursor in chunks and only the previous hash is kept.
"""

from __future__ import annotations

import resource
import sys

from bench.results import add_contract_arguments, percentiles, row, timed, write

TARGET_MS = 60_000


def add_arguments(parser) -> None:
    add_contract_arguments(parser, runs=1)
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="verify_chain's processes (default: AUDIT_VERIFY_WORKERS, else the CPU count)",
    )


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak RSS of this process, or (RUSAGE_CHILDREN) of the largest worker it waited for."""
    peak = resource.getrusage(who).ru_maxrss  # KiB on Linux
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run(args) -> int:
    from enforcement_portal.audit import ChainBreak, verify_chain, verify_workers
    from enforcement_portal.models import AuditEvent

    total = AuditEvent.objects.count()
    workers = verify_workers(args.workers)
    before = peak_rss_mb()
    outcome = {}

    def verify(_i):
        for item in verify_chain(workers=args.workers):
            if isinstance(item, ChainBreak):
                raise SystemExit(f"audit chain broken at seq {item.seq}: {item.reason}")
            outcome["checked"] = item

    figures = percentiles(timed(verify, max(1, args.runs)))
    peak = peak_rss_mb()
    worker_peak = peak_rss_mb(resource.RUSAGE_CHILDREN)
    figures["peak_rss_mb"] = round(peak, 1)
    print(
        f"verify_audit ({workers} workers): {outcome['checked']:,} of {total:,} events intact; "
        f"p50 {figures['p50_ms'] / 1000:.1f} s; peak RSS {peak:.0f} MB (before walking {before:.0f} MB), "
        f"largest worker {worker_peak:.0f} MB"
    )
    rows = [
        row(
            f"verify_audit over {total:,} events ({workers} workers)",
            figures,
            None,
            "under 60 s, constant memory",
            figures["p95_ms"] < TARGET_MS if total >= 5_000_000 else None,
            f"peak RSS {peak:.0f} MB (process before the walk {before:.0f} MB; "
            f"largest worker {worker_peak:.0f} MB)",
        )
    ]
    write(
        args.json,
        rows,
        {
            "events": total,
            "workers": workers,
            "peak_rss_mb": peak,
            "rss_before_mb": before,
            "worker_peak_rss_mb": worker_peak,
        },
    )
    return 0
