"""The one spaCy pipeline of the process, built on first use.

By default a blank English pipeline with a rule-based sentencizer and the lookup lemmatizer from
spacy-lookups-data: it needs no download and no network. ``--model NAME`` loads an installed
trained pipeline instead (its tagger and parser give better lemmas and sentences, its NER names).
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
    import spacy

    from notelint.paragraphs import NAME, register

    register()
    if model is None:
        nlp = spacy.blank("en")
        nlp.add_pipe(NAME)
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
        return nlp
    try:
        nlp = spacy.load(model, exclude=["textcat", "textcat_multilabel"])
    except OSError:
        raise NotelintError(
            f"spaCy model {model!r} is not installed; install it with pip "
            "(for example the en_core_web_sm package) or drop --model"
        ) from None
    nlp.add_pipe(NAME, first=True)
    if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
        nlp.add_pipe("sentencizer")
    return nlp
