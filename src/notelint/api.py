"""The Python API: lint text or paths from inside another program.

Same engine as the CLI; input errors raise NotelintError instead of becoming exit 2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from notelint import config as config_module
from notelint.baseline import Baseline
from notelint.cache import open_cache
from notelint.config import Config
from notelint.engine import lint_sources
from notelint.findings import Finding, Report
from notelint.sources import STDIN_PATH, Source, parse, read_sources


def lint_text(
    text: str,
    *,
    path: str | None = None,
    config: Config | None = None,
    context: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> list[Finding]:
    """Lint one note given as text; ``context`` holds front-matter style overrides."""
    source = parse(text, path or "<text>")
    report = lint_sources([source], config, context, now)
    if report.errors:
        raise report.errors[0]
    return list(report.results[0].findings)


def lint_paths(
    paths: Iterable[str | Path],
    *,
    config: Config | None = None,
    context: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
    baseline: Baseline | None = None,
    jobs: int | None = None,
    stdin_filename: str | None = None,
    cache: bool = False,
    cache_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    compare_against: Iterable[str | Path] = (),
    once: bool = False,
) -> Report:
    """Lint files and folders; the configuration is discovered from the first path if not given.

    Unreadable notes are in ``Report.errors``; the others are linted all the same. The CLI
    runs exactly this (``baseline`` drops known findings, ``jobs`` sets worker processes,
    ``stdin_filename`` names the note read from ``-``: configuration is found from it and
    per-file ignores match it). With ``cache``, notes linted before with the same settings are
    served from the results cache (in ``cache_dir``, else see ``cache.open_cache``);
    ``progress(done, total)`` is told how far the parsing of the others has come.
    Notes under ``compare_against`` are compared with the linted ones by the set-level checks
    (panel copies), not reported: a pre-commit hook is given the staged notes only, and a copy
    of a note committed last week is still a copy. ``once`` says the process lints nothing
    after this (as the CLI): the checks are then built for these notes alone (see
    ``engine.lint_sources``).
    """
    paths = [str(p) for p in paths]
    if config is None:
        first = stdin_filename if paths and paths[0] == "-" else (paths[0] if paths else None)
        config = config_module.discover(Path(first) if first and first != "-" else Path.cwd())
    root = config.path.parent if config.path else None
    sources, errors = read_sources(paths, config.exclude, root, stdin_filename or STDIN_PATH)
    results = open_cache(config, context, cache_dir) if cache else None
    others: list[Source] = []
    if compare_against:
        given = {Path(s.path).resolve() for s in sources if s.path != STDIN_PATH}
        found, _ = read_sources([str(p) for p in compare_against], config.exclude, root)
        others = [s for s in found if Path(s.path).resolve() not in given]
    return lint_sources(
        sources, config, context, now, errors, baseline, jobs, results, progress, others, once
    )
