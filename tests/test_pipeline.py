"""The pipeline: offline, spaCy's CLI left unimported, lemmas equal to spaCy's lookup mode."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from notelint.errors import NotelintError
from notelint.pipeline import load_pipeline

if TYPE_CHECKING:
    from spacy.tokens import Doc

TEXT = (
    "Hi Dana,\n\nI was running the audits when you mentioned the cookies and the geese. "
    "We'd discussed better-known processes; she flew there.\n\nBest,\nLee"
)


def test_spacy_cli_is_not_imported_but_still_usable() -> None:
    code = (
        "import sys\n"
        "from notelint.spacy_import import import_spacy\n"
        "spacy = import_spacy()\n"
        "assert 'requests' not in sys.modules and 'typer' not in sys.modules\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.download)\n"
        "assert 'typer' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_lemmas_match_spacys_lookup_lemmatizer_on_lower_case() -> None:
    import spacy

    reference = spacy.blank("en")
    reference.add_pipe("lemmatizer", config={"mode": "lookup"})
    reference.initialize()
    text = TEXT.lower()
    ours = [t.lemma_ for t in load_pipeline()(text)]
    assert ours == [t.lemma_ for t in reference(text)]
    assert "run" in ours and "goose" in ours


def test_capitalised_words_fall_back_to_the_lower_case_lemma() -> None:
    doc = load_pipeline()("Apologies. Thanks! Cookies. You said so, Dana")
    lemmas = [t.lemma_ for t in doc]
    assert lemmas[0] == "apology" and lemmas[2] == "thank" and lemmas[4] == "cooky"
    assert lemmas[6] == "you" and lemmas[-1] == "dana" and doc[-1].text == "Dana"


def test_paragraphs_and_greeting_start_sentences() -> None:
    sentences = [s.text.strip() for s in load_pipeline()(TEXT).sents if s.text.strip()]
    assert sentences[0] == "Hi Dana,"
    assert sentences[1].startswith("I was running")
    assert "Best," in sentences


def test_unknown_model_is_a_user_error() -> None:
    with pytest.raises(NotelintError, match="not installed"):
        load_pipeline("en_core_web_nonexistent")


#: Every token attribute a check or a matcher reads (and a few more).
_ATTRS = [
    "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "IDX", "SPACY", "LEMMA",
    "SENT_START", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE",
    "IS_PUNCT", "IS_SPACE", "IS_STOP", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL", "IS_BRACKET",
    "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY", "LANG",
]  # fmt: skip


def test_the_blank_pipeline_makes_the_docs_spacys_language_makes() -> None:
    """``Blank`` builds the parts of ``spacy.blank("en")`` plus our components without
    spaCy's config system; over every fixture note, each token must read the same."""
    import spacy
    from fixture_runner import fixture_notes
    from spacy.language import Language

    from notelint import lookup_lemmas, paragraphs
    from notelint.pipeline import Blank

    paragraphs.register()
    if lookup_lemmas.NAME not in Language.factories:
        Language.component(lookup_lemmas.NAME, func=lookup_lemmas.set_lemmas)
    reference = spacy.blank("en")
    reference.add_pipe(paragraphs.NAME)
    reference.add_pipe("sentencizer")
    reference.add_pipe(lookup_lemmas.NAME)
    ours = load_pipeline()
    assert isinstance(ours, Blank)
    assert ours.pipe_names == [paragraphs.NAME, "sentencizer", lookup_lemmas.NAME]
    for path in fixture_notes():
        text = path.read_text("utf-8")
        expected, got = reference(text), ours(text)
        assert got.text == text
        assert (got.to_array(_ATTRS) == expected.to_array(_ATTRS)).all(), path


def _paragraph_starts(doc: Doc) -> list[int]:
    """The paragraph rule read token by token, as the component's docstring states it."""
    starts, line_length, previous = [], 0, None
    for token in doc:
        if token.is_space and "\n" in token.text:
            blank_line = token.text.count("\n") >= 2
            greeting = previous in {",", ":"} and line_length <= 6
            if token.i + 1 < len(doc) and (blank_line or greeting):
                starts.append(token.i + 1)
            line_length = 0
        elif not token.is_space:
            line_length += 1
            previous = token.text
    return starts


def test_paragraph_marks_and_lemmas_follow_their_rules_token_by_token() -> None:
    """The two components read the Doc as id arrays; over every fixture note they must do
    what the rule read token by token does."""
    from fixture_runner import fixture_notes

    from notelint import lookup_lemmas, paragraphs

    nlp = load_pipeline()
    texts = [p.read_text("utf-8") for p in fixture_notes()]
    for text in [*texts, "", "\n\n", "Hi Dana,\nthanks", "Dear team:\n\nBest"]:
        doc = paragraphs.mark_paragraphs(nlp.make_doc(text))
        marked = [t.i for t in doc if t.i and t.is_sent_start]
        assert marked == _paragraph_starts(doc), text[:40]
        lookup_lemmas.set_lemmas(doc)
        assert [t.lemma_ for t in doc] == [lookup_lemmas.lemma_of(t.text) for t in doc]
