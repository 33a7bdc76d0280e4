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
  Data Engineer position at Larkspur").
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
_SLOT_LEADS = {"at", "with", "for", "of", "in"}
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
_CUE_KINDS = {"<": "before", "<>": "both", "<the": "named"}
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
        """Lower-cased words of what the front matter already names: no news in the note."""
        context = note.context
        names = [*context.to, *context.panel, context.company or "", context.role or ""]
        names.append(note.layout.recipient or "")
        return frozenset(w.lower() for name in names for w in re.findall(r"\w+", name))

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


def slot_tokens(sentence: Span) -> set[int]:
    """Indices of role and company names in stock slots: "the Data Engineer position at Acme".

    Capitalised words right before a job word, and right after it behind "at/with/in" (and a
    determiner), fill the slots of a template ("for the Store Manager position at your
    Eastgate location"); they make no sentence specific. "the team is moving to Kotlin" is
    no slot: the name does not follow the job word.
    """
    slots: set[int] = set()
    tokens = list(sentence)
    for index, token in enumerate(tokens):
        if token.lower_ not in _JOB_WORDS:
            continue
        back = index - 1
        while back >= 0 and tokens[back].is_title and index - back <= 4:
            slots.add(tokens[back].i)
            back -= 1
        ahead = index + 1
        if ahead >= len(tokens) or tokens[ahead].lower_ not in _SLOT_LEADS:
            continue
        ahead += 1
        if ahead < len(tokens) and tokens[ahead].lower_ in _SLOT_DETERMINERS:
            ahead += 1
        while ahead < len(tokens) and (tokens[ahead].is_title or tokens[ahead].is_upper):
            slots.add(tokens[ahead].i)
            ahead += 1
    return slots


class ConversationCues:
    """Finds words that point back at the conversation with something specific beside them.

    Each line of ``data/conversation_cues.txt`` says where its content is: after the cue
    ("you mentioned the Reno site"), before it ("the reorg came up"), before it behind a word
    that singles one thing out ("the heparin drip question", not "I ran weekly demos") or on
    both sides ("the rotation you described", "you described the rotation").
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
        after = _clause(cue, sentence, +1) if kind in ("after", "both") else []
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
