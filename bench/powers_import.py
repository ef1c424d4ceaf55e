"""Power-list import: generate an N-row XLSX (or CSV) file and time importing it twice.

The first import creates N draft powers; the second (the same file) must change nothing.
Runs against whatever DATABASE_URL names, in a scratch agency ``bench-powers``.
"""

from __future__ import annotations

import io
import random
import time

CATEGORIES = ["行政处罚", "行政检查", "行政强制", "行政许可", "行政征收"]
LAWS = [
    "中华人民共和国食品安全法",
    "中华人民共和国大气污染防治法",
    "中华人民共和国安全生产法",
]
AGENCY_CODE = "bench-powers"
AGENCY_NAME = "基准测试市综合行政执法局"


def add_arguments(parser) -> None:
    parser.add_argument("--rows", type=int, default=10_000, help="rows in the file (10000)")
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--keep", action="store_true", help="keep the imported powers")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--database", help="database URL (default: DATABASE_URL)")
    parser.add_argument("--runs", type=int, default=1, help="first imports to time (fresh each)")
    parser.add_argument("--json", help="write the contract rows (bench/results.py) here")


def generate(rows: int, fmt: str = "xlsx", seed: int = 0) -> bytes:
    """A valid power list of ``rows`` rows citing real article numbers."""
    from powers.demo_registry import cn_number
    from powers.spreadsheet import write_csv, write_xlsx

    rnd = random.Random(seed)
    data = []
    for n in range(1, rows + 1):
        law = LAWS[n % len(LAWS)]
        setting, penalty = rnd.randint(10, 90), rnd.randint(91, 140)
        data.append(
            [
                n,
                f"BENCH-{n:06d}",
                f"对违反《{law.removeprefix('中华人民共和国')}》第{cn_number(setting)}条"
                f"规定行为的行政处罚（第{n}项）",
                CATEGORIES[n % len(CATEGORIES)],
                AGENCY_NAME,
                f"《{law}》",
                f"第{cn_number(setting)}条（设定依据）；第{cn_number(penalty)}条第一款（处罚依据）",
                "立案—调查取证—审查—告知—决定—送达—执行",
                "依照本机关公布的裁量基准执行",
                "执法科",
                "立案之日起九十日",
                "",
            ]
        )
    out = io.BytesIO()
    (write_csv if fmt == "csv" else write_xlsx)(data, out)
    return out.getvalue()


def _prepare():

    from powers.demo import agency_uscc
    from powers.demo_registry import REGULATIONS
    from powers.models import Agency, FilingBatch, Power, PowerVersion, Regulation

    agency, _ = Agency.objects.get_or_create(
        code=AGENCY_CODE,
        defaults={
            "name": AGENCY_NAME,
            "short_name": "基准",
            "uscc": agency_uscc(9999),
            "level": Agency.Level.MUNICIPAL,
        },
    )
    for title, level, body, promulgated, effective, _status, _s in REGULATIONS:
        if title in LAWS:
            Regulation.objects.get_or_create(
                title=title,
                promulgated_on=promulgated,
                defaults={"level": level, "issuing_body": body, "effective_on": effective},
            )
    PowerVersion.objects.filter(power__agency=agency).delete()
    Power.objects.filter(agency=agency).delete()
    FilingBatch.objects.filter(agency=agency).delete()
    return agency


def run(args) -> int:
    from django.db import connection

    from powers.importing import power_import_file

    agency = _prepare()
    t0 = time.perf_counter()
    data = generate(args.rows, args.format, args.seed)
    t_gen = time.perf_counter() - t0
    filename = f"bench-{args.rows}.{args.format}"
    print(
        f"database: {connection.vendor}; generated {args.rows} rows in {t_gen:.2f}s "
        f"({len(data) / 1e6:.1f} MB {args.format})"
    )
    status = 0
    timings: dict[str, list[float]] = {"first import": [], "same file again": []}
    for run_index in range(max(1, args.runs)):
        if run_index:
            agency = _prepare()
        for label in ("first import", "same file again"):
            t0 = time.perf_counter()
            result = power_import_file(agency=agency, data=data, filename=filename)
            elapsed = time.perf_counter() - t0
            if not result.ok:
                print(f"{label}: REFUSED", *[str(p) for p in result.problems[:10]], sep="\n  ")
                return 1
            timings[label].append(elapsed)
            print(
                f"{label}: {elapsed:.2f}s for {result.total} rows "
                f"(created {result.created}, updated {result.updated}, unchanged {result.unchanged})"
            )
            if label == "first import" and elapsed > 20 and args.rows >= 10_000:
                print("  slower than the 20 s target")
                status = 1
    if args.json:
        from bench.results import percentiles, row, write

        first = percentiles(timings["first import"])
        again = percentiles(timings["same file again"])
        write(
            args.json,
            [
                row(
                    f"power list import, {args.rows:,} rows {args.format.upper()} (first import)",
                    first,
                    None,
                    "under 20 s",
                    first["p95_ms"] < 20_000 if args.rows >= 10_000 else None,
                    f"the same file again, all unchanged: p50 {again['p50_ms'] / 1000:.1f} s",
                )
            ],
        )
    if not args.keep:
        _prepare()
    return status
