"""Lemmas from spacy-lookups-data's English lookup table, loaded as a plain dict.

spaCy's own ``lemmatizer`` in lookup mode gives the same lemmas (``table.get(text, text)``),
but building its hashed ``Table`` from the 41,000-entry list takes ~0.15 s of every start-up;
``json.loads`` of the same file takes ~0.03 s. notelint runs on every commit, so the one-note
start-up is the number users feel.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAME = "notelint_lookup_lemmas"


@cache
def lemma_table() -> dict[str, str]:
    """The English lemma lookup table shipped by spacy-lookups-data."""
    import spacy_lookups_data

    path = Path(str(spacy_lookups_data.en["lemma_lookup"]))
    packed = path.with_name(path.name + ".gz")
    data = gzip.decompress(packed.read_bytes()) if packed.exists() else path.read_bytes()
    return json.loads(data)


def set_lemmas(doc: Doc) -> Doc:
    table = lemma_table()
    for token in doc:
        token.lemma_ = table.get(token.text, token.text)
    return doc


def register() -> None:
    """Register the component with spaCy (idempotent)."""
    from spacy.language import Language

    if NAME not in Language.factories:
        Language.component(NAME, func=set_lemmas)
