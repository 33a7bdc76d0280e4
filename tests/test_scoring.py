"""scoring: 100 with nothing, deductions per severity, repeats, floor at 0, weights."""

from __future__ import annotations

import pytest

from notelint.findings import Finding, Location, Severity
from notelint.scoring import SEVERITY_WEIGHTS, ScorePart, score


def _finding(code: str, severity: Severity = Severity.WARNING, line: int = 1) -> Finding:
    return Finding(
        code=code,
        name="x",
        severity=severity,
        location=Location("n.md", line, 1, line, 2),
        message="m",
        suggestion="s",
    )


def test_nothing_found_is_100() -> None:
    assert score([]) == (100, ())


@pytest.mark.parametrize(
    ("severity", "expected"),
    [(Severity.ERROR, 70), (Severity.WARNING, 85), (Severity.INFO, 95)],
)
def test_one_finding_per_severity(severity: Severity, expected: int) -> None:
    value, parts = score([_finding("NL004", severity)])
    assert value == expected
    assert parts == (ScorePart("NL004", 1, SEVERITY_WEIGHTS[severity]),)


@pytest.mark.parametrize(("count", "expected"), [(1, 85), (2, 78), (3, 70), (4, 70), (10, 70)])
def test_repeats_deduct_half_again_up_to_double(count: int, expected: int) -> None:
    value, parts = score([_finding("NL004", line=n) for n in range(count)])
    assert value == expected
    assert parts[0].count == count


def test_checks_add_up_and_parts_are_sorted() -> None:
    findings = [
        _finding("NL006", Severity.INFO),
        _finding("NL004", Severity.WARNING),
        _finding("NL001", Severity.ERROR),
    ]
    value, parts = score(findings)
    assert value == 100 - 30 - 15 - 5
    assert [p.code for p in parts] == ["NL001", "NL004", "NL006"]


def test_worst_severity_of_a_check_counts() -> None:
    value, parts = score([_finding("NL004", Severity.INFO), _finding("NL004", Severity.ERROR)])
    assert parts == (ScorePart("NL004", 2, 45.0),)
    assert value == 55


def test_floor_at_zero() -> None:
    findings = [_finding(f"NL{n:03}", Severity.ERROR) for n in range(1, 6)]
    value, _ = score(findings * 3)
    assert value == 0


def test_weights_scale_a_check() -> None:
    findings = [_finding("NL004"), _finding("NL006")]
    value, parts = score(findings, {"NL004": 2.0, "NL006": 0.0})
    assert value == 70
    assert parts == (ScorePart("NL004", 1, 30.0), ScorePart("NL006", 1, 0.0))


@pytest.mark.parametrize(
    ("findings", "weight", "expected"),
    [(2, 1.0, 78), (3, 0.5, 85), (1, 0.5, 93), (1, 0.1, 99)],
)
def test_scores_round_half_up(findings: int, weight: float, expected: int) -> None:
    # 100 - 22.5 = 77.5 -> 78; 100 - 15 = 85; 100 - 7.5 = 92.5 -> 93; 100 - 1.5 = 98.5 -> 99
    value, _ = score([_finding("NL004", line=n) for n in range(findings)], {"NL004": weight})
    assert value == expected
    assert isinstance(value, int)


def test_parts_are_rounded_to_a_tenth() -> None:
    _, parts = score([_finding("NL004", Severity.INFO)], {"NL004": 0.37})
    assert parts[0].deduction == 1.9  # 5 * 0.37 = 1.85


def test_severity_weights_replace_the_defaults() -> None:
    custom = {Severity.ERROR: 50.0, Severity.WARNING: 10.0, Severity.INFO: 0.0}
    findings = [
        _finding("NL001", Severity.ERROR),
        _finding("NL004"),
        _finding("NL006", Severity.INFO),
    ]
    value, parts = score(findings, severity_weights=custom)
    assert value == 40
    assert [p.deduction for p in parts] == [50.0, 10.0, 0.0]
