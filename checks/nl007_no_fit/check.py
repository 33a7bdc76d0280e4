"""NL007 no-fit: the note never ties the writer's own experience or plans to the job."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from notelint.kit import Check, doc_sentences, matched_spans, phrase_matcher, vocabulary, words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc, Span, Token

    from notelint.kit import Finding, Note


_I = {"LOWER": "i"}
_WE = {"LOWER": "we"}
# "At Kestrel, I" or "At Kestrel we".
_I_OR_WE = {"LOWER": {"IN": ["i", "we"]}}
# Words that may stand between "I" and what the writer did: "I've basically been doing".
_FILLERS = [
    "have", "'ve", "had", "also", "personally", "actually", "basically", "already", "recently",
    "once", "then", "just", "even", "since", "previously", "successfully", "currently", "still",
    "both", "mostly", "first", "later", "co", "-", "jointly", "often", "regularly", "routinely",
]  # fmt: skip
_BE = ["was", "am", "'m"]
_MODALS = ["would", "'d", "will", "'ll", "can", "could", "might"]
_PLAN_ADVERBS = ["also", "happily", "gladly", "then", "first", "probably", "definitely"]
_WILLING = ["glad", "happy", "keen", "eager", "ready", "able", "delighted", "excited"]
_WISHING = ["love", "like", "want", "hope", "plan", "aim", "expect"]
# "I'd enjoy doing the same", "I would welcome doing that work".
_GERUND_WISHES = ["enjoy", "welcome", "relish", "love", "like"]
# "I'd be comfortable with that move", "I'd be useful on exactly that kind of detail".
_CAPABLE = ["comfortable", "useful", "effective", "confident"]
_PERIODS = ["year", "month", "season", "summer", "semester", "decade", "winter", "shift"]
# What follows "five years" at the start of a sentence when they are years of the writer's
# work: "Five years running a food bank ...", "Two years behind the returns desk ...".
_PERIOD_OF_WORK = [
    "of", "as", "at", "in", "running", "leading", "managing", "behind", "on", "doing",
    "teaching", "working", "with", "coaching", "supervising", "nursing", "selling", "handling",
]  # fmt: skip
# Before "five years", words that make them the writer's own ("with five years of ...").
_PERIOD_OWNERS = {
    "my", "with", "after", "have", "'ve", "had", "got", "spent", "bring", "including", "and",
    "finished", "completed", "done", "served", "worked",
}  # fmt: skip
_NOT_WORK_PERIODS = ["ago", "later", "earlier", "old", "before", "after", "from"]
# Credentials and jobs a writer holds: "I've had I-CAR aluminum training", "I took a temp job".
_CREDENTIALS = [
    "training", "experience", "certificate", "certification", "licence", "license", "degree",
    "qualification", "diploma", "background", "apprenticeship", "internship", "accreditation",
]  # fmt: skip
_JOBS = ["job", "role", "position", "post", "contract", "placement"]
# "my extensive experience of", "my background in": the writer's record in a formal note.
_BACKGROUNDS = ["experience", "background", "expertise", "grounding", "exposure", "familiarity"]
_BACKGROUND_LINKS = ["of", "in", "with", "at", "as", "across", "on", "within"]
# "I've been a customer for years" is no experience of the work.
_ONLOOKERS = [
    "customer", "fan", "user", "member", "follower", "subscriber", "reader", "admirer",
    "visitor", "shopper", "client", "patient", "guest", "donor", "supporter", "candidate",
]  # fmt: skip
# "I'm a registered nurse": a profession held, unlike "I'm a hard worker".
_TRAINED = [
    "registered", "certified", "licensed", "qualified", "chartered", "trained", "former",
    "practising", "practicing", "working", "professional", "senior", "junior", "head",
]  # fmt: skip
# "the same", "a similar", "something like", "exactly that", "that exact": two tokens.
_SAME = [
    {"LOWER": {"IN": ["the", "a", "something", "exactly", "that"]}},
    {"LOWER": {"IN": ["same", "similar", "like", "that", "this", "exact"]}},
]
_SAME_VERBS = [
    "make", "do", "use", "try", "build", "run", "face", "have", "see", "fight", "hit", "solve",
    "fix", "tackle", "chase", "meet", "handle", "deal", "work", "manage", "inherit", "clear",
]  # fmt: skip
# Questions the interviewer asked about a plan are not the plan: "you asked how I'd handle".
_QUESTION_WORDS = {"how", "what", "whether", "why", "when", "where"}
# "That's where I've spent two years", "that's when I ran": a place or time of the writer's
# work unless someone asked ("you asked where I'd start"). "what I can bring" stays empty.
_RELATIVE_WORDS = {"where", "when"}
# Before a question word, words that make it the interviewer's question ("you wondered how").
_ASKING = {"ask", "wonder", "question", "curious", "know", "inquire", "enquire", "quiz", "probe"}
# After "I'd" in an answer to the interviewer's question, words that are no step of a plan:
# "I'd say", "I'd love another go", "I'd have answered", "I'd rather not guess".
_NOT_ANSWERS = [
    "be", "love", "like", "want", "hope", "appreciate", "welcome", "say", "think", "guess",
    "need", "have", "rather", "prefer", "enjoy", "imagine", "answer", "add", "mention", "not",
    "never", "really", "actually", "just", "also", "still", "only", "probably", "certainly",
    "agree", "feel", "wonder", "ask", "know", "expect", "suggest", "recommend",
]  # fmt: skip
_ASKED_WORDS = ["how", "what", "which", "whether", "why", "when", "where"]
#: At most this many words between the asking and the question word ("asked me exactly how").
_ASK_REACH = 3
# Marks that open a list item or a label: "- **Python:** five years building pipelines".
_LIST_MARKS = {":", ":*", "*", "**", "-", "•", "–", "—"}
# Past forms of work verbs that do not end in -ed, for résumé-style lines ("- Led a team").
_IRREGULAR_PAST = {
    "led", "ran", "built", "rebuilt", "taught", "sold", "wrote", "rewrote", "oversaw", "drove",
    "won", "grew", "fought", "undertook", "dealt", "spun",
}  # fmt: skip
# After "I" and a verb in the present: modals, which make it a plan or a wish, not a habit.
_NOT_HABITS = {"would", "'d", "will", "'ll", "can", "could", "might", "should", "must", "may"}
# After "at my": places of work, unless the phrase is about something else ("at my desk").
_NOT_WORKPLACES = [
    "desk", "own", "pace", "convenience", "disposal", "end", "earliest", "best", "interview",
    "home", "age", "side", "request", "expense", "fingertips", "computer", "first", "last",
    "commute", "lunch", "visit", "break", "holiday", "vacation", "trip", "stay", "tour", "walk",
]  # fmt: skip
_OLD_JOBS = ["current", "last", "previous", "former", "old", "present", "prior"]
# After "my last": the interview itself, not an old job ("my last answer").
_NOT_JOBS = [
    "interview", "email", "note", "message", "question", "answer", "point", "visit", "call",
    "chance", "thought", "comment", "name", "day", "letter", "application",
]  # fmt: skip
# A company name in a sentence: capitalised words, "&" and "'s" ("At Brandt & Kovac I ...").
_NAME_PART = {"TEXT": {"REGEX": r"^(?:[A-Z][\w.'-]*|&|'s)$"}, "OP": "+"}
# After "your": words that make it a courtesy, not a need of the team ("your time").
_COURTESIES = [
    "time", "consideration", "kindness", "hospitality", "patience", "generosity", "help",
    "interest", "attention", "email", "message", "reply", "response", "convenience", "behalf",
    "earliest", "warm", "warmth", "own", "insight", "insights", "feedback", "decision",
]  # fmt: skip
# After "this" or "these": times, not the team's work ("this morning").
_TIMES = [
    "morning", "afternoon", "evening", "week", "weekend", "month", "year", "time", "point",
    "opportunity", "note", "email", "message", "letter", "is", "was", "has", "would", "will",
]  # fmt: skip
#: Punctuation that ends a phrase like "the new supervisor job".
_PHRASE_STOPS = {".", ",", ";", ":", "!", "?"}
#: At most this many tokens from the determiner to the job noun ("the new night supervisor job").
_ROLE_REACH = 5
_PREPOSITIONS = ["with", "on", "for", "to", "in", "at", "into", "onto", "about", "around"]
_DETERMINERS = {"your", "the", "this", "that", "these", "those"}
# After a verb: the writer's own interview day ("I introduced myself", "I wrote down").
_NOT_DEEDS_AFTER = {"myself", "yourself", "down"}
# Cues that are deeds of some day, which may be the interview day ("I tested your app today").
_DEEDS = {"DONE", "PAST", "SAME", "WE"}
# "I mentioned a wayfinding project", "I talked about my last two launches": the writer's work
# told in the interview. The verb and the words that may follow it before the determiner.
_TELLING = ["mention", "describe", "talk", "tell", "show", "walk", "bring", "share", "explain"]
_TELLING_LINKS = ["about", "you", "through", "up", "over"]
_OWN_DETERMINERS = ["a", "an", "my", "our", "one"]
#: Labels that only make "we" the writer's old team; they are no experience by themselves.
_ANCHORS = {"OWNED"}
#: Tokens after a cue in which a stock claim ("bring value to your team") voids the cue.
_STOCK_WINDOW = 6
#: Shortest word that counts when an experience sentence echoes the conversation.
_MIN_ECHO = 4
#: How many sentences away a link to the job may be from the experience it explains.
_LINK_REACH = 2
#: Labels of the token shapes that are no experience cue, by their group in ``Shapes``.
_GROUPS = {"ROLE": "roles", "THAT": "roles", "QUESTION": "questions", "ANSWER": "answers"}
_GROUP_NAMES = ("experience", "roles", "questions", "answers")
_SHAPES_KEY = "notelint_fit_shapes"


class NoFit(Check):
    """Flags a note that never connects the candidate to the job.

    What it does:
        Looks for one sentence that ties the writer's own experience, skill or plan ("I ran", "I've
        led", "in my five years", "at my last job", "At Parcelwise I", "I mentioned a hospital
        project where we tested ...", "my extensive experience of", "I'd start by", "I can help", or
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
        self.role_phrases = phrase_matcher(self.nlp, _with_capitals(roles), attr="LEMMA")
        self.interview_day = phrase_matcher(self.nlp, self.terms("fit_interview_day"))
        self.frequency = phrase_matcher(self.nlp, self.terms("fit_frequency"))
        self.stock_claims = phrase_matcher(
            self.nlp, _with_capitals(self.terms("fit_stock_claims")), attr="LEMMA"
        )
        self.not_plans = phrase_matcher(
            self.nlp, _with_capitals(self.terms("fit_not_plans")), attr="LEMMA"
        )
        self.shapes = Shapes(self.nlp, self.terms)
        self.role_nouns = _word_matcher(self.nlp, self.terms("fit_role_nouns"), "LEMMA")
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
        if self._has_fit(sentences, starts, note, [*claims, *empty]):
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
            or self.shapes.within("longest_questions", sentence)
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


class Shapes:
    """All of NL007's token shapes in one Matcher, run once per Doc and split by label.

    A Matcher call walks the whole Doc and makes a Token object for each of its words, so
    four matchers (the writer's experience, the team's work, the interviewer's question about
    a plan, the answer to it) cost four walks; one Matcher with each shape under its own
    label costs one. Its matches are grouped: "experience", "roles", "questions" and
    "answers", plus "longest_questions" (the longest where questions overlap).
    """

    def __init__(self, nlp: Language, terms: Callable[[str], tuple[str, ...]]) -> None:
        from spacy.matcher import Matcher

        self.matcher = Matcher(nlp.vocab)
        _add_experience(
            self.matcher,
            terms("fit_experience_verbs"),
            terms("fit_plan_verbs"),
            terms("fit_not_work_verbs"),
            terms("fit_own_work_nouns"),
            terms("fit_experience_degrees"),
        )
        _add_roles(self.matcher, terms("fit_organisations"))
        _add_answers(self.matcher)

    def all(self, group: str, doc: Doc) -> list[Span]:
        """The group's matches in the Doc, in order of their start."""
        return list(self._groups(doc)[group][0])

    def within(self, group: str, sentence: Span) -> list[Span]:
        """The group's matches inside a sentence, as ``matched_spans`` finds them."""
        spans, starts = self._groups(sentence.doc)[group]
        first = bisect.bisect_left(starts, sentence.start)
        last = bisect.bisect_left(starts, sentence.end)
        return [s for s in spans[first:last] if s.end <= sentence.end]

    def _groups(self, doc: Doc) -> dict[str, tuple[list[Span], list[int]]]:
        """The matches of each group with their starts, kept in the Doc's ``user_data``."""
        from spacy.util import filter_spans

        cache = doc.user_data.setdefault(_SHAPES_KEY, {})
        if id(self) not in cache:
            groups: dict[str, list[Span]] = {group: [] for group in _GROUP_NAMES}
            for span in sorted(self.matcher(doc, as_spans=True), key=lambda s: s.start):
                groups[_GROUPS.get(span.label_, "experience")].append(span)
            longest = filter_spans(groups["questions"])
            groups["longest_questions"] = sorted(longest, key=lambda s: s.start)
            cache[id(self)] = {
                group: (spans, [s.start for s in spans]) for group, spans in groups.items()
            }
        return cache[id(self)]


def _add_answers(matcher: Matcher) -> None:
    """The interviewer's question about the writer's plan ("you asked how I'd"), and the
    writer's "I'd" + verb that may answer it.

    One pattern with an ``IN`` set, not one per word of asking: each pattern adds a state at
    every token of the Doc, and nine of them cost more than one set look-up per token.
    """
    modal = {"LOWER": {"IN": _MODALS}}
    matcher.add(
        "QUESTION",
        [
            [
                {"LEMMA": {"IN": sorted(_ASKING)}},
                {"IS_PUNCT": False, "OP": f"{{0,{_ASK_REACH}}}"},
                {"LOWER": {"IN": _ASKED_WORDS}},
                _I,
                modal,
            ]
        ],
    )
    matcher.add(
        "ANSWER",
        [
            [
                _I,
                modal,
                {"LOWER": {"IN": _PLAN_ADVERBS}, "OP": "?"},
                {"IS_ALPHA": True, "LEMMA": {"NOT_IN": _NOT_ANSWERS}},
            ]
        ],
    )


_SUGGESTION = (
    "Add one sentence that links something you have done (or would do first) to a need they "
    'mentioned, e.g. "I ran the same switch-over at my last job, so the backlog you described '
    "is a problem I've already worked on.\""
)


def _with_capitals(terms: Iterable[str]) -> list[str]:
    """Each phrase also with a capital first letter: the lookup lemmatizer keeps "You" as is."""
    return list(dict.fromkeys(v for t in terms for v in (t, t[:1].upper() + t[1:])))


def _add_experience(
    matcher: Matcher,
    done: Sequence[str],
    planned: Sequence[str],
    not_work: Sequence[str],
    own_work: Sequence[str],
    degrees: Sequence[str],
) -> None:
    """Token shapes of the writer's own work: "I've led", "I'd start by", "my five years at"."""
    fillers = {"LOWER": {"IN": _FILLERS}, "OP": "*"}
    now = {"LOWER": {"IN": ["currently", "still", "now"]}}
    word = {"IS_PUNCT": False, "OP": "?"}
    have = {"LOWER": {"IN": ["have", "'ve", "had"]}}
    matcher.add(
        "DONE",
        [
            [_I, fillers, {"LEMMA": {"IN": list(done)}}],
            [_I, {"LOWER": {"IN": _BE}}, now, {"LEMMA": {"IN": list(done)}}],
            [_I, have, fillers, {"LOWER": "been"}, {"LEMMA": {"IN": list(done)}}],
            [_I, have, fillers, {"LOWER": "been"}, {"LEMMA": "do"}],
            [_I, have, fillers, {"LEMMA": "do"}],
            [_I, fillers, {"LOWER": "did"}, {"LOWER": {"IN": ["that", "this", "it", "so"]}}],
            [
                _I,
                have,
                {"LOWER": "been"},
                {"LOWER": {"IN": ["a", "an"]}},
                {"LOWER": {"NOT_IN": _ONLOOKERS}},
            ],
            [
                _I,
                {"LOWER": {"IN": _BE}},
                {"LOWER": {"IN": ["a", "an"]}},
                {"LOWER": {"IN": _TRAINED}},
            ],
            [{"LOWER": "having"}, {"LEMMA": {"IN": list(done)}}],
            [_I, fillers, {"LEMMA": "spend"}, word, word, word, {"LEMMA": {"IN": _PERIODS}}],
            [_I, {"LOWER": {"IN": ["started", "began"]}}, {"LOWER": {"IN": ["out", "as"]}}],
        ],
    )
    # Any past tense after "I", unless it tells of the interview or of feelings (checked in
    # _is_own): "I reworked", "I superintended", "I dealt with".
    matcher.add(
        "PAST",
        [[_I, fillers, {"IS_ALPHA": True, "LEMMA": {"NOT_IN": list(not_work)}}]],
    )
    # The writer's own work, told in the interview: "I mentioned a wayfinding project".
    alpha = {"IS_ALPHA": True, "OP": "?"}
    # Up to two words before the noun, maybe hyphenated: "a warranty-claims audit".
    modifier = [alpha, {"ORTH": "-", "OP": "?"}, alpha]
    work_noun = {"LEMMA": {"IN": list(own_work)}}
    matcher.add(
        "OWN_WORK",
        [
            [
                _I,
                fillers,
                {"LEMMA": {"IN": _TELLING}},
                {"LOWER": {"IN": _TELLING_LINKS}, "OP": "*"},
                {"LOWER": {"IN": _OWN_DETERMINERS}},
                *modifier,
                work_noun,
            ]
        ],
    )
    # "we tested every screen": a deed of the writer's old team, counted only beside a
    # mention of the writer's own work (checked in NoFit._experience_cues).
    matcher.add("WE", [[{"LOWER": "we"}, fillers, {"LEMMA": {"IN": list(done)}}]])
    # Formal register: "my extensive experience of conducting", "my considerable and varied
    # background in". ("about my experience" is dropped in _is_own.)
    matcher.add(
        "BACKGROUND",
        [
            [
                {"LOWER": "my"},
                {"LOWER": {"IN": _word_parts(degrees)}, "OP": "*"},
                {"LEMMA": {"IN": _BACKGROUNDS}},
                {"LOWER": {"IN": _BACKGROUND_LINKS}},
            ]
        ],
    )
    matcher.add("OWNED", [[{"LOWER": owner}, *modifier, work_noun] for owner in ("my", "our")])
    held = {"LEMMA": {"IN": ["have", "hold", "get", "earn", "gain", "complete", "finish"]}}
    matcher.add(
        "HOLD",
        [
            [_I, fillers, held, word, word, word, word, word, {"LEMMA": {"IN": _CREDENTIALS}}],
            [
                _I,
                fillers,
                {"LEMMA": {"IN": ["take", "land", "hold", "accept"]}},
                word,
                word,
                {"LEMMA": {"IN": _JOBS}},
            ],
        ],
    )
    same_verb = {"LEMMA": {"IN": _SAME_VERBS}}
    matcher.add(
        "SAME",
        [[who, fillers, same_verb, {"LOWER": "with", "OP": "?"}, *_SAME] for who in (_I, _WE)],
    )
    modal = {"LOWER": {"IN": _MODALS}}
    adverb = {"LOWER": {"IN": _PLAN_ADVERBS}, "OP": "?"}
    plan_verb = {"LEMMA": {"IN": list(planned)}}
    # "I'd help", "I'd be glad to help", "I'd love to help", "I'd enjoy helping".
    wish = [
        {"LEMMA": "be", "OP": "?"},
        {"LOWER": {"IN": [*_WILLING, *_WISHING, *_GERUND_WISHES]}, "OP": "?"},
        {"LOWER": "to", "OP": "?"},
    ]
    matcher.add(
        "PLAN",
        [
            [_I, modal, adverb, *wish, plan_verb],
            # Doing is a plan only when it repeats the past: "I'd like to do the same".
            [_I, modal, adverb, *wish, {"LEMMA": "do"}, *_SAME],
            [_I, modal, adverb, {"LEMMA": "be"}, {"LOWER": {"IN": _CAPABLE}}],
            [_I, {"LEMMA": {"IN": ["plan", "intend", "aim"]}}, {"LOWER": "to"}, plan_verb],
        ],
    )
    matcher.add(
        "OPENING_PLAN",
        [
            [
                _I,
                modal,
                adverb,
                {"LEMMA": {"IN": ["start", "begin"]}},
                {"LOWER": {"IN": ["by", "with"]}},
            ]
        ],
    )
    period = [{"LEMMA": {"IN": _PERIODS}}, {"LOWER": {"NOT_IN": _NOT_WORK_PERIODS}}]
    matcher.add(
        "PERIOD",
        [[{"LIKE_NUM": True}, *period], [{"LOWER": "a"}, *period], [{"LOWER": "an"}, *period]],
    )
    matcher.add(
        "WORKPLACE",
        [
            [
                {"LOWER": "at"},
                {"LOWER": "my"},
                {"IS_ALPHA": True, "LOWER": {"NOT_IN": _NOT_WORKPLACES}},
            ],
            [
                {"LOWER": "my"},
                {"LOWER": {"IN": _OLD_JOBS}},
                {"IS_ALPHA": True, "LOWER": {"NOT_IN": _NOT_JOBS}},
            ],
            [
                {"LOWER": "during"},
                {"LOWER": "my"},
                {"IS_ALPHA": True, "LOWER": {"NOT_IN": _NOT_WORKPLACES}},
            ],
        ],
    )
    matcher.add(
        "WORKPLACE",
        [
            [{"LOWER": word}, {"LOWER": "my"}, {"IS_ALPHA": True, "OP": "?"}, period[0]]
            for word in ("in", "from", "during")
        ],
    )
    # Résumé lines without "I": "- Led the switch to ...", "**Automation:** replaced ...".
    # Kept only for past forms (see _is_own): a colon is followed by many other words.
    verb = {"IS_ALPHA": True, "LEMMA": {"NOT_IN": list(not_work)}}
    stars = {"ORTH": "*", "OP": "*"}
    bullet = {"ORTH": {"IN": ["-", "*", "•", "–"]}}
    matcher.add(
        "RESUME",
        [
            [{"ORTH": ":"}, stars, verb],
            [{"ORTH": ":*"}, stars, verb],
            [{"IS_SPACE": True}, bullet, stars, verb],
        ],
    )
    matcher.add(
        "EMPLOYER",
        [[{"LOWER": "at"}, _NAME_PART, {"LOWER": ",", "OP": "?"}, _I_OR_WE]],
    )


def _word_parts(words: Sequence[str]) -> list[str]:
    """The words as the tokenizer splits them ("long-standing" is three tokens), with the
    glue of a list of them: "my long-standing and varied experience"."""
    parts = {part for word in words for part in word.split("-") if part}
    return sorted({*parts, "-", "and", ","})


def _add_roles(matcher: Matcher, organisations: Sequence[str]) -> None:
    """Short token shapes that name the team's work: "your queue", "this rota", "that backlog"
    (THAT counts after a preposition: "with that backlog"; see ``_after_preposition``), and
    the formal "the firm's expansion", "the trust's waiting lists".

    First tokens are single words, not ``IN`` sets: a set is a Python call at every token.
    """
    not_time = {"IS_ALPHA": True, "LOWER": {"NOT_IN": _TIMES}}
    matcher.add("ROLE", [[{"LOWER": "your"}, {"IS_ALPHA": True, "LOWER": {"NOT_IN": _COURTESIES}}]])
    matcher.add("ROLE", [[{"LOWER": word}, not_time] for word in ("this", "these", "those")])
    matcher.add("THAT", [[{"LOWER": "that"}, not_time]])
    owner = [{"LEMMA": {"IN": list(organisations)}}, {"LOWER": {"IN": ["'s", "’s", "'"]}}]
    matcher.add("ROLE", [[{"LOWER": "the"}, *owner]])


def _word_matcher(nlp: Language, words: Sequence[str], attr: str) -> PhraseMatcher:
    """A PhraseMatcher for single words whose ``attr`` value is the word itself (a lemma
    pattern is not lemmatized again), far cheaper than a Matcher's ``IN`` set."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    patterns = []
    for word in words:
        doc = Doc(nlp.vocab, words=[word])
        doc[0].lemma_ = word
        patterns.append(doc)
    matcher.add("WORD", patterns)
    return matcher


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
    text = note.doc.text
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
