"""The parts of a note: subject, salutation, body and sign-off, found from its lines.

A note's frame (the greeting and the closing) is boilerplate by design: copies across a panel
differ only there, and stock-phrase checks should not count "Best regards" against a note. This
works on lines of the masked text, since the frame is a matter of layout, not of grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

_GREETING_WORD = r"(?:dear|hi|hello|hey|hiya|good (?:morning|afternoon|evening)|greetings)"
# A greeting on a line of its own: "Dear Ms. Okafor," / "Hi Dana —" / "Hello". The name is a few
# words, fewer without the closing mark, so "Hi Jo thank you so much for today!" is a sentence.
_GREETING = re.compile(
    rf"^[ \t]*(?P<greeting>{_GREETING_WORD})\b[ \t]*"
    r"(?:(?P<name>(?:[^\s,:!—–]+[ \t]*){0,8}?)[ \t]*[,:!—–]"
    r"|(?P<bare>(?:[^\s,:!—–]+[ \t]*){0,3}?))[ \t]*$",
    re.I,
)
# A greeting that starts the first sentence: "Hi Jo, thanks for today." The name must be
# capitalised words (titles allowed), so "Hello, I wanted to ..." has a greeting and no name.
_INLINE_GREETING = re.compile(
    rf"^[ \t]*(?i:{_GREETING_WORD})"
    r"(?:[ \t]+(?P<name>(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?[ \t]+)?[A-Z][\w'’-]*"
    r"(?:[ \t]+[A-Z][\w'’.-]*){0,2}))?[ \t]*,[ \t]+(?=\S)"
)
# "To whom it may concern," and "To the hiring manager," / "To the Larkspur team:" on a line of
# their own: "to" opens a salutation only before these addressees.
_WHOM = re.compile(
    r"^[ \t]*to[ \t]+(?:whom it may concern|the[ \t]+(?:[\w'’&-]+[ \t]+){0,2}"
    r"(?:manager|team|recruiter|panel|committee|department)s?)[ \t]*[,:!.]?[ \t]*$",
    re.I,
)
_SUBJECT = re.compile(r"^[ \t]*(?:subject|re)[ \t]*:", re.I)
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]")
_CLOSING = re.compile(
    r"^[ \t]*(?:(?:best|kind|warm|warmest|many|with)?[ \t]*(?:regards|wishes|thanks)"
    r"|best|all the best|sincerely(?: yours)?|yours(?: sincerely| truly| faithfully)?"
    r"|faithfully|respectfully"
    r"|warmly|cheers|thanks(?: again| so much)?|thank you(?: again)?|many thanks"
    r"|with (?:gratitude|appreciation)|gratefully|take care|talk soon|speak soon"
    r"|looking forward)[ \t]*[,.!]?[ \t]*$",
    re.I,
)
_DASH_SIGNATURE = re.compile(r"^[ \t]*[-–—]{1,2}[ \t]*\S.{0,40}$")
_POSTSCRIPT = re.compile(r"^[ \t]*p\.?[ \t]?(?:p\.?[ \t]?)?s\b\.?", re.I)
# A sentence of eight or more words: prose, which a signature block never holds (a footnote
# such as "[1] Smith, J. ..." may follow a signature, and is not prose).
_PROSE = re.compile(r"^(?![ \t]*\[\^?\w+\])\W*(?:\S+\s+){7,}\S*[.!?][\"')”’]*\s*$")
_MAX_SIGNATURE_LINES = 6
# Where an email client starts the earlier thread below a reply: "On Tue, Nov 24, 2026 at 2:14
# PM Sam Lee wrote:" (always with a date, unlike "On your careers page you wrote:", which
# introduces a quotation in the note) or Outlook's "-----Original Message-----". What follows
# was written before this note (often by the reader): no part of its body or sign-off.
_THREAD_START = re.compile(
    r"^[ \t]*(?:on\b(?=[^\n]{0,200}\d)[^\n]{1,200}\bwrote:"
    r"|-{2,}[ \t]*original message[ \t]*-{2,})[ \t]*$",
    re.I,
)


@dataclass(frozen=True)
class Layout:
    """Character spans (start, end) of the note's parts; ``body`` is always set."""

    body: tuple[int, int]
    subject: tuple[int, int] | None = None
    salutation: tuple[int, int] | None = None
    recipient: str | None = None
    signoff: tuple[int, int] | None = None
    postscript: tuple[int, int] | None = None


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines, without indentation, trailing blanks or a CRLF's CR."""
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            indent = len(line) - len(line.lstrip())
            spans.append((start + indent, start + len(line.rstrip())))
        start += len(line) + 1
    return spans


def _salutation(
    text: str, line: tuple[int, int]
) -> tuple[tuple[int, int] | None, str | None, int | None]:
    """The greeting on a line: its span, the name in it, and where the body starts if inline."""
    line_text = text[slice(*line)]
    greeting = _GREETING.match(line_text)
    if greeting:
        return line, (greeting.group("name") or greeting.group("bare") or "").strip() or None, None
    if _WHOM.match(line_text):
        return line, None, None
    inline = _INLINE_GREETING.match(line_text)
    if inline:
        salutation_end = line[0] + len(inline.group().rstrip())
        return (line[0], salutation_end), inline.group("name"), line[0] + inline.end()
    return None, None, None


def _signoff(text: str, lines: list[tuple[int, int]], first: int, end: int) -> int | None:
    """Index of the closing line ("Best,", "— Sam") among ``lines[first + 1:end]``.

    The line at ``first`` is left to the body, so a two-line "Hello / Thank you." keeps its
    thanks as the body; a closing with prose below it is part of the body, not a sign-off.
    """
    for index in range(end - 1, max(first + 1, end - _MAX_SIGNATURE_LINES) - 1, -1):
        line_text = text[slice(*lines[index])]
        if _CLOSING.match(line_text) or (index == end - 1 and _DASH_SIGNATURE.match(line_text)):
            return index
        if _PROSE.match(line_text):
            return None
    return None


def _thread_start(text: str, lines: list[tuple[int, int]]) -> int:
    """Index of the line that opens a quoted earlier thread, or ``len(lines)`` without one.

    The first line never does: a note that is all quotation keeps it as its body. Nor does an
    "On … wrote:" with an unquoted paragraph after it: a reply written below the quotation is
    the note. Quote markers are blanked before layout runs, so a quoted line is an indented
    one (a quoted line wrapped again without its marker continues its paragraph).
    """
    for i in range(1, len(lines)):
        match = _THREAD_START.match(text[slice(*lines[i])])
        if match and (
            not match.group().lstrip().lower().startswith("on")
            or not any(_opens_unquoted_paragraph(text, a, b) for a, b in pairwise(lines[i:]))
        ):
            return i
    return len(lines)


def _opens_unquoted_paragraph(text: str, before: tuple[int, int], line: tuple[int, int]) -> bool:
    """Whether ``line`` starts a paragraph (a blank line above it) without indentation."""
    indented = line[0] > 0 and text[line[0] - 1] in " \t"
    return not indented and text.count("\n", before[1], line[0]) >= 2


def find_layout(text: str) -> Layout:
    """Locate the frame of a note in its masked text."""
    lines = _lines(text)
    if not lines:
        return Layout(body=(0, len(text)))
    lines = lines[: _thread_start(text, lines)]
    first = 0
    subject = None
    if _SUBJECT.match(text[slice(*lines[0])]) or _HEADING.match(text[slice(*lines[0])]):
        subject, first = lines[0], 1

    salutation, recipient = None, None
    if first < len(lines):
        salutation, recipient, inline_body = _salutation(text, lines[first])
        if inline_body is not None:
            lines[first] = (inline_body, lines[first][1])
        elif salutation is not None:
            first += 1

    end = len(lines)
    postscript_at = next(
        (i for i in range(first + 1, end) if _POSTSCRIPT.match(text[slice(*lines[i])])), None
    )
    closing = _signoff(text, lines, first, postscript_at or end)
    postscript = None
    if closing is not None and postscript_at is not None:
        postscript, end = (lines[postscript_at][0], lines[-1][1]), postscript_at
    elif closing is None:
        closing = _signoff(text, lines, first, end)
    signoff = (lines[closing][0], lines[end - 1][1]) if closing is not None else None
    last = end if closing is None else closing

    # A note that is all frame (a one-line "Thanks!") is its own body.
    body = (lines[0][0], lines[-1][1]) if first >= last else (lines[first][0], lines[last - 1][1])
    return Layout(
        body=body,
        subject=subject,
        salutation=salutation,
        recipient=recipient,
        signoff=signoff,
        postscript=postscript,
    )
