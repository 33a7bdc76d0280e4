"""Text from a note, its front matter or a file name made safe to print on a terminal or log.

A note can hold escape sequences (a title change, a hyperlink, clear-screen) or bidirectional
overrides, and a quoted phrase or a file name can hold a line break that would forge a line of
output. Only our own colour codes may reach the terminal: everything printed from the input
goes through ``printable``.
"""

from __future__ import annotations

import re

# C0 and C1 controls but tab, DEL, and the bidirectional overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("\r\n|[\n\r\u2028\u2029\x0b\x0c]")


def printable(text: str, *, keep_breaks: bool = False) -> str:
    """The text on one line, without control characters; a line break shows as "⏎" (unless
    ``keep_breaks``, for a format that escapes them itself), any other control character as
    "�", and unpaired surrogates (from undecodable file names) as "�" too."""
    if not keep_breaks:
        text = _BREAKS.sub("⏎", text)
    else:
        text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    text = _UNSAFE.sub("\ufffd", text)
    return text.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(text) else text


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)
