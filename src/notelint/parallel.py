"""Work on many notes on every core, by forking after the pipeline is built.

spaCy Docs are costly to pickle, and a fresh worker would pay the start-up again. A forked
worker inherits the built pipeline, the checks' matchers and the notes' sources for free; each
parses and checks its share of the notes and returns only outcomes (findings and the set-level
checks' data), which are small. No process ever holds every parsed note at once. Where fork is
not available (Windows, macOS's default), or the run is small, the work runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

#: Below this many notes a pool costs more than it saves.
MIN_NOTES = 200
#: Notes per piece of work handed to a worker: small enough to balance the cores and to show
#: progress, large enough that handing out costs nothing.
_CHUNK = 50

# What a forked worker runs: set just before the pool forks, cleared when it is done.
_WORK: Callable[[int], object] | None = None


def _run_range(bounds: tuple[int, int]) -> list[object]:
    assert _WORK is not None
    return [_WORK(i) for i in range(*bounds)]


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_notes(
    work: Callable[[int], T],
    count: int,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[T]:
    """``[work(i) for i in range(count)]``, on ``jobs`` processes for a large run.

    ``progress`` is told how many items are done after each piece of work.
    """
    global _WORK
    jobs = default_jobs() if jobs is None else jobs
    bounds = [(start, min(start + _CHUNK, count)) for start in range(0, count, _CHUNK)]
    results: list[Sequence[T]] = [()] * len(bounds)
    done = 0
    if jobs <= 1 or count < MIN_NOTES or "fork" not in multiprocessing.get_all_start_methods():
        for index, (start, end) in enumerate(bounds):
            results[index] = [work(i) for i in range(start, end)]
            done += end - start
            if progress:
                progress(done)
        return [item for chunk in results for item in chunk]

    _WORK = work
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            pieces = pool.imap_unordered(_indexed, enumerate(bounds))
            for index, chunk in pieces:
                results[index] = chunk
                done += len(chunk)
                if progress:
                    progress(done)
    finally:
        _WORK = None
    return [item for chunk in results for item in chunk]


def _indexed(job: tuple[int, tuple[int, int]]) -> tuple[int, list[object]]:
    index, bounds = job
    return index, _run_range(bounds)
