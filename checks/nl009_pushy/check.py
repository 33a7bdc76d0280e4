"""NL009 pushy: demanding a decision or a date, pressing for a meeting, chasing a reply."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from notelint.kit import (
    Check,
    GatedMatcher,
    matched_spans,
    phrase_matcher,
    read_patterns,
)
from notelint.kit import words as doc_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from notelint.kit import Finding, Note


#: The token shapes as data: deadlines, demands, requests, meetings, chasing, deference.
_SHAPES = read_patterns(Path(__file__).parent / "data" / "shapes.yml").patterns
#: Words that make a mention of one's earlier email a correction, not a chase.
_CORRECTIONS = frozenset({"typo", "correction", "correct", "mistake", "wrong", "missing", "fix"})


_OFFER_WORDS = {"need", "needs", "want", "like", "else", "questions", "help", "prefer", "useful"}
# Words that make a deadline the reader's own plan, restated: "I know you're deciding by the
# 10th", "you mentioned a decision by Friday".
_RESTATING = {
    "understand", "understood", "mentioned", "said", "told", "noted", "aware", "explained",
    "shared", "planning", "plan", "aim", "aiming", "expect", "expecting", "hoping", "hope",
    "timeline",
}  # fmt: skip


class Pushy(Check):
    """Flags a note that pushes the interviewer: for a decision, a date, a meeting or a reply.

    What it does:
        Finds, sentence by sentence in the body:
        - a demand for a decision or a date: "I expect to hear back by Friday", "I need an
          answer", "please let me know your decision by Monday", "please confirm my start
          date", "I need a yes or no", "when will I get the offer?", "I'll call you Monday
          at 9 to hear your decision" (a request for a reply becomes a demand when the writer
          sets the deadline);
        - the writer setting the pace of the next meeting: "when can we meet in person?",
          "let's schedule an onsite as soon as possible", "I'll come by the office", "I'll
          call you Monday to lock in a time"; after a
          short phone screen (the note says "phone screen", "quick call", "20-minute chat"),
          even "I'd love to meet in person" is pushing;
        - repeated chasing: "following up again", "as per my last email", "I haven't heard
          back yet".

        Not flagged: polite availability ("if anything else would help, I'm happy to send
        it"), asking once for the timeline ("could you share the timeline for next steps?"),
        restating the reader's own date ("I know you're deciding by the 10th; happy to
        answer questions before then"), a date someone else set the writer ("I have been asked
        to answer their offer by the 4th"), a date the writer lets go of ("could you let me
        know by the 4th? If not, I understand"), "I look forward to hearing from you", and a meeting
        the reader controls ("I'd be glad to come in if you decide to move forward") or set
        ("as you suggested, I'll call on Friday to hear where things stand").

    Why is this bad?
        The interviewer sets the pace of a hiring process. A note that demands an answer,
        presumes an offer, chases a reply or pushes for a meeting after a short screen reads
        as entitled or desperate, and undoes the goodwill the thanks were meant to build.

    Example:
        Thanks for the phone screen. When can we meet in person? I expect to hear back by
        Friday.

    Use instead:
        Thanks for the phone screen. Your point about the backlog of vendor invoices stuck
        with me; I cleared a similar one at Norrland in six weeks. Could you share the
        timeline for next steps?

    Options:
        extra-chasing: more phrases that chase a reply ("nudging you on").
        extra-meetings: more ways to ask for the next meeting ("shadow a shift").
        extra-screens: more words for a short screening conversation.
        extra-releases: more ways of letting the reader off a date ("no rush if not").
    """

    def setup(self) -> None:
        self.chasing = phrase_matcher(
            self.nlp, self.word_list("pushy_chasing", "extra-chasing"), "NORM"
        )
        self.meetings = phrase_matcher(
            self.nlp, self.word_list("pushy_meetings", "extra-meetings"), "NORM"
        )
        self.visits = GatedMatcher(self.nlp, "P", _SHAPES["visits"])
        self.booking_call = GatedMatcher(self.nlp, "P", _SHAPES["booking_call"])
        self.screens = phrase_matcher(
            self.nlp, self.word_list("pushy_screens", "extra-screens"), "NORM"
        )
        self.releases = phrase_matcher(
            self.nlp, self.word_list("pushy_releases", "extra-releases"), "NORM"
        )
        self.set_for_me = GatedMatcher(self.nlp, "P", _SHAPES["set_for_me"])
        self.chase_patterns = GatedMatcher(self.nlp, "P", _SHAPES["chase"])
        self.demands = GatedMatcher(self.nlp, "P", _SHAPES["demands"])
        self.calling_for = GatedMatcher(self.nlp, "P", _SHAPES["calling_for"])
        self.requests = GatedMatcher(self.nlp, "P", _SHAPES["requests"])
        self.deadlines = GatedMatcher(self.nlp, "P", _SHAPES["deadline"])
        self.pace = GatedMatcher(self.nlp, "P", _SHAPES["pace"])
        self.wish = GatedMatcher(self.nlp, "P", _SHAPES["wish"])
        self.soon = GatedMatcher(self.nlp, "P", _SHAPES["soon"])
        self.deference = GatedMatcher(self.nlp, "P", _SHAPES["deference"])

    def check(self, note: Note) -> Iterator[Finding]:
        if not self._has_cue(note.doc):
            return
        screened = bool(self.screens(note.doc))
        sentences = note.body_sentences()
        for index, sentence in enumerate(sentences):
            found = (
                self._chase(sentence)
                or self._demand(sentence, sentences[index + 1 : index + 2])
                or self._meeting(sentence, screened)
            )
            if found is None:
                continue
            span, kind = found
            message, suggestion = _WORDING[kind]
            yield self.finding(
                note, span.start_char, span.end_char, f'{message}: "{span.text}"', suggestion
            )

    def _has_cue(self, doc: Doc) -> bool:
        """Whether the note holds a chase, a demand, a deadline with a request, or a meeting
        asked for: what every finding starts from. Most notes hold none, and are done after
        these look-ups of the matchers' one run over the Doc."""
        return bool(
            matched_spans(self.chasing, doc)
            or self.chase_patterns.spans(doc)
            or self.demands.spans(doc)
            or self.calling_for.spans(doc)
            or (self.deadlines.spans(doc) and self.requests.spans(doc))
            or self.booking_call.spans(doc)
            or matched_spans(self.meetings, doc)
            or self.visits.spans(doc)
        )

    def _chase(self, sentence: Span) -> tuple[Span, str] | None:
        """A reply chased, unless the earlier email is named to correct it ("apologies for the
        typo in my earlier email", "a correction to my last message"): that sends news."""
        if _CORRECTIONS.intersection(doc_words(sentence.doc).lemma[sentence.start : sentence.end]):
            return None
        spans = matched_spans(self.chasing, sentence) + self.chase_patterns.spans(sentence)
        spans = [s for s in spans if not _from_elsewhere(s)]
        return (spans[0], "chase") if spans else None

    def _demand(self, sentence: Span, following: list[Span]) -> tuple[Span, str] | None:
        """A demand outright, or a request for a reply with the writer's deadline on it.

        A request is not a demand when the date is one someone else set the writer ("I have
        been asked to answer by the 4th; could you let me know…"), or when the writer lets the
        reader off in the same breath ("…before then? If not, I understand").
        """
        demands = self.demands.spans(sentence)
        if demands:
            return demands[0], "demand"
        calls = self.calling_for.spans(sentence)
        if calls and not self.deference.spans(sentence):
            return calls[0], "demand"
        doc = sentence.doc
        for deadline in self.deadlines.spans(sentence):
            if _restates(doc[sentence.start : deadline.start]):
                continue
            for request in self.requests.spans(sentence):
                if (
                    deadline.start >= request.end
                    and not _offers(doc[request.end : sentence.end])
                    and not self._set_for_writer(request, deadline)
                    and not self._released(doc[deadline.end : sentence.end], following)
                ):
                    return doc[request.start : deadline.end], "deadline"
        return None

    def _set_for_writer(self, request: Span, deadline: Span) -> bool:
        """The date is the writer's own to meet: a cue for it overlaps or follows the request."""
        window = request.doc[request.sent.start : deadline.start]
        cues = self.set_for_me.spans(window, longest=False)
        return any(cue.end > request.start for cue in cues)

    def _released(self, rest: Span, following: list[Span]) -> bool:
        """The writer lets the reader off: 'If not, I understand', 'no pressure either way'."""
        return any(matched_spans(self.releases, part) for part in [rest, *following])

    def _meeting(self, sentence: Span, screened: bool) -> tuple[Span, str] | None:
        """An ask for the next meeting on the writer's schedule (or any ask, after a screen).

        The deference test comes after the cheaper ones that rule most sentences out.
        """
        booking = self.booking_call.spans(sentence)
        meetings = sorted(
            matched_spans(self.meetings, sentence) + self.visits.spans(sentence),
            key=lambda s: s.start,
        )
        if not (booking or meetings) or self.deference.spans(sentence):
            return None
        if booking:
            return booking[0], "meeting"
        cues = self.pace.spans(sentence)
        if not cues and (screened or self.soon.spans(sentence)):
            cues = self.wish.spans(sentence)
        if not cues:
            return None
        start = min(cues[0].start, meetings[0].start)
        end = max(cues[0].end, meetings[0].end)
        return sentence.doc[start:end], "screen" if screened else "meeting"


_OTHERS = {"other", "another", "my", "them", "him", "her", "either", "two", "three", "several"}


def _from_elsewhere(span: Span) -> bool:
    """'I haven't heard back from the other firm': the silence is someone else's."""
    words = [t.norm_ for t in span.doc[span.end : span.end + 5]]
    while words[:1] and words[0] in {"back", "yet", "anything"}:
        words.pop(0)
    if words[:1] != ["from"]:
        return False
    whom = words[2:3] if words[1:2] == ["the"] else words[1:2]
    return bool(set(whom) & _OTHERS)


def _offers(rest: Span) -> bool:
    """The request is an offer: 'let me know if you'd like the references by Friday'."""
    words = [t.norm_ for t in rest]
    return any(
        w in {"if", "whether", "anything"} and set(words[i : i + 5]) & _OFFER_WORDS
        for i, w in enumerate(words)
    )


def _restates(before: Span) -> bool:
    """The deadline is the reader's, repeated back ('I know you're deciding by the 10th'), or
    a hope rather than a demand ('I'm hoping to hear back by Friday')."""
    words = [t.norm_ for t in before]
    knows = any(a in {"i", "we", "you"} and b == "know" for a, b in pairwise(words))
    return knows or any(w in _RESTATING for w in words)


#: Per kind of pushing: the message (around the quoted words) and the suggestion.
_WORDING = {
    "demand": (
        "demands a decision or presumes an offer",
        "Leave the decision and its date to the interviewer; if you need the timeline, ask "
        "once: 'Could you share the timeline for next steps?'",
    ),
    "deadline": (
        "sets the interviewer a deadline",
        "Drop the deadline. If another offer forces a date, say so plainly and ask where "
        "things stand: 'I have an offer to answer by the 12th; could you share your timeline?'",
    ),
    "meeting": (
        "presses for the next meeting",
        "Let the interviewer propose the next step; say you are available instead: 'I'd be "
        "glad to meet the team if you decide to move forward.'",
    ),
    "screen": (
        "asks for an in-person meeting after a short screen",
        "After a phone screen, thank them and add one point from the call; the next round "
        "is theirs to offer.",
    ),
    "chase": (
        "chases a reply",
        "Send one follow-up, not a chase; if you write again, add something new (a result, a "
        "link, an answer) rather than pointing at your earlier emails.",
    ),
}
