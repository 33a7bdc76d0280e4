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
    """Start a sentence after a blank line, and after a short line ending in "," or ":".

    Reads the tokens' spellings and space flags as ids for the whole Doc (a Token object
    per word cost more than the rule); only the few whitespace tokens are looked up as text.
    A token keeps at most one plain space after it, so a line break is always a token.
    """
    strings = doc.vocab.strings
    closers = {strings.add(","), strings.add(":")}
    line_length = 0
    previous = None
    columns = doc.to_array(["IS_SPACE", "ORTH"]).tolist() if len(doc) else []
    for i, (space, orth) in enumerate(columns):
        if not space:
            line_length += 1
            previous = orth
            continue
        text = strings[orth]
        if "\n" not in text:
            continue
        blank_line = text.count("\n") >= 2
        greeting = previous in closers and line_length <= _SHORT_LINE_TOKENS
        if i + 1 < len(doc) and (blank_line or greeting):
            doc[i + 1].is_sent_start = True
        line_length = 0
    return doc


def register() -> None:
    """Register the component with spaCy (idempotent)."""
    from spacy.language import Language

    if NAME not in Language.factories:
        Language.component(NAME, func=mark_paragraphs)
