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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from notelint.baseline import Baseline
from notelint.cache import Outcome, ResultCache
from notelint.config import Config
from notelint.context import Context, build_context, with_interview_topics
from notelint.errors import NotelintError
from notelint.findings import FileResult, Finding, Report
from notelint.folding import fold
from notelint.layout import find_layout
from notelint.matching import RunWords, built_for
from notelint.note import Note, known_text
from notelint.parallel import default_jobs, forks, map_notes
from notelint.pipeline import expect, load_pipeline
from notelint.reflow import prepare
from notelint.registry import Check, Collected, SetCheck, catalog, check_class
from notelint.scoring import score
from notelint.sources import Source
from notelint.suppressions import is_suppressed, parse_directives

if TYPE_CHECKING:
    from notelint.pipeline import Nlp

#: Built checks per (model, code, options, severity): matchers cost ~0.1 s to build, and the
#: API, the page and the language server lint many notes with the same configuration.
_CHECK_CACHE: dict[tuple[Any, ...], Check] = {}


def build_checks(
    config: Config,
    codes: Iterable[str] | None = None,
    with_pipeline: bool = True,
    words: RunWords | None = None,
) -> list[Check]:
    """Instantiate checks (default: the enabled ones), once per configuration.

    Without the pipeline, only checks that never parse are built (time-dependent and
    set-level ones, see ``registry.Check``): a run served from the cache imports no spaCy.
    With ``words``, the checks are built for the notes those words come from alone (see
    ``matching.built_for``) and kept for no other run.
    """
    nlp = load_pipeline(config.model) if with_pipeline else None
    checks = []
    for code in config.enabled_codes() if codes is None else codes:
        options = dict(config.options.get(code, {}))
        severity = config.severity.get(code)
        if words is not None:
            with built_for(words):
                checks.append(check_class(code)(nlp, options, severity))  # type: ignore[arg-type]
            continue
        key = (config.model, code, repr(sorted(options.items())), severity)
        if key not in _CHECK_CACHE:
            _CHECK_CACHE[key] = check_class(code)(nlp, options, severity)  # type: ignore[arg-type]
        checks.append(_CHECK_CACHE[key])
    return checks


@contextmanager
def _building() -> Iterator[None]:
    """Pause the garbage collector while the pipeline and the checks are built.

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
        yield
    finally:
        if (load_pipeline.cache_info().misses, len(_CHECK_CACHE)) != built:
            gc.freeze()
        if was_enabled:
            gc.enable()


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
    cache: ResultCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    others: Sequence[Source] = (),
    once: bool = False,
) -> Report:
    """Check every source and return a Report.

    ``errors`` are input errors met while reading, reported with the results; ``baseline``
    holds known findings to leave out; ``jobs`` is how many processes parse and check the
    notes of a large run (None: one per core; see parallel.py); ``cache`` serves notes linted
    before with the same settings (a run served whole never imports spaCy); ``progress`` is
    told how many of the notes to parse are done, and of how many. ``others`` are notes the
    set-level checks compare the sources with (the rest of the repository, in a pre-commit
    hook that is given the staged notes only): never reported, and their errors ignored.
    ``once`` says the process lints these notes and no others (the command line): the checks
    of a small run are then built for these notes alone and kept for no later run.
    """
    config = config or Config()
    now = now or dt.datetime.now(dt.timezone.utc)
    overrides = dict(overrides or {})
    failed = list(errors)
    plan = _Plan.of(config)
    # The interview notes (--context) become topics only where a note must be parsed.
    plain = {k: v for k, v in overrides.items() if k != "context"}
    reported = {source.path for source in sources}
    contexts = []
    for source in [*sources, *others]:
        try:
            contexts.append((source, build_context(source, plain, now)))
        except NotelintError as exc:
            if source.path in reported:
                failed.append(exc)

    keys = [cache.key(source.text) for source, _ in contexts] if cache else []
    outcomes: list[Outcome | str | None] = (
        [cache.load(key, source.path) for key, (source, _) in zip(keys, contexts, strict=True)]
        if cache
        else [None] * len(contexts)
    )
    misses = [i for i, outcome in enumerate(outcomes) if outcome is None]
    if misses:
        fresh = _parse_and_check(
            [contexts[i] for i in misses],
            config,
            overrides,
            now,
            jobs,
            (lambda done: progress(done, len(misses))) if progress else None,
            (cache, [keys[i] for i in misses]) if cache else None,
            once,
        )
        for i, outcome in zip(misses, fresh, strict=True):
            outcomes[i] = outcome

    found: dict[str, list[Finding]] = {}
    collected: dict[str, list[Collected]] = {code: [] for code in plan.set_level}
    linted = []
    for (source, context), outcome in zip(contexts, outcomes, strict=True):
        if isinstance(outcome, str) or outcome is None:
            if source.path in reported:
                failed.append(NotelintError(outcome or "not linted", path=source.path))
            continue
        linted.append((source, context))
        found[source.path] = list(outcome.findings)
        for code in plan.set_level:
            collected[code].append(Collected(source.path, outcome.collected.get(code)))

    light = build_checks(config, plan.light, with_pipeline=False)
    timed = [c for c in light if c.time_dependent]
    for source, context in linted:
        if timed and source.path in reported:
            result = check_note(timed, _Unparsed(source, context))
            if isinstance(result, str):
                failed.append(NotelintError(result, path=source.path))
                found.pop(source.path)
            else:
                found[source.path].extend(result)
    note_keys = dict(zip((s.path for s, _ in contexts), keys, strict=True)) if cache else {}
    for check in light:
        if isinstance(check, SetCheck):
            items = [item for item in collected[check.code] if item.path in found]
            try:
                for finding in _compare(check, items, cache, note_keys):
                    found[finding.path].append(finding)
            except Exception as exc:
                failed.append(NotelintError(f"internal error in {check.code}: {exc}"))

    results = [
        _result(source, context, found[source.path], config, baseline, plan)
        for source, context in linted
        if source.path in found and source.path in reported
    ]
    return Report(tuple(results), tuple(failed))


def _compare(
    check: SetCheck,
    items: Sequence[Collected],
    cache: ResultCache | None,
    note_keys: Mapping[str, str],
) -> tuple[Finding, ...]:
    """A set-level check's findings over the run; the comparison of the very notes compared
    before (the same paths with the same texts) is served from the cache."""
    if cache is None:
        return tuple(check.check_set(items))
    key = cache.key(check.code + "".join(f"\0{i.path}\0{note_keys[i.path]}" for i in items))
    served = cache.load(key, "")
    if served is not None:
        return served.findings
    compared = tuple(check.check_set(items))
    cache.store(key, Outcome(compared), "")
    return compared


def _result(
    source: Source,
    context: Context,
    found: Sequence[Finding],
    config: Config,
    baseline: Baseline | None,
    plan: _Plan,
) -> FileResult:
    """One note's result: what its directives, per-file ignores and the baseline leave, sorted
    by position, scored, and reported with implied findings folded."""
    ignored = set(context.ignore) | config.ignored_for(source.path)
    ranges = parse_directives(source.comments, source.line_count)
    kept = sorted(
        (
            f
            for f in found
            if f.code not in ignored
            and not is_suppressed(f, ranges)
            and not (baseline and baseline.absorb(f))
        ),
        key=lambda f: (f.line, f.column, f.code),
    )
    # The score weighs every fault found; folding only changes how they are reported.
    value, parts = score(kept, config.weights, config.severity_weights)
    shown = capped(fold(kept, plan.implies))
    return FileResult(source.path, tuple(shown), value, parts, source.text)


class _Unparsed(Note):
    """A note as the time-dependent checks see it on every run: its text and context, no Doc
    (see ``registry.Check.time_dependent``), and its layout found only if a check asks (most
    notes have no interview date, and the check looks no further)."""

    def __init__(self, source: Source, context: Context) -> None:
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "context", context)
        object.__setattr__(self, "doc", None)

    def __getattr__(self, name: str) -> Any:
        if name != "layout":
            raise AttributeError(name)
        layout = find_layout(self.source.lint_text)
        object.__setattr__(self, "layout", layout)
        return layout


@dataclasses.dataclass(frozen=True)
class _Plan:
    """Which enabled checks run where: on parsed notes (cacheable), or on every run without
    spaCy (time-dependent checks, and the comparison of the set-level ones)."""

    light: tuple[str, ...]
    set_level: tuple[str, ...]
    implies: Mapping[str, tuple[str, ...]]

    @classmethod
    def of(cls, config: Config) -> _Plan:
        known = catalog()
        enabled = [known[code] for code in config.enabled_codes()]
        return cls(
            light=tuple(c.code for c in enabled if c.time_dependent or c.scope == "run"),
            set_level=tuple(c.code for c in enabled if c.scope == "run"),
            implies={c.code: c.implies for c in enabled if c.implies},
        )


#: A command-line run parses a process's share of the notes before building its checks for
#: their words, holding them all parsed meanwhile: up to this many characters of notes a
#: process (a parsed note takes about 80 bytes a character, so under 40 MiB). A larger share
#: builds the full checks once, before forking, and parses each note as it checks it.
PARSE_FIRST_CHARS = 500_000


def _parse_and_check(
    contexts: Sequence[tuple[Source, Context]],
    config: Config,
    overrides: Mapping[str, Any],
    now: dt.datetime,
    jobs: int | None,
    progress: Callable[[int], None] | None,
    storing: tuple[ResultCache, Sequence[str]] | None,
    once: bool,
) -> list[Outcome | str]:
    """Parse the notes and run the cacheable checks on them, on every core for many notes."""
    with _building():
        nlp = load_pipeline(config.model)
        expect(nlp, sum(len(source.lint_text) for source, _ in contexts))
    if overrides.get("context"):
        topics = with_interview_topics(overrides, nlp)
        contexts = [(source, build_context(source, topics, now)) for source, _ in contexts]
    parsed: dict[int, Note] = {}
    per_note: list[Check] = []
    collectors: list[SetCheck] = []

    def use(checks: list[Check]) -> None:
        per_note[:] = [c for c in checks if not c.time_dependent and not isinstance(c, SetCheck)]
        collectors[:] = [c for c in checks if isinstance(c, SetCheck)]

    def prepare(share: range) -> None:
        # A process that lints these notes and then exits: parse its share first, and build
        # the matchers with only the phrases their words can match.
        parsed.clear()
        with _building():
            parsed.update({i: _parse(nlp, *contexts[i]) for i in share})
            use(build_checks(config, words=RunWords.of(note.doc for note in parsed.values())))

    count = len(contexts)
    share = -(-count // (jobs or default_jobs())) if forks(count, jobs) else count
    longest = sum(sorted((len(s.lint_text) for s, _ in contexts), reverse=True)[:share])
    parse_first = once and longest <= PARSE_FIRST_CHARS
    if not parse_first:
        with _building():
            use(build_checks(config))

    def work(i: int) -> Outcome | str:
        source, context = contexts[i]
        note = parsed.pop(i, None) or _parse(nlp, source, context)
        try:
            return checked(i, note)
        finally:
            # The checks' per-Doc caches (sentences, matches) hold Spans, which hold the Doc:
            # without them the Doc is freed as soon as it is done with, not by a collection.
            note.doc.user_data.clear()

    def checked(i: int, note: Note) -> Outcome | str:
        source = contexts[i][0]
        findings = check_note(per_note, note)
        if isinstance(findings, str):
            return findings
        try:
            outcome = Outcome(tuple(findings), {c.code: c.collect(note) for c in collectors})
        except Exception as exc:
            return f"internal error while collecting for a set-level check ({exc})"
        if storing:
            cache, keys = storing
            cache.store(keys[i], outcome, source.path)
        return outcome

    return map_notes(work, count, jobs, progress, prepare if parse_first else None)


def _parse(nlp: Nlp, source: Source, context: Context) -> Note:
    flowed, layout = prepare(source)
    return Note(flowed, context, known_text(nlp(flowed.lint_text), flowed.lint_text), layout)


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
