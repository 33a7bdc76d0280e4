"""``--format html``: one self-contained page with every note's findings shown in place.

A candidate reads highlighted words more easily than ``path:line:col`` lines, and a coach can
send the file to people who never open a terminal. The page has no script and no external
asset (its Content-Security-Policy allows neither), and everything taken from a note, its front
matter or its file name goes through Jinja2's autoescaping, never string concatenation.
Jinja2 is the ``html`` extra; it is imported only when this format is chosen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from notelint import __version__
from notelint.errors import NotelintError
from notelint.findings import FileResult, Finding, Location, Report

if TYPE_CHECKING:
    from jinja2 import Environment

INSTALL_HINT = "pip install 'notelint[html]'"


@cache
def environment() -> Environment:
    """The Jinja2 environment of the report and of ``notelint serve``: autoescape always on."""
    try:
        import jinja2
    except ImportError:
        raise NotelintError(f"the HTML report needs Jinja2: {INSTALL_HINT}") from None
    return jinja2.Environment(
        loader=jinja2.PackageLoader("notelint", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass(frozen=True)
class Segment:
    """A run of the note's text and the findings (by index) whose spans cover all of it."""

    id: str
    text: str
    covering: tuple[int, ...]
    starting: tuple[int, ...]


@dataclass(frozen=True)
class NoteView:
    """One note as the report shows it: its text cut into segments, its findings listed."""

    index: int
    result: FileResult
    segments: tuple[Segment, ...]
    anchors: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"note-{self.index}"

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.result.findings

    def finding_id(self, i: int) -> str:
        return f"n{self.index}-f{i}"

    def severity(self, segment: Segment) -> str:
        worst = max((self.findings[i].severity for i in segment.covering), key=lambda s: s.rank)
        return worst.value

    def tip(self, segment: Segment) -> str:
        """Message and fix of every finding covering a segment, shown on hover and focus."""
        return "\n\n".join(
            f"{f.code} {f.name}: {f.message}\nFix: {f.suggestion}"
            for f in (self.findings[i] for i in segment.covering)
        )

    def label(self, segment: Segment) -> str:
        """The accessible name of a focusable mark: what was found, not only the words."""
        return "; ".join(
            f"{f.severity.value} {f.code} {f.name}: {f.message}"
            for f in (self.findings[i] for i in segment.starting)
        )


def offsets(starts: list[int], length: int, location: Location) -> tuple[int, int]:
    """Character offsets of a 1-based line:column span, given the note's line starts."""

    def offset(line: int, column: int) -> int:
        line = min(max(line, 1), len(starts))
        return min(starts[line - 1] + max(column, 1) - 1, length)

    start = offset(location.line, location.column)
    return start, max(start, offset(location.end_line, location.end_column))


def cut(text: str, findings: tuple[Finding, ...], prefix: str) -> list[Segment]:
    """The text cut at every finding's start and end; an empty span gets an empty segment."""
    starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]
    spans = [offsets(starts, len(text), f.location) for f in findings]
    cuts = sorted({0, len(text), *(a for a, _ in spans), *(b for _, b in spans)})
    result: list[Segment] = []
    for k, start in enumerate(cuts):
        empty = tuple(i for i, (a, b) in enumerate(spans) if a == b == start)
        if empty:
            result.append(Segment(f"{prefix}-s{len(result)}", "", empty, empty))
        if k + 1 == len(cuts):
            break
        end = cuts[k + 1]
        covering = tuple(i for i, (a, b) in enumerate(spans) if a <= start and end <= b and a < b)
        starting = tuple(i for i, (a, b) in enumerate(spans) if a == start and a < b)
        result.append(Segment(f"{prefix}-s{len(result)}", text[start:end], covering, starting))
    return result


def note_view(index: int, result: FileResult) -> NoteView:
    """Segments and, for each finding, the id of the mark where its span begins."""
    segments = cut(result.text, result.findings, f"n{index}")
    first = {}
    for segment in segments:
        for i in segment.starting:
            first.setdefault(i, segment.id)
    anchors = tuple(first.get(i, "") for i in range(len(result.findings)))
    return NoteView(index, result, tuple(segments), anchors)


def check_docs(codes: set[str]) -> list[tuple[str, str, str]]:
    """(code, name, documentation) of the checks named in the report, embedded in it."""
    from notelint.registry import checks_by_code

    by_code = checks_by_code()
    return [
        (code, by_code[code].name, by_code[code].documentation())
        for code in sorted(codes)
        if code in by_code
    ]


def render(report: Report, *, color: bool = False) -> str:
    """The report as one HTML document (``color`` is a terminal notion and is ignored)."""
    notes = [note_view(i, r) for i, r in enumerate(report.results)]
    all_findings = [f for r in report.results for f in r.findings]
    codes = {f.code for f in all_findings} | {g.code for f in all_findings for g in f.folded}
    counts = {n.index: Counter(f.code for f in n.findings) for n in notes}
    names = {g.code: g.name for f in all_findings for g in (f, *f.folded)}
    by_path = {n.result.path: n.id for n in notes}
    template = environment().get_template("report.html.j2")
    return template.render(
        version=__version__,
        notes=notes,
        ranked=sorted(notes, key=lambda n: (n.result.score, n.result.path)),
        summary_codes=sorted({f.code for f in all_findings}),
        counts=counts,
        names=names,
        by_path=by_path,
        docs=check_docs(codes),
        errors=[(e.path, e.args[0]) for e in report.errors],
    )
