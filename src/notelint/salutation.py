"""The note's salutation: where it is, and the words that greet a role or a group.

Several checks read the greeting (generic salutation, wrong name); finding it is one shared
view of the note, not a check's private helper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from notelint.matching import phrase_matcher, vocabulary

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Span

    from notelint.note import Note

#: Words that open a salutation; "to" opens "To whom it may concern".
GREETINGS = frozenset({*vocabulary("greetings"), *vocabulary("times_of_day"), "to"})
#: Words that open a greeting at the start of a note's first line.
OPENERS = frozenset(vocabulary("greetings"))
#: Group nouns: a capitalised word right before one names an organisation, not a person.
GROUP_WORDS = frozenset(vocabulary("group_words"))


def salutation_span(note: Note) -> Span | None:
    """The salutation as a span of the doc, or None when the note has none.

    The layout finds the usual shapes; a greeting that runs into the first sentence with a
    lower-case or long addressee ("Hi team, thanks for…", "Dear hiring panel members Ana and
    Raj,") is found here: a greeting word, then up to eight words, then a comma.
    """
    if note.layout.salutation is not None:
        start, end = note.layout.salutation
        return note.doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in note.doc if not t.is_space and t.idx >= note.layout.body[0]][:10]
    if not words or words[0].lower_ not in OPENERS:
        return None
    for token in words[1:]:
        if token.text in {",", ":", "!", "—", "–"}:
            return note.doc[words[0].i : token.i]
        if "\n" in token.whitespace_ or token.is_sent_start:
            return None
    return None


def generic_addressees(nlp: Language, extra: list[str]) -> PhraseMatcher:
    """Role and group addressees ('hiring manager', 'team'), from data plus an option."""
    return phrase_matcher(nlp, [*vocabulary("salutations_generic"), *extra], attr="LOWER")


def company_words(note: Note) -> set[str]:
    """Lower-case words of the front matter company, which greet a group, not a person."""
    return {w.lower() for w in (note.context.company or "").split()}
