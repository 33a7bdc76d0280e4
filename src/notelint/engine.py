"""The flow from sources to results: context, pipeline, checks, suppressions, score.

One direction only: sources are read (errors collected per file, so one bad file does not stop
the run), their texts go through ``nlp.pipe`` together, per-note checks run, then set-level
checks over all notes, then suppressions and the score.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from notelint.baseline import Baseline
from notelint.config import Config
from notelint.context import build_context, with_interview_topics
from notelint.errors import NotelintError
from notelint.findings import FileResult, Finding, Report
from notelint.folding import fold
from notelint.note import Note
from notelint.parallel import start_note_checks
from notelint.pipeline import load_pipeline
from notelint.reflow import prepare
from notelint.registry import Check, SetCheck, checks_by_code
from notelint.scoring import score
from notelint.sources import Source
from notelint.suppressions import is_suppressed, parse_directives

if TYPE_CHECKING:
    from spacy.language import Language

#: Built checks per (model, code, options, severity): matchers cost ~0.1 s to build, and the
#: API, the page and the language server lint many notes with the same configuration.
_CHECK_CACHE: dict[tuple[Any, ...], Check] = {}


def build_checks(config: Config) -> list[Check]:
    """Instantiate the enabled checks for the process's pipeline, once per configuration."""
    nlp = load_pipeline(config.model)
    by_code = checks_by_code()
    checks = []
    for code in config.enabled_codes():
        options = dict(config.options.get(code, {}))
        severity = config.severity.get(code)
        key = (config.model, code, repr(sorted(options.items())), severity)
        if key not in _CHECK_CACHE:
            _CHECK_CACHE[key] = by_code[code](nlp, options, severity)
        checks.append(_CHECK_CACHE[key])
    return checks


def _set_up(config: Config) -> tuple[Language, list[Check]]:
    """The pipeline and the checks, built with the garbage collector paused.

    Set-up makes hundreds of thousands of long-lived objects (the pipeline, the matchers):
    collecting while they are made only scans them again and again, so collection waits until
    they are built, and then they are frozen out of later collections. This takes about a
    tenth off a one-note run.

    Only a run that built something freezes: a long-lived process (the language server, the
    page) lints again and again with everything built, and freezing then would also freeze
    the garbage of earlier runs, which could never be collected (0.2 MB more per lint).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    built = (load_pipeline.cache_info().misses, len(_CHECK_CACHE))
    try:
        nlp = load_pipeline(config.model)
        checks = build_checks(config)
    finally:
        if (load_pipeline.cache_info().misses, len(_CHECK_CACHE)) != built:
            gc.freeze()
        if was_enabled:
            gc.enable()
    return nlp, checks


#: At most this many findings of one check in one note are listed (a note of 1 MB of "XX "
#: would otherwise print hundreds of thousands); the last one listed says how many more.
MAX_PER_CHECK = 20


def capped(findings: Sequence[Finding]) -> list[Finding]:
    """The findings, at most ``MAX_PER_CHECK`` of each check, the last saying how many more."""
    counts = Counter(f.code for f in findings)
    seen: Counter[str] = Counter()
    kept = []
    for finding in findings:
        seen[finding.code] += 1
        if seen[finding.code] < MAX_PER_CHECK or counts[finding.code] == MAX_PER_CHECK:
            kept.append(finding)
        elif seen[finding.code] == MAX_PER_CHECK:
            more = counts[finding.code] - MAX_PER_CHECK + 1
            message = f"{finding.message} (and {more:,} more like it in this note)"
            kept.append(dataclasses.replace(finding, message=message))
    return kept


def lint_sources(
    sources: Sequence[Source],
    config: Config | None = None,
    overrides: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
    errors: Iterable[NotelintError] = (),
    baseline: Baseline | None = None,
    jobs: int | None = None,
) -> Report:
    """Check every source and return a Report.

    ``errors`` are input errors met while reading, reported with the results; ``baseline``
    holds known findings to leave out; ``jobs`` is how many processes run the per-note checks
    of a large run (None: one per core; see parallel.py).
    """
    config = config or Config()
    now = now or dt.datetime.now(dt.timezone.utc)
    nlp, checks = _set_up(config)
    overrides = with_interview_topics(overrides or {}, nlp)
    failed = list(errors)
    contexts = []
    for source in sources:
        try:
            contexts.append((source, build_context(source, overrides, now)))
        except NotelintError as exc:
            failed.append(exc)
    flowed = [prepare(source) for source, _ in contexts]
    docs = nlp.pipe((source.lint_text for source, _ in flowed), batch_size=64)
    notes = [
        Note(source, context, doc, layout)
        for (source, layout), (_, context), doc in zip(flowed, contexts, docs, strict=True)
    ]

    per_note = [c for c in checks if not isinstance(c, SetCheck)]
    wait = start_note_checks(per_note, notes, jobs)
    found: dict[str, list[Finding]] = {note.path: [] for note in notes}
    for check in checks:
        if isinstance(check, SetCheck):
            try:
                for finding in check.check_set(notes):
                    found[finding.path].append(finding)
            except Exception as exc:
                failed.append(NotelintError(f"internal error in {check.code}: {exc}"))
    broken = set()
    for note, findings in zip(notes, wait(), strict=True):
        if isinstance(findings, str):
            failed.append(NotelintError(findings, path=note.path))
            broken.add(note.path)
        else:
            found[note.path].extend(findings)
    notes = [note for note in notes if note.path not in broken]

    implies = {c.code: c.implies for c in checks if c.implies}
    results = []
    for note in notes:
        ignored = set(note.context.ignore) | config.ignored_for(note.path)
        ranges = parse_directives(note.source.comments, note.source.line_count)
        kept = sorted(
            (
                f
                for f in found[note.path]
                if f.code not in ignored
                and not is_suppressed(f, ranges)
                and not (baseline and baseline.absorb(f))
            ),
            key=lambda f: (f.line, f.column, f.code),
        )
        # The score weighs every fault found; folding only changes how they are reported.
        value, parts = score(kept, config.weights, config.severity_weights)
        shown = capped(fold(kept, implies))
        results.append(FileResult(note.path, tuple(shown), value, parts, note.source.text))
    return Report(tuple(results), tuple(failed))
