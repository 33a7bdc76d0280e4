"""What NL001 and NL002 share: how specific a stretch of a note is, and references to the talk.

Both checks encode one piece of advice from two sides (DOMAIN.md: "a note only helps when it is
specific: it builds on the conversation"). NL001 asks whether a note says anything specific at
all, NL002 whether it says something about what was discussed. The default pipeline has no
tagger and no NER, so the signals are cheap and offline:

- numbers and words with digits ("from 9 to 4 days", "Q3") and capitalised words inside a
  sentence (tools, places, products) are strong signs of specific content;
- a content word that is neither note boilerplate (``data/stock_words.txt``) nor among the
  ~3,000 commonest English words (``data/stock_common_words.txt``, taken once from the word
  probabilities of spacy-lookups-data, whose full table takes ~5 s to load) is a weaker sign,
  and so is a hyphenated compound ("on-call", "month-end");
- names the front matter already gives (company, role, recipients) are not specific: any note
  to that company can use them, and so can the role and company slots of a stock line ("the
  Data Engineer position at Larkspur", "the concierge role", "joining Azora Air"). A name the
  note puts in such a slot once is given everywhere in it: a note without front matter
  names its company and role in the subject or the opening line, and saying them again
  later ("I'd love to join Larkspur") adds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from notelint.matching import (
    RunWords,
    expand,
    matched_spans,
    phrase_matcher,
    run_words,
    vocabulary,
)
from notelint.note import doc_sentences, doc_text
from notelint.slots import slot_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from notelint.note import Note
    from notelint.pipeline import Nlp

STRONG = 2.0
WEAK = 1.0
#: A sentence whose specific content weighs this much says something of its own.
SPECIFIC_SENTENCE = 2.0

_JOB_WORDS = {
    "position", "role", "job", "opening", "team", "department", "opportunity", "internship",
    "program", "programme", "company", "organization", "organisation",
}  # fmt: skip
#: Job words whose slot before them is the job title, capitalised or not: "the concierge role",
#: "a front-of-house position". Not "job" ("the nightly export job"), "opening" ("the stair
#: opening") or "team" ("the data team").
_TITLE_JOB_WORDS = {"position", "role", "vacancy", "internship", "apprenticeship"}
#: Job words whose slot names the role or company for the whole note. A team's, a programme's
#: or a job site's name ("the Maple Avenue job") may be what the talk was about.
_NOTE_JOB_WORDS = _JOB_WORDS - {"team", "department", "program", "programme", "job"}
_TITLE_REACH = 5
_TITLE_JOB_WORDS_AT = {"opening", "job"}
_COMPANY_LEADS = {"at", "with"}
_SLOT_LEADS = {"at", "with", "for", "of", "in"}
#: Words whose object is the company: "joining Azora Air", "part of Northpoint", "learning more
#: about Brightwater Health". Not "joined": "I joined Brightwell in 2019" is the writer's own
#: past. Only "join" may have a determiner between: "join the Marlow team".
_NAME_LEADS = {("join",), ("joining",), ("part", "of"), ("more", "about")}
_NAME_LEADS_BY_LAST = {
    last: [lead for lead in _NAME_LEADS if lead[-1] == last]
    for last in {lead[-1] for lead in _NAME_LEADS}
}
_DETERMINER_LEADS = {"join", "joining"}
#: The company's slogans: "your mission to ...", "Azora's commitment to ...".
_MARKETING_NOUNS = {
    "mission", "commitment", "dedication", "vision", "values", "value", "ethos", "reputation",
    "passion",
}  # fmt: skip
_MARKETING_LEADS = {"to", "for", "of"}
_SLOTS_KEY = "notelint_slots"
_TEMPLATE_KEY = "notelint_template_slots"
_WORDS_KEY = "notelint_specificity_words"
_GIVEN_KEY = "notelint_given_slots"
_CUES_KEY = "notelint_cues"
_LEMMA_STRINGS_KEY = "notelint_lemma_strings"
_MARKETING_REACH = 8
_COMPANY_OWNERS = {"your", "its", "their", "the", "company's"}
_APOSTROPHES = {"'s", "’s", "'", "’"}
_SLOT_DETERMINERS = {"the", "your", "our", "this"}
_OPENERS = {'"', "'", "“", "‘", "(", ":", "-", "—", "–", "*", "•", ">"}
_NEXT_TO_DATES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "am", "pm", "a.m.", "p.m.", "o'clock", "st", "nd", "rd", "th",
}  # fmt: skip
_TITLES = {"mr", "mrs", "ms", "dr", "prof", "mx"}
_CUE_WINDOW_AFTER = 10
_CUE_WINDOW_BEFORE = 6
#: Punctuation inside a clause: "on-call", "the team's", "your last question: I'd start ..."
_CLAUSE_CONTINUES = {"-", "'", "'s", ":", "—", "–"}
_SLOT_OPENERS = {"{", "[", "<"}
_SLOT_REACH = 3
_CUE_KINDS = {"<": "before", "<>": "both", "<the": "named", ">news": "news"}
#: "I hadn't realised how much I missed teaching": a realisation whose clause opens with the
#: writer is about the writer, not about something learnt in the talk.
_OWN_CLAUSE_REACH = 3
#: Words that single out one thing of the interview: "the Kafka demo", "your staffing question".
_NAMING = {"the", "your", "their", "his", "her", "our", "that", "this", "these", "those"}
_POSSESSIVE = {"'s", "’s"}


def phrase_variants(lines: Iterable[str]) -> list[str]:
    """Every phrase a data line's ``(a|b)`` alternatives spell out, without repeats."""
    return list(dict.fromkeys(p for line in lines for p in expand(line) if p))


class Words:
    """A Doc's token attributes as plain lists, indexed by token position, and its sentences.

    Both checks read a handful of attributes of every token again and again (per sentence,
    per cue, per job word). A spaCy Token is a new Python object at every ``doc[i]`` and each
    of its string attributes a look-up, so the attributes are read once per Doc (``words``
    keeps them in its ``user_data``) and the rules index these lists with ints.
    """

    __slots__ = (
        "alpha", "idx", "lemma", "lower", "num", "punct", "sent_start", "sentences", "size",
        "space", "stop", "text", "title", "upper",
    )  # fmt: skip

    def __init__(self, doc: Doc) -> None:
        # One array of every attribute, read in C: a Python loop over the tokens per attribute
        # cost a fifth of the checks' time.
        columns = doc.to_array(_COLUMNS).T.tolist() if len(doc) else [[] for _ in _COLUMNS]
        # The flags stay 0 and 1: read for their truth only, and making bools costs as much.
        flags = columns[:7]
        self.title, self.upper, self.stop, self.alpha, self.punct, self.space, self.num = flags
        self.sent_start = [v == 1 for v in columns[7]]
        self.idx, self.size = columns[8], columns[9]
        strings = doc.vocab.strings
        self.lower = [strings[h] for h in columns[10]]
        self.text = [strings[h] for h in columns[11]]
        # Lower-cased lemma strings by id, kept with the vocabulary: notes share most words.
        lemmas: dict[int, str] = doc.vocab.cfg.setdefault(_LEMMA_STRINGS_KEY, {})
        self.lemma = [
            lemmas[h] if h in lemmas else lemmas.setdefault(h, strings[h].lower())
            for h in columns[12]
        ]
        if self.sent_start:
            self.sent_start[0] = True
        self.sentences = doc_sentences(doc)

    def sent_end(self, index: int) -> bool:
        """``Token.is_sent_end``: the last token, or the next one starts a sentence."""
        return index + 1 == len(self.lower) or self.sent_start[index + 1]


#: What ``Words`` reads of every token, in this order (flags first).
_COLUMNS = (
    "IS_TITLE", "IS_UPPER", "IS_STOP", "IS_ALPHA", "IS_PUNCT", "IS_SPACE", "LIKE_NUM",
    "SENT_START", "IDX", "LENGTH", "LOWER", "ORTH", "LEMMA",
)  # fmt: skip


def words(doc: Doc) -> Words:
    """The Doc's ``Words``, read once and kept in its ``user_data``."""
    found = doc.user_data.get(_WORDS_KEY)
    if found is None:
        found = doc.user_data[_WORDS_KEY] = Words(doc)
    return found


class Specificity:
    """Scores how specific words are; built once per check from the shared word lists."""

    def __init__(self, extra_stock_words: Sequence[str] = ()) -> None:
        self.stock = frozenset(w.lower() for w in (*vocabulary("stock_words"), *extra_stock_words))
        self.common = frozenset(vocabulary("stock_common_words"))

    @staticmethod
    def given_names(note: Note, *, with_slots: bool = True) -> frozenset[str]:
        """Lower-cased words of names that are no news in the note.

        What the front matter names (recipients, company, role), the salutation's recipient,
        and (``with_slots``) whatever the note itself puts in a role or company slot anywhere,
        the subject line included ("Re: Concierge position at Hotel Marlow"). Without slots
        for the writer's own record, where "at Maison Blanche" names a past employer.
        """
        context = note.context
        names = [*context.to, *context.panel, context.company or "", context.role or ""]
        names.append(note.layout.recipient or "")
        given = {w.lower() for name in names for w in re.findall(r"\w+", name)}
        if with_slots:
            given.update(_slot_names(note.doc))
        return frozenset(w for w in given if any(c.isalnum() for c in w))

    def is_distinctive(self, token: Token, given: frozenset[str]) -> bool:
        """A content word that is not boilerplate: "backlog", "drivers", not "team", "role"."""
        return self.distinctive(words(token.doc), token.i, given)

    def distinctive(self, doc_words: Words, index: int, given: frozenset[str]) -> bool:
        """``is_distinctive`` for the token at ``index`` of a Doc's ``Words``."""
        w = doc_words
        if w.stop[index] or not (w.alpha[index] or w.num[index]) or w.size[index] < 2:
            return False
        lower = w.lower[index]
        return not (lower in self.stock or w.lemma[index] in self.stock or lower in given)

    def weight(self, token: Token, sentence: Span, given: frozenset[str]) -> float:
        """How strongly one token signals specific content (0 for boilerplate)."""
        return self.word_weight(words(token.doc), token.i, sentence.start, given)

    def word_weight(
        self, doc_words: Words, index: int, sentence_start: int, given: frozenset[str]
    ) -> float:
        """``weight`` for the token at ``index`` of a Doc's ``Words``."""
        w = doc_words
        lower = w.lower[index]
        if w.space[index] or lower in given:
            return 0.0
        text = w.text[index]
        if text == "-":
            return self._compound_weight(w, index)
        # An alphabetic word has no digit: the test is only needed for the others.
        if not w.alpha[index] and any(c.isdigit() for c in text):
            return 0.0 if _is_date_part(w, index) else STRONG
        if w.punct[index] or w.stop[index] or not w.alpha[index]:
            return 0.0
        lemma = w.lemma[index]
        if lower in self.stock or lemma in self.stock or lower in _TITLES:
            return 0.0
        if _is_proper(w, index, sentence_start):
            return STRONG
        if w.num[index] or (lower not in self.common and lemma not in self.common):
            return WEAK
        return 0.0

    def score(self, sentence: Span, skip: set[int], given: frozenset[str]) -> float:
        """The weight of the specific content in a sentence, without the tokens in ``skip``."""
        w = words(sentence.doc)
        start = sentence.start
        return sum(
            self.word_weight(w, i, start, given)
            for i in range(start, sentence.end)
            if i not in skip
        )

    def _compound_weight(self, w: Words, hyphen: int) -> float:
        """ "on-call", "month-end": a hyphenated compound is usually a term of the trade."""
        if not 0 < hyphen < len(w.lower) - 1:
            return 0.0
        left, right = hyphen - 1, hyphen + 1
        joined = w.idx[left] + w.size[left] == w.idx[hyphen] and w.idx[hyphen] + 1 == w.idx[right]
        if not (joined and w.alpha[left] and w.alpha[right]):
            return 0.0
        return 0.0 if f"{w.lower[left]}-{w.lower[right]}" in self.stock else WEAK


def _is_date_part(w: Words, index: int) -> bool:
    """ "March 3", "at 2 pm": dates and times of the meeting say nothing about its content."""
    return any(
        w.lower[i] in _NEXT_TO_DATES for i in (index - 1, index + 1) if 0 <= i < len(w.lower)
    )


def _is_proper(w: Words, index: int, sentence_start: int) -> bool:
    """A capitalised word that is not capitalised for being first: a name, a tool, a place."""
    if not (w.title[index] or (w.upper[index] and w.size[index] > 1)) or w.lower[index] == "i":
        return False
    if index == sentence_start:
        return False
    previous = index - 1
    return not (w.space[previous] or w.text[previous] in _OPENERS or w.sent_end(previous))


def _slot_names(doc: Doc) -> set[str]:
    """The words the note puts in a role or company slot anywhere, kept per Doc."""
    found = doc.user_data.get(_GIVEN_KEY)
    if found is None:
        w = words(doc)
        found = doc.user_data[_GIVEN_KEY] = {
            w.lower[i]
            for sentence in w.sentences
            for i in name_slots(w, sentence.start, sentence.end, _NOTE_JOB_WORDS)
        }
    return found


def content_sentences(note: Note, with_subject: bool = False) -> list[Span]:
    """The body's sentences, plus a postscript (and the subject line, if asked for).

    A "P.S." after the sign-off is content the writer chose to add; a subject line such as
    "Re: the nightly batch migration" can name what was discussed. Without the subject these
    are the note's ``body_sentences``, which it computes once for every check. Blank
    sentences are found by slicing the Doc's text: ``Span.text`` joins token texts.
    """
    if not (with_subject and note.layout.subject):
        return note.body_sentences()
    spans = [note.layout.subject, note.layout.body]
    if note.layout.postscript:
        spans.append(note.layout.postscript)
    text = doc_text(note.doc)
    return [
        sentence
        for sentence in words(note.doc).sentences
        if not text[sentence.start_char : sentence.end_char].isspace()
        and any(sentence.end_char > start and sentence.start_char < end for start, end in spans)
    ]


def slot_tokens(sentence: Span, job_words: set[str] = _JOB_WORDS) -> set[int]:
    """Indices of words in the slots of a stock line: names, titles and the company's slogans.

    ``name_slots`` plus what follows the company's "mission to" or "commitment to": "its
    mission to deliver patient-centred care" is the company's own marketing line, which any
    applicant can copy from its website. Both checks ask for every sentence, often several
    times, so the answer is kept in the Doc's ``user_data``.
    """
    cache = sentence.doc.user_data.setdefault(_SLOTS_KEY, {})
    key = (sentence.start, sentence.end, job_words is _JOB_WORDS)
    if key not in cache:
        w = words(sentence.doc)
        start, end = sentence.start, sentence.end
        cache[key] = (
            name_slots(w, start, end, job_words)
            | _marketing_tokens(w, start, end)
            | {i for i in template_slots(sentence.doc) if start <= i < end}
        )
    return cache[key]


def template_slots(doc: Doc) -> set[int]:
    """Tokens inside a template slot of any shape ("[Company]", "$firstName", "ABC Corp"):
    never specific content, so a template whose specifics are all slots is generic."""
    found = doc.user_data.get(_TEMPLATE_KEY)
    if found is None:
        found = doc.user_data[_TEMPLATE_KEY] = {
            t.i
            for start, end in slot_spans(doc_text(doc))
            for t in doc.char_span(start, end, alignment_mode="expand") or ()
        }
    return found


def name_slots(w: Words, start: int, end: int, job_words: set[str] = _JOB_WORDS) -> set[int]:
    """Indices of role and company names in stock slots: "the Data Engineer position at Acme".

    Capitalised words right before a job word, and right after it behind "at/with/in" (and a
    determiner), fill the slots of a template ("for the Store Manager position at your
    Eastgate location"); so do the words of a job title before "role" or "position", in
    lower case too ("regarding the concierge position", "the warehouse associate opening at
    Northpoint"), the company after "join", "part of" or "more about" ("joining Azora Air")
    and before "'s mission" ("Marlow Hotels' commitment"). They make no sentence specific.
    "the team is moving to Kotlin" is no slot: the name does not follow the job word.
    ``job_words`` are the words whose title slot counts; ``start`` and ``end`` bound the
    sentence's tokens.
    """
    slots: set[int] = set()
    lower = w.lower
    for index in range(start, end):
        word = lower[index]
        if word in _JOB_WORDS:
            if word in job_words:
                slots.update(_title_before(w, index, start, end))
            if index + 1 < end and lower[index + 1] in _SLOT_LEADS:
                slots.update(_name_after(w, index + 2, end))
        elif word in _NAME_LEADS_BY_LAST and _ends_name_lead(lower, index, start):
            determiner = word in _DETERMINER_LEADS
            slots.update(_name_after(w, index + 1, end, determiner))
        elif w.text[index] in _APOSTROPHES and _is_marketing(w, index + 1, end):
            slots.update(_name_before(w, index, start))
    return slots


def _ends_name_lead(lower: list[str], index: int, start: int) -> bool:
    """Whether a company-name lead ("join", "part of", "more about") ends at ``index``."""
    for lead in _NAME_LEADS_BY_LAST[lower[index]]:
        begin = index - len(lead) + 1
        if begin >= start and all(lower[begin + i] == word for i, word in enumerate(lead)):
            return True
    return False


def _is_marketing(w: Words, index: int, end: int) -> bool:
    return index < end and w.lemma[index] in _MARKETING_NOUNS


def _marketing_tokens(w: Words, start: int, end: int) -> set[int]:
    """The slogan after "your/its/Acme's mission to", up to the clause's end."""
    found: set[int] = set()
    for index in range(start + 1, end - 1):
        if not (_is_marketing(w, index, end) and w.lower[index + 1] in _MARKETING_LEADS):
            continue
        owner = index - 1
        if w.lower[owner] not in _COMPANY_OWNERS and w.text[owner] not in _APOSTROPHES:
            continue
        for token in range(index + 2, min(end, index + 2 + _MARKETING_REACH)):
            if w.punct[token] and w.text[token] not in _CLAUSE_CONTINUES:
                break
            found.add(token)
    return found


def _title_before(w: Words, index: int, start: int, end: int) -> list[int]:
    """The job title before a job word: capitalised words, or any for a job title's slot.

    Lower-case words count before "role" or "position", and before "opening" or "job" when
    a company follows ("the line cook opening at Casa Brava"), not in "the stair opening".
    """
    word = w.lower[index]
    following = w.lower[index + 1] if index + 1 < end else ""
    any_case = word in _TITLE_JOB_WORDS or (
        word in _TITLE_JOB_WORDS_AT and following in _COMPANY_LEADS
    )
    reach = _TITLE_REACH if any_case else 4
    found = []
    for back in range(index - 1, max(start - 1, index - 1 - reach), -1):
        if not (w.title[back] or (any_case and _title_word(w, back, start, end))):
            break
        found.append(back)
    return found


def _name_before(w: Words, index: int, start: int) -> list[int]:
    """A capitalised name ending just before ``index``: "Marlow Hotels" in "Marlow Hotels'"."""
    found = []
    for back in range(index - 1, max(start - 1, index - 5), -1):
        if not (w.title[back] or w.upper[back]) or w.sent_start[back]:
            break
        found.append(back)
    return found


def _title_word(w: Words, index: int, start: int, end: int) -> bool:
    """A word of a lower-case job title: "sous chef", "front-of-house" (hyphens and all)."""
    if w.text[index] == "-":
        return True
    hyphenated = any(start <= i < end and w.text[i] == "-" for i in (index - 1, index + 1))
    return w.alpha[index] and (hyphenated or not w.stop[index]) and not w.sent_start[index]


def _name_after(w: Words, ahead: int, end: int, determiner: bool = True) -> list[int]:
    """A capitalised name from ``ahead``, behind an optional determiner: "at your Eastgate"."""
    if determiner and ahead < end and w.lower[ahead] in _SLOT_DETERMINERS:
        ahead += 1
    found = []
    while ahead < end and (_name_word(w, ahead) or _name_joint(w, ahead, end)):
        found.append(ahead)
        ahead += 1
    return found


def _name_word(w: Words, index: int) -> bool:
    return w.title[index] or w.upper[index]


def _name_joint(w: Words, index: int, end: int) -> bool:
    """An "&" inside a name: "Brandt & Lowe Hotels"."""
    return w.text[index] == "&" and index + 1 < end and _name_word(w, index + 1)


class ConversationCues:
    """Finds words that point back at the conversation with something specific beside them.

    Each line of ``data/conversation_cues.txt`` says where its content is: after the cue
    ("you mentioned the Reno site"), before it ("the reorg came up"), before it behind a word
    that singles one thing out ("the heparin drip question", not "I ran weekly demos") or on
    both sides ("the rotation you described", "you described the rotation"), or after it in
    a clause not about the writer ("I hadn't realised the depot loads overnight", not "I
    hadn't realised how much I missed teaching").
    """

    def __init__(self, nlp: Nlp, specificity: Specificity, extra_cues: Sequence[str] = ()) -> None:
        kinds: dict[str, list[str]] = {kind: [] for kind in ("after", *_CUE_KINDS.values())}
        for line in [*vocabulary("conversation_cues"), *extra_cues]:
            marker, _, rest = line.partition(" ")
            if marker in _CUE_KINDS:
                kinds[_CUE_KINDS[marker]].append(rest)
            else:
                kinds["after"].append(line)
        self.matchers = {
            kind: phrase_matcher(nlp, phrase_variants(lines), attr="LEMMA", plurals=False)
            for kind, lines in kinds.items()
            if lines
        }
        self.specificity = specificity

    def references(self, sentence: Span, given: frozenset[str]) -> list[Span]:
        """Cues in a sentence that come with specific content ("you mentioned the Reno site")."""
        start, end = sentence.start, sentence.end
        return [
            cue
            for kind, cue_start, cue_end, cue in self._cues(sentence.doc)
            if start <= cue_start
            and cue_end <= end
            and self._has_content(cue, kind, sentence, given)
        ]

    def _cues(self, doc: Doc) -> list[tuple[str, int, int, Span]]:
        """Every cue of the Doc by kind, then by position, with its token bounds.

        Most sentences hold no cue; looking them up in one list kept per Doc costs less than
        asking each matcher's matches for each sentence.
        """
        cache = doc.user_data.setdefault(_CUES_KEY, {})
        if id(self) not in cache:
            cache[id(self)] = [
                (kind, cue.start, cue.end, cue)
                for kind, matcher in self.matchers.items()
                for cue in matched_spans(matcher, doc)
            ]
        return cache[id(self)]

    def _has_content(self, cue: Span, kind: str, sentence: Span, given: frozenset[str]) -> bool:
        """A rare word, a name or a number beside the cue, or two plainer content words.

        "you mentioned the budget freeze" counts, "it sounds like I would remain interested"
        does not: one everyday word is too little to be something discussed. A coaching
        template's slot right after the cue ("what you said about {a problem the team has}")
        is where that content goes, so it counts too (NL006 reports unfilled slots).
        """
        w = words(sentence.doc)
        if _opens_slot(w, cue, sentence):
            return True
        before = _clause(w, cue, sentence, -1) if kind != "after" else []
        if kind == "named":
            before = _named(w, before)
        after = _clause(w, cue, sentence, +1) if kind in ("after", "both", "news") else []
        if kind == "news" and any(w.lower[i] == "i" for i in after[:_OWN_CLAUSE_REACH]):
            after = []
        slots = slot_tokens(sentence)
        start = sentence.start
        weight = sum(
            self._content_weight(w, i, start, given) for i in [*before, *after] if i not in slots
        )
        return weight >= WEAK

    def _content_weight(
        self, w: Words, index: int, sentence_start: int, given: frozenset[str]
    ) -> float:
        weight = self.specificity.word_weight(w, index, sentence_start, given)
        if weight == 0 and self.specificity.distinctive(w, index, given):
            return WEAK / 2
        return weight


def conversation_cues(
    nlp: Nlp, extra_cues: tuple[str, ...] = (), extra_stock_words: tuple[str, ...] = ()
) -> ConversationCues:
    """The cue matcher for a configuration, built once and shared by NL001 and NL002.

    Its ~1,800 lemma patterns (with capitalised and plural forms) take ~0.1 s to build, a
    cost a one-note run should pay once, not once per check. A matcher built for one run's
    notes (``matching.built_for``) is kept apart from the one for any notes.
    """
    return _conversation_cues(nlp, extra_cues, extra_stock_words, run_words())


@lru_cache(maxsize=8)  # bounded: a script may build for many runs' notes (``once``)
def _conversation_cues(
    nlp: Nlp,
    extra_cues: tuple[str, ...],
    extra_stock_words: tuple[str, ...],
    words: RunWords | None,
) -> ConversationCues:
    return ConversationCues(nlp, Specificity(extra_stock_words), extra_cues)


def _opens_slot(w: Words, cue: Span, sentence: Span) -> bool:
    """A template slot ("{", "[" or "<") opens within a word or two after the cue."""
    following = range(cue.end, min(sentence.end, cue.end + _SLOT_REACH))
    return any(w.text[i] in _SLOT_OPENERS for i in following)


def _named(w: Words, before: list[int]) -> list[int]:
    """The words before a cue if a determiner among them singles it out, else none.

    ``before`` runs backwards from the cue. "the heparin drip question", "I rushed the pricing
    exercise" and "Dr. Osei's question" name something of the interview; "ran fortnightly
    demos for finance" and "a few technical questions" are the writer's own or anyone's.
    """
    if any(w.lower[i] in _NAMING or w.lower[i] in _POSSESSIVE for i in before):
        return before
    return []


def _clause(w: Words, cue: Span, sentence: Span, direction: int) -> list[int]:
    """The words beside a cue, in one direction, up to the clause's end or the window's size."""
    if direction > 0:
        indices = range(cue.end, min(sentence.end, cue.end + _CUE_WINDOW_AFTER))
    else:
        indices = range(cue.start - 1, max(sentence.start, cue.start - _CUE_WINDOW_BEFORE) - 1, -1)
    found = []
    for index in indices:
        if w.punct[index] and w.text[index] not in _CLAUSE_CONTINUES:
            break
        found.append(index)
    return found
