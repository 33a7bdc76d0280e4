"""Lemmas from spacy-lookups-data's English lookup table, loaded as a plain dict.

spaCy's own ``lemmatizer`` in lookup mode looks a token up exactly as written
(``table.get(text, text)``), so a capitalised word at the start of a sentence keeps its form
("Apologies", "Thanks", "The") and lemma patterns miss it. This component falls back to the
lower-cased form when the exact form is not in the table, as spaCy's rule-based lemmatizer
lower-cases lemmas. It also loads faster: building
spaCy's hashed ``Table`` from the 41,000-entry list takes ~0.15 s of every start-up, and
``json.loads`` of the same file ~0.03 s; notelint runs on every commit.
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
_CACHE_KEY = "notelint_lemma_ids"


@cache
def lemma_table() -> dict[str, str]:
    """The English lemma lookup table shipped by spacy-lookups-data, kept as marshal once read
    (``datafiles``): 8 ms to load against 25 ms to unpack and parse the JSON."""
    import sys

    from notelint.datafiles import load_kept

    path = _table_path()
    kept = Path(__file__).parent / "__pycache__" / f"lemma_lookup.{sys.implementation.cache_tag}"
    return load_kept(path, _read_table, kept.with_name(kept.name + ".marshal"))


def _table_path() -> Path:
    """Where spacy-lookups-data keeps the table (``data/`` of its package, packed or not),
    found without importing the package, which lists every language's files (13 ms)."""
    from importlib.util import find_spec

    spec = find_spec("spacy_lookups_data")
    folders = (spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        for name in ("en_lemma_lookup.json.gz", "en_lemma_lookup.json"):
            if (Path(folder) / "data" / name).exists():
                return Path(folder) / "data" / name
    import spacy_lookups_data  # a layout of its own: as the package says

    return Path(str(spacy_lookups_data.en["lemma_lookup"]))


def _read_table(path: Path) -> dict[str, str]:
    data = path.read_bytes()
    table: dict[str, str] = json.loads(gzip.decompress(data) if path.suffix == ".gz" else data)
    return table


def lemma_of(text: str) -> str:
    """The lemma this component gives a token whose text is ``text``."""
    table = lemma_table()
    lemma = table.get(text)
    lower = text.lower()
    if lemma is None and text != lower:
        # Capitalised ("Thanks", "The", "You", "Dana"): the lower-cased word's lemma, so
        # lemma patterns match whatever the case; names keep their form in ``text``.
        lemma = table.get(lower, lower)
    return lemma or text


#: Below this many tokens (a pattern phrase) a loop over the tokens costs less than the arrays.
_SHORT = 16


def set_lemmas(doc: Doc) -> Doc:
    """Set every token's lemma from the lookup table.

    A word's lemma depends on its spelling alone, so each vocabulary keeps the lemma id of
    every spelling it has met. A note's ids are read and written for the whole Doc at once
    (``to_array``/``from_array``): a Token object per word cost twice as much. A phrase of a
    word list is a few tokens, where the arrays' own cost is the larger.
    """
    strings = doc.vocab.strings
    known = doc.vocab.cfg.setdefault(_CACHE_KEY, {})

    def lemma_id(orth: int) -> int:
        lemma = known.get(orth)
        if lemma is None:
            lemma = known[orth] = strings.add(lemma_of(strings[orth]))
        return lemma

    if len(doc) < _SHORT:
        for token in doc:
            token.lemma = lemma_id(token.orth)
        return doc
    import numpy as np

    lemmas = [lemma_id(orth) for orth in doc.to_array("ORTH").tolist()]
    doc.from_array(["LEMMA"], np.array(lemmas, dtype=np.uint64))
    return doc
