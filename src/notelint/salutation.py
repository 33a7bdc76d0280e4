"""The note's salutation: where it is, and the words that greet a role or a group.

Several checks read the greeting (generic salutation, wrong name); finding it is one shared
view of the note, not a check's private helper.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from notelint.lookup_lemmas import lemma_table
from notelint.matching import phrase_matcher, vocabulary

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Span, Token

    from notelint.note import Note
    from notelint.pipeline import Nlp

#: Words that open a salutation; "to" opens "To whom it may concern".
GREETINGS = frozenset({*vocabulary("greetings"), *vocabulary("times_of_day"), "to"})
#: Words that open a greeting at the start of a note's first line.
OPENERS = frozenset(vocabulary("greetings"))
#: Group nouns: a capitalised word right before one names an organisation, not a person.
GROUP_WORDS = frozenset(vocabulary("group_words"))
TITLES = frozenset(vocabulary("titles"))
#: Lower-case particles inside surnames: "Mr. Van der Berg", "Ms. de la Cruz".
PARTICLES = frozenset(vocabulary("name_particles"))
#: Honorific suffixes written after a surname: "Watanabe-san", "Kim-nim".
SUFFIXES = frozenset(vocabulary("name_suffixes"))


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


def generic_addressees(nlp: Nlp, extra: list[str]) -> PhraseMatcher:
    """Role and group addressees ('hiring manager', 'team'), from data plus an option."""
    return phrase_matcher(nlp, [*vocabulary("salutations_generic"), *extra], attr="LOWER")


def company_words(note: Note) -> set[str]:
    """Lower-case words of the front matter company, which greet a group, not a person."""
    return {w.lower() for w in (note.context.company or "").split()}


@dataclass(frozen=True)
class Name:
    """A name written in the salutation: its words, where it is, and whether it had a title."""

    words: tuple[str, ...]
    start: int
    end: int
    titled: bool


def greeted_names(span: Span, roles: PhraseMatcher) -> Iterator[Name]:
    """Runs of capitalised words in the salutation that are not roles, groups or glue."""
    covered = {t.i for m in roles(span, as_spans=True) for t in m}
    run: list[list[Token]] = []
    titled = False
    for word in _merged_words(span):
        text = _bare(word)
        if text in TITLES:
            yield from _emit(run, titled)
            run, titled = [], True
            continue
        is_name = (text in PARTICLES and bool(run)) or (
            word[0].text[:1].isupper()
            and text not in GREETINGS
            and word[0].i not in covered
            and not _starts_group(word, span)
        )
        if is_name:
            run.append(word)
        if not is_name or _suffix(word):
            yield from _emit(run, titled or _suffix(word))
            run, titled = [], False
    yield from _emit(run, titled)


def _emit(run: list[list[Token]], titled: bool) -> Iterator[Name]:
    if run:
        words = tuple(_bare(t) for t in run)
        yield Name(words, run[0][0].idx, run[-1][-1].idx + len(run[-1][-1]), titled)


def person_words(name: str) -> tuple[str, ...]:
    """'Dr. Hye-jin Park' -> ('hye-jin', 'hye', 'jin', 'park'): the words a greeting may use."""
    words: list[str] = []
    for raw in name.replace(",", " ").split():
        word = raw.strip(".").lower()
        if not word or word in TITLES:
            continue
        words.append(word)
        if "-" in word:
            words.extend(part for part in word.split("-") if part and part not in SUFFIXES)
    return tuple(words)


def _merged_words(span: Span) -> Iterator[list[Token]]:
    """Tokens glued by hyphens or apostrophes without spaces, as one word: 'Hye-jin'."""
    group: list[Token] = []
    for token in span:
        if token.is_space:
            continue
        if group and (group[-1].text in "-'’" or token.text in "-'’") and not group[-1].whitespace_:
            group.append(token)
            continue
        if group:
            yield group
        group = [token]
    if group:
        yield group


def _bare(word: list[Token] | Token) -> str:
    """A merged word in lower case without its title dot or honorific suffix."""
    text = "".join(t.text for t in word) if isinstance(word, list) else word.text
    text = text.lower().rstrip(".")
    head, _, tail = text.rpartition("-")
    return head if head and tail in SUFFIXES else text


def _suffix(word: list[Token]) -> bool:
    text = "".join(t.text for t in word).lower()
    return "-" in text and text.rpartition("-")[2] in SUFFIXES


def _starts_group(word: list[Token], span: Span) -> bool:
    """A capitalised word followed by 'team' names a group ('Larkspur team'), not a person."""
    index = word[-1].i + 1
    doc = span.doc
    while index < span.end and doc[index].text[:1].isupper():
        index += 1
    return word[0].text[:1].isupper() and index < span.end and doc[index].lower_ in GROUP_WORDS


def bare_name_line(note: Note) -> Span | None:
    """A salutation without a greeting word: 'Grace,' or 'Mr. Delgado,' alone on the first line."""
    start = note.layout.body[0]
    newline = note.source.text.find("\n", start)
    line = note.doc.char_span(
        start, newline if newline != -1 else len(note.source.text), alignment_mode="expand"
    )
    if line is None or not line or line[-1].text not in {",", ":", "—"}:
        return None
    words = [_bare(w) for w in _merged_words(line[:-1])]
    names = [w for w in words if w not in TITLES and w not in PARTICLES]
    table = lemma_table()
    ok = (
        0 < len(names) <= 3
        and len(words) <= 5
        and line.text[:1].isupper()
        and all(table.get(w, w) == w and not line.vocab[w].is_stop for w in names)
    )
    return line if ok else None
