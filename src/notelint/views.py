"""Windows of tokens around a span: the context a rule reads ("sent … to the office").

Checks used to slice ``doc[max(sentence.start, span.start - n) : span.start]`` by hand, each
with its own clamp; one function keeps the bounds (the sentence, or the whole Doc) right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span


def window(span: Span, before: int = 0, after: int = 0, *, within: Span | None = None) -> Span:
    """The ``before`` tokens ahead of ``span`` (or, with ``after``, the tokens after it),
    clipped to ``within`` (default: the span's sentence; pass ``span.doc[:]`` for the Doc)."""
    bound = within if within is not None else span.sent
    if after:
        return span.doc[span.end : min(bound.end, span.end + after)]
    return span.doc[max(bound.start, span.start - before) : span.start]


def describes_next(span: Span, *, but: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether the span modifies the word after it ("Shopify migration", "cookie dough"):
    that word is a lower-case content word, not one of ``but`` (adverbs, group nouns)."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.is_alpha and nxt.is_lower and not nxt.is_stop and nxt.lower_ not in but
