"""The parts of a note: subject, salutation, body and sign-off, found from its lines.

A note's frame (the greeting and the closing) is boilerplate by design: copies across a panel
differ only there, and stock-phrase checks should not count "Best regards" against a note. This
works on lines of the masked text, since the frame is a matter of layout, not of grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GREETING = re.compile(
    r"^[ \t]*(?P<greeting>dear|hi|hello|hey|hiya|good (?:morning|afternoon|evening)|greetings)"
    r"\b[ \t]*(?P<name>[^\n,:!—–]{0,60}?)[ \t]*[,:!—–]?[ \t]*$",
    re.I,
)
_WHOM = re.compile(r"^[ \t]*to whom it may concern[ \t]*[,:!.]?[ \t]*$", re.I)
_SUBJECT = re.compile(r"^[ \t]*(?:subject|re)[ \t]*:", re.I)
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]")
_CLOSING = re.compile(
    r"^[ \t]*(?:(?:best|kind|warm|warmest|many|with)?[ \t]*(?:regards|wishes|thanks)"
    r"|best|all the best|sincerely(?: yours)?|yours(?: sincerely| truly)?|respectfully"
    r"|warmly|cheers|thanks(?: again| so much)?|thank you(?: again)?|many thanks"
    r"|with (?:gratitude|appreciation)|gratefully|take care|talk soon|speak soon"
    r"|looking forward)[ \t]*[,.!]?[ \t]*$",
    re.I,
)
_DASH_SIGNATURE = re.compile(r"^[ \t]*[-–—]{1,2}[ \t]*\S.{0,40}$")
_MAX_SIGNATURE_LINES = 6


@dataclass(frozen=True)
class Layout:
    """Character spans (start, end) of the note's parts; ``body`` is always set."""

    body: tuple[int, int]
    subject: tuple[int, int] | None = None
    salutation: tuple[int, int] | None = None
    recipient: str | None = None
    signoff: tuple[int, int] | None = None


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return [(s, e) for s, e in spans if text[s:e].strip()]


def find_layout(text: str) -> Layout:
    """Locate the frame of a note in its masked text."""
    lines = _lines(text)
    if not lines:
        return Layout(body=(0, len(text)))
    first = 0
    subject = None
    if _SUBJECT.match(text[slice(*lines[0])]) or _HEADING.match(text[slice(*lines[0])]):
        subject, first = lines[0], 1

    salutation, recipient = None, None
    if first < len(lines):
        line_text = text[slice(*lines[first])]
        greeting = _GREETING.match(line_text)
        if greeting or _WHOM.match(line_text):
            salutation = lines[first]
            recipient = (greeting.group("name").strip() or None) if greeting else None
            first += 1

    last = len(lines)
    signoff = None
    for index in range(len(lines) - 1, max(first, len(lines) - _MAX_SIGNATURE_LINES) - 1, -1):
        line_text = text[slice(*lines[index])]
        if _CLOSING.match(line_text) or (
            index == len(lines) - 1 and _DASH_SIGNATURE.match(line_text)
        ):
            signoff = (lines[index][0], lines[-1][1])
            last = index
            break

    # A note that is all frame (a one-line "Thanks!") is its own body.
    body = (lines[0][0], lines[-1][1]) if first >= last else (lines[first][0], lines[last - 1][1])
    return Layout(
        body=body, subject=subject, salutation=salutation, recipient=recipient, signoff=signoff
    )
