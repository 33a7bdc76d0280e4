"""NL002 no-conversation-reference: nothing in the note refers to what was discussed."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from notelint.kit import (
    WEAK,
    Check,
    Sides,
    content_sentences,
    conversation_cues,
    matched_spans,
    phrase_matcher,
    phrase_variants,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from notelint.kit import Finding, Note


_SUFFIXES = (
    "ions", "ion", "ities", "ity", "ety", "ous", "ings", "ing", "ments", "ment",
    "ical", "ic", "edly", "ed", "ers", "er", "es", "ly", "s", "e", "y",
)  # fmt: skip
_MIN_STEM = 5
_MIN_SAME_STEM = 4
#: How close (in tokens) two shared words must be when one of them is a common word.
_NEAR = 6


def _stem(word: str) -> str:
    """A crude stem, so that "migrating", "migrate" and "migration" meet at "migrat"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _same_word(word: str, other: str) -> bool:
    """Equal words or stems ("anxious"/"anxiety"), or a stem that extends another ("nightly")."""
    if word == other:
        return True
    short, long = sorted((_stem(word), _stem(other)), key=len)
    if short == long:
        return len(short) >= _MIN_SAME_STEM
    return len(short) >= _MIN_STEM and long.startswith(short)


def _forms(tokens: Sequence[Token]) -> list[tuple[int, str]]:
    """Lower-cased words and lemmas, plus adjacent pairs written solid ("hand off": "handoff"),
    each with the index of its (first) token."""
    forms = [(t.i, f) for t in tokens for f in {t.lower_, t.lemma_.lower()}]
    forms += [(a.i, a.lower_ + b.lower_) for a, b in itertools.pairwise(tokens)]
    return forms


def _hits(words: Sequence[Token], forms: list[tuple[int, str]]) -> dict[int, list[int]]:
    """For each topic word (by index) that the sentence shares, where the sentence has it."""
    found = {}
    for word in words:
        own = (word.lower_, word.lemma_.lower())
        where = [i for i, form in forms if any(_same_word(w, form) for w in own)]
        if where:
            found[word.i] = where
    return found


def _near(anchors: Sequence[int], others: Sequence[int]) -> bool:
    """Whether a token of one word is within a few tokens of a token of another."""
    return any(abs(a - b) <= _NEAR for a in anchors for b in others)


def _compounds(span: Span | Doc) -> set[tuple[str, ...]]:
    """Hyphenated compounds as whole word chains: "hours-of-service" -> ("hours", "of", "service").

    The whole chain, not its pairs: "hours of" alone is no pick-up of "hours-of-service".
    """
    found = set()
    chain: list[str] = []
    for token in span:
        if token.text == "-":
            continue
        after_hyphen = token.i > 0 and token.doc[token.i - 1].text == "-"
        if after_hyphen and chain and token.is_alpha:
            chain.append(token.lower_)
            continue
        if len(chain) > 1:
            found.add(tuple(chain))
        chain = [token.lower_] if token.is_alpha else []
    if len(chain) > 1:
        found.add(tuple(chain))
    return found


def _has_compound(compounds: set[tuple[str, ...]], sentence: Span) -> bool:
    """A topic's compound in the sentence: "on-call", "on call" or "oncall"."""
    words = [t.lower_ for t in sentence if not (t.is_space or t.text == "-")]
    return any(
        "".join(chain) in words
        or any(tuple(words[i : i + len(chain)]) == chain for i in range(len(words)))
        for chain in compounds
    )


def _words(span: Span | Doc) -> list[str]:
    return [w for t in span for w in re.findall(r"\w+", t.lower_)]


class NoConversationReference(Check):
    """Flags a note in which nothing refers to something discussed in the interview.

    What it does:
        With front matter `topics` (what was discussed), checks that the note picks up at
        least one of them: a topic's distinctive words meet the note's words by lemma or stem
        ("migrating the batch jobs" meets "nightly batch migration"), a distinctive word and
        a plainer one meet a few words apart ("half your drivers were close to their hours
        limit" meets "driver hours-of-service"), or the topic appears almost word for word (a
        fuzzy match). Without topics, or when none is picked up in its own words, looks for
        words that point back at the conversation ("you mentioned", "when we discussed", "the
        panel's questions about", "the rotation you described", "thanks for being so candid
        about", "the one that stuck with me was", "I blanked on the market sizing", "I hadn't
        realised the depot loads overnight") with something specific beside them: the topics
        list helps but is not exhaustive, and "the bit about moving the overnight loads" picks
        up "nightly batch migration" in words no lemma test sees. No cue is needed when the
        content itself is on the reader's side: two or more rare words, numbers or names in
        what "you"/"your" governs ("your dispatch team's problem with duplicate tickets") or
        after a word of talking or learning ("talking about the cross-dock delays", "the
        conversation on Wednesday about the reading garden"); the same words about the
        writer ("I rebuilt our float pool roster in Kronos") show fit, not a reference.
        "Our conversation", "the interview" or "learning about the role" alone name the
        meeting, not anything said in it, and do not count.

    Why is this bad?
        A note only helps when it builds on the conversation: a topic, a question, a problem
        the team has. A note that could have been written before the interview (or about any
        interview) shows it, even when it is specific about the candidate's own background.

    Example:
        Thank you for our conversation yesterday. I have eight years of experience in
        payroll and I am confident I can help your team.

    Use instead:
        Thank you for our conversation yesterday. You mentioned that the payroll cut-off keeps
        slipping at month-end; at Orrin I moved ours two days earlier by automating approvals.

    Options:
        extra-cues: more phrases that point back at the conversation (matched on lemmas).
        extra-stock-words: more words too general to count as something discussed.
        fuzzy-threshold: how close (0-100, rapidfuzz ratio) a run of the note's words must be
            to a topic to pick it up word for word (default 85).
    """

    def setup(self) -> None:
        extra_cues = tuple(self.options["extra-cues"])
        self.cues = conversation_cues(
            self.nlp, extra_cues, tuple(self.options["extra-stock-words"])
        )
        self.specificity = self.cues.specificity
        self.sides = Sides(self.nlp, self.specificity)
        stock = phrase_variants(self.terms("conversation_stock"))
        self.stock_references = phrase_matcher(self.nlp, stock, attr="LEMMA")

    def check(self, note: Note) -> Iterator[Finding]:
        sentences = content_sentences(note, with_subject=True)
        if not sentences:
            return
        topics = note.context.topics
        if note.context.dated_before_interview():
            # Drafted before the interview: whatever it names, it cannot build on what was said.
            message = "the note was written before the interview, so it cannot build on it"
            suggestion = (
                "Write the note after the interview and pick up one thing that was actually "
                "discussed: a problem they described, a question they asked."
            )
        elif topics:
            if self._picks_up_topic(topics, sentences, note) or self._refers_back(sentences, note):
                return
            listed = ", ".join(f'"{t}"' for t in topics)
            message = f"picks up none of the topics discussed in the interview ({listed})"
            suggestion = (
                "Build a sentence on one of them, for example what you would do about "
                f'"{topics[0]}" or what you have done that bears on it.'
            )
        else:
            if self._refers_back(sentences, note):
                return
            message = "nothing refers to something discussed in the interview"
            suggestion = (
                "Pick up one thing from the conversation, such as a problem they described or a "
                'question they asked, and add what you make of it: "You mentioned the backlog '
                'of supplier invoices; at my last job I ..."'
            )
        meeting = self._meeting_named(sentences)
        if meeting is None:
            yield self.finding(note, *self._first_line(note), message, suggestion)
            return
        message += f'; "{meeting.text}" names the meeting, not anything said in it'
        yield self.finding(note, meeting.start_char, meeting.end_char, message, suggestion)

    def _refers_back(self, sentences: list[Span], note: Note) -> bool:
        """A cue that points back at the talk, with something specific beside it.

        With topics too: the list helps but is not exhaustive, and a note may pick a topic up
        in words no lemma test can see ("the bit about moving the overnight loads off the old
        cron box" for "nightly batch migration"). "Our conversation" alone is still no cue.
        """
        given = self.specificity.given_names(note)
        return any(
            self.cues.references(sentence, given) or self.sides.refers(sentence, given)
            for sentence in sentences
        )

    def _picks_up_topic(self, topics: Sequence[str], sentences: list[Span], note: Note) -> bool:
        given = self.specificity.given_names(note)
        return any(
            self._picks_up(topic, sentence, given)
            for topic in self.nlp.pipe(topics)
            for sentence in sentences
        )

    def _picks_up(self, topic: Doc, sentence: Span, given: frozenset[str]) -> bool:
        """One sentence picks up a topic: its term, two of its words, or one rare word.

        "migrating the batch jobs" meets "nightly batch migration" on two words; "the dbt
        checks" meets "dbt tests" on one rare word. Two shared words a few tokens apart count
        even when one is a calendar or boilerplate word ("half your drivers were close to
        their hours limit" meets "driver hours-of-service"), as long as one of them is not;
        "twenty drivers ... and flexible hours" in two clauses does not. A single common
        word is not enough: a nurse's note says "patient" whether or not "nurse-to-patient
        ratios" came up.
        """
        if _has_compound(_compounds(topic), sentence) or self._fuzzy_match(topic, sentence):
            return True
        content = [t for t in topic if (t.is_alpha or t.like_num) and not t.is_stop]
        content = [t for t in content if t.lower_ not in given]
        forms = _forms([t for t in sentence if not (t.is_space or t.is_punct)])
        hits = _hits(content, forms)
        if not hits:
            return False
        distinctive = [t for t in content if self.specificity.is_distinctive(t, given)]
        if not distinctive:
            return len(hits) == len(content)
        found = [t for t in distinctive if t.i in hits]
        if any(self.specificity.weight(t, topic[:], given) >= WEAK for t in found):
            return True
        if len(found) >= min(2, len(distinctive)):
            return True
        return any(
            _near(hits[t.i], where) for t in found for word, where in hits.items() if word != t.i
        )

    def _fuzzy_match(self, topic: Doc, sentence: Span) -> bool:
        """The topic, nearly word for word, in a run of the sentence's words ("on call")."""
        from rapidfuzz import fuzz  # here: only notes with interview topics get this far

        target = _words(topic)
        if not target:
            return False
        text = " ".join(target)
        words = _words(sentence)
        threshold = self.options["fuzzy-threshold"]
        for size in {max(1, len(target) - 1), len(target), len(target) + 1}:
            for start in range(max(1, len(words) - size + 1)):
                if fuzz.ratio(text, " ".join(words[start : start + size])) >= threshold:
                    return True
        return False

    def _meeting_named(self, sentences: list[Span]) -> Span | None:
        """The first words that name the interview itself ("our conversation"), if any."""
        for sentence in sentences:
            found = matched_spans(self.stock_references, sentence)
            if found:
                return found[0]
        return None

    @staticmethod
    def _first_line(note: Note) -> tuple[int, int]:
        """The body's first line: where a finding about the whole note points."""
        start, end = note.layout.body
        line_end = note.source.text.find("\n", start)
        return start, end if line_end < 0 else min(line_end, end)
