"""Matchers built for one run's notes (``matching.built_for``): the command line builds only the
phrase patterns its notes can match. The findings must be exactly those of the full matchers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fixture_runner import NOW, fixture_notes

from notelint import engine, matching
from notelint.api import read_sources
from notelint.config import Config
from notelint.engine import lint_sources
from notelint.matching import RunWords, able_to_match, built_for, phrase_matcher, read_word_list
from notelint.pipeline import load_pipeline
from notelint.sources import parse
from notelint.specificity import conversation_cues

ROOT = Path(__file__).resolve().parent.parent
WORD_LISTS = sorted(
    [*(ROOT / "src" / "notelint" / "vocabulary").glob("*.txt"), *ROOT.glob("checks/*/data/*.txt")]
)


def _words(text: str) -> RunWords:
    return RunWords.of([load_pipeline()(text)])


def test_a_phrase_with_a_word_no_note_has_is_left_out() -> None:
    nlp = load_pipeline()
    with built_for(_words("Thanks for the tour of the bakery.")):
        kept = able_to_match(nlp, ["the bakery", "the brewery", "tour"], "LOWER")
    assert kept == ["the bakery", "tour"]


def test_lemmas_are_compared_as_lemmas() -> None:
    """ "brought a gift" in the note, "bring gift" in the list: the lemmas match."""
    nlp = load_pipeline()
    with built_for(_words("I brought gifts for the team.")):
        kept = able_to_match(nlp, ["bring gift", "send gift", "Bring gift"], "LEMMA")
    assert kept == ["bring gift", "Bring gift"]


def test_words_spacy_splits_are_judged_by_their_tokens() -> None:
    """ "I'd" is "I" and "'d", "follow-up" three tokens: each must be in some note."""
    nlp = load_pipeline()
    phrases = ["I'd like", "follow-up call", "don't hesitate", "cannot wait", "9 am"]
    with built_for(_words("I'd like a follow-up call at 9 am.")):
        assert able_to_match(nlp, phrases, "LOWER") == ["I'd like", "follow-up call", "9 am"]
        assert able_to_match(nlp, ["hello there", "goodbye"], "NORM") == ["hello there", "goodbye"]


def test_outside_a_run_every_phrase_is_built() -> None:
    nlp = load_pipeline()
    assert able_to_match(nlp, ["the brewery"], "LOWER") == ["the brewery"]
    assert matching.run_words() is None


@pytest.mark.parametrize("path", WORD_LISTS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_a_phrase_is_its_words_tokens(path: Path) -> None:
    """What ``RunWords.has`` relies on, for every form a matcher is built from: spaCy's tokens
    of a phrase are its words' tokens one after another, and a word of plain letters (no
    tokenizer exception) is one token."""
    nlp = load_pipeline()
    exceptions = nlp.tokenizer.rules
    listed = read_word_list(path)
    forms = {
        form
        for phrase in (*listed.phrases, *listed.exceptions)
        for form in (phrase, matching.plural(phrase), phrase[:1].upper() + phrase[1:])
    }
    for form in sorted(forms):
        words = form.split(" ")
        apart = [t.text for word in words for t in nlp.tokenizer(word)]
        assert [t.text for t in nlp.tokenizer(form)] == apart, form
        for word in words:
            if word.isascii() and word.isalpha() and word not in exceptions:
                assert [t.text for t in nlp.tokenizer(word)] == [word], form


def test_matchers_built_for_a_run_find_what_the_full_ones_find() -> None:
    nlp = load_pipeline()
    text = "Thanks, Dana. You mentioned the Reno site, and I brought cookies to say thank you."
    doc = nlp(text)
    full = phrase_matcher(nlp, ["reno site", "bring cookie", "lisbon office"], attr="LEMMA")
    with built_for(RunWords.of([doc])):
        lean = phrase_matcher(nlp, ["reno site", "bring cookie", "lisbon office"], attr="LEMMA")
    assert len(lean(doc)) == len(full(doc)) == 2


def test_checks_built_for_a_run_are_kept_for_no_other_run() -> None:
    """A later note (the API, the page) must never meet matchers trimmed for other words."""
    config = Config()
    before = dict(engine._CHECK_CACHE)
    words = _words("Thanks for the chat.")
    built = engine.build_checks(config, ["NL004"], words=words)
    assert before == engine._CHECK_CACHE
    assert built[0] is not engine.build_checks(config, ["NL004"])[0]
    nlp = load_pipeline()
    with built_for(words):
        lean = conversation_cues(nlp)
    assert lean is not conversation_cues(nlp)


def test_a_note_after_a_lean_run_gets_full_matchers() -> None:
    """In one process, a run built for a plain note, then a run of a gift note: NL004 fires."""
    plain = parse("Hi Dana,\n\nThank you for the chat.\n\nBest,\nSam\n", "plain.md")
    gift = "Hi Dana,\n\nThanks again. I'm sending you a gift basket as a thank-you.\n\nBest,\nSam\n"
    lint_sources([plain], Config(), once=True)
    later = lint_sources([parse(gift, "gift.md")], Config(), now=dt.datetime.now(dt.timezone.utc))
    assert "NL004" in {f.code for f in later.results[0].findings}


@pytest.mark.parametrize("step", range(2))
def test_fixture_notes_alone_give_the_same_findings(step: int) -> None:
    """Every tenth fixture note a test, each linted alone as the command line does (all of
    them agree; a sample keeps the test short)."""
    config = Config()
    for path in fixture_notes()[step::10]:
        sources, _ = read_sources([path])
        lean = lint_sources(sources, config, now=NOW, once=True).results
        full = lint_sources(sources, config, now=NOW).results
        assert lean == full, path


def test_lint_paths_once_is_what_the_command_line_runs(tmp_path: Path) -> None:
    from notelint.api import lint_paths

    note = tmp_path / "note.md"
    note.write_text(
        "Hi Dana,\n\nThank you for your time. I'm sending a small gift basket to the team.\n\n"
        "Best,\nSam\n",
        "utf-8",
    )
    once = lint_paths([note], now=NOW, once=True)
    assert once.results == lint_paths([note], now=NOW).results
    assert "NL004" in {f.code for f in once.results[0].findings}


def test_a_gated_matcher_finds_what_its_whole_matcher_finds() -> None:
    """No pattern's words: nothing runs; one pattern's: that pattern alone; more: all of
    them. The matches (and their order) are the whole Matcher's every time."""
    from notelint.matching import GatedMatcher

    nlp = load_pipeline()
    patterns = [
        [{"NORM": "second"}, {"NORM": "chance"}],
        [{"LEMMA": "redo"}, {"NORM": {"IN": ["it", "that"]}}],
        [{"NORM": "second"}, {"IS_ALPHA": True, "OP": "?"}, {"NORM": "chance"}],
    ]
    gated = GatedMatcher(nlp, "PLEA", patterns)
    for text in (
        "Thanks for the chat.",
        "Could I redo it, or redo that?",
        "A second chance, a second real chance.",
        "A second chance to redo it.",
    ):
        doc = nlp(text)
        whole = [(s.start, s.end) for s in gated.matcher(doc, as_spans=True)]
        assert [(s.start, s.end) for s in gated.spans(doc, longest=False)] == sorted(
            whole, key=lambda span: span[0]
        ), text
    assert len(gated._alone) == 1  # "redo": the second pattern alone
