"""NL005 panel-copy: one note sent, with the names swapped, to several people of a panel."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from notelint.kit import NotelintError, SetCheck, location

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from notelint.kit import Finding, Note


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PERSON_SEPARATOR = re.compile(r"\s*(?:,|&|/|;|\band\b|\bor\b)\s*", re.I)
_PLACEHOLDER = re.compile(r"[\[\]{}<>]|\b[XY]{2,}\b")
_NAME = "<name>"
# Words around a name that are not part of it: "Dr. Raman" and "Priya Raman" are one person.
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "there"})
# How many of their rarest words two bodies must share before they are compared at all (fewer
# if a short body allows fewer): more prunes chance pairs of notes built on the same stock words.
_SHARED_PREFIX = 16
#: Copies named in the message; ``related`` lists them all.
_LISTED = 5

Person = frozenset[str]


@dataclass(frozen=True)
class _Profile:
    """What one note brings to the comparison: who it is for and its body as word ids."""

    note: Note
    recipients: tuple[Person, ...]
    writers: tuple[Person, ...]
    company: str | None
    interviewed: dt.date | None
    panel: tuple[Person, ...]
    words: tuple[int, ...]
    reordered: tuple[int, ...]
    anchor: tuple[int, int]

    def shares_recipient(self, other: _Profile) -> bool:
        """One person in both notes' recipients ("Priya" and "Priya Raman" are one person)."""
        return _same_person(self.recipients, other.recipients)

    def other_application(self, other: _Profile) -> bool:
        """Not one panel's notes: different companies, interview days or panels (where both
        notes say), or notes signed by different people."""
        if self.company and other.company and self.company != other.company:
            return True
        if self.interviewed and other.interviewed and self.interviewed != other.interviewed:
            return True
        if self.panel and other.panel and not _same_person(self.panel, other.panel):
            return True
        return bool(self.writers and other.writers) and not _same_person(
            self.writers, other.writers
        )


class PanelCopy(SetCheck):
    """Flags notes of one run that are the same note sent to different people.

    What it does:
        Compares the bodies of all the notes linted together, with the salutation and the
        sign-off left out and the names of the recipients and of the writer blanked (copies
        swap names). Two notes to different recipients whose bodies are near-identical are
        both reported, each naming the other file. The recipient is front matter `to`, else
        the name in the salutation.

        Left out of the comparison, so that they never fire:
        - notes to the same person ("Priya" and "Priya Raman" are one person): two drafts of
          one note are not a panel copy;
        - notes whose recipient is unknown (no `to`, and a salutation without a person's name:
          "Dear Hiring Manager", "Hi team", "Dear [Name]"): two such notes may be drafts for
          one person, and a coach's folder of templates is alike on purpose;
        - notes whose front matter names different companies, interview days or panels
          (with no one in common), or that are signed by different people (a coach's folder
          of several candidates' notes): not one panel;
        - bodies of fewer than `min-words` words.

        Similarity is the share of the two bodies' words (lemmas, in order) that line up:
        2 x the longest common word sequence / the total of both lengths, also measured with
        the sentences put in a fixed order, so that a copy with its paragraphs shuffled is
        still found. Notes that share a closing paragraph but say different things about
        the conversation stay well below the threshold. Candidate pairs come from an index of
        each body's rarest words (prefix filtering), which finds every pair above the
        threshold without comparing every note with every other one.

    Why is this bad?
        Panels compare notes. The same text sent to several interviewers, with only the name
        changed, is noticed and reads as a form letter: each panelist's note must be
        customised, built on what that person asked or said.

    Example:
        Two files, to Priya Raman and to Tom Okafor, each saying "Thank you for taking the time
        to speak with me about the analytics role. I enjoyed learning about the team ...".

    Use instead:
        Write each note around that person's part of the conversation: "Priya, your question
        about late-arriving data stuck with me ..." and "Tom, the on-call rota you described
        ...".

    Options:
        similarity: how alike two bodies must be to count as copies, from 0 to 1 (default
            0.85: 85% of the words line up; a shared closing paragraph is far below it).
        min-words: bodies shorter than this many words are not compared (default 8).
        extra-generic-recipients: more words that address a role or a group, not a person
            ("Dear Search Committee"), so that such a recipient counts as unknown.
    """

    def setup(self) -> None:
        similarity = float(self.options["similarity"])
        if not 0 < similarity <= 1:
            raise NotelintError(
                f"option NL005.similarity: expected a number in (0, 1], got {similarity}"
            )
        self.similarity = similarity
        self.min_words = int(self.options["min-words"])
        self.generic = {
            w.lower()
            for term in (
                *self.terms("generic_recipients"),
                *self.options["extra-generic-recipients"],
            )
            for w in _NAME_WORD.findall(term)
        }

    def check_set(self, notes: Sequence[Note]) -> Iterator[Finding]:
        names = self._name_words(notes)
        vocabulary: dict[str, int] = {}
        profiles = [
            profile
            for note in notes
            if (profile := self._profile(note, names, vocabulary)) is not None
        ]
        copies: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for i, j in self._candidates(profiles):
            score = self._similarity(profiles[i], profiles[j])
            if score >= self.similarity:
                copies[i].append((score, j))
                copies[j].append((score, i))
        for i, matches in copies.items():
            yield self._finding(profiles[i], [(s, profiles[j]) for s, j in sorted(matches)[::-1]])

    # -- who a note is for ------------------------------------------------------------------

    def _persons(self, names: Iterable[str]) -> tuple[Person, ...]:
        """Each name as the set of its words; groups and roles ("the team") are no one."""
        persons = []
        for name in names:
            if _PLACEHOLDER.search(name):
                return ()
            for part in _PERSON_SEPARATOR.split(name):
                words = {w.lower() for w in _NAME_WORD.findall(part)} - _TITLES
                if words and not words & self.generic:
                    persons.append(frozenset(words))
        return tuple(persons)

    def _recipients(self, note: Note) -> tuple[Person, ...]:
        if note.context.to:
            return self._persons(note.context.to)
        return self._persons([note.layout.recipient] if note.layout.recipient else [])

    @staticmethod
    def _signature_name(note: Note) -> list[str]:
        """The writer's name: the line after the closing ("Best,\\nSam Lee"), or "— Sam"."""
        if note.layout.signoff is None:
            return []
        text = note.source.lint_text[slice(*note.layout.signoff)]
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            return [lines[1]]
        return [lines[0].lstrip("-–— ")] if lines and lines[0][0] in "-–—" else []

    def _name_words(self, notes: Sequence[Note]) -> frozenset[str]:
        """Every recipient's, panelist's and writer's name word in the run, lower-cased.

        Blanked in every body alike, so that "Priya, your point ..." and "Tom, your point ..."
        read the same; only capitalised words are blanked ("Will" the name, not "will").
        """
        words: set[str] = set()
        for note in notes:
            names = [*note.context.to, *note.context.panel, *self._signature_name(note)]
            if note.layout.recipient:
                names.append(note.layout.recipient)
            for person in self._persons(names):
                words |= person
        return frozenset(words)

    # -- what a note says -------------------------------------------------------------------

    def _profile(
        self, note: Note, names: frozenset[str], vocabulary: dict[str, int]
    ) -> _Profile | None:
        """The note's body as word ids, or None when it cannot take part in a comparison."""
        recipients = self._recipients(note)
        spans = note.body_sentences()
        sentences = [s for s in (_words(span, note.layout.body, names) for span in spans) if s]
        body = [w for s in sentences for w in s]
        if not recipients or not body or sum(w != _NAME for w in body) < self.min_words:
            return None

        def ids(words: Iterable[str]) -> tuple[int, ...]:
            return tuple(vocabulary.setdefault(w, len(vocabulary)) for w in words)

        first = spans[0]
        company = note.context.company
        return _Profile(
            note=note,
            recipients=recipients,
            writers=self._persons(self._signature_name(note)),
            company=" ".join(company.lower().split()) if company else None,
            interviewed=note.context.interviewed.date() if note.context.interviewed else None,
            panel=self._persons(note.context.panel),
            words=ids(body),
            reordered=ids(w for s in sorted(sentences) for w in s),
            anchor=(max(first.start_char, note.layout.body[0]), first.end_char),
        )

    # -- which notes are copies -------------------------------------------------------------

    def _candidates(self, profiles: Sequence[_Profile]) -> Iterator[tuple[int, int]]:
        """Pairs that may reach the threshold, found through each body's rarest words.

        Two bodies of n and m words whose similarity is at least t share at least
        a = t*n/(2-t) of the words of each (counting repeats). Sort every body's words from the
        rarest in the run to the commonest: then the first c shared words lie among the first
        n - a + c words of each (prefix filtering, as in all-pairs similarity joins). Only those
        prefixes are indexed, and a pair is a candidate when its prefixes share c words: no
        pair above the threshold is missed, and stock words shared by every note never pair
        notes up.
        """
        import numpy as np  # spaCy has loaded it already

        t = self.similarity
        items = [_occurrences(p.words) for p in profiles]
        frequency = Counter(item for its in items for item in its)
        rank = {item: r for r, item in enumerate(sorted(frequency, key=frequency.__getitem__))}
        prefixes, shared = [], []
        for its in items:
            overlap = math.ceil(t * len(its) / (2 - t) - 1e-9)
            shared.append(min(_SHARED_PREFIX, overlap))
            prefixes.append(sorted(rank[item] for item in its)[: len(its) - overlap + shared[-1]])
        postings: dict[int, list[int]] = defaultdict(list)
        for i, prefix in enumerate(prefixes):
            for item in prefix:
                postings[item].append(i)
        arrays = {item: np.array(ids) for item, ids in postings.items() if len(ids) > 1}
        need = np.array(shared)
        for i, prefix in enumerate(prefixes):
            lists = [arrays[item] for item in prefix if item in arrays]
            if not lists:
                continue
            counts = np.bincount(np.concatenate(lists), minlength=len(prefixes))[i + 1 :]
            enough = np.flatnonzero(counts >= np.minimum(need[i + 1 :], shared[i])) + i + 1
            for j in enough.tolist():
                if self._comparable(profiles[i], profiles[j]):
                    yield i, j

    def _comparable(self, a: _Profile, b: _Profile) -> bool:
        short, long = sorted((len(a.words), len(b.words)))
        return (
            2 * short >= self.similarity * (short + long)
            and not a.shares_recipient(b)
            and not a.other_application(b)
        )

    def _similarity(self, a: _Profile, b: _Profile) -> float:
        from rapidfuzz.distance import Indel

        return max(
            Indel.normalized_similarity(a.words, b.words),
            Indel.normalized_similarity(a.reordered, b.reordered),
        )

    # -- the report -------------------------------------------------------------------------

    def _finding(self, profile: _Profile, matches: list[tuple[float, _Profile]]) -> Finding:
        note = profile.note
        score = matches[0][0]
        opening = note.source.text[slice(*profile.anchor)].split()
        quoted = " ".join(opening[:8]) + (" …" if len(opening) > 8 else "")
        shown = [f"{_shown(m.note)} ({m.note.path})" for _, m in matches[:_LISTED]]
        if len(matches) > _LISTED:
            shown.append(f"{len(matches) - _LISTED} more")
        return self.finding(
            note,
            *profile.anchor,
            f'the body ("{quoted}") is {math.floor(score * 100)}% the same as the notes to '
            f"{', '.join(shown)}, once names are set aside"
            if len(matches) > 1
            else f'the body ("{quoted}") is {math.floor(score * 100)}% the same as the note to '
            f"{shown[0]}, once names are set aside",
            "Panels compare notes: rewrite this one around what this person asked or told you "
            "(a question of theirs, a problem of their team) instead of swapping the name.",
            related=[location(m.note, *m.anchor) for _, m in matches],
        )


def _words(sentence: Span, body: tuple[int, int], names: frozenset[str]) -> tuple[str, ...]:
    """A sentence's lower-cased lemmas inside the body, each run of names as one ``<name>``."""
    words: list[str] = []
    for token in sentence:
        if token.is_space or token.is_punct or not body[0] <= token.idx < body[1]:
            continue
        word = _NAME if _is_name(token, names) else token.lemma_.lower()
        if not (word == _NAME and words and words[-1] == _NAME):
            words.append(word)
    return tuple(words)


def _is_name(token: Token, names: frozenset[str]) -> bool:
    return token.text[:1].isupper() and token.lower_ in names


def _same_person(these: tuple[Person, ...], those: tuple[Person, ...]) -> bool:
    return any(a <= b or b <= a for a in these for b in those)


def _occurrences(words: Sequence[int]) -> list[tuple[int, int]]:
    """A multiset as a set: the k-th "the" of a body is the item (the, k)."""
    seen: dict[int, int] = {}
    items = []
    for word in words:
        k = seen.get(word, 0)
        items.append((word, k))
        seen[word] = k + 1
    return items


def _shown(note: Note) -> str:
    return ", ".join(note.context.to) or note.layout.recipient or "someone else"
