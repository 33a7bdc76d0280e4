"""The 0-100 score of a note: 100 minus weighted deductions per check, floored at 0.

Each check that fires deducts its severity's weight (error 30, warning 15, info 5) times the
check's own weight (1.0 unless configured); each further finding of the same check deducts half
as much again, up to twice the first deduction. A note with one stray placeholder should not
score like a note that is generic, pre-written and padded with a gift.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from notelint.findings import Finding, Severity

SEVERITY_WEIGHTS: Mapping[Severity, float] = {
    Severity.ERROR: 30.0,
    Severity.WARNING: 15.0,
    Severity.INFO: 5.0,
}


@dataclass(frozen=True)
class ScorePart:
    """What one check took off a note's score, so a report can explain the number."""

    code: str
    count: int
    deduction: float


def first_deduction(
    code: str,
    severity: Severity,
    weights: Mapping[str, float] | None = None,
    severity_weights: Mapping[Severity, float] | None = None,
) -> float:
    """What the first finding of a check takes off: severity weight times check weight."""
    return (severity_weights or SEVERITY_WEIGHTS)[severity] * (weights or {}).get(code, 1.0)


def score(
    findings: Iterable[Finding],
    weights: Mapping[str, float] | None = None,
    severity_weights: Mapping[Severity, float] | None = None,
) -> tuple[int, tuple[ScorePart, ...]]:
    """Return the note's score and its parts, one per check that fired."""
    counts: Counter[str] = Counter()
    worst: dict[str, Severity] = {}
    for finding in findings:
        counts[finding.code] += 1
        if finding.code not in worst or finding.severity.rank > worst[finding.code].rank:
            worst[finding.code] = finding.severity
    parts = []
    for code in sorted(counts):
        base = first_deduction(code, worst[code], weights, severity_weights)
        deduction = min(base * (1 + 0.5 * (counts[code] - 1)), 2 * base)
        parts.append(ScorePart(code, counts[code], round(deduction, 1)))
    total = sum(p.deduction for p in parts)
    # Half up, not Python's half-to-even: 77.5 and 62.5 both round the way a reader expects.
    return max(0, math.floor(100 - total + 0.5)), tuple(parts)
