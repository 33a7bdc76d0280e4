"""NL009 pushy: demanding a decision or a date, pressing for a meeting, chasing a reply."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from notelint.kit import Check, GatedMatcher, matched_spans, phrase_matcher

if TYPE_CHECKING:
    from spacy.tokens import Span

    from notelint.kit import Finding, Note


Pattern = list[dict[str, Any]]

_DAYS = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
    "tue", "tues", "wed", "thu", "thurs", "fri", "today", "tonight", "tomorrow", "eod", "cob",
    "eow", "noon", "midday", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
]  # fmt: skip
_OUTCOMES = [
    "answer", "decision", "response", "reply", "verdict", "offer", "outcome", "confirmation",
    "update", "callback", "result", "results", "feedback", "word", "yes", "go-ahead",
]  # fmt: skip
_ASK = {"NORM": {"IN": ["let", "tell", "inform", "notify", "update", "advise", "send", "give"]}}
_DEADLINE: list[Pattern] = [
    [{"NORM": "by"}, {"NORM": {"IN": ["this", "next", "the"]}, "OP": "?"}, {"NORM": {"IN": _DAYS}}],
    [{"NORM": "by"}, {"NORM": {"IN": ["this", "next"]}}, {"NORM": {"IN": ["week", "weekend"]}}],
    [
        {"NORM": "by"},
        {"NORM": "the", "OP": "?"},
        {"NORM": {"IN": ["end", "close"]}},
        {"NORM": "of"},
        {"NORM": {"IN": ["the", "this", "next"]}, "OP": "?"},
        {"NORM": {"IN": ["day", "week", "month", "business"]}},
    ],
    [{"NORM": "by"}, {"NORM": "the", "OP": "?"}, {"LIKE_NUM": True}],
    [{"NORM": "by"}, {"NORM": "the"}, {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)$"}}],
    [
        {"NORM": "within"},
        {"NORM": {"IN": ["the", "next"]}, "OP": "*"},
        {"LIKE_NUM": True, "OP": "?"},
        {"NORM": {"IN": ["business", "working"]}, "OP": "?"},
        {"LEMMA": {"IN": ["hour", "day", "week"]}},
    ],
    [{"NORM": "no"}, {"NORM": "later"}, {"NORM": "than"}],
    [{"NORM": "asap"}],
    [{"NORM": "as"}, {"NORM": "soon"}, {"NORM": "as"}, {"NORM": "possible"}],
    [{"NORM": {"IN": ["immediately", "urgently"]}}],
    [{"NORM": "right"}, {"NORM": "away"}],
]
_DEMANDS: list[Pattern] = [
    # I expect an answer / I need your decision / I'll require a response
    [
        {"NORM": "i"},
        {"NORM": {"IN": ["will", "would", "'d", "really", "do", "must", "am", "'m"]}, "OP": "*"},
        {"LEMMA": {"IN": ["expect", "need", "require", "want", "demand", "expecting"]}},
        {"NORM": {"IN": ["a", "an", "your", "the", "my", "some"]}, "OP": "?"},
        {"NORM": {"IN": ["final", "firm", "clear", "definite", "quick", "prompt"]}, "OP": "?"},
        {"NORM": {"IN": _OUTCOMES}},
    ],
    # I expect to hear back / I expect to know by Monday
    [
        {"NORM": "i"},
        {"NORM": {"IN": ["will", "would", "'d", "really", "do", "am", "'m"]}, "OP": "*"},
        {"LEMMA": {"IN": ["expect", "expecting"]}},
        {"NORM": "to"},
        {"NORM": {"IN": ["hear", "know", "receive", "get"]}},
    ],
    # I need to hear back / I want to hear from you
    [
        {"NORM": "i"},
        {"NORM": {"IN": ["will", "would", "'d", "really", "do", "must", "am", "'m"]}, "OP": "*"},
        {"LEMMA": {"IN": ["need", "require", "want"]}},
        {"NORM": "to"},
        {"NORM": "hear"},
        {"NORM": {"IN": ["back", "from"]}},
    ],
    # when will I get the offer / when can I expect my contract
    [
        {"NORM": "when"},
        {"NORM": {"IN": ["will", "can", "do", "should", "would", "shall"]}},
        {"NORM": "i"},
        {"NORM": {"IN": ["get", "receive", "expect", "see", "sign", "have"]}},
        {"NORM": {"IN": ["the", "my", "an", "a", "your"]}, "OP": "?"},
        {"NORM": {"IN": ["offer", "contract", "paperwork", "onboarding"]}},
    ],
    # when do I start?
    [
        {"NORM": "when"},
        {"NORM": {"IN": ["will", "can", "do", "should", "shall"]}},
        {"NORM": "i"},
        {"NORM": {"IN": ["start", "begin"]}},
        {"IS_PUNCT": True},
    ],
    # please confirm my start date / send me the offer letter
    [
        {"NORM": {"IN": ["confirm", "finalize", "finalise", "send", "email", "share", "sign"]}},
        {"NORM": "me", "OP": "?"},
        {"NORM": {"IN": ["my", "the"]}},
        {"NORM": {"IN": ["start", "starting", "offer", "contract", "salary", "paperwork"]}},
        {"NORM": {"IN": ["date", "day", "letter", "details"]}, "OP": "?"},
    ],
]
# Asks for a reply that become demands with a deadline: "let me know by Friday".
_REQUESTS: list[Pattern] = [
    [_ASK, {"NORM": "me"}, {"NORM": "know", "OP": "?"}],
    [{"NORM": "get"}, {"NORM": "back"}, {"NORM": "to"}, {"NORM": "me"}],
    [
        {"NORM": "please"},
        {"NORM": {"IN": ["kindly", "do"]}, "OP": "?"},
        {"LEMMA": {"IN": ["respond", "reply", "confirm", "decide", "answer", "revert", "call"]}},
    ],
    [
        {"LEMMA": {"IN": ["need", "want", "expect", "appreciate", "like", "welcome", "receive"]}},
        {"NORM": {"IN": ["a", "an", "the", "your"]}},
        {"NORM": {"IN": _OUTCOMES}},
    ],
    [{"NORM": "your"}, {"NORM": {"IN": ["decision", "answer", "response", "reply", "verdict"]}}],
    [{"NORM": "hear"}, {"NORM": "back"}],
    [{"NORM": "hear"}, {"NORM": "from"}, {"NORM": "you"}],
    [{"LEMMA": "need"}, {"NORM": "to"}, {"NORM": "know"}],
]
# The writer taking charge of the calendar: "let's schedule", "when can we", "I'll come by".
_BOOK = {"LEMMA": {"IN": ["schedule", "book", "arrange", "set", "lock", "plan", "pin", "nail"]}}
_PACE: list[Pattern] = [
    [
        {"NORM": "when"},
        {"NORM": {"IN": ["can", "could", "should", "will", "shall", "do"]}},
        {"NORM": {"IN": ["we", "i"]}},
    ],
    [{"NORM": "let"}, {"NORM": "us"}],
    [
        {"NORM": "i"},
        {"NORM": {"IN": ["would", "'d", "really"]}, "OP": "*"},
        {"LEMMA": {"IN": ["like", "love", "want"]}},
        {"NORM": "to"},
        _BOOK,
    ],
    [{"NORM": "please"}, _BOOK],
    [
        {"NORM": "we"},
        {"NORM": {"IN": ["should", "must", "need"]}},
        {"NORM": "to", "OP": "?"},
        _BOOK,
    ],
    [
        {"NORM": "i"},
        {"NORM": "will"},
        {"NORM": {"IN": ["come", "stop", "drop", "swing", "pop", "be"]}},
        {"NORM": {"IN": ["by", "in", "over", "there", "at"]}},
    ],
    [{"NORM": {"IN": ["asap", "immediately", "urgently", "soonest"]}}],
    [{"NORM": "as"}, {"NORM": "soon"}, {"NORM": "as"}, {"NORM": "possible"}],
    [{"NORM": "right"}, {"NORM": "away"}],
]
# Where a candidate might turn up: "come by the shop", "stop in at your site", "visit the yard".
_WORKPLACES = [
    "office", "offices", "shop", "site", "yard", "plant", "clinic", "kitchen", "lab", "store",
    "warehouse", "depot", "branch", "studio", "garage", "restaurant", "workshop", "school",
    "hospital", "ward", "facility", "campus", "headquarters", "hq", "station", "salon", "floor",
]  # fmt: skip
_VISITS: list[Pattern] = [
    [
        {"LEMMA": {"IN": ["come", "stop", "drop", "swing", "pop"]}},
        {"NORM": {"IN": ["by", "in", "into", "over", "round", "around"]}},
        {"NORM": {"IN": ["to", "at"]}, "OP": "?"},
        {"NORM": {"IN": ["the", "your"]}},
        {"IS_PUNCT": False, "OP": "?"},
        {"NORM": {"IN": _WORKPLACES}},
    ],
    [
        {"LEMMA": "visit"},
        {"NORM": {"IN": ["the", "your"]}},
        {"IS_PUNCT": False, "OP": "?"},
        {"NORM": {"IN": _WORKPLACES}},
    ],
]
# The writer booking the meeting on the reader's behalf: "I'll call you Monday to lock in a
# time", "I will ring tomorrow to set up the visit".
_WHEN = [
    *_DAYS,
    "this",
    "next",
    "on",
    "in",
    "the",
    "morning",
    "afternoon",
    "evening",
    "week",
    "later",
    "first",
    "thing",
]
_BOOKING_CALL: list[Pattern] = [
    [
        {"NORM": "i"},
        {"NORM": {"IN": ["will", "shall", "am", "'m"]}},
        {"NORM": "going", "OP": "?"},
        {"NORM": "to", "OP": "?"},
        {"LEMMA": {"IN": ["call", "phone", "ring", "text", "email"]}},
        {"NORM": {"IN": ["you", "your", "office"]}, "OP": "*"},
        {"NORM": {"IN": _WHEN}, "OP": "{0,4}"},
        {"NORM": "to"},
        _BOOK,
        {"NORM": {"IN": ["in", "up", "down"]}, "OP": "?"},
    ]
]
# A wish for a meeting: pushing after a short screen, or when it names the date itself.
_WISH: list[Pattern] = [
    [
        {"NORM": {"IN": ["i", "we"]}},
        {"NORM": {"IN": ["would", "'d", "really", "do", "am", "'m", "truly"]}, "OP": "*"},
        {"LEMMA": {"IN": ["love", "like", "want", "hope", "eager", "keen", "welcome"]}},
    ],
    [{"NORM": {"IN": ["can", "could"]}}, {"NORM": "we"}],
    [{"NORM": "would"}, {"NORM": "it"}, {"NORM": "be"}, {"NORM": "possible"}],
    [{"NORM": "hope"}, {"NORM": "we"}],
]
_SOON: list[Pattern] = [
    [{"NORM": {"IN": ["this", "next"]}}, {"NORM": {"IN": ["week", "weekend"]}}],
    [{"NORM": {"IN": ["today", "tomorrow", "tonight"]}}],
]
# my last three emails / my previous message / any update on my application
_CHASE: list[Pattern] = [
    [
        {"NORM": "my"},
        {"NORM": {"IN": ["last", "previous", "earlier", "past", "prior"]}},
        {"LIKE_NUM": True, "OP": "?"},
        {"NORM": {"IN": ["few", "several", "couple"]}, "OP": "?"},
        {"NORM": "of", "OP": "?"},
        {"LEMMA": {"IN": ["email", "message", "note", "voicemail", "e-mail", "letter"]}},
    ],
    [
        {"NORM": "any"},
        {"NORM": {"IN": ["update", "updates", "news", "word"]}},
        {"NORM": {"IN": ["on", "about", "regarding"]}},
        {"NORM": {"IN": ["my", "the"]}},
        {"NORM": {"IN": ["application", "candidacy", "decision", "status", "process", "position"]}},
    ],
]


# A deadline someone else set the writer, not one the writer sets the reader: "I have been asked
# to answer by the 4th", "they need my answer by Friday", "my other offer expires by Monday".
_RESPOND = ["answer", "respond", "reply", "decide", "accept", "confirm", "sign", "commit", "get"]
_OTHER_PARTY = [
    "they", "he", "she", "firm", "practice", "company", "employer", "agency", "studio", "school",
    "recruiter", "hospital", "clinic", "team", "other", "others",
]  # fmt: skip
_SET_FOR_ME: list[Pattern] = [
    [
        {"NORM": {"IN": ["asked", "told", "required", "given", "expected", "until"]}},
        {"NORM": {"IN": ["me", "to", "until"]}, "OP": "+"},
    ],
    [{"NORM": "my"}, {"NORM": {"IN": ["answer", "decision", "reply", "response", "acceptance"]}}],
    [{"LEMMA": {"IN": ["expire", "lapse", "deadline"]}}],
    [
        {"NORM": {"IN": _OTHER_PARTY}},
        {"NORM": {"IN": ["also", "really", "will", "would", "'d", "do", "does"]}, "OP": "*"},
        {"LEMMA": {"IN": ["need", "want", "expect", "require", "ask"]}},
    ],
    [
        {"NORM": "i"},
        {"NORM": {"IN": ["have", "must", "need", "'ve", "got", "am", "'m"]}},
        {"NORM": {"IN": ["to", "got", "due"]}, "OP": "*"},
        {"LEMMA": {"IN": _RESPOND}},
    ],
]
# "...if you decide to move forward", "whenever suits you": the reader keeps the pace.
_DEFERENCE: list[Pattern] = [
    [
        {"NORM": {"IN": ["if", "should", "once", "when"]}},
        {"NORM": {"IN": ["you", "we", "the", "your", "things", "there"]}},
        {"OP": "{0,2}", "IS_PUNCT": False},
        {"LEMMA": {"IN": ["decide", "move", "proceed", "go", "think", "want", "like", "be", "is"]}},
    ],
    [{"NORM": {"IN": ["whenever", "whatever"]}}],
    [{"NORM": "at"}, {"NORM": "your"}, {"NORM": {"IN": ["convenience", "discretion"]}}],
    [{"NORM": "if"}, {"NORM": "that"}, {"NORM": {"IN": ["helps", "works", "suits"]}}],
]
# Words after a request that make it an offer: "let me know if you'd like the references by
# Friday".
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
          date", "I need a yes or no", "when will I get the offer?" (a request for a reply
          becomes a demand when the writer sets the deadline);
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
        the reader controls ("I'd be glad to come in if you decide to move forward").

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
        self.visits = GatedMatcher(self.nlp, "P", _VISITS)
        self.booking_call = GatedMatcher(self.nlp, "P", _BOOKING_CALL)
        self.screens = phrase_matcher(
            self.nlp, self.word_list("pushy_screens", "extra-screens"), "NORM"
        )
        self.releases = phrase_matcher(
            self.nlp, self.word_list("pushy_releases", "extra-releases"), "NORM"
        )
        self.set_for_me = GatedMatcher(self.nlp, "P", _SET_FOR_ME)
        self.chase_patterns = GatedMatcher(self.nlp, "P", _CHASE)
        self.demands = GatedMatcher(self.nlp, "P", _DEMANDS)
        self.requests = GatedMatcher(self.nlp, "P", _REQUESTS)
        self.deadlines = GatedMatcher(self.nlp, "P", _DEADLINE)
        self.pace = GatedMatcher(self.nlp, "P", _PACE)
        self.wish = GatedMatcher(self.nlp, "P", _WISH)
        self.soon = GatedMatcher(self.nlp, "P", _SOON)
        self.deference = GatedMatcher(self.nlp, "P", _DEFERENCE)

    def check(self, note: Note) -> Iterator[Finding]:
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

    def _chase(self, sentence: Span) -> tuple[Span, str] | None:
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
