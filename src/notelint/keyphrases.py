"""Key noun phrases from free text: the candidate's own notes from the interview (--context).

The default pipeline has no parser, so noun chunks are not available; RAKE (rapid automatic
keyword extraction) needs none: candidate phrases are runs of content words between stop words
and punctuation, scored by how often their words occur and with how many other words. It is
cheap, language-agnostic and good at exactly this: "nightly batch migration" from a paragraph
about the nightly batch migration.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_WORDS = 4


def _is_content(token: Token) -> bool:
    return token.is_alpha and not token.is_stop and len(token.text) > 2


def candidate_phrases(doc: Doc) -> list[list[str]]:
    """Runs of up to MAX_WORDS content words, lower-cased."""
    phrases: list[list[str]] = []
    run: list[str] = []
    for token in doc:
        if _is_content(token) and len(run) < MAX_WORDS:
            run.append(token.lower_)
            continue
        if run:
            phrases.append(run)
        run = [token.lower_] if _is_content(token) else []
    if run:
        phrases.append(run)
    return phrases


def extract(doc: Doc, limit: int = 12) -> list[str]:
    """The ``limit`` best-scoring phrases of a text, best first, without repeats."""
    phrases = candidate_phrases(doc)
    frequency: Counter[str] = Counter()
    degree: defaultdict[str, int] = defaultdict(int)
    for phrase in phrases:
        for word in phrase:
            frequency[word] += 1
            degree[word] += len(phrase)
    scored = {
        " ".join(p): sum(degree[w] / frequency[w] for w in p) for p in phrases if len(p) > 1
    } or {" ".join(p): float(frequency[p[0]]) for p in phrases}
    ranked = sorted(scored, key=lambda p: (-scored[p], p))
    return ranked[:limit]
