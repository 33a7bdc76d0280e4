"""Large runs fork workers for the per-note checks; the findings must not change."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

import pytest

from notelint import engine
from notelint.api import read_sources
from notelint.engine import lint_sources
from notelint.findings import Report
from notelint.parallel import MIN_NOTES, map_notes, shares

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


def test_a_run_that_parses_first_finds_what_full_matchers_find(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line (``once``) builds each process's matchers for its share's words; over
    the size limit it builds the full matchers before forking. Either way, the same findings."""
    write_notes(tmp_path, MIN_NOTES + 20)
    (tmp_path / "gift.txt").write_text(
        "Dear Ana,\n\nThanks for your time. I sent flowers to the office.\n\nBest,\nLee\n"
    )
    sources, _ = read_sources([tmp_path])
    built_for_words = []
    build = engine.build_checks

    def spy(*args: Any, **kwargs: Any) -> Any:
        built_for_words.append(kwargs.get("words") is not None)
        return build(*args, **kwargs)

    monkeypatch.setattr(engine, "build_checks", spy)
    full = _findings(lint_sources(sources, jobs=1))
    assert built_for_words == [False, False]  # the per-note checks, then the light ones
    built_for_words.clear()
    assert _findings(lint_sources(sources, jobs=1, once=True)) == full
    assert built_for_words == [True, False]
    built_for_words.clear()
    assert _findings(lint_sources(sources, jobs=2, once=True)) == full  # built in the workers
    assert built_for_words == [True, False]  # the worker's build is not seen from here
    monkeypatch.setattr(engine, "PARSE_FIRST_CHARS", 1000)
    built_for_words.clear()
    assert _findings(lint_sources(sources, jobs=2, once=True)) == full
    assert built_for_words == [False, False]


def test_each_process_prepares_for_its_own_share() -> None:
    """Fixed shares cover every item once; a worker prepares for the share it then works on."""
    assert [list(s) for s in shares(10, 3)] == [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]
    prepared: list[range] = []

    def prepare(share: range) -> None:
        prepared.append(share)

    def work(i: int) -> tuple[int, int, int]:
        share = prepared[-1]
        return i, share.start, share.stop

    count = MIN_NOTES + 1
    results = map_notes(work, count, jobs=2, prepare=prepare)
    assert [i for i, _, _ in results] == list(range(count))
    assert all(start <= i < stop for i, start, stop in results)
    assert {(start, stop) for _, start, stop in results} == {(0, 101), (101, 201)}
    assert prepared == [range(101, 201)]  # in this process: the parent's share, the last


def test_a_checked_notes_doc_is_freed_without_a_collection(tmp_path: Path) -> None:
    """The checks' caches on a Doc hold Spans, which hold the Doc: the engine drops them once
    the note is checked, so a run holding its share parsed frees each note as it goes."""
    from spacy.tokens import Doc

    write_notes(tmp_path, 30)
    sources, _ = read_sources([tmp_path])
    lint_sources(sources, once=True)  # everything built, so that only the notes are new
    gc.collect()
    gc.disable()
    try:
        lint_sources(sources, once=True)
        alive = [o for o in gc.get_objects() if isinstance(o, Doc)]
    finally:
        gc.enable()
    assert alive == []
