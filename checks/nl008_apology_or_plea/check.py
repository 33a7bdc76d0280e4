"""NL008 apology-or-plea: apologising for the interview, asking for another chance, begging."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from notelint.kit import (
    GATE_ATTRS,
    Check,
    GatedMatcher,
    content_sentences,
    matched_spans,
    phrase_matcher,
    read_patterns,
    window,
    word_ids,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from notelint.kit import Finding, Note


#: Word lists and token patterns as data.
_DATA = read_patterns(Path(__file__).parent / "data" / "words.yml")
_W = {name: frozenset(words) for name, words in _DATA.lists.items()}


# "sorry to hear", "sorry about your move", "sorry that you had to wait": sympathy.
_SYMPATHY = {
    "to": {"hear", "see", "learn", "read"},
    "about": {"your", "you", "hearing"},
    "for": {"your", "you", "hearing"},
    "that": {"you", "your"},
}


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
        use a window function"), an admission followed by what the writer has done about it
        ("I struggled with the deadlines question; I have since gone through the calendar"),
        sympathy ("sorry to hear about the office move"), "no apologies needed",
        second-chance hiring programmes, technical hiccups ("sorry my video froze"), and
        apologies for the note itself ("sorry for the late reply": lateness is NL012's
        business, not a plea about the interview).

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
        self.remedies = phrase_matcher(self.nlp, self.terms("remedies"), attr="LOWER")
        self.plea_patterns = GatedMatcher(self.nlp, "PLEA", _DATA.patterns["plea"])
        self.verdicts = GatedMatcher(self.nlp, "VERDICT", _DATA.patterns["verdict"])
        self.interview_ids = {self.nlp.vocab.strings.add(w) for w in _W["interview_words"]}

    def check(self, note: Note) -> Iterator[Finding]:
        if not self._has_cue(note.doc):
            return
        # The subject line is read first: a plea there ("Please reconsider") is one too.
        sentences = content_sentences(note, with_subject=True)
        for index, sentence in enumerate(sentences):
            found = self._plea(sentence) or self._apology(sentence) or self._admission(sentence)
            if found is None:
                continue
            span, kind = found
            if kind == "admission" and any(
                matched_spans(self.remedies, s) for s in sentences[index : index + 2]
            ):
                continue  # owning a fumbled answer and then fixing it is what the advice asks
            yield self.finding(note, span.start_char, span.end_char, *_WORDING[kind](span.text))

    def _has_cue(self, doc: Doc) -> bool:
        """Whether the note holds a word every finding starts from: a plea, an apology, an
        admission or a failure. Most notes hold none, and are done after these look-ups of
        the matchers' one run over the Doc, without weighing sentence by sentence."""
        return bool(
            matched_spans(self.pleas, doc)
            or self.plea_patterns.spans(doc, longest=False)
            or matched_spans(self.apologies, doc)
            or matched_spans(self.admissions, doc)
            or self.verdicts.spans(doc, longest=False)
            or matched_spans(self.failures, doc)
        )

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
        if after is not None and (after.text == "-" or after.norm_ in _W["head_nouns"]):
            return False
        before = {t.norm_ for t in window(span, 3, within=sentence)}
        if before & _W["third_parties"]:
            return False
        if span[0].norm_ == "i":
            return True
        return any(t.norm_ in _W["first_person"] for t in sentence)

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
            if t.norm_ == "my" and t.nbor().norm_ in _W["apology_objects"]
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
                before = window(failure, 4, within=sentence)
                mine = [t.i for t in before if t.norm_ in _W["first_person"]]
                return failure.doc[mine[0] if mine else failure.start : failure.end], "admission"
        return None


def _from_writer(span: Span, sentence: Span) -> Span:
    """Widen 'the real me' back to its subject: 'my interview self wasn't the real me'."""
    doc = span.doc
    first = next(
        (t.i for t in window(span, 5, within=sentence) if t.norm_ in _W["first_person"]), span.start
    )
    return doc[first : span.end]


def _is_apology(span: Span) -> bool:
    """'sorry I rambled', not 'sorry to hear', 'no apologies needed', 'you apologised'."""
    doc = span.doc
    before = [t.norm_ for t in window(span, 3, within=doc[:])]
    if set(before) & _W["negators"] or (before and before[-1] in {"you", "he", "she", "they"}):
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
    return any(t.norm_ in _W["first_person"] for t in window) or failure.start == sentence.start


def _is_gerund_object(failure: Span) -> bool:
    """What an apology is for: 'I apologise for rambling', 'sorry about freezing up'."""
    doc = failure.doc
    return failure.start > 0 and doc[failure.start - 1].norm_ in {"for", "about"}


def _is_others(failure: Span) -> bool:
    """Something or someone else failed: 'my laptop froze', 'the launch stumbled'."""
    doc = failure.doc
    before = doc[max(failure.sent.start, failure.start - 2) : failure.start]
    return any(t.norm_ in _W["other_subjects"] for t in before)


def _is_elsewhere(failure: Span) -> bool:
    """'nervous about relocating', 'struggled with the legacy ETL': the failure word has an
    object of its own that is not the interview."""
    doc = failure.doc
    if failure.end >= failure.sent.end or doc[failure.end].norm_ not in {"about", "with", "to"}:
        return False
    rest = doc[failure.end + 1 : min(failure.sent.end, failure.end + 5)]
    return not any(t.norm_ in _W["interview_words"] for t in rest)


def _is_discovery(failure: Span) -> bool:
    """'stumbled across your blog', 'I stumbled on a neat trick': a failure word that tells of
    finding something, not of failing, which no interview word follows ('I blanked on a
    question' is failing)."""
    doc = failure.doc
    if failure.end >= len(doc):
        return False
    nxt = doc[failure.end].norm_
    if nxt in {"across", "upon"}:
        return True
    found = window(failure, after=4, within=doc[:])
    return (
        nxt == "on"
        and found[1:2].text.lower() in {"a", "an", "some", "this"}
        and not any(t.norm_ in _W["interview_words"] for t in found)
    )


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
