"""What a check sees: the source, its context, the parsed Doc and the note's layout."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from notelint.context import Context
from notelint.layout import Layout
from notelint.sources import Source

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


_SENTENCES_KEY = "notelint_sentences"
_TEXT_KEY = "notelint_text"


def doc_text(doc: Doc) -> str:
    """The Doc's text, kept in its ``user_data``: ``doc.text`` joins every token's text anew,
    and several views slice it for every note."""
    found = doc.user_data.get(_TEXT_KEY)
    if found is None:
        found = doc.user_data[_TEXT_KEY] = doc.text
    return found


def known_text(doc: Doc, text: str) -> Doc:
    """Keep ``text``, which the Doc was made from, as its text (spaCy's Doc text is exactly
    the text it was given), so ``doc_text`` need not join the tokens."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def doc_sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences, kept in its ``user_data``: ``doc.sents`` walks the tokens anew."""
    found = doc.user_data.get(_SENTENCES_KEY)
    if found is None:
        starts = [i for i, v in enumerate(doc.to_array("SENT_START").tolist()) if v == 1]
        if starts[:1] == [0]:
            ends = [*starts[1:], len(doc)]
            found = [doc[start:end] for start, end in zip(starts, ends, strict=True)]
        else:  # no sentence boundaries set on the first token: spaCy's own reading
            found = list(doc.sents)
        doc.user_data[_SENTENCES_KEY] = found
    return found


@dataclass(frozen=True)
class Note:
    """One note, ready to check. Offsets in ``doc`` are offsets in ``source.text``."""

    source: Source
    context: Context
    doc: Doc
    layout: Layout

    @property
    def path(self) -> str:
        return self.source.path

    @cached_property
    def _body_sentences(self) -> tuple[Span, ...]:
        spans = [self.layout.body, *([self.layout.postscript] if self.layout.postscript else [])]
        text = doc_text(self.doc)  # a slice of it: ``Span.text`` joins the span's tokens
        return tuple(
            s
            for s in doc_sentences(self.doc)
            if not text[s.start_char : s.end_char].isspace()
            and any(s.end_char > start and s.start_char < end for start, end in spans)
        )

    def body_sentences(self) -> list[Span]:
        """Sentences of the note's content: the body and any P.S., not the greeting or sign-off.

        Computed once per note (every check asks), returned as a fresh list.
        """
        return list(self._body_sentences)

    def field_span(self, key: str) -> tuple[int, int]:
        """Characters of a front matter field's line, for findings about its value; without
        one (the value came from a CLI flag), the note's first body line."""
        line = self.context.line_of(key)
        if line is None:
            line, _ = self.source.position(self.layout.body[0])
        return self.source.line_span(line)
