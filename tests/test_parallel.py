"""Large runs fork workers for the per-note checks; the findings must not change."""

from __future__ import annotations

import sys
from pathlib import Path

from notelint.api import read_sources
from notelint.engine import lint_sources
from notelint.findings import Report
from notelint.parallel import MIN_NOTES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from notegen import write_notes


def _findings(report: Report) -> dict[str, list[tuple[str, int, int, str]]]:
    return {
        r.path: [(f.code, f.line, f.column, f.message) for f in r.findings] for r in report.results
    }


def test_forked_workers_find_what_one_process_finds(tmp_path: Path) -> None:
    write_notes(tmp_path, MIN_NOTES + 20)
    (tmp_path / "gift.txt").write_text(
        "Dear Ana,\n\nThanks for your time. I sent flowers to the office.\n\nBest,\nLee\n"
    )
    sources, errors = read_sources([tmp_path])
    assert not errors
    alone = lint_sources(sources, jobs=1)
    forked = lint_sources(sources, jobs=2)
    assert _findings(forked) == _findings(alone)
    assert any(f.code == "NL004" for r in forked.results for f in r.findings)
