"""NL001 generic-note: a note made of stock phrases that says nothing specific."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from notelint.kit import (
    SPECIFIC_SENTENCE,
    WEAK,
    Check,
    content_sentences,
    conversation_cues,
    matched_spans,
    phrase_matcher,
    phrase_variants,
    slot_tokens,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

    from notelint.kit import Finding, Note


_QUOTED = 3


class GenericNote(Check):
    """Flags a note made mostly of stock phrases that says nothing specific.

    What it does:
        Sorts the body's sentences into stock ones (a stock phrase such as "thank you for your
        time", "it was a pleasure speaking with you", "I believe I would be a great fit", "I
        look forward to hearing from you", and nothing specific besides) and specific ones
        (numbers, names of tools, places or projects, rare words, or a pointer back to the
        conversation with something concrete beside it). It fires when stock sentences make up
        at least `min-stock-share` of the body (a plain sentence with no content and no stock
        phrase counts half) and specific ones less than `max-specific-share`. The company,
        role and recipient names from the front matter do not count as specific: any note to
        that company can use them. Nor do the role and company the note names itself in a
        stock slot ("the concierge position", "joining Azora Air"), wherever they recur, or
        the company's slogan ("its mission to deliver patient-centred care").

    Why is this bad?
        The advice agrees that a note only helps when it is specific: it builds on the
        conversation and says why the candidate fits. "Thanks for your time, I look forward to
        hearing from you" reads as a box being ticked, and a longer note assembled from the
        same stock lines reads the same way. A note with real content that closes with one
        stock line is fine, and so is a short note whose few sentences are specific.

    Example:
        Thank you for the opportunity to interview for the analyst position. It was a pleasure
        speaking with you. I believe I would be a great fit for your team. Please don't
        hesitate to contact me if you need anything else.

    Use instead:
        Thank you for walking me through the quarter-end close. The three-day reconciliation
        lag you mentioned is the problem I solved at Brightwell by scripting the ledger
        exports, and I'd be glad to show you how.

    Options:
        extra-phrases: more stock phrases (matched on lemmas; "(a|b)" lists alternatives).
        extra-stock-words: more words that say nothing specific (also used by NL002's cues).
        min-stock-share: the share of body sentences that must be stock (default 0.5).
        max-specific-share: the note fires only if specific sentences are a smaller share
            than this (default 0.2).
    """

    def setup(self) -> None:
        terms = phrase_variants(self.word_list("stock_phrases", "extra-phrases"))
        self.phrases = phrase_matcher(self.nlp, terms, attr="LEMMA", plurals=False)
        extra_stock_words = tuple(self.options["extra-stock-words"])
        self.cues = conversation_cues(self.nlp, (), extra_stock_words)
        self.specificity = self.cues.specificity

    def check(self, note: Note) -> Iterator[Finding]:
        sentences = content_sentences(note)
        phrases = [matched_spans(self.phrases, sentence) for sentence in sentences]
        if not any(phrases):  # no stock phrase, so nothing to quote: weighing costs more
            return
        given = self.specificity.given_names(note)
        kinds: Counter[str] = Counter()
        stock: list[Span] = []
        for sentence, found in zip(sentences, phrases, strict=True):
            kind = self._kind(sentence, found, given)
            kinds[kind] += 1
            if kind == "stock":
                stock.extend(found)
            elif kind == "specific" and not self._few_specific(kinds, len(sentences)):
                return  # specific enough already, whatever the other sentences are
        if not stock or not self._is_generic(kinds, len(sentences)):
            return
        quoted = list(dict.fromkeys(f'"{p.text}"' for p in stock))
        more = ", …" if len(quoted) > _QUOTED else ""
        yield self.finding(
            note,
            stock[0].start_char,
            stock[-1].end_char,
            f"generic note: stock phrases ({', '.join(quoted[:_QUOTED])}{more}) fill "
            f"{kinds['stock']} of {len(sentences)} sentences, and "
            f"{self._specific_part(kinds['specific'])}",
            "Replace the stock lines with something only this interview could produce: a "
            "problem the team described, a question you would now answer better, or the one "
            "piece of your experience that fits what they need, named concretely.",
        )

    def _kind(self, sentence: Span, phrases: list[Span], given: frozenset[str]) -> str:
        """specific, stock, hint (a little specific content) or plain (none, no stock phrase).

        Specific content is weighed outside the stock phrases and template slots; a pointer
        back at the conversation with something concrete beside it is specific by itself.
        """
        if self.cues.references(sentence, given):
            return "specific"
        skip = slot_tokens(sentence) | {i for p in phrases for i in range(p.start, p.end)}
        score = self.specificity.score(sentence, skip, given)
        if score >= SPECIFIC_SENTENCE:
            return "specific"
        if phrases:
            return "stock"
        return "hint" if score >= WEAK else "plain"

    def _is_generic(self, kinds: Counter[str], total: int) -> bool:
        """Mostly stock and next to nothing specific.

        A plain sentence ("Everyone was so welcoming.") is filler around the stock lines and
        counts half towards the stock share; a sentence with a hint of content does not count.
        """
        stock_share = (kinds["stock"] + kinds["plain"] / 2) / total
        return stock_share >= self.options["min-stock-share"] and self._few_specific(kinds, total)

    def _few_specific(self, kinds: Counter[str], total: int) -> bool:
        """Specific sentences are fewer than the share that makes a note specific."""
        return kinds["specific"] / total < self.options["max-specific-share"]

    @staticmethod
    def _specific_part(specific: int) -> str:
        if specific == 0:
            return "none says anything specific"
        return f"only {specific} says anything specific"
