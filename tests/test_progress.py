"""The progress line: on a terminal only, never in pipes or CI logs, never for a short run."""

from __future__ import annotations

import io

import pytest

from notelint import progress as progress_module
from notelint.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(progress_module, "_DELAY", 0.0)
    monkeypatch.setattr(progress_module, "_EVERY", 0.0)


def test_a_terminal_sees_notes_done_the_total_and_the_rate_then_a_cleared_line() -> None:
    stream = Terminal()
    with Progress(stream) as progress:
        assert progress.shown
        progress.update(50, 1000)
        progress.update(1000, 1000)
    text = stream.getvalue()
    assert "\rnotelint: 50/1,000 notes (" in text
    assert "\rnotelint: 1,000/1,000 notes (" in text and "notes/s)" in text
    assert text.endswith("\r\x1b[K")


def test_a_pipe_sees_nothing() -> None:
    stream = io.StringIO()
    with Progress(stream) as progress:
        assert not progress.shown


def test_ci_sees_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert not Progress(Terminal()).shown


def test_a_dumb_terminal_sees_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    assert not Progress(Terminal()).shown


def test_a_short_run_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_module, "_DELAY", 60.0)
    stream = Terminal()
    with Progress(stream) as progress:
        progress.update(10, 20)
    assert stream.getvalue() == ""


def test_the_engine_reports_progress_of_the_notes_it_parses() -> None:
    from notelint.engine import lint_sources
    from notelint.sources import parse

    seen: list[tuple[int, int]] = []
    sources = [parse(f"Thank you for the tour, Sam. Note {i}.\n", f"{i}.txt") for i in range(3)]
    lint_sources(sources, jobs=1, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (3, 3)
