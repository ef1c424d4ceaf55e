"""Decision PDF: render a penalty decision (行政处罚决定书) with WeasyPrint, first and warm.

The first render in a process loads fonts and builds WeasyPrint's caches and is reported on
its own; the warm figure is p50/p95 over the following renders of the same decision.
"""

from __future__ import annotations

import time

from bench.results import add_contract_arguments, percentiles, row, timed, write

TARGET_MS = 1000


def add_arguments(parser) -> None:
    add_contract_arguments(parser, runs=10)


def run(args) -> int:
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from workflows.documents import render_pdf
    from workflows.models import Case, Decision, Document

    decision = (
        Decision.objects.select_related("case")
        .filter(case__status__in=[Case.Status.DECIDED, Case.Status.ARCHIVED])
        .order_by("-id")
        .first()
    )
    if decision is None:
        print("decision_pdf: no decision in this database (run citygen first)")
        return 1
    document = Document(case=decision.case, kind=Document.Kind.DECISION)  # never saved
    t0 = time.perf_counter()
    pdf = render_pdf(document)
    first = time.perf_counter() - t0
    warm = percentiles(timed(lambda _i: render_pdf(document), max(1, args.runs)))
    print(
        f"decision PDF {decision.number}: {len(pdf) / 1024:.0f} KB; first {first * 1000:.0f} ms, "
        f"warm p50 {warm['p50_ms']:.0f} ms p95 {warm['p95_ms']:.0f} ms"
    )
    rows = [
        row(
            "decision PDF, warm",
            warm,
            None,
            "under 1 s warm",
            warm["p95_ms"] < TARGET_MS,
            f"first render in the process {first * 1000:.0f} ms; {len(pdf) // 1024} KB",
        )
    ]
    write(args.json, rows, {"first_ms": round(first * 1000, 1), "bytes": len(pdf)})
    return 0
