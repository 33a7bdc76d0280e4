"""NL011 wrong-name: the note greets a person or names a company the front matter contradicts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notelint.kit import (
    GROUP_WORDS,
    Check,
    Name,
    bare_name_line,
    company_words,
    describes_next,
    generic_addressees,
    greeted_names,
    lemma_table,
    load_data,
    person_words,
    salutation_span,
    window,
)

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span, Token

    from notelint.kit import Finding, Note


_MIN_SIMILARITY = 72  # rapidfuzz ratio: "Pria"/"Priya" is a spelling, "Nwachukwu"/"Nwosu" is not
#: Word lists and the cues that show where an organisation is named, as data.
_DATA = load_data(Path(__file__).parent / "data" / "cues.yml")
#: The word lists by name (see data/cues.yml).
_W = {name: frozenset(words) for name, words in _DATA["lists"].items()}


@dataclass(frozen=True)
class _Cue:
    """Words that show a name is an organisation, and where the name is relative to them.

    The Matcher pattern holds plain word tests only (no regex, no wildcards, which cost the
    Matcher per token); the name itself, a run of capitalised words, is read in Python.
    ``side`` is "after" (the name starts where the match ends) or "before" (it ends where the
    match starts); ``reach`` is a word the name follows within a few tokens ("bring … to X").
    """

    pattern: list[dict[str, Any]]
    side: str = "after"
    reach: tuple[frozenset[str], int] | None = None
    article: bool = False  # "the" may come before the name: "part of the Lincoln community"


_CUES = {
    label: _Cue(
        pattern=cue["pattern"],
        side=cue["side"],
        reach=(frozenset(cue["reach"]["words"]), cue["reach"]["within"])
        if "reach" in cue
        else None,
        article=cue.get("article", False),
    )
    for label, cue in _DATA["cues"].items()
}


_TARGET_CUES = {label: _CUES[label] for label, cue in _DATA["cues"].items() if not cue["own"]}
_OWN_CUES = {label: _CUES[label] for label, cue in _DATA["cues"].items() if cue["own"]}


class WrongName(Check):
    """Flags a greeted person or a named company that contradicts the front matter.

    What it does:
        With front matter `to`, `panel` or `company`, it compares the note against them. The
        salutation must greet the people in `to` (or, without `to`, people on the `panel`): a
        first name, a surname with a title ("Dr. Raman", "Watanabe-san"), a usual short form
        ("Tom" for Thomas) or a near spelling all count as the right person. And where the note
        names the company it is applying to ("join Brightwater", "the team at Brightwater",
        "Brightwater's mission", "help Brightwater grow"), that must be `company` or a short
        form of it; a name that starts like `company` and goes on differently ("Lark & Fern"
        for "Lark & Willow Books") is another company even when its words are ordinary ones.
        The writer's own employers ("At Brightwater I ran…", "my last job at X", "the checklist we
        used at X"), the sign-off, people mentioned in passing, products and places ("at Elm
        Street") are not checked, unless the company is itself such a place (for "Kestrel Point
        Airport", "the team at Westholm Airport" is a rival employer); a name ending like a street
        counts as a company where the writer says they want to work there ("I'd love to do that work
        at Marrow Lane", "join Marrow Lane"). Without front matter it never fires.

    Why is this bad?
        The advice is that a note must be written for this interviewer and this company. A
        greeting or a company name left over from another application is the surest sign of a
        template, and it is the one mistake a reader cannot overlook.

    Example:
        ---
        to: Priya Raman
        company: Larkspur Analytics
        ---
        Dear Tom,
        … I'd love to join the team at Brightwater.

    Use instead:
        Dear Priya,
        … I'd love to join the team at Larkspur.

    Options:
        extra-nicknames: more "short full" pairs of given names ("Bea Beatriz").
        extra-not-companies: capitalised words that are not employers ("Confluence").
    """

    def setup(self) -> None:
        from spacy.matcher import Matcher

        self.generic = generic_addressees(self.nlp, [])
        pairs = [
            p.lower().split()
            for p in [*self.terms("names_nicknames"), *self.options["extra-nicknames"]]
        ]
        self.nicknames = {frozenset(p) for p in pairs if len(p) == 2}
        self.not_companies = {
            t.lower()
            for t in [*self.terms("names_not_companies"), *self.options["extra-not-companies"]]
        }
        self.dictionary = _common_words()
        self.targets = Matcher(self.nlp.vocab)
        self.own = Matcher(self.nlp.vocab)
        for matcher, cues in ((self.targets, _TARGET_CUES), (self.own, _OWN_CUES)):
            for label, cue in cues.items():
                matcher.add(label, [cue.pattern])

    def check(self, note: Note) -> Iterator[Finding]:
        context = note.context
        if context.to or context.panel:
            yield from self._salutation_findings(note)
        if context.company:
            yield from self._company_findings(note)

    # -- the person greeted --------------------------------------------------------------

    def _salutation_findings(self, note: Note) -> Iterator[Finding]:
        span = salutation_span(note) or bare_name_line(note)
        if span is None:
            return
        addressees = note.context.to or note.context.panel
        known = [w for w in (person_words(p) for p in addressees) if self._is_personal(w)]
        if not known:
            return
        if any(bracket in span.text for bracket in "<>{}[]"):
            return  # a template slot, which template-placeholder (NL006) reports
        company = company_words(note)
        for name in greeted_names(span, self.generic):
            if set(name.words) <= company or any(self._same_person(name, p) for p in known):
                continue
            if name.titled and all(len(person) == 1 for person in known):
                continue  # "Dear Ms. Raman" to a first name only: cannot tell
            yield self._wrong_person(note, name, addressees)

    def _is_personal(self, words: tuple[str, ...]) -> bool:
        """A `to` such as 'Hiring Team' names no person to compare with."""
        doc = self.nlp.make_doc(" ".join(words))
        covered = {t.i for m in self.generic(doc, as_spans=True) for t in m}
        return any(t.i not in covered for t in doc if t.is_alpha)

    def _same_person(self, name: Name, person: tuple[str, ...]) -> bool:
        """Every word greeted is a word of the person's name, a short form or a near spelling."""
        return all(any(self._same_word(w, p) for p in person) for w in name.words)

    def _same_word(self, written: str, known: str) -> bool:
        if written == known or frozenset((written, known)) in self.nicknames:
            return True
        if len(written) == 1:
            return known.startswith(written)  # an initial
        shorter, longer = sorted((written, known), key=len)
        if len(shorter) >= 3 and longer.startswith(shorter):
            return True  # Tom / Thomas, Alex / Alexandra
        return written[0] == known[0] and _similar(written, known, _MIN_SIMILARITY)

    def _wrong_person(self, note: Note, name: Name, addressees: tuple[str, ...]) -> Finding:
        greeted = note.source.text[name.start : name.end]
        context = note.context
        if context.to:
            on_panel = any(self._same_person(name, person_words(p)) for p in context.panel)
            where = " (a panelist)" if on_panel else ""
            message = f'greets "{greeted}"{where}, but the note is to {", ".join(context.to)}'
        else:
            message = f'greets "{greeted}", who is not on the panel ({", ".join(context.panel)})'
        first = person_words(addressees[0])[0].capitalize()
        return self.finding(
            note,
            name.start,
            name.end,
            message,
            f'Greet the person this note is for ("Dear {first},"), or correct `to`/`panel` '
            "in the front matter if they are wrong.",
        )

    # -- the company named ---------------------------------------------------------------

    def _company_findings(self, note: Note) -> Iterator[Finding]:
        company = _company_key(note.context.company or "")
        end = note.layout.signoff[0] if note.layout.signoff else len(note.source.text)
        own = [_company_key(span.text) for _, span in self._org_spans(self.own, note.doc, end)]
        mentions = [*self._org_spans(self.targets, note.doc, end), *_ner_orgs(note.doc, end)]
        seen: set[tuple[int, int]] = set()
        for label, span in mentions:
            key = (span.start_char, span.end_char)
            if key in seen or not self._is_other_company(note, label, span, [company, *own]):
                continue
            seen.add(key)
            yield self.finding(
                note,
                span.start_char,
                span.end_char,
                f'names "{span.text}", but the note is for {note.context.company}',
                f'Write "{note.context.company}" (or its short name) instead of "{span.text}"; '
                "a company left over from another application tells the reader the note is a "
                "copy.",
            )

    def _org_spans(self, matcher: Matcher, doc: Doc, end: int) -> list[tuple[str, Span]]:
        """(label, organisation) for every cue before ``end`` (the sign-off) that has one."""
        spans = []
        for match_id, start, stop in matcher(doc):
            label = self.nlp.vocab.strings[match_id]
            span = _locate(_CUES[label], doc, start, stop)
            if span is not None and span.end_char <= end and _fits(label, span):
                spans.append((label, span))
        return spans

    def _is_other_company(
        self, note: Note, label: str, span: Span, allowed: list[tuple[str, ...]]
    ) -> bool:
        """Whether a mention names a company other than `company` and the writer's employers."""
        words = _company_key(span.text)
        if not words or " ".join(words) in self.not_companies or set(words) <= self.not_companies:
            return False
        if any(self._matches(words, known) for known in allowed if known):
            return False
        context = note.context
        company = _company_key(context.company or "")
        related = " ".join([context.role or "", *context.topics, *context.to, *context.panel])
        # All of its words are a team, a topic or a person, not a company; one shared word does
        # not explain away the rest ("the team at Meridian Care" for a "Care Coordinator" role).
        if set(words) <= set(_company_key(related)):
            return False
        if len(words) > 1 and words[-1] in _W["place_heads"] and _wants_to_work_there(label, span):
            return True  # "join Harbour Lane": one joins a firm, not a place or a tool
        if (
            all(w in self.dictionary for w in words)
            and (label in _W["tool_prone"] or _before_group(span))
            and not _misnamed(words, company)
        ):
            return False  # "join Slack", "the Platform team": ordinary words, not a name
        if words[-1] in _W["place_heads"] and not _same_kind(words, context.company or ""):
            return False  # "at Elm Street", "the Leeds office": a place
        if label == "post-at" and _past_verb_follows(span):
            return False  # "the team at AWS helped us": a past dealing, not this application
        return not (label in _W["noun_follows"] and _is_modifier(span))

    def _matches(self, written: tuple[str, ...], company: tuple[str, ...]) -> bool:
        """A short form ('Larkspur'), a longer form, an acronym or a shared distinctive word.

        A shared word only counts when the name starts with a word of the company: "Seaview
        Dental" is another practice than "Harbour Dental Studio", though "dental" is not in
        the dictionary, where "Larkspur Data" is a way of writing "Larkspur Analytics".
        """
        if set(written) <= set(company) or set(company) <= set(written):
            return True
        if len(company) > 1 and "".join(w[0] for w in company) in written:
            return True
        if not any(written[0] == c or _similar(written[0], c, 85) for c in company):
            return False
        if _same_frame_other_core(written, company):
            return False  # "Harbor View Logistics" is another firm than "Harbor Point Logistics"
        return any(_similar(w, c, 85) for w in written for c in company if c not in self.dictionary)


def _misnamed(words: tuple[str, ...], company: tuple[str, ...]) -> bool:
    """The company's name begun and then gone astray ("Lark & Fern" for "Lark & Willow
    Books"): ordinary words or not, a name built on the company's own first word names a
    company, and not this one (``_matches`` has ruled out the short and long forms)."""
    return len(words) > 1 and bool(company) and words[0] == company[0]


def _same_frame_other_core(written: tuple[str, ...], company: tuple[str, ...]) -> bool:
    """Same first and last word, a different word between ("Harbor View Logistics" for
    "Harbor Point Logistics"): names built alike are told apart by the word that differs."""
    return (
        len(written) == len(company) >= 3
        and written[0] == company[0]
        and written[-1] == company[-1]
        and written != company
    )


def _same_kind(words: tuple[str, ...], company: str) -> bool:
    """'Westholm Airport' for 'Kestrel Point Airport': where the employer's own name ends in
    a place word, another name ending in the same word is a rival of its kind, not one of its
    sites."""
    key = _company_key(company)
    return len(words) > 1 and bool(key) and words[-1] == key[-1] in _W["place_heads"]


def _similar(first: str, second: str, threshold: float) -> bool:
    """A near spelling of a word of four letters or more ('Pria' / 'Priya')."""
    from rapidfuzz import fuzz

    return min(len(first), len(second)) >= 4 and fuzz.ratio(first, second) >= threshold


def _company_key(name: str) -> tuple[str, ...]:
    """The distinctive lower-case words of a name, in order ('Brightwater's' -> brightwater)."""
    words = (
        raw.lower().removesuffix("'s").strip(".,;:!?()'\"")
        for raw in name.replace("’", "'").split()
    )
    return tuple(dict.fromkeys(w for w in words if w and w not in _W["company_endings"]))


def _is_cap(token: Token) -> bool:
    """A capitalised word that can be part of an organisation's name."""
    return token.text[:1].isupper() and not token.is_punct and token.lower_ not in _W["not_names"]


def _name_from(doc: Doc, start: int) -> Span | None:
    """The run of capitalised words (with an inner '&') that starts at ``start``."""
    end = start
    while end < len(doc) and (
        _is_cap(doc[end])
        or (doc[end].text == "&" and end > start and end + 1 < len(doc) and _is_cap(doc[end + 1]))
    ):
        end += 1
    return doc[start:end] if end > start else None


def _name_until(doc: Doc, end: int) -> Span | None:
    """The run of capitalised words that ends just before ``end``, without a sentence opener."""
    start = end
    while start > 0 and _is_cap(doc[start - 1]):
        start -= 1
    if end - start > 1 and doc[start].is_sent_start and doc[start].lower_ in _common_words():
        start += 1  # "Clearly Brightwater's mission": the opener is not part of the name
    return doc[start:end] if end > start else None


def _locate(cue: _Cue, doc: Doc, start: int, stop: int) -> Span | None:
    """The organisation a cue points at, if a capitalised name stands there."""
    if cue.side == "before":
        return _name_until(doc, start)
    index: int | None = stop
    if cue.reach is not None:
        words, limit = cue.reach
        index = next(
            (k + 1 for k in range(stop, min(stop + limit, len(doc))) if doc[k].lower_ in words),
            None,
        )
    if index is None or index >= len(doc):
        return None
    if cue.article and doc[index].lower_ == "the":
        index += 1
    return _name_from(doc, index) if index < len(doc) else None


def _fits(label: str, span: Span) -> bool:
    """The conditions some cues put on the words around the name."""
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else "."
    if label == "join":
        return after not in _W["person_after_join"] and not _starts_list_of_names(span)
    if label in {"join-team", "greeting"}:
        return after in GROUP_WORDS
    if label == "help-grow":
        return after in _W["growth_verbs"]
    if label == "would-at":
        return after in _W["clause_ends"] and _writer_would(span)
    if label == "at-i":
        rest = [t.lower_ for t in doc[span.end : span.end + 3] if t.text != ","]
        return len(rest) >= 2 and rest[0] in {"i", "we"} and rest[1] not in _W["future"]
    return True


def _wants_to_work_there(label: str, span: Span) -> bool:
    """'join Marrow Lane', 'I'd love to work at Marrow Lane', 'the role at Marrow Lane': a
    wish to work there, which makes a name ending in 'Lane' or 'Square' a firm, not a street."""
    doc = span.doc
    if _named_as_place(span):
        return False
    if label == "would-at":
        words = {t.lower_ for t in window(span, 14)}
        return bool(words & _W["wishes"] and words & _W["work_words"])
    if label == "post-at":
        return span.start >= 2 and doc[span.start - 2].lower_ in _W["applied_posts"]
    return label in _W["want_cues"]


def _named_as_place(span: Span) -> bool:
    """The same name elsewhere in the note before a place noun: 'the Elm Street store'."""
    doc = span.doc
    size = len(span)
    words = [t.lower_ for t in span]
    return any(
        [t.lower_ for t in doc[i : i + size]] == words and doc[i + size].lower_ in _W["place_heads"]
        for i in range(len(doc) - size)
    )


def _writer_would(span: Span) -> bool:
    """'I'd like to try the same at X': the writer says what they would do, in this sentence."""
    doc = span.doc
    start = max(span.sent.start, span.start - 14)
    words = [t.lower_ for t in doc[start : span.start]]
    return any(w in {"i", "we"} and nxt in _W["modals"] for w, nxt in pairwise(words))


@cache
def _common_words() -> frozenset[str]:
    """English words the lemma table knows: ordinary words, unlike most company names."""
    table = lemma_table()
    return frozenset({*table, *table.values()})


def _is_modifier(span: Span) -> bool:
    """'Shopify migration', 'Lisbon warehouse': the name describes the next noun."""
    return describes_next(span, but=GROUP_WORDS | {"community"} | _W["adverbs"])


def _starts_list_of_names(span: Span) -> bool:
    """'join Dana and Marcus on the forecast': people, where 'join Brightwater and help' is not."""
    doc = span.doc
    after = span.end
    return after + 1 < len(doc) and doc[after].lower_ == "and" and doc[after + 1].is_title


def _past_verb_follows(span: Span) -> bool:
    """The name is followed by a verb in the past tense ('helped', 'ran')."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    past = nxt.lower_.endswith("ed") or nxt.lower_ in _W["held"]
    return nxt.is_lower and nxt.lemma_ != nxt.lower_ and past


def _before_group(span: Span) -> bool:
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in GROUP_WORDS


def _ner_orgs(doc: Doc, end: int) -> list[tuple[str, Span]]:
    """With a trained pipeline, ORG entities in sentences about joining are candidates too."""
    if not doc.has_annotation("ENT_IOB"):
        return []
    cues = {"join", "joining", "role", "position", "opportunity", "team", "work"}
    return [
        ("ner", ent)
        for ent in doc.ents
        if ent.label_ == "ORG" and ent.end_char <= end and cues & {t.lower_ for t in ent.sent}
    ]
