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

import itertools
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from notelint.matching import load_terms, matched_spans, phrase_matcher

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span, Token

    from notelint.note import Note

STRONG = 2.0
WEAK = 1.0
#: A sentence whose specific content weighs this much says something of its own.
SPECIFIC_SENTENCE = 2.0

_GROUP = re.compile(r"\(([^()]*)\)")
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


def expand(pattern: str) -> list[str]:
    """All phrases a data line stands for: "(a|b) c" -> "a c", "b c"; "(a|)" is optional."""
    parts = _GROUP.split(pattern)
    literals, groups = parts[0::2], [g.split("|") for g in parts[1::2]]
    phrases = []
    for choice in itertools.product(*groups):
        pieces = [literals[0]]
        for alternative, literal in zip(choice, literals[1:], strict=True):
            pieces += [alternative, literal]
        phrases.append(" ".join("".join(pieces).split()))
    return phrases


def phrase_variants(lines: Iterable[str]) -> list[str]:
    """Every phrase a data line's ``(a|b)`` alternatives spell out, without repeats."""
    return list(dict.fromkeys(p for line in lines for p in expand(line) if p))


class Specificity:
    """Scores how specific words are; built once per check from the shared word lists."""

    def __init__(self, extra_stock_words: Sequence[str] = ()) -> None:
        self.stock = frozenset(w.lower() for w in (*load_terms("stock_words"), *extra_stock_words))
        self.common = frozenset(load_terms("stock_common_words"))

    @staticmethod
    def given_names(note: Note) -> frozenset[str]:
        """Lower-cased words of names that are no news in the note.

        What the front matter names (recipients, company, role), the salutation's recipient,
        and whatever the note itself puts in a role or company slot anywhere, the subject
        line included ("Re: Concierge position at Hotel Marlow").
        """
        context = note.context
        names = [*context.to, *context.panel, context.company or "", context.role or ""]
        names.append(note.layout.recipient or "")
        given = {w.lower() for name in names for w in re.findall(r"\w+", name)}
        doc = note.doc
        given.update(
            doc[i].lower_ for sentence in doc.sents for i in name_slots(sentence, _NOTE_JOB_WORDS)
        )
        return frozenset(w for w in given if any(c.isalnum() for c in w))

    def is_distinctive(self, token: Token, given: frozenset[str]) -> bool:
        """A content word that is not boilerplate: "backlog", "drivers", not "team", "role"."""
        if token.is_stop or not (token.is_alpha or token.like_num) or len(token) < 2:
            return False
        lower, lemma = token.lower_, token.lemma_.lower()
        return not ({lower, lemma} & self.stock or lower in given)

    def weight(self, token: Token, sentence: Span, given: frozenset[str]) -> float:
        """How strongly one token signals specific content (0 for boilerplate)."""
        if token.is_space or token.lower_ in given:
            return 0.0
        if token.text == "-":
            return self._compound_weight(token)
        if any(c.isdigit() for c in token.text):
            return 0.0 if self._is_date_part(token) else STRONG
        if token.is_punct or token.is_stop or not token.is_alpha:
            return 0.0
        lower, lemma = token.lower_, token.lemma_.lower()
        if {lower, lemma} & self.stock or lower in _TITLES:
            return 0.0
        if self._is_proper(token, sentence):
            return STRONG
        if token.like_num or (lower not in self.common and lemma not in self.common):
            return WEAK
        return 0.0

    def score_tokens(self, tokens: Iterable[Token], sentence: Span, given: frozenset[str]) -> float:
        """The weight of the specific content among some of a sentence's tokens."""
        return sum(self.weight(t, sentence, given) for t in tokens)

    def _compound_weight(self, hyphen: Token) -> float:
        """ "on-call", "month-end": a hyphenated compound is usually a term of the trade."""
        doc = hyphen.doc
        if not 0 < hyphen.i < len(doc) - 1:
            return 0.0
        left, right = doc[hyphen.i - 1], doc[hyphen.i + 1]
        joined = left.idx + len(left) == hyphen.idx and hyphen.idx + 1 == right.idx
        if not (joined and left.is_alpha and right.is_alpha):
            return 0.0
        return 0.0 if f"{left.lower_}-{right.lower_}" in self.stock else WEAK

    @staticmethod
    def _is_date_part(token: Token) -> bool:
        """ "March 3", "at 2 pm": dates and times of the meeting say nothing about its content."""
        doc = token.doc
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        return any(n.lower_ in _NEXT_TO_DATES for n in neighbours)

    @staticmethod
    def _is_proper(token: Token, sentence: Span) -> bool:
        """A capitalised word that is not capitalised for being first: a name, a tool, a place."""
        if not (token.is_title or (token.is_upper and len(token) > 1)) or token.lower_ == "i":
            return False
        if token.i == sentence.start:
            return False
        previous = token.doc[token.i - 1]
        return not (previous.is_space or previous.text in _OPENERS or previous.is_sent_end)


def content_sentences(note: Note, with_subject: bool = False) -> list[Span]:
    """The body's sentences, plus a postscript (and the subject line, if asked for).

    A "P.S." after the sign-off is content the writer chose to add; a subject line such as
    "Re: the nightly batch migration" can name what was discussed.
    """
    spans = [note.layout.body]
    if note.layout.postscript:
        spans.append(note.layout.postscript)
    if with_subject and note.layout.subject:
        spans.insert(0, note.layout.subject)
    return [
        sentence
        for sentence in note.doc.sents
        if not sentence.text.isspace()
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
        cache[key] = name_slots(sentence, job_words) | _marketing_tokens(sentence)
    return cache[key]


def name_slots(sentence: Span, job_words: set[str] = _JOB_WORDS) -> set[int]:
    """Indices of role and company names in stock slots: "the Data Engineer position at Acme".

    Capitalised words right before a job word, and right after it behind "at/with/in" (and a
    determiner), fill the slots of a template ("for the Store Manager position at your
    Eastgate location"); so do the words of a job title before "role" or "position", in
    lower case too ("regarding the concierge position", "the warehouse associate opening at
    Northpoint"), the company after "join", "part of" or "more about" ("joining Azora Air")
    and before "'s mission" ("Marlow Hotels' commitment"). They make no sentence specific.
    "the team is moving to Kotlin" is no slot: the name does not follow the job word.
    ``job_words`` are the words whose title slot counts.
    """
    tokens = list(sentence)
    slots: set[int] = set()
    for index, token in enumerate(tokens):
        if token.lower_ in _JOB_WORDS:
            if token.lower_ in job_words:
                slots.update(_title_before(tokens, index))
            if index + 1 < len(tokens) and tokens[index + 1].lower_ in _SLOT_LEADS:
                slots.update(_name_after(tokens, index + 2))
        elif _ends_name_lead(tokens, index):
            determiner = token.lower_ in _DETERMINER_LEADS
            slots.update(_name_after(tokens, index + 1, determiner))
        elif token.text in _APOSTROPHES and _is_marketing(tokens, index + 1):
            slots.update(_name_before(tokens, index))
    return slots


def _ends_name_lead(tokens: list[Token], index: int) -> bool:
    """Whether a company-name lead ("join", "part of", "more about") ends at ``index``."""
    leads = _NAME_LEADS_BY_LAST.get(tokens[index].lower_)
    if not leads:
        return False
    for lead in leads:
        begin = index - len(lead) + 1
        if begin >= 0 and all(tokens[begin + i].lower_ == w for i, w in enumerate(lead)):
            return True
    return False


def _is_marketing(tokens: list[Token], index: int) -> bool:
    return index < len(tokens) and tokens[index].lemma_.lower() in _MARKETING_NOUNS


def _marketing_tokens(sentence: Span) -> set[int]:
    """The slogan after "your/its/Acme's mission to", up to the clause's end."""
    tokens = list(sentence)
    found: set[int] = set()
    for index in range(1, len(tokens) - 1):
        owner, lead = tokens[index - 1], tokens[index + 1]
        if not (_is_marketing(tokens, index) and lead.lower_ in _MARKETING_LEADS):
            continue
        if owner.lower_ not in _COMPANY_OWNERS and owner.text not in _APOSTROPHES:
            continue
        for token in tokens[index + 2 : index + 2 + _MARKETING_REACH]:
            if token.is_punct and token.text not in _CLAUSE_CONTINUES:
                break
            found.add(token.i)
    return found


def _title_before(tokens: list[Token], index: int) -> list[int]:
    """The job title before a job word: capitalised words, or any for a job title's slot.

    Lower-case words count before "role" or "position", and before "opening" or "job" when
    a company follows ("the line cook opening at Casa Brava"), not in "the stair opening".
    """
    word = tokens[index].lower_
    following = tokens[index + 1].lower_ if index + 1 < len(tokens) else ""
    any_case = word in _TITLE_JOB_WORDS or (
        word in _TITLE_JOB_WORDS_AT and following in _COMPANY_LEADS
    )
    reach = _TITLE_REACH if any_case else 4
    found = []
    for back in range(index - 1, max(-1, index - 1 - reach), -1):
        token = tokens[back]
        if not (token.is_title or (any_case and _title_word(tokens, back))):
            break
        found.append(token.i)
    return found


def _name_before(tokens: list[Token], index: int) -> list[int]:
    """A capitalised name ending just before ``index``: "Marlow Hotels" in "Marlow Hotels'"."""
    found = []
    for back in range(index - 1, max(-1, index - 5), -1):
        if not (tokens[back].is_title or tokens[back].is_upper) or tokens[back].is_sent_start:
            break
        found.append(tokens[back].i)
    return found


def _title_word(tokens: list[Token], index: int) -> bool:
    """A word of a lower-case job title: "sous chef", "front-of-house" (hyphens and all)."""
    token = tokens[index]
    if token.text == "-":
        return True
    hyphenated = any(0 <= i < len(tokens) and tokens[i].text == "-" for i in (index - 1, index + 1))
    return token.is_alpha and (hyphenated or not token.is_stop) and not token.is_sent_start


def _name_after(tokens: list[Token], start: int, determiner: bool = True) -> list[int]:
    """A capitalised name from ``start``, behind an optional determiner: "at your Eastgate"."""
    ahead = start
    if determiner and ahead < len(tokens) and tokens[ahead].lower_ in _SLOT_DETERMINERS:
        ahead += 1
    found = []
    while ahead < len(tokens) and (_name_word(tokens[ahead]) or _name_joint(tokens, ahead)):
        found.append(tokens[ahead].i)
        ahead += 1
    return found


def _name_word(token: Token) -> bool:
    return token.is_title or token.is_upper


def _name_joint(tokens: list[Token], index: int) -> bool:
    """An "&" inside a name: "Brandt & Lowe Hotels"."""
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return tokens[index].text == "&" and following is not None and _name_word(following)


class ConversationCues:
    """Finds words that point back at the conversation with something specific beside them.

    Each line of ``data/conversation_cues.txt`` says where its content is: after the cue
    ("you mentioned the Reno site"), before it ("the reorg came up"), before it behind a word
    that singles one thing out ("the heparin drip question", not "I ran weekly demos") or on
    both sides ("the rotation you described", "you described the rotation"), or after it in
    a clause not about the writer ("I hadn't realised the depot loads overnight", not "I
    hadn't realised how much I missed teaching").
    """

    def __init__(
        self, nlp: Language, specificity: Specificity, extra_cues: Sequence[str] = ()
    ) -> None:
        kinds: dict[str, list[str]] = {kind: [] for kind in ("after", *_CUE_KINDS.values())}
        for line in [*load_terms("conversation_cues"), *extra_cues]:
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
        return [
            cue
            for kind, matcher in self.matchers.items()
            for cue in matched_spans(matcher, sentence)
            if self._has_content(cue, kind, sentence, given)
        ]

    def _has_content(self, cue: Span, kind: str, sentence: Span, given: frozenset[str]) -> bool:
        """A rare word, a name or a number beside the cue, or two plainer content words.

        "you mentioned the budget freeze" counts, "it sounds like I would remain interested"
        does not: one everyday word is too little to be something discussed. A coaching
        template's slot right after the cue ("what you said about {a problem the team has}")
        is where that content goes, so it counts too (NL006 reports unfilled slots).
        """
        if _opens_slot(cue, sentence):
            return True
        before = _clause(cue, sentence, -1) if kind != "after" else []
        if kind == "named":
            before = _named(before)
        after = _clause(cue, sentence, +1) if kind in ("after", "both", "news") else []
        if kind == "news" and any(t.lower_ == "i" for t in after[:_OWN_CLAUSE_REACH]):
            after = []
        slots = slot_tokens(sentence)
        window = [t for t in [*before, *after] if t.i not in slots]
        weight = sum(self._content_weight(t, sentence, given) for t in window)
        return weight >= WEAK

    def _content_weight(self, token: Token, sentence: Span, given: frozenset[str]) -> float:
        weight = self.specificity.weight(token, sentence, given)
        if weight == 0 and self.specificity.is_distinctive(token, given):
            return WEAK / 2
        return weight


@cache
def conversation_cues(
    nlp: Language, extra_cues: tuple[str, ...] = (), extra_stock_words: tuple[str, ...] = ()
) -> ConversationCues:
    """The cue matcher for a configuration, built once and shared by NL001 and NL002.

    Its ~1,800 lemma patterns (with capitalised and plural forms) take ~0.1 s to build, a
    cost a one-note run should pay once, not once per check.
    """
    return ConversationCues(nlp, Specificity(extra_stock_words), extra_cues)


def _opens_slot(cue: Span, sentence: Span) -> bool:
    """A template slot ("{", "[" or "<") opens within a word or two after the cue."""
    following = cue.doc[cue.end : min(sentence.end, cue.end + _SLOT_REACH)]
    return any(t.text in _SLOT_OPENERS for t in following)


def _named(before: list[Token]) -> list[Token]:
    """The words before a cue if a determiner among them singles it out, else none.

    ``before`` runs backwards from the cue. "the heparin drip question", "I rushed the pricing
    exercise" and "Dr. Osei's question" name something of the interview; "ran fortnightly
    demos for finance" and "a few technical questions" are the writer's own or anyone's.
    """
    if any(t.lower_ in _NAMING or t.lower_ in _POSSESSIVE for t in before):
        return before
    return []


def _clause(cue: Span, sentence: Span, direction: int) -> list[Token]:
    """The words beside a cue, in one direction, up to the clause's end or the window's size."""
    doc = cue.doc
    if direction > 0:
        indices = range(cue.end, min(sentence.end, cue.end + _CUE_WINDOW_AFTER))
    else:
        indices = range(cue.start - 1, max(sentence.start, cue.start - _CUE_WINDOW_BEFORE) - 1, -1)
    words = []
    for index in indices:
        token = doc[index]
        if token.is_punct and token.text not in _CLAUSE_CONTINUES:
            break
        words.append(token)
    return words
