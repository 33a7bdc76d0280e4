"""Every fixture note reports exactly what its .expected file lists (for the checks that exist)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_runner import FIXTURES, actual_findings, compare, parse_expected, runs

from notelint.registry import checks_by_code

RUNS = list(runs())


def _run_id(run: list[Path]) -> str:
    return str(
        run[0].relative_to(FIXTURES) if len(run) == 1 else run[0].parent.relative_to(FIXTURES)
    )


def test_there_are_enough_fixtures() -> None:
    assert sum(len(r) for r in RUNS) >= 80


@pytest.mark.parametrize("run", RUNS, ids=[_run_id(r) for r in RUNS])
def test_fixture(run: list[Path]) -> None:
    codes = set(checks_by_code())
    actual = actual_findings(run)
    problems = []
    for note in run:
        expected_file = note.with_name(note.name + ".expected")
        assert expected_file.exists(), f"{note} has no .expected file"
        expectation = parse_expected(expected_file)
        missing, unexpected = compare(expectation.entries, actual[note], codes)
        if missing or unexpected:
            problems.append(
                f"{note.relative_to(FIXTURES)}: missing {sorted(missing, key=str)}, "
                f"unexpected {sorted(unexpected)}"
            )
    assert not problems, "\n".join(problems)
