"""The one spaCy pipeline of the process, built on first use.

By default a blank English pipeline with a rule-based sentencizer and lemmas from the lookup
table of spacy-lookups-data (see lookup_lemmas.py): it needs no download and no network.
``--model NAME`` loads an installed trained pipeline instead (its tagger and parser give
better lemmas and sentences, its NER names).
spaCy is imported here and nowhere at import time, so ``notelint --help`` stays fast.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from notelint.errors import NotelintError

if TYPE_CHECKING:
    from spacy.language import Language


@cache
def load_pipeline(model: str | None = None) -> Language:
    """Return the process's Language for ``model`` (None: the blank offline pipeline)."""
    from notelint import lookup_lemmas, paragraphs
    from notelint.spacy_import import import_spacy

    spacy = import_spacy()
    paragraphs.register()
    if model is None:
        lookup_lemmas.register()
        nlp = spacy.blank("en")
        nlp.add_pipe(paragraphs.NAME)
        nlp.add_pipe("sentencizer")
        nlp.add_pipe(lookup_lemmas.NAME)
        return nlp
    try:
        nlp = spacy.load(model, exclude=["textcat", "textcat_multilabel"])
    except OSError:
        raise NotelintError(
            f"spaCy model {model!r} is not installed; install it with pip "
            "(for example the en_core_web_sm package) or drop --model"
        ) from None
    nlp.add_pipe(paragraphs.NAME, first=True)
    if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
        nlp.add_pipe("sentencizer")
    return nlp
