"""Shared tools for checks: word lists kept as data, and spaCy matchers built from them.

Word lists are data, so that adding a stock phrase is a data change and configuration can extend
a list with an ``extra-*`` option. A check's own lists live in its folder's ``data/``; the
vocabulary several checks share (greetings, titles, months, modals, stock words) in
``notelint/vocabulary/``. Every list, and every ``extra-*`` option, uses one syntax:

- one phrase a line; ``#`` starts a comment;
- ``(a|b)`` are alternatives and ``(a|)`` an optional word: ``(send|bring) (you |)a gift``;
- a line starting with ``!`` is an exception: a match that overlaps it is dropped
  ("gift" but not ``!gift for``);
- ``@attr LEMMA`` (or ``LOWER``, ``NORM``) on a line of its own says which token attribute the
  phrases are matched on, where a list states it; the check's default holds otherwise.

Matchers are built once per check instance, which the engine keeps per process.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notelint.datafiles import load_data

if TYPE_CHECKING:
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc, Span

    from notelint.pipeline import Nlp


_CACHE_KEY = "notelint_matches"
_NO_MATCHES: tuple[list[Span], list[int]] = ([], [])
_GROUPED_KEY = "notelint_grouped"
_VOCABULARY = Path(__file__).parent / "vocabulary"
_GROUP = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True)
class WordList:
    """A parsed word list: phrases, exceptions, and the attribute it asks to be matched on."""

    phrases: tuple[str, ...]
    exceptions: tuple[str, ...] = ()
    attr: str | None = None


def expand(line: str) -> list[str]:
    """Every phrase a line with ``(a|b)`` groups stands for, spaces tidied; groups may nest
    (``(joining|working (for|with))``): the innermost are spelled out first."""
    parts = _GROUP.split(line)
    if len(parts) == 1:
        return [" ".join(line.split())]
    # split() with one capture group alternates text and group bodies.
    choices = [[part] if i % 2 == 0 else part.split("|") for i, part in enumerate(parts)]
    return [p for combo in itertools.product(*choices) for p in expand("".join(combo))]


def parse_terms(lines: Iterable[str]) -> WordList:
    """Parse lines in the word-list syntax (see the module's docstring)."""
    phrases: list[str] = []
    exceptions: list[str] = []
    attr = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("@attr"):
            attr = line.split(None, 1)[1].strip().upper()
        elif line.startswith("!"):
            exceptions.extend(expand(line[1:].strip()))
        else:
            phrases.extend(expand(line))
    return WordList(tuple(dict.fromkeys(phrases)), tuple(dict.fromkeys(exceptions)), attr)


@cache
def read_word_list(path: Path) -> WordList:
    """A word list file, parsed once per process."""
    return parse_terms(path.read_text("utf-8").splitlines())


def read_terms(path: Path) -> tuple[str, ...]:
    """The phrases of a word list file (exceptions and the attribute are for rule kinds)."""
    return read_word_list(path).phrases


def vocabulary(name: str) -> tuple[str, ...]:
    """A shared word list (``notelint/vocabulary/<name>.txt``): greetings, titles, months…"""
    return read_terms(_VOCABULARY / f"{name}.txt")


def phrase_matcher(
    nlp: Nlp,
    terms: Iterable[str],
    attr: str = "LOWER",
    label: str = "TERM",
    plurals: bool = True,
) -> PhraseMatcher:
    """A PhraseMatcher over ``terms``; with ``attr="LEMMA"`` the patterns are lemmatized too.

    The lookup lemmatizer is irregular ("cookies" -> "cooky"), so with ``plurals`` the plural
    of each term is added as a pattern too (it is lemmatized to whatever the table says).
    Verb phrases do not need that, and skipping it halves their build time.
    """
    from spacy.matcher import PhraseMatcher

    unique = list(dict.fromkeys(t.strip() for t in terms if t.strip()))
    if attr == "LEMMA":
        forms = list(
            dict.fromkeys(f for t in unique for f in ((t, plural(t)) if plurals else (t,)))
        )
        patterns = lemmatized(nlp, able_to_match(nlp, forms, attr))
    else:
        patterns = list(nlp.tokenizer.pipe(able_to_match(nlp, unique, attr)))
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    matcher.add(label, patterns)
    return matcher


# -- matchers built for one run's notes ------------------------------------------------------


@dataclass(frozen=True)
class RunWords:
    """The LOWER and LEMMA ids of every token of the notes a run checks.

    A command-line run lints its notes and exits, and most phrases of the word lists cannot
    match them: a phrase matches only where each of its words is in the note. Making a pattern
    tokenizes and lemmatizes its phrase, which is most of a one-note run's check set-up; with
    the run's words known, phrases that cannot match are dropped before any of that.
    """

    lower: frozenset[int]
    lemma: frozenset[int]
    #: The values of the words of phrases, by attribute and word, worked out while building:
    #: a word spaCy splits ("I'd", "follow-up") is tokenized once, however many phrases hold it.
    _values: dict[tuple[str, str], tuple[int, ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    @classmethod
    def of(cls, docs: Iterable[Doc]) -> RunWords:
        lower: set[int] = set()
        lemma: set[int] = set()
        for doc in docs:
            if len(doc):
                ids = doc.to_array(["LOWER", "LEMMA"]).T.tolist()
                lower.update(ids[0])
                lemma.update(ids[1])
        return cls(frozenset(lower), frozenset(lemma))

    def has(
        self,
        nlp: Nlp,
        attr: str,
        phrase: str,
        exceptions: Mapping[str, Any],
        value_id: Callable[[str], int],
    ) -> bool:
        """Whether every token of ``phrase`` has its ``attr`` value (``value_id`` of its
        text) in some note.

        spaCy splits a phrase at its spaces and tokenizes each word alone, so a phrase's
        tokens are its words' tokens one after another: a word of plain ASCII letters that is
        no tokenizer exception is one token, known without tokenizing; another word is
        tokenized once for the whole run.
        """
        known = self.lower if attr == "LOWER" else self.lemma
        for word in phrase.split(" "):
            values = self._values.get((attr, word))
            if values is None:
                plain = word.isascii() and word.isalpha() and word not in exceptions
                texts = [word] if plain else [t.text for t in nlp.tokenizer(word)]
                values = self._values[attr, word] = tuple(value_id(t) for t in texts)
            if not known.issuperset(values):
                return False
        return True


_RUN_WORDS: ContextVar[RunWords | None] = ContextVar("notelint_run_words", default=None)


@contextmanager
def built_for(words: RunWords) -> Iterator[None]:
    """Matchers built inside the block hold only patterns that the notes of ``words`` can
    match; such matchers are for that run alone, never to be kept for other notes."""
    token = _RUN_WORDS.set(words)
    try:
        yield
    finally:
        _RUN_WORDS.reset(token)


def run_words() -> RunWords | None:
    """The words matchers are being built for (see ``built_for``); None: any notes."""
    return _RUN_WORDS.get()


def able_to_match(nlp: Nlp, phrases: list[str], attr: str) -> list[str]:
    """The phrases that can match the notes being built for (all of them outside
    ``built_for``): those each of whose tokens has its lower-case form (or lookup lemma) in
    some note (see ``RunWords.has``). Lemmas are predicted from the lookup table only when the
    blank pipeline sets them (a trained pipeline's tagger decides its own); phrases matched
    on another attribute are all kept.
    """
    from spacy.strings import get_string_id

    from notelint.lookup_lemmas import NAME, lemma_of

    words = _RUN_WORDS.get()
    if words is None or attr not in ("LOWER", "LEMMA") or NAME not in nlp.pipe_names:
        return phrases
    exceptions = nlp.tokenizer.rules
    value = str.lower if attr == "LOWER" else lemma_of

    def value_id(text: str) -> int:
        return get_string_id(value(text))

    return [phrase for phrase in phrases if words.has(nlp, attr, phrase, exceptions, value_id)]


def lemmatized(nlp: Nlp, texts: list[str]) -> list[Doc]:
    """Docs with lemmas, cheaply: the tokenizer and the lookup table, not the whole pipeline.

    Running ``nlp.pipe`` over thousands of short patterns costs most of a check's set-up in
    per-doc overhead. With a trained pipeline (``--model``) lemmas need its tagger, so the whole
    pipeline runs.
    """
    from notelint.lookup_lemmas import NAME, set_lemmas

    if NAME in nlp.pipe_names:
        return [set_lemmas(doc) for doc in nlp.tokenizer.pipe(texts)]
    return list(nlp.pipe(texts))


def plural(term: str) -> str:
    """A rough English plural of a phrase's last word, for matching by lemma."""
    head, _, last = term.rpartition(" ")
    if last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}".strip()


def matched_spans(
    matcher: PhraseMatcher | Matcher, doclike: Doc | Span, *, longest: bool = True
) -> list[Span]:
    """Matches as spans in order; with ``longest``, the longest where they overlap (so
    'gift card' beats 'gift'), otherwise every match.

    Checks ask sentence by sentence, often several matchers per sentence; calling a matcher
    once per sentence costs more than the matching itself. So each matcher runs once over the
    whole Doc (cached in ``doc.user_data``) and a sentence gets the matches inside it.
    """
    # Most matchers match nothing in most notes: that answer is kept without sorting anything
    # (and a Doc is told from a Span by its type's name: ``hasattr`` fails slowly on a Doc).
    doc = doclike if type(doclike).__name__ == "Doc" else doclike.doc
    cache = doc.user_data.setdefault(_CACHE_KEY, {})
    key = (id(matcher), longest)
    kept = cache.get(key)
    if kept is None:
        found = matcher(doc, as_spans=True)
        if found:
            from spacy.util import filter_spans

            spans = sorted(filter_spans(found) if longest else found, key=lambda s: s.start)
            kept = (spans, [s.start for s in spans])
        else:
            kept = _NO_MATCHES
        cache[key] = kept
    spans, starts = kept
    if not spans:
        return []
    if doclike is doc:
        return list(spans)
    first = bisect.bisect_left(starts, doclike.start)
    last = bisect.bisect_left(starts, doclike.end)
    return [s for s in spans[first:last] if s.end <= doclike.end]


def lemmas(span: Doc | Span) -> set[str]:
    """Lower-cased lemmas of a span's words, for cheap cue tests."""
    return {t.lemma_.lower() for t in span if not t.is_space and not t.is_punct}


# -- gated token matchers ---------------------------------------------------------------------

#: The token attributes the gates read, in the order of ``word_ids``.
GATE_ATTRS = ("NORM", "LEMMA")
_WORDS_KEY = "notelint_word_ids"
_SETS_KEY = "notelint_word_sets"
_GATES_KEY = "notelint_gates"


def word_ids(doc: Doc) -> list[list[int]]:
    """The Doc's NORM and LEMMA ids, token by token, read once per Doc (cached in
    ``doc.user_data``): set lookups on them cost nothing next to making Token objects."""
    words = doc.user_data.get(_WORDS_KEY)
    if words is None:
        words = doc.to_array(list(GATE_ATTRS)).T.tolist()
        doc.user_data[_WORDS_KEY] = words
    return words


class GatedMatcher:
    """A token Matcher that skips a Doc lacking a word its patterns need.

    The Matcher costs time for every token and pattern, even in the many notes where nothing
    can match; whether a note has "chance" or "again" at all is a set lookup. Only tokens a
    match cannot skip (no "OP", or "+") with NORM or LEMMA values count, so the gate never
    hides a match. Where the gate lets one pattern through, a Matcher of that pattern alone
    runs: its matches are the whole Matcher's, in the same order, at a fraction of the cost
    of trying every pattern at every token. (Gating each sentence too cost more than the
    look-ups into the one run's matches it saved.)
    """

    def __init__(self, nlp: Nlp, label: str, patterns: list[list[dict[str, Any]]]) -> None:
        from spacy.matcher import Matcher

        self.label, self.patterns = label, patterns
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add(label, patterns)
        self.needs = [_needed_words(pattern) for pattern in patterns]
        # Each pattern's rarest needed word, pooled: a Doc with none of them is settled by one
        # look-up per attribute rather than one per pattern (None: a pattern needs nothing).
        first: dict[int, set[int]] = {}
        for needs in self.needs:
            if needs:
                attr, ids = needs[0]
                first.setdefault(attr, set()).update(ids)
        pooled = [(attr, frozenset(ids)) for attr, ids in first.items()]
        self.first_words = None if not all(self.needs) else pooled
        self._alone: dict[int, Matcher] = {}

    def spans(self, doclike: Doc | Span, *, longest: bool = True) -> list[Span]:
        """The matches inside a sentence (or the whole Doc), as ``matched_spans`` gives them."""
        doc = getattr(doclike, "doc", doclike)
        chosen = doc.user_data.setdefault(_GATES_KEY, {})
        if id(self) not in chosen:
            chosen[id(self)] = self._matcher_for(doc)
        matcher = chosen[id(self)]
        return [] if matcher is None else matched_spans(matcher, doclike, longest=longest)

    def _matcher_for(self, doc: Doc) -> Matcher | None:
        """The Matcher to run on the Doc: none if no pattern has a word for each token it
        needs, that pattern's own if one has, else the whole Matcher."""
        from spacy.matcher import Matcher

        words = doc.user_data.get(_SETS_KEY)
        if words is None:
            words = doc.user_data[_SETS_KEY] = [set(ids) for ids in word_ids(doc)]
        if self.first_words is not None and all(
            words[attr].isdisjoint(ids) for attr, ids in self.first_words
        ):
            return None
        passing = []  # two are as many as all: the whole Matcher runs
        for i, needs in enumerate(self.needs):
            if all(not ids.isdisjoint(words[attr]) for attr, ids in needs):
                passing.append(i)
                if len(passing) == 2:
                    break
        if len(passing) != 1 or len(self.patterns) == 1:
            return self.matcher if passing else None
        (index,) = passing
        if index not in self._alone:
            alone = self._alone[index] = Matcher(self.matcher.vocab)
            alone.add(self.label, [self.patterns[index]])
        return self._alone[index]


def _needed_words(pattern: list[dict[str, Any]]) -> list[tuple[int, frozenset[int]]]:
    """For each token of a pattern that a match must have, the NORM or LEMMA ids it allows
    (with the attribute's place in ``GATE_ATTRS``)."""
    from spacy.strings import get_string_id

    needs = []
    for token in pattern:
        if token.get("OP") not in (None, "+"):
            continue
        for attr, name in enumerate(GATE_ATTRS):
            value = token.get(name)
            if isinstance(value, str):
                needs.append((attr, frozenset([get_string_id(value)])))
            elif isinstance(value, dict) and "IN" in value:
                needs.append((attr, frozenset(get_string_id(v) for v in value["IN"])))
    # Short sets first: they are the rare words that settle most notes at once.
    return sorted(needs, key=lambda need: len(need[1]))


# -- token patterns as data -------------------------------------------------------------------


@dataclass(frozen=True)
class PatternData:
    """A check's token shapes read from YAML: its word lists and its Matcher patterns."""

    lists: dict[str, tuple[str, ...]]
    patterns: dict[str, list[list[dict[str, Any]]]]

    def words(self, name: str) -> frozenset[str]:
        """One of the file's word lists, as a set for look-ups."""
        return frozenset(self.lists[name])


@cache
def read_patterns(path: Path) -> PatternData:
    """Token patterns kept as data, so a rule's shape is read at a glance and edited without
    code. The YAML file has three sections:

    - ``lists``: word lists by name (a list, or a ``file:NAME`` of the check's ``data/``);
    - ``tokens``: named tokens, each a spaCy token pattern or a list of them (spread in place);
    - ``patterns``: Matcher labels, each a list of patterns; a pattern is a list whose items are
      token patterns or the names of ``tokens``.

    Inside a token pattern, a string ``$name`` stands for a word list: one of ``lists``, else
    the check's ``data/name.txt``, else the shared vocabulary.
    """
    data = load_data(path) or {}
    lists: dict[str, tuple[str, ...]] = {}
    for name, value in (data.get("lists") or {}).items():
        if isinstance(value, str) and value.startswith("file:"):
            lists[name] = read_terms(path.parent / f"{value[5:]}.txt")
        else:
            lists[name] = tuple(str(v) for v in value)

    def words(name: str) -> list[str]:
        if name in lists:
            return list(lists[name])
        own = path.parent / f"{name}.txt"
        return list(read_terms(own) if own.exists() else vocabulary(name))

    def resolve(value: Any) -> Any:
        if isinstance(value, str) and value.startswith("$"):
            return words(value[1:])
        if isinstance(value, dict):
            return {k: resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return value

    tokens = {name: resolve(token) for name, token in (data.get("tokens") or {}).items()}

    def expand_pattern(pattern: list[Any]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for item in pattern:
            token = tokens[item] if isinstance(item, str) else resolve(item)
            out.extend(token if isinstance(token, list) else [token])
        return out

    patterns = {
        label: [expand_pattern(p) for p in label_patterns]
        for label, label_patterns in (data.get("patterns") or {}).items()
    }
    return PatternData(lists, patterns)


class GroupedMatcher:
    """One token Matcher for many labels, run once per Doc, its matches split into groups.

    A Matcher call walks the whole Doc and makes a Token object for each of its words, so four
    matchers cost four walks; one Matcher with each shape under its own label costs one.
    ``groups`` maps labels to group names; other labels fall in ``default``.
    """

    def __init__(
        self,
        nlp: Nlp,
        patterns: dict[str, list[list[dict[str, Any]]]],
        groups: dict[str, str],
        default: str,
    ) -> None:
        from spacy.matcher import Matcher

        self.matcher = Matcher(nlp.vocab)
        for label, label_patterns in patterns.items():
            self.matcher.add(label, label_patterns)
        self.groups, self.default = groups, default

    def all(self, group: str, doc: Doc) -> list[Span]:
        """The group's matches in the Doc, in order of their start."""
        return list(self._split(doc).get(group, ((), ()))[0])

    def within(self, group: str, sentence: Span, *, longest: bool = False) -> list[Span]:
        """The group's matches inside a sentence (with ``longest``, the longest of overlaps)."""
        spans, starts = self._split(sentence.doc).get(f"{group}+" if longest else group, ([], []))
        first = bisect.bisect_left(starts, sentence.start)
        last = bisect.bisect_left(starts, sentence.end)
        return [s for s in spans[first:last] if s.end <= sentence.end]

    def _split(self, doc: Doc) -> dict[str, tuple[list[Span], list[int]]]:
        """The matches of each group (and, as "group+", its longest), kept per Doc."""
        from spacy.util import filter_spans

        cache = doc.user_data.setdefault(_GROUPED_KEY, {})
        if id(self) not in cache:
            split: dict[str, list[Span]] = {}
            for span in sorted(self.matcher(doc, as_spans=True), key=lambda s: s.start):
                split.setdefault(self.groups.get(span.label_, self.default), []).append(span)
            for group, spans in list(split.items()):
                split[f"{group}+"] = sorted(filter_spans(spans), key=lambda s: s.start)
            cache[id(self)] = {g: (spans, [s.start for s in spans]) for g, spans in split.items()}
        return cache[id(self)]


def with_capitals(terms: Iterable[str]) -> list[str]:
    """Each phrase also with a capital first letter: the lookup lemmatizer keeps "You" as is."""
    return list(dict.fromkeys(v for t in terms for v in (t, t[:1].upper() + t[1:])))


def word_matcher(nlp: Nlp, words: Sequence[str], attr: str) -> PhraseMatcher:
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
