"""Run one benchmark: ``python -m bench <name> [options]``, e.g.

    python -m bench powers_import --rows 10000
    python -m bench disclosure_search --rows 10000
    python -m bench citygen --scale 1m          # fill portal_bench_1m with a whole city
    python -m bench all --scale 1m --reuse      # every timing beside its comparison
    python -m bench warning_scan --scale 10k --database postgres://postgres@127.0.0.1:5432/portal_scan_10k
    python -m bench oversight_dashboard --database postgres://postgres@127.0.0.1:5432/portal_scan_10k

A benchmark module either exposes ``add_arguments(parser)`` and ``run(args)`` (Django is set
up for it) or its own ``main(argv) -> int`` (it sets itself up; it also runs as
``python -m bench.<name>``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# name -> module under bench/ (each app adds its own line)
BENCHMARKS = {
    "powers_import": "bench.powers_import",
    "disclosure_search": "bench.disclosure_search",
    "integrity": "bench.integrity",
    "citygen": "bench.citygen",
    "provincegen": "bench.provincegen",
    "scale_table": "bench.scale_table",
    "warning_scan": "bench.warning_scan",
    "reminders": "bench.reminders",
    "oversight_dashboard": "bench.oversight_dashboard",
    "load": "bench.load",
    "decision_pdf": "bench.decision_pdf",
    "audit_verify": "bench.audit_verify",
    "web_throughput": "bench.web_throughput",
    "redaction": "bench.redaction",
    "all": "bench.harness",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in BENCHMARKS:
        module = importlib.import_module(BENCHMARKS[argv[0]])
        if not hasattr(module, "add_arguments"):
            return module.main(argv[1:]) or 0
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    sub = parser.add_subparsers(dest="name", required=True)
    modules = {}
    for name, path in BENCHMARKS.items():
        module = importlib.import_module(path)
        modules[name] = module
        sub_parser = sub.add_parser(name, help=(module.__doc__ or "").strip().splitlines()[0])
        if hasattr(module, "add_arguments"):
            module.add_arguments(sub_parser)
    args = parser.parse_args(argv)
    if getattr(args, "database", None):
        os.environ["DATABASE_URL"] = args.database
    from bench import setup_django

    setup_django()
    return modules[args.name].run(args) or 0


if __name__ == "__main__":
    sys.exit(main())
