"""NL003 pre-written: a note written before (or during) the interview it thanks for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notelint.kit import (
    Check,
    is_bare_date,
    is_before,
    phrase_matcher,
    read_patterns,
    window,
)
from notelint.kit import words as doc_words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from notelint.kit import Finding, Note


#: Word lists and token patterns as data.
_DATA = read_patterns(Path(__file__).parent / "data" / "words.yml")
_W = {name: frozenset(words) for name, words in _DATA.lists.items()}


Pattern = list[dict[str, Any]]


# Cues in a tense that "was" or "had" before them turns into the past ("I was excited to meet").
_TENSED = {"FUTURE", "TODAYS", "TOMORROW", "SOON", "NOT_YET", "EXPECT", "WEAK"}
_MESSAGES = {
    "FUTURE": "talks of the meeting as still to come",
    "TOMORROW": "talks of the meeting as still to come",
    "SOON": "talks of the meeting as still to come",
    "TODAYS": "talks of the meeting as still to come",
    "ADVANCE": "thanks for the interview in advance",
    "UPCOMING": "thanks for an interview that has not happened yet",
    "NOT_YET": "talks of the interview as still to come",
    "EXPECT": "guesses at what the interview will cover",
    "WEAK": "talks of the meeting as still to come, in a note written before it",
    "DEPARTURE": "reads as written at the interview, before leaving",
    "HANDED": "a note handed over on the way out",
}
_TENSE_FIX = (
    'Write the note after the interview and speak of it in the past tense ("It was good to '
    'meet you today"), then pick up something that was actually discussed.'
)
_HANDOVER_FIX = (
    "Don't hand the note over on the way out: send it after you have left, the same day, "
    "and build on something that was said in the interview."
)


# Each group of shapes runs only on sentences with one of its trigger words: the token Matcher
# costs time per pattern and per token, and most sentences of a note cannot match at all.
_TRIGGERS = {
    name.removeprefix("trigger_").upper(): words
    for name, words in _W.items()
    if name.startswith("trigger_")
}


class PreWritten(Check):
    """Flags a note written before or during the interview it follows up on.

    What it does:
        Finds talk of the meeting as still to come ("I look forward to meeting you today",
        "I'm excited to meet the team this afternoon", "I can't wait to talk with you later"),
        thanks for an interview that has not happened ("thank you for the upcoming interview",
        "thanks in advance for the interview"), a note written on the way out ("as I leave
        today", "before I head out", "I'm leaving this note at reception"), and front matter
        whose `sent` or `written` date is earlier than `interviewed`.

        Talk of a later stage ("I look forward to the next round", "I'd love to meet the rest
        of the team", "meeting Tariq on Thursday"), of the job itself ("I look forward to
        building the pipeline"), and the past tense ("It was great meeting you today") are fine.
        A future meeting with someone else, or a guess at what the interview will cover ("I
        expect we will talk about…"), only counts when nothing in the note shows that the
        interview is over; "I look forward to meeting you", "to our conversation", "I'm keen
        to walk you through my portfolio" or "excited to hear how your team works" with no
        time only count when the front matter dates the note before the interview.

    Why is this bad?:
        Advice on follow-up notes is that their value lies in building on the conversation. A
        note written ahead of time cannot refer to anything that was said, and one handed to the
        receptionist on the way out shows the interviewer it was written in advance: it turns
        the note into a box being ticked.

    Example:
        I look forward to meeting you today and learning more about the role.

    Use instead:
        It was good to meet you today. Your point about the backlog of returns stuck with me:
        at Norcross I cleared a similar one in three weeks by counting returns daily.

    Options:
        extra-phrases: more phrases that show a note written on the way out (matched on
            lower-case words).
    """

    def setup(self) -> None:
        from spacy.matcher import Matcher

        self.matchers: dict[str, Matcher] = {}
        for label, patterns in _DATA.patterns.items():
            self.matchers[label] = Matcher(self.nlp.vocab)
            self.matchers[label].add(label, patterns)
        terms = self.word_list("prewritten_phrases", "extra-phrases")
        self.departures = phrase_matcher(self.nlp, terms, attr="LOWER", label="DEPARTURE")
        self.past = phrase_matcher(self.nlp, self.terms("prewritten_past"), label="PAST")

    def check(self, note: Note) -> Iterator[Finding]:
        yield from self._from_dates(note)
        yield from self._from_text(note)

    def _from_dates(self, note: Note) -> Iterator[Finding]:
        """`sent` or `written` earlier than `interviewed`, pointing at that front matter line."""
        context = note.context
        interviewed = context.interviewed
        if interviewed is None:
            return
        for key in ("written", "sent"):
            when = getattr(context, key)
            if when is None or not is_before(when, interviewed):
                continue
            start, end = note.field_span(key)
            yield self.finding(
                note,
                start,
                end,
                f"`{key}: {_show(when)}` is before `interviewed: {_show(interviewed)}`: "
                f"the note was {key} before the interview took place",
                f"Write the note after the interview so it can build on the conversation; if "
                f"the date is a typo, correct `{key}:`.",
            )

    def _from_text(self, note: Note) -> Iterator[Finding]:
        """Future-tense and on-the-way-out phrasing, one finding per sentence at most."""
        sentences = note.body_sentences()
        cues = self._cues(sentences)
        early = note.context.dated_before_interview()
        over = bool(cues) and not early and (_dated_after(note) or self._mentions_past(sentences))
        reported: set[int] = set()
        for span in cues:
            if span.sent.start in reported or not self._counts(span.label_, span, over, early):
                continue
            reported.add(span.sent.start)
            words = _trimmed(span)
            yield self.finding(
                note,
                words.start_char,
                words.end_char,
                f'{_MESSAGES[span.label_]}: "{" ".join(words.text.split())}"',
                _HANDOVER_FIX if span.label_ in {"DEPARTURE", "HANDED"} else _TENSE_FIX,
            )

    def _cues(self, sentences: list[Span]) -> list[Span]:
        """Every pre-written shape in the body (labelled), longest first where cues overlap."""
        from spacy.util import filter_spans

        found: list[Span] = []
        for sentence in sentences:
            words = set(doc_words(sentence.doc).lower[sentence.start : sentence.end])
            for label, triggers in _TRIGGERS.items():
                if words & triggers:
                    found += self.matchers[label](sentence, as_spans=True)
            found += [
                s for s in self.departures(sentence, as_spans=True) if not _continues_elsewhere(s)
            ]
        resolved = [_with_time(s) if s.label_ == "FUTURE" else s for s in found]
        return sorted(filter_spans([s for s in resolved if s is not None]), key=lambda s: s.start)

    def _mentions_past(self, sentences: list[Span]) -> bool:
        """Whether the body shows that the interview has happened ('you mentioned', ...)."""
        return any(self.past(s) or self.matchers["PAST"](s) for s in sentences)

    @staticmethod
    def _counts(label: str, span: Span, over: bool, early: bool) -> bool:
        """Whether a cue counts, given whether the note shows that the interview is over.

        A meeting with the reader later the same day ('meeting you this afternoon') always
        counts; a vaguer or third-party one ('talk with you later', 'meet the team today',
        'meeting you tomorrow') only when nothing shows that an interview already took place,
        and a vague one with someone else ('speaking with Sam shortly') never. When the front
        matter dates the note before the interview (``early``), 'I look forward to our
        conversation' is no longer vague: it is the interview still to come.
        """
        if label in _TENSED and _after_past_auxiliary(span):
            return False
        if label == "WEAK":
            return early and not _later_stage(span)
        if label == "EXPECT":
            return not over and not _later_stage(span)
        if label == "FUTURE":
            return not over or _about_you(span)
        if label in {"TOMORROW", "SOON"}:
            return not over and _about_you(span)
        if label == "NOT_YET":
            return not over
        return True


def _with_time(span: Span) -> Span | None:
    """A future meeting cue ending in a time word, extended over the whole time expression.

    Labels: FUTURE for the same day ('today', 'this afternoon', 'later today'), SOON for a bare
    'later' or 'shortly', TOMORROW for 'tomorrow'; None for anything else ('this team',
    'later this year').
    """
    from spacy.tokens import Span as SpanType

    doc = span.doc
    last = doc[span.end - 1].lower_
    following = [t.lower_ for t in doc[span.end : min(len(doc), span.end + 2)]]
    label, extra = "FUTURE", 0
    if last == "tomorrow":
        label = "TOMORROW"
    elif last == "shortly":
        label = "SOON"
    elif last == "this":
        extra = 1 if following[:1] and following[0] in _W["parts_of_day"] else None
    elif last == "later":
        label, extra = _later(following, doc[span.end] if span.end < len(doc) else None)
    if extra is None:
        return None
    return SpanType(doc, span.start, span.end + extra, label=label)


def _later(following: list[str], nxt: Token | None) -> tuple[str, int | None]:
    """The label and the number of words after 'later' that belong to its time expression."""
    if following[:1] and following[0] in {"today", "tonight"}:
        return "FUTURE", 1
    if following[:1] == ["this"] and following[1:2] and following[1] in _W["parts_of_day"]:
        return "FUTURE", 2
    if nxt is None or (nxt.is_punct and nxt.text not in {"-", "/"}) or nxt.is_space:
        return "SOON", 0
    return "SOON", None


def _later_stage(span: Span) -> bool:
    """The rest of the sentence puts the meeting at a later stage or in the job itself.

    A numbered "Year 8" or "week 3" names a school year or a course week, not a later time.
    """
    doc = span.doc
    return any(
        t.lower_ in _W["later"] and not (t.i + 1 < len(doc) and doc[t.i + 1].like_num)
        for t in doc[span.end - 1 : span.sent.end]
    )


def _dated_after(note: Note) -> bool:
    """Front matter says the note was written or sent after the interview."""
    context = note.context
    if context.interviewed is None:
        return False
    dates = [d for d in (context.written, context.sent) if d is not None]
    return bool(dates) and not context.dated_before_interview()


def _show(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d") if is_bare_date(value) else value.strftime("%Y-%m-%d %H:%M")


def _trimmed(span: Span) -> Span:
    """The cue without a trailing punctuation mark that its pattern needed to see ('later.')."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[span.start : end]


def _continues_elsewhere(span: Span) -> bool:
    """'before I head out on holiday': the writer is leaving for somewhere, not the interview."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in _W["after_departure"]


def _after_past_auxiliary(span: Span) -> bool:
    """'I was excited to meet the team today' is about a meeting that happened."""
    before = window(span, 3)
    return any(t.lower_ in _W["past_auxiliaries"] for t in before)


def _about_you(span: Span) -> bool:
    """The meeting still to come is with the reader: 'meeting you', 'our interview'."""
    words = [t.lower_ for t in span]
    ours = any(a in {"our", "my"} and b in _W["meet_nouns"] for a, b in pairwise(words))
    return ours or bool(_W["you"].intersection(words))
