"""Shared tools for checks: word lists kept as data, and spaCy matchers built from them.

Word lists live in ``notelint/checks/data/*.txt`` (one phrase a line, ``#`` comments), so that
adding a stock phrase is a data change, and configuration can extend a list with ``extra-*``
options. Matchers are built once per check instance, which the engine caches per process.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc, Span


_CACHE_KEY = "notelint_matches"


@cache
def load_terms(name: str) -> tuple[str, ...]:
    """Read a word list shipped beside the checks (``data/<name>.txt``)."""
    text = resources.files("notelint.checks").joinpath("data", f"{name}.txt").read_text("utf-8")
    terms = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(t for t in terms if t)


def phrase_matcher(
    nlp: Language,
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

    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    unique = list(dict.fromkeys(t.strip() for t in terms if t.strip()))
    if attr == "LEMMA":
        forms = list(
            dict.fromkeys(f for t in unique for f in ((t, plural(t)) if plurals else (t,)))
        )
        patterns = lemmatized(nlp, forms)
    else:
        patterns = list(nlp.tokenizer.pipe(unique))
    matcher.add(label, patterns)
    return matcher


def lemmatized(nlp: Language, texts: list[str]) -> list[Doc]:
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
    from spacy.util import filter_spans

    doc = doclike.doc if hasattr(doclike, "doc") else doclike
    cache = doc.user_data.setdefault(_CACHE_KEY, {})
    key = (id(matcher), longest)
    if key not in cache:
        found = matcher(doc, as_spans=True)
        spans = sorted(filter_spans(found) if longest else found, key=lambda s: s.start)
        cache[key] = (spans, [s.start for s in spans])
    spans, starts = cache[key]
    if doclike is doc:
        return list(spans)
    first = bisect.bisect_left(starts, doclike.start)
    last = bisect.bisect_left(starts, doclike.end)
    return [s for s in spans[first:last] if s.end <= doclike.end]


def lemmas(span: Doc | Span) -> set[str]:
    """Lower-cased lemmas of a span's words, for cheap cue tests."""
    return {t.lemma_.lower() for t in span if not t.is_space and not t.is_punct}
