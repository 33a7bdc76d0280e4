"""The note's prose as one line a paragraph, whatever its wrapping: layout never changes a finding.

Email clients and editors hard-wrap paragraphs at 72 or 80 columns, quote replies with ``>``,
indent list items' continuation lines and leave double spaces. To spaCy a line break or an extra
space is a token of its own, so "Please give me another⏎chance" would no longer match "another
chance". Before the pipeline runs, the body (and any P.S.) is *flowed*: a line break inside a
paragraph becomes a space, quote markers and indentation go, and runs of blanks become one space.
Paragraph breaks, list items, headings and short lines ending in "," or ":" keep their breaks.

The flowed text is shorter than the file, so it comes with a map back to the file's offsets:
``FlowedSource.position`` answers in the file's lines and columns, and ``line_span`` takes the
file's line numbers, so a check works on flowed offsets and every finding points into the file.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from notelint.layout import Layout, find_layout
from notelint.sources import Source

_QUOTE_MARKERS = re.compile(r"[ \t]*(?:>[ \t]?)+")
_QUOTED_LINE = re.compile(r"^([ \t]*)((?:>[ \t]?)+)", re.M)
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+\S")
_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]")
_SHORT_LINE_WORDS = 6


@dataclass(frozen=True)
class FlowedSource(Source):
    """A source whose ``text`` and ``lint_text`` are flowed; offsets map back to ``origin``."""

    origin: Source | None = None
    to_origin: tuple[int, ...] = ()
    from_origin: tuple[int, ...] = ()

    def position(self, offset: int) -> tuple[int, int]:
        assert self.origin is not None
        return self.origin.position(self.to_origin[min(offset, len(self.to_origin) - 1)])

    @property
    def line_count(self) -> int:
        assert self.origin is not None
        return self.origin.line_count

    def line_span(self, line: int) -> tuple[int, int]:
        assert self.origin is not None
        start, end = self.origin.line_span(line)
        return self.from_origin[start], self.from_origin[end]


def prepare(source: Source) -> tuple[FlowedSource, Layout]:
    """Find the note's layout with quote markers blanked, then flow its body and P.S."""
    unquoted = dataclasses.replace(
        source, text=_unquoted(source.text), lint_text=_unquoted(source.lint_text)
    )
    flowed, layout = flow(unquoted, find_layout(unquoted.lint_text))
    return dataclasses.replace(flowed, origin=source), layout


def _unquoted(text: str) -> str:
    """The text with reply quote markers ("> ") blanked, keeping every offset."""
    return _QUOTED_LINE.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)


def flow(source: Source, layout: Layout) -> tuple[FlowedSource, Layout]:
    """The source with its body and P.S. flowed, and the layout in flowed offsets."""
    regions = sorted(r for r in (layout.body, layout.postscript) if r is not None)
    kept: list[tuple[int, str]] = []  # (offset in the file, replacement or "" to copy it)
    position = 0
    for start, end in regions:
        if start < position:
            continue
        kept.extend((i, "") for i in range(position, start))
        kept.extend(_flowed(source.lint_text, start, end))
        position = end
    kept.extend((i, "") for i in range(position, len(source.text)))

    text = "".join(r or source.text[i] for i, r in kept)
    lint_text = "".join(r or source.lint_text[i] for i, r in kept)
    to_origin = (*(i for i, _ in kept), len(source.text))
    from_origin = [0] * (len(source.text) + 1)
    cursor = len(kept)
    for offset in range(len(source.text), -1, -1):
        while cursor > 0 and kept[cursor - 1][0] >= offset:
            cursor -= 1
        from_origin[offset] = cursor
    flowed = FlowedSource(
        **{f.name: getattr(source, f.name) for f in dataclasses.fields(Source) if f.init},
        origin=source,
        to_origin=to_origin,
        from_origin=tuple(from_origin),
    )
    object.__setattr__(flowed, "text", text)
    object.__setattr__(flowed, "lint_text", lint_text)
    object.__setattr__(flowed, "_line_starts", ())
    return flowed, _mapped(layout, from_origin)


def _flowed(lint: str, start: int, end: int) -> list[tuple[int, str]]:
    """The kept characters of ``lint[start:end]`` with their replacements."""
    out: list[tuple[int, str]] = []
    lines = _line_spans(lint, start, end)
    previous: tuple[int, int] | None = None
    first = -1
    blank_run = False
    for line_start, line_end in lines:
        marker = _QUOTE_MARKERS.match(lint, line_start, line_end)
        content_start = marker.end() if marker else line_start
        content = lint[content_start:line_end]
        if not content.strip():
            blank_run = previous is not None
            continue
        if previous is not None:
            newline = previous[1]
            if blank_run:
                out += [(newline, "\n"), (newline, "\n")]
            elif _breaks(lint, previous, (content_start, line_end), first=previous[0] == first):
                out.append((newline, "\n"))
            else:
                out.append((newline, " "))
        blank_run = False
        out += _collapsed(lint, content_start, line_end)
        first = content_start if first == -1 else first
        previous = (content_start, line_end)
    return out


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line in ``text[start:end]``; ``end`` is where its line break is."""
    spans = []
    while True:
        newline = text.find("\n", start, end)
        if newline == -1:
            spans.append((start, end))
            return spans
        spans.append((start, newline))
        start = newline + 1


def _collapsed(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """A line's characters with indentation, trailing blanks and runs of blanks removed."""
    out: list[tuple[int, str]] = []
    stripped = text[start:end].rstrip(" \t\r")
    lead = len(stripped) - len(stripped.lstrip(" \t"))
    for i in range(start + lead, start + len(stripped)):
        if text[i] in " \t":
            if out and out[-1][1] == " ":
                continue
            out.append((i, " "))
        else:
            out.append((i, ""))
    return out


def _breaks(text: str, previous: tuple[int, int], current: tuple[int, int], *, first: bool) -> bool:
    """Whether the line break between two lines of a paragraph is real: before a list item or
    after a heading; after a short first line ending in "," or ":" (a greeting the layout did
    not take for one: "Hi team,"); or between two short lines, the first ending in "," (a
    closing and a name the layout did not take for a sign-off: "Yours ever,⏎Jo")."""
    before = text[slice(*previous)].strip()
    if _LIST_ITEM.match(text, *current) or _HEADING.match(text, *current):
        return True
    if _HEADING.match(before):
        return True
    if not before.endswith((",", ":")) or len(before.split()) > _SHORT_LINE_WORDS:
        return False
    return first or len(text[slice(*current)].split()) <= _SHORT_LINE_WORDS // 2


def _mapped(layout: Layout, from_origin: list[int]) -> Layout:
    """The layout's spans in flowed offsets."""

    def span(value: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if value is None else (from_origin[value[0]], from_origin[value[1]])

    return dataclasses.replace(
        layout,
        body=span(layout.body) or layout.body,
        subject=span(layout.subject),
        salutation=span(layout.salutation),
        signoff=span(layout.signoff),
        postscript=span(layout.postscript),
    )
