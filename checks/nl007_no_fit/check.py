"""NL007 no-fit: the note never ties the writer's own experience or plans to the job."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from notelint.kit import (
    Check,
    GroupedMatcher,
    Sides,
    Specificity,
    doc_sentences,
    doc_text,
    matched_spans,
    phrase_matcher,
    read_patterns,
    vocabulary,
    with_capitals,
    word_matcher,
    words,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from notelint.kit import Finding, Note


#: Punctuation that ends a phrase like "the new supervisor job".
_PHRASE_STOPS = {".", ",", ";", ":", "!", "?"}
#: At most this many tokens from the determiner to the job noun ("the new night supervisor job").
_ROLE_REACH = 5
# Cues that are deeds of some day, which may be the interview day ("I tested your app today").
_DEEDS = {"DONE", "PAST", "SAME", "WE"}
#: Labels that only make "we" the writer's old team; they are no experience by themselves.
_ANCHORS = {"OWNED"}
#: Tokens after a cue in which a stock claim ("bring value to your team") voids the cue.
_STOCK_WINDOW = 6
#: Shortest word that counts when an experience sentence echoes the conversation.
_MIN_ECHO = 4
#: How many sentences away a link to the job may be from the experience it explains.
_LINK_REACH = 2
#: Labels of the token shapes that are no experience cue, by their group; the rest are.
_GROUPS = {"ROLE": "roles", "THAT": "roles", "QUESTION": "questions", "ANSWER": "answers"}

#: The token shapes and the word lists the rules below read, as data.
_SHAPES = Path(__file__).parent / "data" / "shapes.yml"
_WORDS = read_patterns(_SHAPES)
_ASKING = _WORDS.words("asking")
_PERIOD_OF_WORK = _WORDS.words("period_of_work")
_PERIOD_OWNERS = _WORDS.words("period_owners")
_QUESTION_WORDS = _WORDS.words("question_words")
_RELATIVE_WORDS = _WORDS.words("relative_words")
_LIST_MARKS = _WORDS.words("list_marks")
_IRREGULAR_PAST = _WORDS.words("irregular_past")
_NOT_HABITS = _WORDS.words("not_habits")
_PREPOSITIONS = _WORDS.words("prepositions")
_DETERMINERS = _WORDS.words("determiners")
_NOT_DEEDS_AFTER = _WORDS.words("not_deeds_after")

_SUGGESTION = (
    "Add one sentence that links something you have done (or would do first) to a need they "
    'mentioned, e.g. "I ran the same switch-over at my last job, so the backlog you described '
    "is a problem I've already worked on.\""
)


class NoFit(Check):
    """Flags a note that never connects the candidate to the job.

    What it does:
        Looks for one sentence that ties the writer's own experience, skill or plan ("I ran", "I've
        led", "I started logging returns", "in my five years", "at my last job", "At Parcelwise
        I", "I mentioned a hospital project where we tested ...", "my extensive experience of",
        "I'd start by", "I can help", or
        any "I'd ..." that answers the interviewer's "you asked how I'd ...": "I'd prep the trays at
        close") to the role or to a need the team has ("your team", "the position", "the firm's
        expansion", "the gap you described", "the same problem", "would suit what you're planning",
        a question the interviewer asked, a topic, the role or the company from the front matter),
        in the same sentence or one nearby. A note with no such sentence is flagged: it only thanks,
        recaps and says the writer is interested. Stock claims such as "I'd be a great addition to
        your team" or "I believe I'm a strong fit" name no skill and no need, so they do not count;
        nor do deeds of the interview day ("I tested your app on the way home"), small talk ("I
        mentioned my commute") or "we" without the writer's own work beside it ("we covered a lot").
        A P.S. counts.

    Why is this bad?
        The advice is that a follow-up note should explain why you'd be a good fit; one that
        is merely a thank-you adds nothing the interviewer can use when the team compares
        candidates. Tying one concrete piece of your experience to a problem they described is
        what makes a note worth reading.

    Example:
        Thank you for the tour of the warehouse. It was great to hear about the new robots,
        and I'm very excited about the opportunity. I'd be a great addition to your team.

    Use instead:
        Thank you for the tour of the warehouse. I ran the switch to goods-to-person picking at
        Dunmore, so the pick-rate targets you described are a problem I've worked on before.

    Options:
        extra-experience-cues: more phrases that bring in the writer's own experience or plans
            (matched on lower-case words), such as "during my clerkship".
        extra-role-cues: more phrases that tie a sentence to the role or the team's needs
            (matched on lemmas), such as "your night shift".
    """

    def setup(self) -> None:
        experience = [*self.terms("fit_experience"), *self.options["extra-experience-cues"]]
        roles = [*self.terms("fit_role"), *self.options["extra-role-cues"]]
        self.experience_phrases = phrase_matcher(self.nlp, experience, attr="LOWER")
        self.role_phrases = phrase_matcher(self.nlp, with_capitals(roles), attr="LEMMA")
        self.interview_day = phrase_matcher(self.nlp, self.terms("fit_interview_day"))
        self.frequency = phrase_matcher(self.nlp, self.terms("fit_frequency"))
        self.stock_claims = phrase_matcher(
            self.nlp, with_capitals(self.terms("fit_stock_claims")), attr="LEMMA"
        )
        self.not_plans = phrase_matcher(
            self.nlp, with_capitals(self.terms("fit_not_plans")), attr="LEMMA"
        )
        self.specificity = Specificity()
        self.sides = Sides(self.nlp, self.specificity)
        self.not_work = frozenset(self.terms("fit_not_work_verbs"))
        self.shapes = GroupedMatcher(self.nlp, _WORDS.patterns, _GROUPS, "experience")
        self.role_nouns = word_matcher(self.nlp, self.terms("fit_role_nouns"), "LEMMA")
        self._phrase_lemmas: dict[str, list[str]] = {}
        self.stock_words = frozenset(w.lower() for w in vocabulary("stock_words"))

    def check(self, note: Note) -> Iterator[Finding]:
        every = doc_sentences(note.doc)
        sentences = _content_sentences(note, every)
        if not sentences:
            return
        claims = [
            c for c in matched_spans(self.stock_claims, note.doc) if c.end > sentences[0].start
        ]
        empty = matched_spans(self.not_plans, note.doc)
        starts = [s.start for s in every]
        given = self.specificity.given_names(note, with_slots=False)
        # The sides model first: it reads words the other checks have read already, while
        # the cue shapes are a token Matcher of their own, run only when still needed.
        if self.sides.shows_fit(sentences, given, self.not_work) or self._has_fit(
            sentences, starts, note, [*claims, *empty]
        ):
            return
        if claims:
            claim = claims[0]
            yield self.finding(
                note,
                claim.start_char,
                claim.end_char,
                f'no sentence ties your own experience to the role; "{claim.text}" claims fit '
                "without naming a skill or a need",
                _SUGGESTION,
            )
            return
        first = sentences[0]
        yield self.finding(
            note,
            first.start_char,
            first.end_char,
            "no sentence ties your own experience, skills or plans to the role or to a need "
            "the team described: the note thanks, recaps or says you're interested, but never "
            "says why you fit",
            _SUGGESTION,
        )

    def _has_fit(
        self, sentences: list[Span], starts: list[int], note: Note, voids: list[Span]
    ) -> bool:
        """An experience or plan sentence with a link to the job in it or close by.

        Writers often split the tie over two or three sentences: "You said weekend cover is
        the hard part. At Carrow's I built a pool of holiday-only staff." Both halves count
        when the link is at most two sentences away, or when the experience shares a content
        word with a sentence that recaps the conversation. An opening plan ("I'd start by")
        is about the job by itself.
        """
        links: dict[int, bool] = {}

        def linked(index: int) -> bool:
            if index not in links:
                inside = 0 <= index < len(sentences)
                links[index] = inside and self._links(sentences[index], note)
            return links[index]

        found = self._experience_cues(note, starts, voids)
        cues = [{label for label, cue in found if s.start <= cue.start < s.end} for s in sentences]
        recap = [s for s, labels in zip(sentences, cues, strict=True) if not labels]
        for index, sentence in enumerate(sentences):
            if not cues[index]:
                continue
            if "OPENING_PLAN" in cues[index]:
                return True
            reach = range(index - _LINK_REACH, index + _LINK_REACH + 1)
            if any(linked(i) for i in reach) or self._echoes(sentence, recap):
                return True
        return False

    def _echoes(self, sentence: Span, others: list[Span]) -> bool:
        """Whether the experience shares a content word with the rest of the note.

        "The dock doors back up at 6 a.m. ... I've scheduled inbound slots for a 40-door DC":
        the tie is the subject matter the two sentences share, not a phrase.
        """
        own = self._content_words(sentence)
        return any(own & self._content_words(other) for other in others)

    def _content_words(self, span: Span) -> set[str]:
        w = words(span.doc)
        return {
            w.lemma[i]
            for i in range(span.start, span.end)
            if w.alpha[i] and w.size[i] >= _MIN_ECHO and not w.stop[i]
        } - self.stock_words

    def _links(self, sentence: Span, note: Note) -> bool:
        """Whether the sentence names the job, the team's need or what the interviewer said
        (or asked: "you were curious how I'd cost the menu")."""
        return bool(
            matched_spans(self.role_phrases, sentence)
            or self.shapes.within("questions", sentence, longest=True)
            or any(
                _after_preposition(span, sentence) for span in self.shapes.within("roles", sentence)
            )
            or self._names_role(sentence)
            or self._mentions_context(sentence, note)
        )

    def _names_role(self, sentence: Span) -> bool:
        """A determiner followed within ``_ROLE_REACH`` tokens by a job noun, with no
        punctuation between: "the supervisor job", "your evening shift", "the gap".

        The job nouns (many, by lemma) come from a matcher; the few determiners and stops
        are looked up in the sentence's words, and only when it has a job noun.
        """
        nouns = [noun.start for noun in matched_spans(self.role_nouns, sentence, longest=False)]
        if not nouns:
            return False
        w = words(sentence.doc)
        tokens = range(sentence.start, sentence.end)
        dets = [i for i in tokens if w.lower[i] in _DETERMINERS]
        stops = [i for i in tokens if w.text[i] in _PHRASE_STOPS]
        return any(
            0 < noun - det <= _ROLE_REACH and not any(det < stop < noun for stop in stops)
            for det in dets
            for noun in nouns
        )

    def _mentions_context(self, sentence: Span, note: Note) -> bool:
        """A topic, the role or the company from the front matter appears in the sentence."""
        context = note.context
        w = words(sentence.doc)
        tokens = range(sentence.start, sentence.end)
        lemmas = [w.lemma[i] for i in tokens if not (w.space[i] or w.punct[i])]
        for phrase in (*context.topics, context.role or ""):
            if phrase and _contains(lemmas, self._lemmas(phrase)):
                return True
        return bool(context.company) and _company_named(sentence, context.company or "")

    def _lemmas(self, phrase: str) -> list[str]:
        """Lower-cased lemmas of a front matter phrase, cached: topics repeat across a run."""
        if phrase not in self._phrase_lemmas:
            doc = self.nlp(phrase)
            self._phrase_lemmas[phrase] = [t.lemma_.lower() for t in doc if not t.is_punct]
        return self._phrase_lemmas[phrase]

    def _experience_cues(
        self, note: Note, starts: list[int], voids: list[Span]
    ) -> list[tuple[str, Span]]:
        """Experience and plan cues of the note (matched once over the whole doc), without
        those that run into a stock claim or an empty object (``voids``) or tell of the
        interview day, and with "we" only where it is the writer's old team.

        Each cue is paired with the start of its sentence, looked up in ``starts`` (the
        sentence starts of the doc) rather than through ``Span.sent``, which walks tokens.
        """
        doc = note.doc
        cues = [
            (span.label_, span, _sentence_start(starts, span.start))
            for span in self.shapes.all("experience", doc)
        ]
        cues += [
            ("PHRASE", span, _sentence_start(starts, span.start))
            for span in matched_spans(self.experience_phrases, doc)
        ]
        cues += self._answers(note, starts)
        on_the_day = {
            _sentence_start(starts, span.start) for span in matched_spans(self.interview_day, doc)
        }
        habitual = {
            _sentence_start(starts, span.start) for span in matched_spans(self.frequency, doc)
        }
        cues = [
            ("HABIT" if _is_habit(label, cue, start, habitual) else label, cue, start)
            for label, cue, start in cues
        ]
        kept = [
            (label, cue, start)
            for label, cue, start in cues
            if not _runs_into(cue, voids)
            and _is_own(label, cue, start)
            and not (start in on_the_day and label in _DEEDS)
        ]
        return _anchor_we(kept)

    def _answers(self, note: Note, starts: list[int]) -> list[tuple[str, Span, int]]:
        """Plans given in answer to the interviewer's question, whatever their verb.

        "You asked how I'd tighten the mise en place. I'd prep the trays at close": the "I'd"
        that follows the question, later in its sentence or in the next one, is the writer's
        plan for the job, though "prep" is on no list of plan verbs.
        """
        doc = note.doc
        asked: list[tuple[int, int, int]] = []
        for question in self.shapes.all("questions", doc):
            index = bisect.bisect_right(starts, question.start)
            following = starts[index] if index < len(starts) else len(doc)
            asked.append((starts[index - 1], question.end, following))
        answers = []
        for span in self.shapes.all("answers", doc):
            start = _sentence_start(starts, span.start)
            if any(
                (start == own and end <= span.start) or start == following
                for own, end, following in asked
            ):
                answers.append(("ANSWER", span, start))
        return answers


def _after_preposition(span: Span, sentence: Span) -> bool:
    """A ROLE match, or "that backlog" right after a preposition in the same sentence."""
    if span.label_ != "THAT":
        return True
    return span.start > sentence.start and span.doc[span.start - 1].lower_ in _PREPOSITIONS


def _content_sentences(note: Note, sentences: list[Span]) -> list[Span]:
    """Sentences from the body on, so a P.S. after the sign-off counts too.

    Blank sentences are found by slicing the doc's text: ``Span.text`` joins token texts.
    """
    start = note.layout.body[0]
    text = doc_text(note.doc)
    return [
        s for s in sentences if s.end_char > start and not text[s.start_char : s.end_char].isspace()
    ]


def _sentence_start(starts: list[int], token: int) -> int:
    """The first token of the sentence that holds ``token``, given the sentence starts."""
    return starts[bisect.bisect_right(starts, token) - 1]


def _runs_into(cue: Span, voids: list[Span]) -> bool:
    """'I would bring value to your team', 'I'd help in any way': the cue's object is empty."""
    return any(cue.start <= v.start < cue.end + _STOCK_WINDOW for v in voids)


def _is_own(label: str, cue: Span, sentence_start: int) -> bool:
    """Drop cues that are not the writer's own work or plan.

    "You asked how I'd handle it" and "you asked about my thesis" report the interviewer's
    question; "the program doubled in two years" is the team's history, not the writer's
    years of work; "I introduced myself" and "I wrote down" are the interview day.
    """
    doc = cue.doc
    before = doc[cue.start - 1].lower_ if cue.start > sentence_start else ""
    after = doc[cue.end].lower_ if cue.end < len(doc) else ""
    if after in _NOT_DEEDS_AFTER or before == "about":
        return False
    if label in {"PLAN", "OPENING_PLAN"} or (label == "DONE" and not _is_past(cue[-1])):
        if before in _RELATIVE_WORDS:
            return not _asked(cue, sentence_start)
        return before not in _QUESTION_WORDS
    if label == "PERIOD":
        if before in _PERIOD_OWNERS:
            return True
        # "Five years running a food bank", "- **SQL:** five years building pipelines".
        last = cue[-1].lower_
        opens = not before or before in _LIST_MARKS
        return opens and (last in _PERIOD_OF_WORK or (cue[-1].is_alpha and last.endswith("ing")))
    if label in {"PAST", "WE"}:
        return _is_past(cue[-1])
    if label == "RESUME":
        last = cue[-1].lower_
        return _is_past(cue[-1]) and (last.endswith("ed") or last in _IRREGULAR_PAST)
    return True


def _is_habit(label: str, cue: Span, sentence_start: int, habitual: set[int]) -> bool:
    """ "I reconcile three accounts every month": the present tense of a work verb in a
    sentence that says how often is the writer's routine at work."""
    verb = cue[-1]
    return (
        label == "PAST"
        and sentence_start in habitual
        and not _is_past(verb)
        and verb.lower_ == verb.lemma_.lower()
        and verb.lower_ not in _NOT_HABITS
    )


def _asked(cue: Span, sentence_start: int) -> bool:
    """Whether a word of asking comes before the cue in its sentence: "you asked where I'd
    start" reports a question, "that's where I've spent two years" does not."""
    doc = cue.doc
    return any(doc[i].lemma_.lower() in _ASKING for i in range(sentence_start, cue.start))


def _anchor_we(cues: list[tuple[str, Span, int]]) -> list[tuple[str, Span]]:
    """Keep "we" deeds only in a sentence about the writer's own work; drop the anchors.

    "We" in a note is often the writer and the interviewer ("we covered a lot"). It is the
    writer's old team when the sentence also names their own work: "I mentioned a hospital
    project where we tested every screen", "On our clinic pilot we cut no-shows".
    """
    anchored = {start for label, _, start in cues if label != "WE"}
    return [
        (label, cue)
        for label, cue, start in cues
        if label not in _ANCHORS and (label != "WE" or start in anchored)
    ]


def _is_past(token: Token) -> bool:
    """A past tense or participle: the lookup lemma differs and it is no -s or -ing form."""
    text = token.lower_
    return token.lemma_.lower() != text and not text.endswith(("s", "ing"))


_GENERIC_NAMES = {
    "the", "of", "and", "inc", "ltd", "llc", "llp", "plc", "co", "group", "company", "school",
    "university", "college", "primary", "hospital", "centre", "center", "medical",
    "department", "bank", "food", "services", "partners", "institute", "health",
}  # fmt: skip


def _company_named(sentence: Span, company: str) -> bool:
    """The company, or a distinctive word of its name, in the sentence: "at Hollyfield"."""
    names = {w.lower() for w in company.replace(",", " ").split() if w[:1].isupper()}
    titled = {t.lower_ for t in sentence if t.is_title and t.i > sentence.start}
    return bool((names - _GENERIC_NAMES) & titled)


def _contains(words: list[str], phrase: list[str]) -> bool:
    """Whether ``phrase`` occurs as a contiguous run in ``words``."""
    size = len(phrase)
    return size > 0 and any(words[i : i + size] == phrase for i in range(len(words) - size + 1))
