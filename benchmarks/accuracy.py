"""Precision, recall and F1 per check over labelled notes, and how well the score ranks them.

    python benchmarks/accuracy.py                 # the repository's fixtures
    python benchmarks/accuracy.py --fixtures DIR  # any folder laid out the same way

A finding counts as a true positive when the note's .expected lists its code at its line (or
the code without a line, for whole-note findings); see fixtures/README.md. The score's
separation is the share of (good, bad) note pairs in which the good note scores higher (ties
count half): 1.0 ranks every good note above every bad one, 0.5 is chance.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixture_runner import FIXTURES, NOW, parse_expected, runs

from notelint.api import read_sources
from notelint.engine import lint_sources
from notelint.registry import all_checks


def _matches(expected: tuple[str, int | None], actual: tuple[str, int]) -> bool:
    return expected[0] == actual[0] and expected[1] in (None, actual[1])


def evaluate(root: Path) -> tuple[dict[str, Counter[str]], list[tuple[str, int]]]:
    """Return per-code counts (tp, fp, fn) and (label, score) for every labelled note."""
    codes = {c.code for c in all_checks()}
    counts: dict[str, Counter[str]] = {code: Counter() for code in sorted(codes)}
    scored: list[tuple[str, int]] = []
    for run in runs(root):
        sources, errors = read_sources(run)
        if errors:
            raise SystemExit(f"unreadable fixture: {errors[0]}")
        report = lint_sources(sources, now=NOW)
        for result in report.results:
            path = Path(result.path)
            expectation = parse_expected(path.with_name(path.name + ".expected"))
            actual = {(f.code, f.line) for f in result.findings}
            # A folded finding is reported (inside the one that implies it): it counts where the
            # labels list it, and is never a false positive where they follow "one fault, one
            # finding" and list only the finding that implies it.
            listed = {e[0] for e in expectation.entries}
            actual |= {
                (x.code, x.line) for f in result.findings for x in f.folded if x.code in listed
            }
            for code in codes:
                wanted = {e for e in expectation.entries if e[0] == code}
                got = {a for a in actual if a[0] == code}
                tp = sum(1 for e in wanted if any(_matches(e, a) for a in got))
                counts[code]["tp"] += tp
                counts[code]["fn"] += len(wanted) - tp
                counts[code]["fp"] += sum(1 for a in got if not any(_matches(e, a) for e in wanted))
            if expectation.label in ("good", "bad"):
                scored.append((expectation.label, result.score))
    return counts, scored


def separation(scored: list[tuple[str, int]]) -> float | None:
    good = [s for label, s in scored if label == "good"]
    bad = [s for label, s in scored if label == "bad"]
    if not good or not bad:
        return None
    wins = sum(1.0 if g > b else 0.5 if g == b else 0.0 for g in good for b in bad)
    return wins / (len(good) * len(bad))


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    args = parser.parse_args()
    counts, scored = evaluate(args.fixtures)
    names = {c.code: c.name for c in all_checks()}
    print("| check | name | TP | FP | FN | precision | recall | F1 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for code, c in counts.items():
        precision = _ratio(c["tp"], c["tp"] + c["fp"])
        recall = _ratio(c["tp"], c["tp"] + c["fn"])
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
        print(
            f"| {code} | {names[code]} | {c['tp']} | {c['fp']} | {c['fn']} | "
            f"{_fmt(precision)} | {_fmt(recall)} | {_fmt(f1)} |"
        )
    good = [s for label, s in scored if label == "good"]
    bad = [s for label, s in scored if label == "bad"]
    sep = separation(scored)
    print()
    print(
        f"score: {len(good)} good notes (mean {sum(good) / max(len(good), 1):.1f}), "
        f"{len(bad)} bad notes (mean {sum(bad) / max(len(bad), 1):.1f}); "
        f"good/bad pairs ranked correctly: {_fmt(sep)}"
    )


if __name__ == "__main__":
    main()
