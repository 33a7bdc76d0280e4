"""Per-note checks over many notes on every core, by forking after the pipeline is built.

spaCy Docs are costly to pickle, and a fresh worker would pay the 1 s start-up again. A forked
worker inherits the built pipeline, the checks' matchers and the parsed notes for free; it
returns only findings, which are small frozen dataclasses. Set-level checks (panel copies) need
every note at once and run in the parent meanwhile. Where fork is not available (Windows,
macOS's default), or the run is small, the checks run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notelint.findings import Finding
    from notelint.note import Note
    from notelint.registry import Check

#: Below this many notes a pool costs more than it saves.
MIN_NOTES = 200
_CHUNKS_PER_JOB = 4

# What a forked worker checks: set just before the pool forks, cleared when it is done.
_WORK: tuple[Sequence[Check], Sequence[Note]] | None = None


def check_note(checks: Sequence[Check], note: Note) -> list[Finding] | str:
    """One note's findings, or, if a check fails on it, a sentence saying so: a bug of ours
    met on one note costs that note, not the run."""
    found: list[Finding] = []
    for check in checks:
        try:
            found.extend(check.check(note))
        except Exception as exc:
            return f"internal error in {check.code} on this note ({type(exc).__name__}: {exc})"
    return found


def _check_range(bounds: tuple[int, int]) -> list[list[Finding] | str]:
    assert _WORK is not None
    checks, notes = _WORK
    return [check_note(checks, note) for note in notes[slice(*bounds)]]


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def start_note_checks(
    checks: Sequence[Check], notes: Sequence[Note], jobs: int | None = None
) -> Callable[[], list[list[Finding] | str]]:
    """Start the per-note checks; the returned function waits for them (one list per note)."""
    global _WORK
    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1 or len(notes) < MIN_NOTES or "fork" not in multiprocessing.get_all_start_methods():
        return lambda: [check_note(checks, n) for n in notes]

    size = max(1, -(-len(notes) // (jobs * _CHUNKS_PER_JOB)))
    bounds = [(start, min(start + size, len(notes))) for start in range(0, len(notes), size)]
    _WORK = (checks, notes)
    pool = multiprocessing.get_context("fork").Pool(jobs)
    pending = pool.map_async(_check_range, bounds)

    def wait() -> list[list[Finding] | str]:
        global _WORK
        try:
            return [per_note for chunk in pending.get() for per_note in chunk]
        finally:
            pool.close()
            pool.join()
            _WORK = None

    return wait
