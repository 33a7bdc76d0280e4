"""Whose side specific content is on: the interviewer's (a reference) or the writer's (fit).

A sentence refers to the conversation when it holds something only this interview could
produce (a rare word, a name, a number; see ``specificity``) on the *reader's* side: in a clause
about what they said, showed or need ("the demi-glace you've been reducing since Sunday",
"your dispatch team's problem with duplicate tickets") or after a verb of talking or learning
("talking about the cross-dock delays", "I understand the packaging line has had downtime").
The same content in a clause about the writer ("I've been on sauces at Maison Blanche") shows
fit, not a reference. No cue phrase is needed: the content and its side are the signal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from notelint.matching import matched_spans, phrase_matcher, vocabulary
from notelint.specificity import (
    SPECIFIC_SENTENCE,
    WEAK,
    Words,
    slot_tokens,
    template_slots,
    words,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

    from notelint.pipeline import Nlp
    from notelint.specificity import Specificity

SECOND_PERSON = frozenset(vocabulary("pronouns_second"))
FIRST_PERSON = frozenset(vocabulary("pronouns_first"))
#: Words of talking or learning, and nouns of the interview's acts after a determiner: what
#: follows them is news from the reader ("talking about the …", "the tour of the …").
CONVERSATION_VERBS = frozenset(vocabulary("conversation_verbs"))
CONVERSATION_NOUNS = frozenset(vocabulary("conversation_nouns"))
_DEFINITE = frozenset({"the", "your", "our", "this", "that", "today's", "yesterday's"})
#: Verbs of the writer's pitch: "your" a few words after one is an offer ("help your team").
PITCH_VERBS = frozenset(vocabulary("pitch_verbs"))
_PITCH_REACH = 3
_WE = frozenset({"we", "our", "us"})
_MODALS = frozenset(vocabulary("modals"))
#: Perfect auxiliaries ("I've run"), and the words that may come between a pronoun and its verb.
_PERFECT = frozenset({"'ve", "have", "had", "'d"})
_AUXILIARIES = frozenset({"'ve", "have", "had", "'d", "n't", "not", "also", "just", "am", "'m"})
#: The writer's record after "my"/"our": "my three years", "my experience reconciling".
_OWNING = frozenset({"my", "our"})
_PERIODS = frozenset({"year", "month", "decade", "season", "summer", "shift", "week"})
_RECORDS = frozenset({"experience", "background", "years", "time"})
_STARTING = frozenset({"start", "begin"})
_HELD_POSTS = frozenset({"on", "at", "in", "with", "a", "an", "the", "running", "leading"})


def _record(w: Words, rest: list[int]) -> bool:
    """The writer's record: time spent at work ("my three years scheduling", "our two
    seasons") or experience of doing something ("my experience reconciling")."""
    if rest and w.lemma[rest[0]] in _RECORDS:
        return True
    return (
        len(rest) > 1
        and (w.num[rest[0]] or w.lower[rest[0]] in {"a", "an"})
        and (w.lemma[rest[1]] in _PERIODS)
    )


def _done(w: Words, rest: list[int], not_work: frozenset[str]) -> bool:
    """A verb of work done right after the pronoun: a past form ("fixed", "ran") or a
    perfect ("'ve been", "have run"), not a verb of feeling or learning (``not_work``:
    "I enjoyed", "I hadn't realised")."""
    verbs = [i for i in rest[:4] if w.alpha[i] and w.lower[i] not in _AUXILIARIES]
    if not verbs:
        return False
    perfect = any(w.lower[i] in _PERFECT for i in rest[:2])
    if perfect and w.lower[verbs[0]] == "been":
        # "I've been on sauces at Maison Blanche", "I've been a charge nurse": a post held;
        # "I've been thinking", "I've been excited" are not.
        nxt = verbs[0] + 1
        return nxt < len(w.lower) and w.lower[nxt] in _HELD_POSTS
    if w.lemma[verbs[0]] in not_work:
        # "I started sending", "I began running": a verb of starting before the work itself.
        nxt = verbs[0] + 1
        starting = w.lemma[verbs[0]] in _STARTING
        return starting and nxt < len(w.lower) and w.lower[nxt].endswith("ing")
    return perfect or w.lemma[verbs[0]] != w.lower[verbs[0]]


#: Tokens that end a clause: what a pronoun governs stops there.
_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")", "but", "so", "because"})
_OPENER_REACH = 4
#: Words that open what a verb of talking or learning is about: "about the …", "that …".
_OPENS_ONTO = frozenset({"about", "that", "how", "why", "what", "where", "the", "of", "through"})


class Sides:
    """Weighs the specific content on the reader's side of a sentence."""

    def __init__(self, nlp: Nlp, specificity: Specificity) -> None:
        self.specificity = specificity
        self.pitch = phrase_matcher(nlp, vocabulary("pitch_phrases"), attr="LOWER")

    def theirs(self, sentence: Span, given: frozenset[str]) -> float:
        """The weight of specific content in the sentence's clauses on the reader's side."""
        w = words(sentence.doc)
        skip = slot_tokens(sentence)
        skip |= {t.i for span in matched_spans(self.pitch, sentence) for t in span}
        weight = 0.0
        for clause in _clauses(w.lower, sentence.start, sentence.end):
            for i in _their_part(w.lower, w.lemma, clause, skip):
                if i not in skip:
                    # A name alone (the company's, a person's) is in every note: on the reader's
                    # side it counts as one rare word, not as a sign of its own.
                    weight += min(WEAK, self.specificity.word_weight(w, i, sentence.start, given))
        return weight

    def refers(self, sentence: Span, given: frozenset[str]) -> bool:
        """Whether the sentence picks up the conversation by its content alone."""
        return self.theirs(sentence, given) >= SPECIFIC_SENTENCE

    def mine(
        self, sentence: Span, given: frozenset[str], not_work: frozenset[str] = frozenset()
    ) -> float:
        """The weight of specific content the writer claims as their own work: what "I" or
        "we" govern after a verb of work done ("we fixed the mobile handoff at Daybreak
        Coffee", "I've been on sauces at Maison Blanche"), up to the next "you"/"your". A
        modal after the pronoun ("I'd handle", "I'd rather not guess") is a plan or a wish,
        and "my commute" is no work. An employer named after "at" is the writer's own record
        here, not a slot of the application, so only template slots are left out."""
        w = words(sentence.doc)
        skip = template_slots(sentence.doc)
        weight = 0.0
        for clause in _clauses(w.lower, sentence.start, sentence.end):
            own: list[int] = []
            active = False
            for place, i in enumerate(clause):
                lower = w.lower[i]
                if lower in FIRST_PERSON or lower in _WE:
                    after = w.lower[clause[place + 1]] if place + 1 < len(clause) else ""
                    rest = clause[place + 1 :]
                    active = after not in _MODALS and (
                        _done(w, rest, not_work) or (lower in _OWNING and _record(w, rest))
                    )
                elif lower in SECOND_PERSON:
                    active = False
                elif active and i not in skip:
                    own.append(i)
            weight += sum(
                min(WEAK, self.specificity.word_weight(w, i, sentence.start, given)) for i in own
            )
        return weight

    def shows_fit(
        self, sentences: list[Span], given: frozenset[str], not_work: frozenset[str]
    ) -> bool:
        """Fit shown by content, not cue words: a sentence of the writer's own specific work
        ("we fixed the same rush at Daybreak Coffee") beside the reader's side (in it, or in
        a sentence next to it: "would be happy to try that with your team")."""
        for index, sentence in enumerate(sentences):
            if self.mine(sentence, given, not_work) < SPECIFIC_SENTENCE:
                continue
            if any(self.reader_side(s) for s in sentences[max(0, index - 1) : index + 2]):
                return True
        return False

    def reader_side(self, sentence: Span) -> bool:
        """Whether a sentence speaks of the reader's side at all ("you", "your", outside the
        writer's pitch and "thank you")."""
        w = words(sentence.doc)
        clause = list(range(sentence.start, sentence.end))
        skip = {t.i for span in matched_spans(self.pitch, sentence) for t in span}
        return any(
            w.lower[i] in SECOND_PERSON
            and i not in skip
            and not any(w.lemma[j] == "thank" for j in clause[max(0, k - 2) : k])
            for k, i in enumerate(clause)
        )


def _clauses(lower: list[str], start: int, end: int) -> list[list[int]]:
    """The sentence's token indices cut at clause breaks."""
    clauses: list[list[int]] = [[]]
    for i in range(start, end):
        if lower[i] in _CLAUSE_BREAKS:
            clauses.append([])
        else:
            clauses[-1].append(i)
    return [c for c in clauses if c]


def _their_part(lower: list[str], lemma: list[str], clause: list[int], skip: set[int]) -> set[int]:
    """The part of a clause about the reader: what "you"/"your" governs (from it to the next
    "I"/"my"; not the writer's pitch, "help your sales team", nor "thank you"), and what follows
    a word of talking or learning that opens onto it ("talking about the …", "the conversation
    on Wednesday about …", "I understand the …") when the writer is not its subject again."""
    theirs: set[int] = set()
    reader = False
    for place, i in enumerate(clause):
        if lower[i] in SECOND_PERSON and i not in skip:
            before = clause[max(0, place - _PITCH_REACH) : place]
            reader = not any(lemma[j] in PITCH_VERBS or lemma[j] == "thank" for j in before)
        elif lower[i] in FIRST_PERSON:
            reader = False
        elif reader:
            theirs.add(i)
    for place, i in enumerate(clause):
        # "the conversation", "the lovely long conversation": a determiner a few words before.
        named = lemma[i] in CONVERSATION_NOUNS and any(
            lower[j] in _DEFINITE for j in clause[max(0, place - 3) : place]
        )
        if not (lemma[i] in CONVERSATION_VERBS or named):
            continue
        opener = next(
            (
                k
                for k in range(place + 1, min(place + 1 + _OPENER_REACH, len(clause)))
                if lower[clause[k]] in _OPENS_ONTO
            ),
            None,
        )
        if opener is None:
            continue
        rest = clause[opener + 1 :]
        first = next((k for k, j in enumerate(rest) if lower[j] in FIRST_PERSON), len(rest))
        theirs.update(rest[:first])
    return theirs
