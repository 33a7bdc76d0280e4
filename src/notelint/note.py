"""What a check sees: the source, its context, the parsed Doc and the note's layout."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from notelint.context import Context
from notelint.layout import Layout
from notelint.sources import Source

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


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

    def body_sentences(self) -> list[Span]:
        """Sentences between the salutation and the sign-off: the note's actual content."""
        start, end = self.layout.body
        return [
            s
            for s in self.doc.sents
            if s.end_char > start and s.start_char < end and not s.text.isspace()
        ]
