"""The one spaCy pipeline of the process, built on first use.

By default a blank English pipeline with a rule-based sentencizer and lemmas from the lookup
table of spacy-lookups-data (see lookup_lemmas.py): it needs no download and no network.
``--model NAME`` loads an installed trained pipeline instead (its tagger and parser give
better lemmas and sentences, its NER names).
spaCy is imported here and nowhere at import time, so ``notelint --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from notelint.errors import NotelintError

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc
    from spacy.vocab import Vocab


class Nlp(Protocol):
    """What notelint uses of a pipeline: spaCy's ``Language`` has it, and so does ``Blank``."""

    vocab: Vocab
    tokenizer: Tokenizer

    @property
    def pipe_names(self) -> list[str]: ...

    def __call__(self, text: str) -> Doc: ...

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator[Doc]: ...

    def make_doc(self, text: str) -> Doc: ...


class Blank:
    """spaCy's blank English pipeline with notelint's three components, built from its parts.

    ``spacy.blank("en")`` and ``add_pipe`` go through spaCy's configuration system: it fills
    and validates a config and first registers every language's tokenizer, about 25 ms of a
    0.55 s one-note run that builds exactly these parts: the English vocabulary and tokenizer
    (``create_vocab``, and the tokenizer as spaCy's own factory makes it, but loading its
    special cases as texts need them: see ``tokenizer.py``), the paragraph marks, the
    sentencizer with its defaults, and the lookup lemmas, run in that order as ``Language``
    runs its components. Tests hold it to the Docs the ``Language`` pipeline makes.
    """

    Defaults: Any  # the language's defaults, as on a Language

    def __init__(self) -> None:
        from spacy import util
        from spacy.lang.en import English
        from spacy.pipeline import Sentencizer
        from spacy.vocab import create_vocab

        from notelint import lookup_lemmas, paragraphs
        from notelint.tokenizer import OnDemandTokenizer

        defaults = self.Defaults = English.Defaults
        self.vocab = create_vocab("en", defaults)
        # As spaCy's tokenizer factory makes it, its special cases loaded as texts need them.
        self.tokenizer = OnDemandTokenizer(
            self.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=util.compile_prefix_regex(defaults.prefixes).search,
            suffix_search=util.compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=util.compile_infix_regex(defaults.infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )
        self.components: list[tuple[str, Callable[[Doc], Doc]]] = [
            (paragraphs.NAME, paragraphs.mark_paragraphs),
            ("sentencizer", Sentencizer()),
            (lookup_lemmas.NAME, lookup_lemmas.set_lemmas),
        ]

    @property
    def pipe_names(self) -> list[str]:
        return [name for name, _ in self.components]

    def make_doc(self, text: str) -> Doc:
        return self.tokenizer(text)

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        for _, component in self.components:
            doc = component(doc)
        return doc

    def pipe(self, texts: Iterable[str], **_: Any) -> Iterator[Doc]:
        return (self(text) for text in texts)


@cache
def load_pipeline(model: str | None = None) -> Nlp:
    """Return the process's pipeline for ``model`` (None: the blank offline pipeline)."""
    from notelint import paragraphs
    from notelint.spacy_import import import_spacy

    spacy = import_spacy()
    if model is None:
        return Blank()
    paragraphs.register()
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


def expect(nlp: Nlp, characters: int) -> None:
    """Tell the pipeline how much text it is about to parse: the blank pipeline's tokenizer
    then loads its special cases at once if looking for them text by text would cost more
    (see ``tokenizer.py``). Called before a run forks, so that its workers share them."""
    expecting = getattr(nlp.tokenizer, "expect", None)
    if expecting is not None:
        expecting(characters)
