"""A pipeline component that starts a sentence at each paragraph and after a greeting line.

spaCy's sentencizer splits on punctuation only, so "Hi Dana,\\n\\nI sent..." and a sign-off such
as "Best,\\nLee" would be glued to the next sentence. Notes are short and laid out in
paragraphs; a blank line, or a new line after a short line ending in a comma or colon, is a
boundary. It runs before the sentencizer (or parser), which keep boundaries already set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAME = "notelint_paragraphs"
_SHORT_LINE_TOKENS = 6


def mark_paragraphs(doc: Doc) -> Doc:
    line_length = 0
    previous = None
    for token in doc:
        if token.is_space and "\n" in token.text:
            nxt = token.i + 1
            blank_line = token.text.count("\n") >= 2
            greeting = (
                previous is not None
                and previous.text in {",", ":"}
                and line_length <= _SHORT_LINE_TOKENS
            )
            if nxt < len(doc) and (blank_line or greeting):
                doc[nxt].is_sent_start = True
            line_length = 0
        elif not token.is_space:
            line_length += 1
            previous = token
        if "\n" in token.whitespace_:
            line_length = 0
    return doc


def register() -> None:
    """Register the component with spaCy (idempotent)."""
    from spacy.language import Language

    if NAME not in Language.factories:
        Language.component(NAME, func=mark_paragraphs)
