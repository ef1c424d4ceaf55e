"""Run one benchmark: ``python -m bench powers_import --rows 10000``."""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> module under bench/ (each app adds its own line)
BENCHMARKS = {
    "powers_import": "bench.powers_import",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    sub = parser.add_subparsers(dest="name", required=True)
    modules = {}
    for name, path in BENCHMARKS.items():
        module = importlib.import_module(path)
        modules[name] = module
        module.add_arguments(sub.add_parser(name, help=(module.__doc__ or "").splitlines()[0]))
    args = parser.parse_args(argv)
    from bench import setup_django

    setup_django()
    return modules[args.name].run(args) or 0


if __name__ == "__main__":
    sys.exit(main())
