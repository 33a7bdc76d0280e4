"""Work on many notes on every core, by forking after the pipeline is built.

spaCy Docs are costly to pickle, and a fresh worker would pay the start-up again. A forked
worker inherits the built pipeline, the checks' matchers and the notes' sources for free; it
parses and checks pieces of the notes and returns only outcomes (findings and the set-level
checks' data), which are small. No process ever holds every parsed note at once.

The parent is one of the workers: with ``jobs`` cores it forks a pool of ``jobs - 1`` and
takes its own share of the pieces meanwhile. A pool whose parent only waited would hold one
more copy of the pipeline in memory for nothing. Where fork
is not available (Windows, macOS's default), or the run is small, the work runs in this process.

A caller may ``prepare`` each process for the very items it will work on (the engine builds
matchers for their words alone): the items are then dealt out in fixed shares, one a process,
and each process prepares for its share before its first item.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

#: Below this many notes, forking costs more than it saves.
MIN_NOTES = 200
#: Notes per piece of work: small enough to balance the cores and to show progress, large
#: enough that handing out costs nothing.
_CHUNK = 50


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def forks(count: int, jobs: int | None) -> bool:
    """Whether ``map_notes`` runs ``count`` items on several processes."""
    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1 or count < MIN_NOTES:
        return False
    import multiprocessing  # here: a run of a few notes never needs it (5 ms of a start)

    return "fork" in multiprocessing.get_all_start_methods()


def map_notes(
    work: Callable[[int], T],
    count: int,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
    prepare: Callable[[range], None] | None = None,
) -> list[T]:
    """``[work(i) for i in range(count)]``, on ``jobs`` processes for a large run.

    ``progress`` is told how many items are done, from time to time. ``prepare``, if given, is
    called in each working process with the items it is about to work on, before the first.
    """
    jobs = default_jobs() if jobs is None else jobs
    bounds = [(start, min(start + _CHUNK, count)) for start in range(0, count, _CHUNK)]
    if not forks(count, jobs):
        if prepare:
            prepare(range(count))
        results: list[T] = []
        for start, end in bounds:
            results.extend(work(i) for i in range(start, end))
            if progress:
                progress(len(results))
        return results
    if prepare:
        return _shared_out(work, count, jobs, progress, prepare)
    return _forked(work, bounds, jobs, progress)


def shares(count: int, jobs: int) -> list[range]:
    """The items of each process when they are dealt out in fixed shares: the parent's last."""
    size, more = divmod(count, jobs)
    starts = [k * size + min(k, more) for k in range(jobs + 1)]
    return [range(starts[k], starts[k + 1]) for k in range(jobs)]


def _shared_out(
    work: Callable[[int], T],
    count: int,
    jobs: int,
    progress: Callable[[int], None] | None,
    prepare: Callable[[range], None],
) -> list[T]:
    """Each forked worker prepares for and works through one share, the parent the last."""
    global _WORK, _PREPARE
    import multiprocessing

    *pooled, mine = shares(count, jobs)
    pieces: dict[int, list[Any]] = {}
    done = 0
    _WORK, _PREPARE = work, prepare
    try:
        with multiprocessing.get_context("fork").Pool(jobs - 1) as pool:
            pending = pool.imap_unordered(_prepared, enumerate(pooled))
            prepare(mine)
            own: list[Any] = []
            for start in range(mine.start, mine.stop, _CHUNK):
                own.extend(work(i) for i in range(start, min(start + _CHUNK, mine.stop)))
                if progress:
                    progress(len(own))
            pieces[len(pooled)], done = own, len(own)
            _gather(pending, pieces, done, progress)
    finally:
        _WORK = _PREPARE = None
    return [item for index in range(jobs) for item in pieces[index]]


def _forked(
    work: Callable[[int], T],
    bounds: Sequence[tuple[int, int]],
    jobs: int,
    progress: Callable[[int], None] | None,
) -> list[T]:
    """The pool's workers take the first pieces, the parent the last share of them."""
    global _WORK
    import multiprocessing

    own = len(bounds) - len(bounds) * (jobs - 1) // jobs
    pooled, mine = list(enumerate(bounds))[: len(bounds) - own], bounds[len(bounds) - own :]
    pieces: dict[int, list[Any]] = {}
    done = 0
    _WORK = work
    try:
        with multiprocessing.get_context("fork").Pool(jobs - 1) as pool:
            pending = pool.imap_unordered(_indexed, pooled)
            for offset, (start, end) in enumerate(mine):
                pieces[len(pooled) + offset] = [work(i) for i in range(start, end)]
                done += end - start
                if progress:
                    progress(done)
            _gather(pending, pieces, done, progress)
    finally:
        _WORK = None
    return [item for index in range(len(bounds)) for item in pieces[index]]


def _gather(
    pending: Iterable[tuple[int, list[Any]]],
    pieces: dict[int, list[Any]],
    done: int,
    progress: Callable[[int], None] | None,
) -> None:
    """File the workers' pieces by index as they arrive, telling ``progress`` the count."""
    for index, piece in pending:
        pieces[index] = piece
        done += len(piece)
        if progress:
            progress(done)


# What a forked worker runs: set just before the pool forks, cleared when it is done.
_WORK: Callable[[int], Any] | None = None
_PREPARE: Callable[[range], None] | None = None


def _indexed(job: tuple[int, tuple[int, int]]) -> tuple[int, list[Any]]:
    index, (start, end) = job
    assert _WORK is not None
    return index, [_WORK(i) for i in range(start, end)]


def _prepared(job: tuple[int, range]) -> tuple[int, list[Any]]:
    index, share = job
    assert _WORK is not None and _PREPARE is not None
    _PREPARE(share)
    return index, [_WORK(i) for i in share]
