"""NL008 apology-or-plea: apologising for the interview, asking for another chance, begging."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from notelint.kit import (
    GATE_ATTRS,
    Check,
    GatedMatcher,
    matched_spans,
    phrase_matcher,
    window,
    word_ids,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

    from notelint.kit import Finding, Note


# Words that make a failure word about the interview rather than about a past job.
_INTERVIEW_WORDS = {
    "question", "questions", "answer", "answers", "answered", "answering", "response",
    "responses", "explanation", "explained", "explaining", "interview", "interviews",
    "whiteboard", "exercise", "case", "presentation", "presenting", "assessment", "test",
    "challenge", "puzzle", "round", "panel", "coding", "technical", "call", "conversation",
    "chat", "spot", "asked", "walkthrough", "scenario",
}  # fmt: skip
_FIRST_PERSON = {"i", "my", "me", "myself"}
_OWN_EFFORTS = {
    "answer", "answers", "response", "responses", "explanation", "explanations",
    "presentation", "performance", "demo", "walkthrough", "interview", "pitch", "solution",
}  # fmt: skip
_VERDICTS = {
    "great", "good", "strong", "clear", "ideal", "best", "weak", "poor", "shaky", "muddled",
    "confusing", "rough", "messy", "sloppy", "vague", "wrong", "off", "terrible", "awful",
}  # fmt: skip
# Words right before a failure word that make something else the one failing ("my laptop
# froze", "the demo stumbled"): logistics, not the candidate's performance.
_OTHER_SUBJECTS = {
    "laptop", "computer", "screen", "video", "connection", "wifi", "wi-fi", "internet",
    "zoom", "teams", "audio", "mic", "microphone", "camera", "app", "system", "demo",
    "build", "browser", "page", "server", "site", "you", "your", "they", "he", "she", "it",
    "team", "project", "launch", "market", "company", "rollout",
}  # fmt: skip
# Whom a "second chance" is for when it is not the writer: "you give people a second chance".
_THIRD_PARTIES = {
    "people", "others", "them", "someone", "everyone", "everybody", "folks", "candidates",
    "applicants", "employees", "workers", "residents", "students", "kids", "children",
    "patients", "clients", "customers", "offenders", "those", "him", "her", "us", "anyone",
    "individuals", "adults", "veterans", "returners", "members", "teens", "youth",
}  # fmt: skip
# Nouns after "second chance" that make it a modifier: "a second-chance hiring programme".
_HEAD_NOUNS = {
    "program", "programme", "programs", "programmes", "hiring", "employer", "employers",
    "employment", "initiative", "initiatives", "policy", "scheme", "pathway", "pipeline",
    "fund", "act", "law", "project", "cohort", "grant", "organisation", "organization",
    "work", "apprenticeship", "month", "partner", "partners", "jobs", "fair",
}  # fmt: skip
# "sorry to hear", "sorry about your move", "sorry that you had to wait": sympathy.
_SYMPATHY = {
    "to": {"hear", "see", "learn", "read"},
    "about": {"your", "you", "hearing"},
    "for": {"your", "you", "hearing"},
    "that": {"you", "your"},
}
_NEGATORS = {"no", "not", "never"}
# "Sorry for my rambling answer": efforts whose apology is about the interview. Not
# "response", which is as often this email ("sorry for the delay in my response").
_APOLOGY_OBJECTS = {
    "answer", "answers", "explanation", "explanations", "presentation", "performance",
    "walkthrough", "pitch",
}  # fmt: skip
_CHANCE_NOUNS = ["chance", "shot", "crack", "go", "try", "attempt", "opportunity", "do-over"]
_REDO_VERBS = [
    "show", "prove", "demonstrate", "redo", "re-do", "retake", "retry", "try", "answer",
    "explain", "interview", "present", "tackle", "take", "walk", "revisit", "make",
]  # fmt: skip
# Verbs that can only mean doing the interview again.
_REDO_ONLY = ["redo", "re-do", "retake", "re-take", "retry", "resit", "re-sit"]
# Doing the interview over: "try again", "sit the test again" (not "walk you through it again",
# which is a fuller answer, and fine).
_AGAIN_VERBS = ["try", "attempt", "sit", "do", "have", "redo", "retake", "interview"]
# What may stand between the verb and "again": the interview itself ("sit the test again",
# "have a go at it again"), not another object ("try the new software again").
_AGAIN_OBJECTS = sorted(
    {"it", "that", "this", "the", "my", "a", "go", "at", "one", "more"} | _INTERVIEW_WORDS
)
_ROUNDS = sorted(_INTERVIEW_WORDS)
_AGAIN_ASKS: list[list[dict[str, object]]] = [
    [{"LEMMA": {"IN": ["let", "allow", "permit"]}}, {"NORM": "me"}, {"NORM": "to", "OP": "?"}],
    [{"NORM": {"IN": ["could", "can", "may", "might"]}}, {"NORM": "i"}],
    [
        {"LEMMA": {"IN": ["love", "like", "welcome", "appreciate", "hope", "want", "ask"]}},
        {"NORM": "to"},
    ],
    [{"NORM": "chance"}, {"NORM": "to"}],
]
# "had to redo", "was asked to retake": a redo someone required, not one the writer asks for.
_OBLIGED = ["have", "had", "has", "having", "need", "needed", "asked", "told", "required"]
_WANT_VERBS = [
    "love", "like", "welcome", "appreciate", "value", "hope", "want", "ask", "request",
    "get", "have", "deserve", "given", "earn", "beg",
]  # fmt: skip


def _plea_patterns() -> list[list[dict[str, object]]]:
    """Token patterns for asking for another go: "give me another chance", "I'd love a
    second shot at it", "another opportunity to show you"."""
    again = {"NORM": {"IN": ["second", "more", "fresh", "new", "last", "final"]}}
    article = {"NORM": {"IN": ["a", "another", "one"]}}
    noun = {"NORM": {"IN": _CHANCE_NOUNS}}
    return [
        # give me another chance / let me have a second shot / allow me one more try
        [
            {"NORM": {"IN": ["give", "grant", "offer", "allow", "let", "afford"]}},
            {"NORM": "me"},
            {"NORM": {"IN": ["have", "get"]}, "OP": "?"},
            article,
            {**again, "OP": "?"},
            noun,
        ],
        # I'd love a second chance / I hope for one more shot / I'd welcome a do-over
        [
            {"LEMMA": {"IN": _WANT_VERBS}},
            {"NORM": {"IN": ["for", "to"]}, "OP": "?"},
            {"NORM": {"IN": ["have", "get", "be", "given"]}, "OP": "?"},
            {"NORM": {"IN": ["a", "one", "the"]}},
            again,
            noun,
        ],
        [
            {"LEMMA": {"IN": _WANT_VERBS}},
            {"NORM": {"IN": ["for", "to"]}, "OP": "?"},
            {"NORM": {"IN": ["have", "get", "be", "given"]}, "OP": "?"},
            {"NORM": "another"},
            {"NORM": {"IN": ["shot", "crack", "go", "try", "attempt", "do-over"]}},
        ],
        # another chance to prove myself / a second opportunity to walk you through it
        [
            {"NORM": {"IN": ["another", "second"]}},
            {"NORM": {"IN": ["chance", "opportunity", "shot", "go", "try"]}},
            {"NORM": {"IN": ["to", "at"]}},
            {"NORM": {"IN": _REDO_VERBS}},
        ],
        # a second shot at the SQL question / another crack at the case study
        [
            {"NORM": {"IN": ["another", "second"]}},
            {"NORM": {"IN": ["shot", "crack", "go", "try", "attempt"]}},
            {"NORM": "at"},
        ],
        # could I redo it? / I'd love to retake the exercise
        *_redo_patterns(),
        # if given another opportunity
        [
            {"LEMMA": {"IN": ["give", "deserve", "earn"]}},
            {"NORM": "another"},
            {"NORM": "opportunity"},
        ],
        # please don't hold it against me / I hope it won't count against me
        [
            {"LEMMA": {"IN": ["hold", "count", "weigh", "go", "use"]}},
            {"IS_PUNCT": False, "OP": "{0,7}"},
            {"NORM": "against"},
            {"NORM": "me"},
        ],
        # a second chance (the check makes sure it is the writer's)
        [{"NORM": {"IN": ["second", "another"]}}, {"NORM": "chance"}],
        # please consider letting me try again / could I sit the test again
        *_again_patterns(),
        # I really need this job / I need this role so badly
        [
            {"NORM": "i"},
            {"NORM": {"IN": ["really", "truly", "desperately", "so", "just", "do"]}, "OP": "*"},
            {"LEMMA": "need"},
            {"NORM": "this"},
            {"NORM": {"IN": ["job", "role", "position", "opportunity", "offer", "work"]}},
        ],
    ]


# "my answer on hedging wasn't great", "my explanations were muddled"
_VERDICT_PATTERNS = [
    [
        {"NORM": "my"},
        {"NORM": {"IN": sorted(_OWN_EFFORTS)}},
        {"IS_PUNCT": False, "OP": "{0,5}"},
        {"NORM": {"IN": ["was", "were", "is", "are"]}},
        {"NORM": {"IN": ["not", "really", "pretty", "quite", "a", "bit", "so", "too"]}, "OP": "*"},
        {"NORM": {"IN": sorted(_VERDICTS)}},
    ]
]


def _again_patterns() -> list[list[dict[str, object]]]:
    """Asking to do it over: "let me try again", "could I sit the test again", "I'd love
    the chance to try again"."""
    verb = {"NORM": {"IN": _AGAIN_VERBS}}
    again = {"NORM": "again"}
    small = {"NORM": {"IN": _AGAIN_OBJECTS}}
    forms: list[list[dict[str, object]]] = [
        [verb, {**small, "OP": "{0,3}"}, again],
        # "sit the numeracy test again": one describing word before the interview word
        [verb, {**small, "OP": "{0,2}"}, {"IS_PUNCT": False}, {"NORM": {"IN": _ROUNDS}}, again],
    ]
    return [[*ask, *form] for ask in _AGAIN_ASKS for form in forms]


def _redo_patterns() -> list[list[dict[str, object]]]:
    """Asking to do the interview again: "could I redo it?", "I'd love to retake the
    exercise", "let me redo the case" (not "I could redo the onboarding flow")."""
    asks = [
        [{"NORM": {"IN": ["could", "can", "may", "might"]}}, {"NORM": "i"}],
        [{"NORM": "i"}, {"NORM": {"IN": ["could", "can", "might"]}}],
        [{"LEMMA": {"IN": [v for v in _WANT_VERBS if v not in _OBLIGED]}}, {"NORM": "to"}],
        [{"NORM": {"IN": ["let", "allow"]}}, {"NORM": "me"}, {"NORM": "to", "OP": "?"}],
        # "I could come back in any day to redo the exercise" (not "we had to redo the
        # exercise log")
        [{"NORM": {"NOT_IN": _OBLIGED}}, {"NORM": "to"}],
    ]
    redo = {"NORM": {"IN": _REDO_ONLY}}
    objects = [
        [{"NORM": {"IN": ["it", "that", "this"]}}],
        [
            {"NORM": {"IN": ["the", "my", "that", "this"]}},
            {"IS_PUNCT": False, "OP": "?"},
            {"NORM": {"IN": sorted(_INTERVIEW_WORDS)}},
        ],
    ]
    return [[*ask, redo, *obj] for ask in asks for obj in objects]


class ApologyOrPlea(Check):
    """Flags apologies for the interview, requests for another chance, and begging.

    What it does:
        Finds, sentence by sentence in the body:
        - an apology word ("sorry", "apologies", "forgive me") with a word for a performance
          that went wrong ("nervous", "rambled", "blanked", "stumbled", "my answer") in the
          same sentence: "Sorry I was so nervous";
        - the writer running down their own interview, with or without an apology: "I didn't
          do myself justice", "that wasn't the real me", "I'm not usually like that", "I
          blanked on the regex", "I know I stumbled on the SQL question" (a failure word tied
          to "I"/"my" and to an interview word such as "question" or "answer");
        - a request for another go: "please give me another chance", "let me prove myself",
          "I'd love a second shot at the case study";
        - begging: "I really need this job", "I'm begging you", "please, I'll do anything".

        Not flagged: a better answer given plainly ("To follow up on the SQL question: I'd
        use a window function"), sympathy ("sorry to hear about the office move"), "no
        apologies needed", second-chance hiring programmes, technical hiccups ("sorry my
        video froze"), and apologies for the note itself ("sorry for the late reply":
        lateness is NL012's business, not a plea about the interview).

    Why is this bad?
        After an interview that went badly, a note that pleads looks desperate: apologising
        draws the reader back to the weak moment, and asking for another chance or saying
        you need the job puts pressure on the interviewer instead of giving them a reason
        to hire you. If you have a better answer, give it: that is the useful part.

    Example:
        I'm so sorry I was nervous and blanked on the SQL question. That wasn't the real me;
        please give me another chance to show what I can do.

    Use instead:
        I've thought more about the SQL question: I'd use a window function over
        order_date, partitioned by customer, which avoids the self-join.

    Options:
        extra-apologies: more apology words or phrases (matched on lower-case words).
        extra-failures: more words for an interview that went wrong ("waffled").
        extra-shortfalls: more things left undone that an apology makes an apology for the
            interview ("didn't mention").
        extra-admissions: more phrases that run down one's own interview on their own.
        extra-pleas: more phrases that plead or beg on their own.
    """

    def setup(self) -> None:
        self.apologies = phrase_matcher(
            self.nlp, self.word_list("apology_words", "extra-apologies"), attr="NORM"
        )
        self.failures = phrase_matcher(
            self.nlp, self.word_list("apology_failures", "extra-failures"), attr="NORM"
        )
        self.shortfalls = phrase_matcher(
            self.nlp, self.word_list("apology_shortfalls", "extra-shortfalls"), attr="NORM"
        )
        self.admissions = phrase_matcher(
            self.nlp, self.word_list("apology_admissions", "extra-admissions"), attr="NORM"
        )
        self.pleas = phrase_matcher(
            self.nlp, self.word_list("apology_pleas", "extra-pleas"), attr="NORM"
        )
        self.plea_patterns = GatedMatcher(self.nlp, "PLEA", _plea_patterns())
        self.verdicts = GatedMatcher(self.nlp, "VERDICT", _VERDICT_PATTERNS)
        self.interview_ids = {self.nlp.vocab.strings.add(w) for w in _INTERVIEW_WORDS}

    def check(self, note: Note) -> Iterator[Finding]:
        for sentence in note.body_sentences():
            found = self._plea(sentence) or self._apology(sentence) or self._admission(sentence)
            if found is None:
                continue
            span, kind = found
            yield self.finding(note, span.start_char, span.end_char, *_WORDING[kind](span.text))

    def _plea(self, sentence: Span) -> tuple[Span, str] | None:
        """Begging, or asking for another go at the interview."""
        pleas = matched_spans(self.pleas, sentence)
        if pleas:
            return pleas[0], "plea"
        for span in self.plea_patterns.spans(sentence, longest=False):
            if self._writers_chance(span, sentence):
                return span, "plea"
        return None

    @staticmethod
    def _writers_chance(span: Span, sentence: Span) -> bool:
        """'I'd love a second chance', not 'you give people a second chance' or 'a
        second-chance programme'."""
        doc = span.doc
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and (after.text == "-" or after.norm_ in _HEAD_NOUNS):
            return False
        before = {t.norm_ for t in window(span, 3, within=sentence)}
        if before & _THIRD_PARTIES:
            return False
        if span[0].norm_ == "i":
            return True
        return any(t.norm_ in _FIRST_PERSON for t in sentence)

    def _apology(self, sentence: Span) -> tuple[Span, str] | None:
        """An apology word in the same sentence as a word for a performance gone wrong."""
        apologies = [s for s in matched_spans(self.apologies, sentence) if _is_apology(s)]
        if not apologies:
            return None
        failures = [
            s
            for s in matched_spans(self.failures, sentence)
            if (_is_own(s) or (s.start > apologies[0].start and _is_gerund_object(s)))
            and not _is_elsewhere(s)
        ]
        failures += matched_spans(self.shortfalls, sentence)
        failures += [
            t.doc[t.i : t.i + 2]
            for t in sentence[:-1]
            if t.norm_ == "my" and t.nbor().norm_ in _APOLOGY_OBJECTS
        ]
        if not failures:
            return None
        failure = min(failures, key=lambda f: abs(f.start - apologies[0].start))
        start = min(apologies[0].start, failure.start)
        end = max(apologies[0].end, failure.end)
        return sentence.doc[start:end], "apology"

    def _admission(self, sentence: Span) -> tuple[Span, str] | None:
        """The writer runs down their own interview: a stock admission, or a failure word
        tied to "I" and an interview word ("I fumbled the caching question")."""
        admissions = matched_spans(self.admissions, sentence)
        if admissions:
            return _from_writer(admissions[0], sentence), "admission"
        verdicts = self.verdicts.spans(sentence, longest=False)
        if verdicts:
            return max(verdicts, key=len), "admission"
        norms = word_ids(sentence.doc)[GATE_ATTRS.index("NORM")]
        if self.interview_ids.isdisjoint(norms[sentence.start : sentence.end]):
            return None
        for failure in matched_spans(self.failures, sentence):
            if _is_own(failure) and not _is_discovery(failure) and not _is_elsewhere(failure):
                doc = failure.doc
                window = doc[max(sentence.start, failure.start - 4) : failure.start]
                first = next(t for t in window if t.norm_ in _FIRST_PERSON)
                return doc[first.i : failure.end], "admission"
        return None


def _from_writer(span: Span, sentence: Span) -> Span:
    """Widen 'the real me' back to its subject: 'my interview self wasn't the real me'."""
    doc = span.doc
    first = next(
        (t.i for t in window(span, 5, within=sentence) if t.norm_ in _FIRST_PERSON), span.start
    )
    return doc[first : span.end]


def _is_apology(span: Span) -> bool:
    """'sorry I rambled', not 'sorry to hear', 'no apologies needed', 'you apologised'."""
    doc = span.doc
    before = [t.norm_ for t in window(span, 3, within=doc[:])]
    if set(before) & _NEGATORS or (before and before[-1] in {"you", "he", "she", "they"}):
        return False
    if span.end + 1 < len(doc) and span[-1].norm_ == "sorry":
        nxt, obj = doc[span.end].norm_, doc[span.end + 1].norm_
        return obj not in _SYMPATHY.get(nxt, ())
    return True


def _is_own(failure: Span) -> bool:
    """A failure word tied to the writer ("I froze", "my answer was muddled"), not to a
    machine or to someone else ("my laptop froze", "your launch stumbled")."""
    doc = failure.doc
    sentence = failure.sent
    window = doc[max(sentence.start, failure.start - 4) : failure.start]
    if _is_others(failure):
        return False
    return any(t.norm_ in _FIRST_PERSON for t in window) or failure.start == sentence.start


def _is_gerund_object(failure: Span) -> bool:
    """What an apology is for: 'I apologise for rambling', 'sorry about freezing up'."""
    doc = failure.doc
    return failure.start > 0 and doc[failure.start - 1].norm_ in {"for", "about"}


def _is_others(failure: Span) -> bool:
    """Something or someone else failed: 'my laptop froze', 'the launch stumbled'."""
    doc = failure.doc
    before = doc[max(failure.sent.start, failure.start - 2) : failure.start]
    return any(t.norm_ in _OTHER_SUBJECTS for t in before)


def _is_elsewhere(failure: Span) -> bool:
    """'nervous about relocating', 'struggled with the legacy ETL': the failure word has an
    object of its own that is not the interview."""
    doc = failure.doc
    if failure.end >= failure.sent.end or doc[failure.end].norm_ not in {"about", "with", "to"}:
        return False
    rest = doc[failure.end + 1 : min(failure.sent.end, failure.end + 5)]
    return not any(t.norm_ in _INTERVIEW_WORDS for t in rest)


def _is_discovery(failure: Span) -> bool:
    """'I stumbled on a neat trick', 'stumbled across your blog': finding, not failing."""
    doc = failure.doc
    if failure[-1].norm_ not in {"stumble", "stumbled", "stumbling"} or failure.end >= len(doc):
        return False
    nxt = doc[failure.end].norm_
    after = doc[failure.end + 1].norm_ if failure.end + 1 < len(doc) else ""
    return nxt in {"across", "upon"} or (nxt == "on" and after in {"a", "an", "some", "this"})


def _apology_wording(words: str) -> tuple[str, str]:
    return (
        f'apologises for the interview: "{words}"',
        "Drop the apology; it draws the reader back to the weak moment. If you have a "
        "better answer, give it plainly: 'I've thought more about the SQL question: I'd "
        "use a window function…'.",
    )


def _admission_wording(words: str) -> tuple[str, str]:
    return (
        f'runs down your own interview: "{words}"',
        "Leave out how the interview went; add what you know now instead: 'To follow up on "
        "the caching question: a better approach is…', or a concrete reason you fit.",
    )


def _plea_wording(words: str) -> tuple[str, str]:
    return (
        f'pleads with the interviewer: "{words}"',
        "Don't ask for another chance or say how much you need the job; give one concrete "
        "reason you fit the team's needs and leave the decision with them.",
    )


_WORDING = {"apology": _apology_wording, "admission": _admission_wording, "plea": _plea_wording}
