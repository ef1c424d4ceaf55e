"""Benchmark harness: ``python -m bench <name> [options]`` (see ``python -m bench --help``).

Each benchmark is a module in this package exposing ``add_arguments(parser)`` and
``run(args) -> None``; add yours to BENCHMARKS in bench/__main__.py.
"""

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement_portal.settings.local")
    import django

    django.setup()
