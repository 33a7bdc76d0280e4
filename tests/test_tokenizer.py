"""The tokenizer that loads special cases as texts spell them tokenizes as spaCy's own does."""

from __future__ import annotations

import random
from typing import Any

import pytest
from fixture_runner import fixture_notes

from notelint import tokenizer as on_demand
from notelint.pipeline import load_pipeline
from notelint.spacy_import import import_spacy
from notelint.tokenizer import OnDemandTokenizer


@pytest.fixture(scope="module")
def reference() -> Any:
    """spaCy's English tokenizer, every special case loaded."""
    import_spacy()
    import spacy

    return spacy.blank("en").tokenizer


def _fresh(reference: Any) -> OnDemandTokenizer:
    return OnDemandTokenizer(
        reference.vocab,
        rules=reference.rules,
        prefix_search=reference.prefix_search,
        suffix_search=reference.suffix_search,
        infix_finditer=reference.infix_finditer,
        token_match=reference.token_match,
        url_match=reference.url_match,
    )


def _tokens(doc: Any) -> list[tuple[str, int, str, str]]:
    return [(t.text, t.idx, t.whitespace_, t.norm_) for t in doc]


def _loaded(tokenizer: OnDemandTokenizer) -> set[str]:
    return set(super(OnDemandTokenizer, tokenizer).rules)


def test_every_fixture_note_is_tokenized_as_spacy_does(reference: Any) -> None:
    """A new tokenizer for each note: only the cases that note spells are loaded."""
    for path in fixture_notes():
        text = path.read_text("utf-8")
        assert _tokens(_fresh(reference)(text)) == _tokens(reference(text)), path


def test_strings_of_special_cases_are_tokenized_as_spacy_does(reference: Any) -> None:
    """Cases glued together and split by spaces and punctuation: where one case spelled
    across a space keeps an overlapping one from applying, that case is loaded too."""
    rng = random.Random(5)
    pieces = [*reference.rules, " ", "", "(", ")", ".", ",", '"', "'", "-", "\n", "  ", ":"]
    pieces += ["word", "I", "do", "n't", "=", "a", "m"]
    # The first: "(=" spelled across the space keeps "=)" from applying (found at random).
    texts = ["Thesedve:’-( =)o_oThat’s", "I 'd say", "(don't)", "ca n't", "Mr.Smith", "a.m.-ish"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    for text in texts:
        assert _tokens(_fresh(reference)(text)) == _tokens(reference(text)), text


def test_only_the_cases_a_text_spells_are_loaded(reference: Any) -> None:
    tokenizer = _fresh(reference)
    assert tokenizer.rules == reference.rules  # as a word list sees it: every case
    assert [t.text for t in tokenizer("I don't know :)")] == ["I", "do", "n't", "know", ":)"]
    loaded = _loaded(tokenizer)
    assert {"don't", ":)"} <= loaded and "can't" not in loaded
    assert len(loaded) < 40


def test_a_long_run_loads_every_case_at_once(
    reference: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(on_demand, "LOOK_AT_MOST", 100)
    tokenizer = _fresh(reference)
    tokenizer("A short note.")
    assert "can't" not in _loaded(tokenizer)
    tokenizer("x" * 100)
    assert _loaded(tokenizer) == set(reference.rules)
    assert [t.text for t in tokenizer("I can't")] == ["I", "ca", "n't"]


def test_the_pipeline_uses_it() -> None:
    assert isinstance(load_pipeline().tokenizer, OnDemandTokenizer)


def test_a_run_of_many_notes_loads_every_case_before_it_forks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The engine tells the pipeline how much it will parse, before any fork: a large run
    loads every case in the first process, and its workers share them."""
    from notelint import engine
    from notelint.pipeline import Blank, expect
    from notelint.sources import parse

    fresh = Blank()
    expect(fresh, 2_000)
    assert len(_loaded(fresh.tokenizer)) < 10
    expect(fresh, on_demand.LOOK_AT_MOST + 1)
    assert _loaded(fresh.tokenizer) == set(fresh.tokenizer.rules)

    told = []
    monkeypatch.setattr(engine, "expect", lambda nlp, characters: told.append(characters))
    notes = [parse("Hi Jo,\n\nThanks for the chat.\n\nBest,\nSam\n", f"{i}.txt") for i in range(3)]
    engine.lint_sources(notes)
    assert told == [3 * len(notes[0].lint_text)]
