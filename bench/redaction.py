"""Masking: precision and recall of find_sensitive per kind on the generated corpus (#20).

    python -m bench redaction [--size 252] [--seed 20] [--show-errors]

The corpus is tests/disclosure/redaction_corpus.py: real-format sentences with what must be
found and what must stay. A finding counts as right when its kind is the expected one and it
covers the expected passage without running into text outside a passage of that kind; a
passage that must stay (organisation names, amounts, article and document numbers, dates,
credit codes) counts as masked when any finding touches it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def evaluate(sentences, *, show_errors: bool = False, out=sys.stdout) -> dict:
    from disclosure.redaction import find_sensitive

    tp, fn, fp = Counter(), Counter(), Counter()
    kept_total, kept_masked = 0, []
    for sentence in sentences:
        text = sentence.text
        found = find_sensitive(text, person_names=sentence.person_names)
        expected = sentence.expected()
        for kind, start, end, passage in expected:
            hit = any(f.kind == kind and f.start <= start and end <= f.end for f in found)
            (tp if hit else fn)[kind] += 1
            if not hit and show_errors:
                print(f"missed {kind} {passage!r} in {text}", file=out)
        for f in found:
            right = any(
                f.kind == kind and f.start <= start and end <= f.end
                for kind, start, end, _ in expected
            )
            if not right:
                fp[f.kind] += 1
                if show_errors:
                    print(f"extra {f.kind} {f.text!r} in {text}", file=out)
        for _kind, start, end, passage in sentence.kept():
            kept_total += 1
            if any(f.start < end and start < f.end for f in found):
                kept_masked.append(passage)
                if show_errors:
                    print(f"masked a kept passage {passage!r} in {text}", file=out)
    rows = {}
    for kind in sorted(set(tp) | set(fn) | set(fp)):
        found_right, missed, wrong = tp[kind], fn[kind], fp[kind]
        rows[kind] = {
            "expected": found_right + missed,
            "found": found_right + wrong,
            "precision": found_right / (found_right + wrong) if found_right + wrong else 1.0,
            "recall": found_right / (found_right + missed) if found_right + missed else 1.0,
        }
    return {"kinds": rows, "kept": kept_total, "kept_masked": kept_masked}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench redaction", description=__doc__)
    parser.add_argument("--size", type=int, default=252)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.disclosure.redaction_corpus import corpus

    sentences = corpus(args.size, args.seed)
    result = evaluate(sentences, show_errors=args.show_errors)
    print(f"redaction: {len(sentences)} sentences (seed {args.seed})")
    print(f"{'kind':<15}{'expected':>9}{'found':>7}{'precision':>11}{'recall':>9}")
    for kind, row in result["kinds"].items():
        print(
            f"{kind:<15}{row['expected']:>9}{row['found']:>7}"
            f"{row['precision']:>10.1%}{row['recall']:>9.1%}"
        )
    print(f"passages that must stay: {result['kept']}, masked: {len(result['kept_masked'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
