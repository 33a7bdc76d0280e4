"""Reading fixtures and their expectations, shared by the fixture test and the accuracy benchmark.

See fixtures/README.md: each note has ``<name>.expected``; folders named ``panel*`` are one run,
every other note is a run of its own; "now" is fixed so lateness is stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from notelint.api import read_sources
from notelint.config import Config
from notelint.engine import lint_sources
from notelint.sources import NOTE_SUFFIXES

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Expectation:
    """What a fixture note must report: (code, line or None for anywhere), and its label."""

    path: Path
    entries: frozenset[tuple[str, int | None]]
    label: str | None


def parse_expected(path: Path) -> Expectation:
    entries: set[tuple[str, int | None]] = set()
    label = None
    for raw in path.read_text("utf-8").splitlines():
        line, _, comment = raw.partition("#")
        if comment.strip().startswith("label:"):
            label = comment.split(":", 1)[1].strip().split()[0]
        parts = line.split()
        if parts:
            entries.add((parts[0].upper(), int(parts[1]) if len(parts) > 1 else None))
    note = path.with_name(path.name[: -len(".expected")])
    return Expectation(note, frozenset(entries), label)


def fixture_notes(root: Path = FIXTURES) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix in NOTE_SUFFIXES and p.is_file() and p.name != "README.md"
    )


def runs(root: Path = FIXTURES) -> Iterator[list[Path]]:
    """Group notes into runs: a panel folder together, everything else alone."""
    panels: dict[Path, list[Path]] = {}
    for note in fixture_notes(root):
        panel = next((p for p in note.parents if p.name.startswith("panel")), None)
        if panel is None:
            yield [note]
        else:
            panels.setdefault(panel, []).append(note)
    yield from panels.values()


def actual_findings(
    notes: list[Path], config: Config | None = None
) -> dict[Path, set[tuple[str, int]]]:
    """Lint one run and return each note's (code, line) set."""
    sources, errors = read_sources(notes)
    assert not errors, [str(e) for e in errors]
    report = lint_sources(sources, config or Config(), now=NOW)
    return {Path(r.path): {(f.code, f.line) for f in r.findings} for r in report.results}


def compare(
    expected: frozenset[tuple[str, int | None]], actual: set[tuple[str, int]], codes: set[str]
) -> tuple[set[tuple[str, int | None]], set[tuple[str, int]]]:
    """Return (missing, unexpected), comparing only codes that exist in the code base."""
    wanted = {e for e in expected if e[0] in codes}
    missing = {
        e
        for e in wanted
        if not any(a[0] == e[0] and (e[1] is None or a[1] == e[1]) for a in actual)
    }
    unexpected = {
        a
        for a in actual
        if not any(e[0] == a[0] and (e[1] is None or e[1] == a[1]) for e in wanted)
    }
    return missing, unexpected
