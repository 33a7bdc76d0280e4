"""Per-note suppressions: front matter ``notelint: {ignore: [...]}`` and Markdown comments.

``<!-- notelint-disable NL006 -->`` ... ``<!-- notelint-enable -->`` switches codes off for a
range of lines (no codes: every code); ``<!-- notelint-disable-next-line NL004 -->`` for the
line after the comment. The comments come from the source, where they were masked from checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from notelint.findings import Finding
from notelint.sources import Comment

_DIRECTIVE = re.compile(
    r"^notelint-(?P<kind>disable-next-line|disable|enable)\b(?P<codes>[\sA-Za-z0-9,]*)$"
)
ALL = "*"


@dataclass(frozen=True)
class Suppression:
    """Codes (or ALL) switched off from line ``first`` to line ``last`` inclusive."""

    codes: frozenset[str]
    first: int
    last: int

    def covers(self, finding: Finding) -> bool:
        return self.first <= finding.line <= self.last and (
            ALL in self.codes or finding.code in self.codes
        )


def _codes(text: str) -> frozenset[str]:
    codes = frozenset(c.upper() for c in re.split(r"[\s,]+", text) if c)
    return codes or frozenset({ALL})


def parse_directives(comments: Iterable[Comment], last_line: int) -> list[Suppression]:
    """Turn the note's directive comments into line ranges."""
    ranges: list[Suppression] = []
    open_ranges: dict[str, int] = {}
    for comment in comments:
        match = _DIRECTIVE.match(comment.text)
        if not match:
            continue
        codes = _codes(match.group("codes"))
        kind = match.group("kind")
        if kind == "disable-next-line":
            ranges.append(Suppression(codes, comment.end_line + 1, comment.end_line + 1))
        elif kind == "disable":
            for code in codes:
                open_ranges.setdefault(code, comment.line)
        else:
            closing = (
                open_ranges
                if ALL in codes
                else {c: open_ranges[c] for c in codes & set(open_ranges)}
            )
            for code, first in list(closing.items()):
                ranges.append(Suppression(frozenset({code}), first, comment.line))
                del open_ranges[code]
    ranges.extend(Suppression(frozenset({c}), first, last_line) for c, first in open_ranges.items())
    return ranges


def is_suppressed(finding: Finding, ranges: Iterable[Suppression]) -> bool:
    return any(r.covers(finding) for r in ranges)
