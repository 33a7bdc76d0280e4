"""NL013 too-long: a body that rambles past ~250 words, or reads far above business writing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from notelint.kit import Check, doc_text
from notelint.kit import words as doc_words

if TYPE_CHECKING:
    from pyphen import Pyphen
    from spacy.tokens import Span

    from notelint.kit import Finding, Note, Words


# Flesch-Kincaid grade level: 0.39 * words per sentence + 11.8 * syllables per word - 15.59.
_FK_SENTENCE = 0.39
_FK_SYLLABLE = 11.8
_FK_OFFSET = 15.59
# Punctuation that joins two pieces of one word: "on-call", "I've", "and/or".
_JOINERS = {"-", "'", "’", "/"}
_NOT_LETTERS = re.compile(r"[^a-z]+")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
#: Grades below the limit within which the quick count hands over to pyphen.
_ROUGH_MARGIN = 3.0


@dataclass(frozen=True)
class BodyStats:
    """Words of each body sentence, the frame and masked code left out."""

    sentences: tuple[tuple[Span, tuple[str, ...]], ...]

    @property
    def words(self) -> int:
        return sum(len(words) for _, words in self.sentences)

    def longest(self) -> tuple[Span, int]:
        sentence, words = max(self.sentences, key=lambda pair: len(pair[1]))
        return sentence, len(words)

    def grade(self, syllables_of: Callable[[str], int]) -> float:
        """Flesch-Kincaid grade with the given syllable counter."""
        syllables = sum(syllables_of(w) for _, words in self.sentences for w in words)
        return (
            _FK_SENTENCE * self.words / len(self.sentences)
            + _FK_SYLLABLE * syllables / self.words
            - _FK_OFFSET
        )


class TooLong(Check):
    """Flags a note whose body is too long, or written far above business reading level.

    What it does:
        Counts the words of the body (not front matter, fenced code, HTML comments, the
        salutation or the sign-off) and flags more than `max-words`. For bodies of at least
        `min-words-for-grade` words it also computes the Flesch-Kincaid grade (syllables by
        pyphen hyphenation, offline) and flags a grade above `max-grade`. The finding points at
        the longest sentence, the first one to cut or split.

    Why is this bad?
        The advice is to keep a follow-up note succinct: email coaches that learned from large
        samples recommend bodies of 50-125 words, and a note that builds on the conversation
        may run longer, but past ~250 words it rambles and buries the one point that matters.
        Business writing aims at grade 8-10; long sentences of long words (grade 16 and up,
        postgraduate prose) make a short note hard work to read.

    Example:
        My doctoral dissertation, which employed a sequential explanatory mixed-methods
        evaluation of differential attrition among mathematics educators, necessitated the
        development of probabilistic record-linkage procedures substantially analogous to those
        your organization's longitudinal retention dataset evidently requires for its
        annual institutional reporting to the regional education authority.

    Use instead:
        For my PhD I linked school staff records to survey answers to study why maths teachers
        leave. Your retention dataset needs the same record linkage, and I could start on it.

    Options:
        max-words: the most words a body may have (default 250).
        max-grade: the highest Flesch-Kincaid grade allowed (default 16: business writing
            targets 8-10, and 16 is postgraduate prose).
        min-words-for-grade: shorter bodies are not graded, since a grade over a few
            sentences is noise (default 40).
    """

    def check(self, note: Note) -> Iterator[Finding]:
        stats = body_stats(note)
        if not stats.sentences:
            return
        problems = []
        if stats.words > self.options["max-words"]:
            problems.append(f"{stats.words} words (limit {self.options['max-words']})")
        grade = self._grade(stats)
        if grade is not None and grade > self.options["max-grade"]:
            problems.append(f"reading grade {grade:.1f} (limit {self.options['max-grade']:g})")
        if not problems:
            return
        sentence, length = stats.longest()
        too_many = stats.words > self.options["max-words"]
        yield self.finding(
            note,
            sentence.start_char,
            sentence.end_char,
            f"{'too long' if too_many else 'hard to read'}: {' and '.join(problems)}; "
            f"the longest sentence has {length} words",
            _suggestion(too_many, hard=len(problems) > int(too_many), longest=length),
        )

    def _grade(self, stats: BodyStats) -> float | None:
        """The grade of a body long enough to grade, if it may be above the limit.

        Counting vowel groups is instant and close to pyphen's count (within about two
        grades, mostly above it); pyphen's dictionary takes ~0.2 s to load, so it is only
        consulted for a body whose rough grade comes near the limit.
        """
        if stats.words < self.options["min-words-for-grade"]:
            return None
        if stats.grade(_rough_syllables) <= self.options["max-grade"] - _ROUGH_MARGIN:
            return None
        return stats.grade(_syllables)


def body_stats(note: Note) -> BodyStats:
    """The body's sentences with their words, from the doc's tokens inside the body span."""
    start, end = note.layout.body
    w = doc_words(note.doc)
    text_end = len(doc_text(note.doc))
    pairs = []
    for sentence in note.body_sentences():
        inside = [i for i in range(sentence.start, sentence.end) if start <= w.idx[i] < end]
        words = _words(w, inside, text_end)
        if words:
            pairs.append((sentence, words))
    return BodyStats(tuple(pairs))


def _words(w: Words, tokens: Iterable[int], text_end: int) -> tuple[str, ...]:
    """Words as an editor counts them: word tokens (`not is_punct and not is_space`), with
    pieces glued by no space or a hyphen or apostrophe kept as one ("I've", "on-call").

    A token is followed by a space when the next one (or the text's end) starts later than
    it ends: spaCy keeps at most one space with a token, and makes more a token of its own.
    """
    words: list[str] = []
    glued = False
    for i in tokens:
        if w.space[i]:
            glued = False
            continue
        is_word = not w.punct[i]
        if is_word and glued and words:
            words[-1] += w.text[i]
        elif is_word:
            words.append(w.text[i])
        follows = w.idx[i + 1] if i + 1 < len(w.idx) else text_end
        spaced = w.idx[i] + w.size[i] < follows
        glued = not spaced and (is_word or w.text[i] in _JOINERS)
    return tuple(words)


def _suggestion(too_many: bool, hard: bool, longest: int) -> str:
    cut = (
        "Cut the note to the one or two points that build on the conversation and say why "
        "you fit; 100-200 words is plenty."
    )
    split = (
        f"Split the longest sentence ({longest} words) in two or three, and trade long "
        "abstract words for short concrete ones."
    )
    return " ".join(part for part, wanted in ((cut, too_many), (split, hard)) if wanted)


@lru_cache(maxsize=1 << 16)
def _rough_syllables(word: str) -> int:
    """Syllables as vowel groups, a silent final 'e' dropped: a quick screen only (kept per
    word: notes share most of their words)."""
    lower = word.lower()
    count = len(_VOWEL_GROUPS.findall(lower))
    if count > 1 and lower.endswith("e") and not lower.endswith(("le", "ee")):
        count -= 1
    return max(1, count)


def _syllables(word: str) -> int:
    """Syllables of a word: hyphenation points plus one, as textstat counts them."""
    parts = [p for p in _NOT_LETTERS.split(word.lower()) if p] or [word]
    return sum(len(_hyphenator().positions(p)) + 1 for p in parts)


@cache
def _hyphenator() -> Pyphen:
    """The English hyphenation dictionary, loaded on first use (~0.2 s), never at import."""
    import pyphen

    return pyphen.Pyphen(lang="en_US")
