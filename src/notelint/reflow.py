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
_RUNS_OF_BLANKS = re.compile(r"[ \t]{2,}|\t")


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
    # Pieces of the file, in order: (start, end, None) copies the characters start:end; (start,
    # start + 1, text) puts text in place of the character at start. What lies between two
    # pieces is dropped. Slices and ranges keep this fast: it runs on every note.
    pieces: list[tuple[int, int, str | None]] = []
    position = 0
    for start, end in regions:
        if start < position:
            continue
        pieces.append((position, start, None))
        pieces.extend(_flowed(source.lint_text, start, end))
        position = end
    size = len(source.text)
    pieces.append((position, size, None))

    text = "".join(source.text[a:b] if r is None else r for a, b, r in pieces)
    lint_text = "".join(source.lint_text[a:b] if r is None else r for a, b, r in pieces)
    to_origin: list[int] = []
    from_origin = [0] * (size + 1)
    done = 0
    for a, b, r in pieces:
        here = len(to_origin)
        from_origin[done:a] = [here] * (a - done)
        if r is None:
            to_origin.extend(range(a, b))
            from_origin[a:b] = range(here, here + b - a)
        else:
            to_origin.extend([a] * len(r))
            from_origin[a] = here
        done = max(done, b)
    from_origin[done:] = [len(to_origin)] * (size + 1 - done)
    to_origin.append(size)
    flowed = FlowedSource(
        **{f.name: getattr(source, f.name) for f in dataclasses.fields(Source) if f.init},
        origin=source,
        to_origin=tuple(to_origin),
        from_origin=tuple(from_origin),
    )
    object.__setattr__(flowed, "text", text)
    object.__setattr__(flowed, "lint_text", lint_text)
    object.__setattr__(flowed, "_line_starts", ())
    return flowed, _mapped(layout, from_origin)


def _flowed(lint: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """The pieces of ``lint[start:end]``, flowed (see ``flow``)."""
    out: list[tuple[int, int, str | None]] = []
    previous: tuple[int, int] | None = None
    first = -1
    blank_run = False
    for line_start, line_end in _line_spans(lint, start, end):
        marker = _QUOTE_MARKERS.match(lint, line_start, line_end)
        content_start = marker.end() if marker else line_start
        if not lint[content_start:line_end].strip():
            blank_run = previous is not None
            continue
        if previous is not None:
            newline = previous[1]
            if blank_run:
                out.append((newline, newline + 1, "\n\n"))
            elif _breaks(lint, previous, (content_start, line_end), first=previous[0] == first):
                out.append((newline, newline + 1, "\n"))
            else:
                out.append((newline, newline + 1, " "))
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


def _collapsed(text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """A line's pieces without indentation, trailing blanks or runs of blanks (a single space
    is kept as it is, so most lines are one piece)."""
    stripped = text[start:end].rstrip(" \t\r")
    position, stop = start + len(stripped) - len(stripped.lstrip(" \t")), start + len(stripped)
    out: list[tuple[int, int, str | None]] = []
    for match in _RUNS_OF_BLANKS.finditer(text, position, stop):
        a, b = match.span()
        out += [(position, a, None), (a, a + 1, " ")]
        position = b
    out.append((position, stop, None))
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
