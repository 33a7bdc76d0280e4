"""Counts over a report, shared by the text summary, JSON's ``summary`` and ``--statistics``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from notelint.findings import Report, Severity


@dataclass(frozen=True)
class Summary:
    files: int
    files_with_findings: int
    errors: int
    by_severity: dict[str, int]
    by_code: dict[str, int]
    names: dict[str, str]
    average_score: float | None
    lowest_score: int | None

    @property
    def findings(self) -> int:
        return sum(self.by_code.values())


def summarize(report: Report) -> Summary:
    findings = [f for r in report.results for f in r.findings]
    by_severity = Counter(f.severity.value for f in findings)
    scores = [r.score for r in report.results]
    return Summary(
        files=len(report.results),
        files_with_findings=sum(1 for r in report.results if r.findings),
        errors=len(report.errors),
        by_severity={s.value: by_severity.get(s.value, 0) for s in reversed(Severity)},
        by_code=dict(sorted(Counter(f.code for f in findings).items())),
        names={f.code: f.name for f in findings},
        average_score=round(sum(scores) / len(scores), 1) if scores else None,
        lowest_score=min(scores) if scores else None,
    )
