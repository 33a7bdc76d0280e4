"""Per-note suppressions: front matter ``notelint: {ignore: [...]}`` and Markdown comments.

``<!-- notelint-disable NL006 -->`` ... ``<!-- notelint-enable -->`` switches codes off for a
range of lines (no codes: every code); ``<!-- notelint-disable-next-line NL004 -->`` for the
line after the comment. Codes may be given by name (``gift-mention``) as in the configuration.
``enable NL004`` after a bare ``disable`` turns NL004 back on and leaves the rest off, as in
ESLint. The comments come from the source, where they were masked from checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from notelint.findings import Finding
from notelint.sources import Comment

_DIRECTIVE = re.compile(
    r"^notelint-(?P<kind>disable-next-line|disable|enable)(?:$|\s+(?P<codes>[\w\s,-]*)$)"
)
ALL = "*"


@dataclass(frozen=True)
class Suppression:
    """Codes (or ALL but ``excepted``) switched off from line ``first`` to ``last`` inclusive."""

    codes: frozenset[str]
    first: int
    last: int
    excepted: frozenset[str] = frozenset()

    def covers(self, finding: Finding) -> bool:
        if not self.first <= finding.line <= self.last:
            return False
        if ALL in self.codes:
            return finding.code not in self.excepted
        return finding.code in self.codes


def _codes(text: str | None) -> frozenset[str]:
    from notelint.registry import resolve  # lazily: it imports the checks

    parts = [part for part in re.split(r"[\s,]+", text or "") if part]
    codes = frozenset(code for part in parts for code in resolve(part, lenient=True))
    if parts and not codes:
        return frozenset({"-"})  # only unknown names: a directive that matches nothing
    return codes or frozenset({ALL})


class _Ranges:
    """The open and closed ranges while the directives are read in order."""

    def __init__(self) -> None:
        self.closed: list[Suppression] = []
        self.open_codes: dict[str, int] = {}
        self.open_all: tuple[int, frozenset[str]] | None = None  # (first line, re-enabled)

    def disable(self, codes: frozenset[str], line: int) -> None:
        if ALL in codes:
            if self.open_all is None:
                self.open_all = (line, frozenset())
            return
        for code in codes:
            self.open_codes.setdefault(code, line)
        if self.open_all is not None and codes & self.open_all[1]:
            self._reopen_all(line, self.open_all[1] - codes)

    def enable(self, codes: frozenset[str], line: int) -> None:
        closing = set(self.open_codes) if ALL in codes else codes & set(self.open_codes)
        for code in closing:
            self.closed.append(Suppression(frozenset({code}), self.open_codes.pop(code), line))
        if self.open_all is not None:
            if ALL in codes:
                self._close_all(line)
            else:
                self._reopen_all(line, self.open_all[1] | codes)

    def _close_all(self, line: int) -> None:
        if self.open_all is not None:
            first, excepted = self.open_all
            self.closed.append(Suppression(frozenset({ALL}), first, line, excepted))
            self.open_all = None

    def _reopen_all(self, line: int, excepted: frozenset[str]) -> None:
        self._close_all(line)
        self.open_all = (line, excepted)

    def finish(self, last_line: int) -> list[Suppression]:
        self.enable(frozenset({ALL}), last_line)
        return self.closed


def parse_directives(comments: Iterable[Comment], last_line: int) -> list[Suppression]:
    """Turn the note's directive comments into line ranges."""
    ranges = _Ranges()
    next_lines: list[Suppression] = []
    for comment in comments:
        match = _DIRECTIVE.match(comment.text)
        if not match:
            continue
        codes = _codes(match.group("codes"))
        kind = match.group("kind")
        if kind == "disable-next-line":
            next_lines.append(Suppression(codes, comment.end_line + 1, comment.end_line + 1))
        elif kind == "disable":
            ranges.disable(codes, comment.line)
        else:
            ranges.enable(codes, comment.line)
    return [*ranges.finish(last_line), *next_lines]


def is_suppressed(finding: Finding, ranges: Iterable[Suppression]) -> bool:
    return any(r.covers(finding) for r in ranges)
