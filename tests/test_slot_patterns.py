"""The placeholder-word regexes are the plain alternation of their terms, only faster."""

from __future__ import annotations

import random
import re

from notelint.matching import vocabulary
from notelint.slots import _word_pattern


def _plain(terms: list[str]) -> re.Pattern[str]:
    """The alternation as it was before the first-letter look-ahead."""
    alternatives = []
    for term in dict.fromkeys(t.strip() for t in terms if t.strip()):
        body = r"(?:[ \t]*-[ \t]*|[ \t]+)".join(re.escape(part) for part in term.split())
        alternatives.append(body if any(c.isupper() for c in term) else f"(?i:{body})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


def test_the_look_ahead_changes_no_match() -> None:
    rng = random.Random(11)
    for name in ("placeholders", "placeholders_named"):
        terms = list(vocabulary(name))
        fast, plain = _word_pattern(terms), _plain(terms)
        assert fast is not None
        pieces = [w for t in terms for w in t.split()] + ["-", ",", "\n", " ", "x", "ſ", "K"]
        texts = [
            " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 10))) for _ in range(3000)
        ]
        texts += (
            [t.upper() for t in terms] + [t.lower() for t in terms] + [t.title() for t in terms]
        )
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ], text
