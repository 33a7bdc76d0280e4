"""NL004 gift-mention: a gift sent, brought or enclosed with the note."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from notelint.matching import matched_spans, phrase_matcher
from notelint.registry import Check

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from notelint.findings import Finding
    from notelint.note import Note

_GIVING = {
    "send", "enclose", "attach", "include", "bring", "drop", "leave", "ship", "deliver",
    "bake", "order", "mail", "post", "hope", "enjoy", "share", "arrange", "pick",
}  # fmt: skip
_DETERMINERS = {"the", "a", "an", "this", "that", "each", "every"}
_FIRST_PERSON = {"i", "we", "my", "me", "our", "please"}
# Words that turn a gift word into a modifier of something else: "the gift-card team".
_HEAD_NOUNS = {
    "team", "program", "programme", "platform", "startup", "company", "business", "industry",
    "banner", "consent", "service", "delivery", "shop", "store", "app", "project", "feature",
    "policy", "product", "system", "market", "sales", "fraud", "tax", "division", "account",
    "processing", "integration", "module", "campaign", "redemption", "api", "vendor",
}  # fmt: skip
# Phrases that make an ordinary object a present: "a book for you", "a mug to say thanks".
_INTENT_PHRASES = (
    "for you", "for your desk", "for the team", "for your team", "for the office",
    "for the crew", "for your crew", "for the guys", "for everyone", "for the staff",
    "for your staff", "for the shop", "for the kitchen", "for the lab", "for the department",
    "as a thank-you", "as a thank you", "as thanks", "to say thanks", "to say thank you",
    "to thank you", "a little thank", "to keep", "hope you enjoy", "hope you like",
)  # fmt: skip
_TOKEN_PHRASES = (
    "token of my appreciation", "token of my gratitude", "token of our appreciation",
    "small token", "little token", "little something", "small something",
)  # fmt: skip


def _received(verb: Token) -> bool:
    """'You sent me home with croissants': the writer was given something, not giving it."""
    doc = verb.doc
    return verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ in {"me", "us"}


def _is_noun(word: Token) -> bool:
    """'the first part of the bake', 'a quick drop': a giving word used as a noun. A channel
    of sending ('in the mail', 'by post') still gives."""
    doc = word.doc
    if word.i == 0 or doc[word.i - 1].lower_ not in _DETERMINERS:
        return False
    return word.i < 2 or doc[word.i - 2].lower_ not in {"in", "by", "through", "via"}


class GiftMention(Check):
    """Flags a gift sent, brought or enclosed with a follow-up note.

    What it does:
        Finds gift words (fruit basket, flowers, gift card, cookies, doughnuts, "a small token
        of my appreciation") in a sentence where the writer sends, brings or encloses them.
        Food that is only a gift when meant as one (pizza, treats) needs an intent cue such
        as "for the crew". Things the interviewer gave the writer ("you sent me home with
        croissants") are not flagged.

    Why is this bad?
        Hiring advice is blunt: gifts after an interview unsettle the interviewer, create
        awkwardness and do not help. They imply the candidate's qualifications are not enough
        on their own. Idioms such as "a gift for languages" and compounds such as "the
        gift-card team" are not gifts and are not flagged.

    Example:
        I've sent a fruit basket to the office as a small thank-you for your time.

    Use instead:
        Send the note alone, and spend its words on something from the conversation: "Your
        point about the spring inventory count stuck with me; at Halvorsen I cut ours to two days."

    Options:
        extra-gifts: more gift words or phrases to look for (matched on lemmas).
        extra-possible-gifts: objects that are gifts only with an intent cue such as
            "for you" or "to say thanks" (a book, a mug).
    """

    code = "NL004"
    name = "gift-mention"
    summary = "A gift is sent, brought or enclosed with the note."
    defaults = {"extra-gifts": [], "extra-possible-gifts": []}

    def setup(self) -> None:
        terms = self.word_list("gifts", "extra-gifts")
        possible = self.word_list("gifts_possible", "extra-possible-gifts")
        self.gifts = phrase_matcher(self.nlp, terms, attr="LEMMA")
        self.possible = phrase_matcher(self.nlp, possible, attr="LEMMA")
        self.intent = phrase_matcher(self.nlp, _INTENT_PHRASES, attr="LOWER")
        self.tokens = phrase_matcher(self.nlp, _TOKEN_PHRASES, attr="LOWER")

    def check(self, note: Note) -> Iterator[Finding]:
        for sentence in note.body_sentences():
            span = self._gift_in(sentence)
            if span is None:
                continue
            yield self.finding(
                note,
                span.start_char,
                span.end_char,
                f'mentions a gift: "{span.text}"',
                "Leave the gift out; gifts after an interview make interviewers uneasy. "
                "Spend the words on a point from the conversation instead.",
            )

    def _gift_in(self, sentence: Span) -> Span | None:
        """The first gift in a sentence where the writer gives it, if any."""
        token_phrase = matched_spans(self.tokens, sentence)
        if token_phrase:
            return token_phrase[0]
        words = {t.lower_ for t in sentence}
        verbs = {t.lemma_.lower() for t in sentence if not (_received(t) or _is_noun(t))}
        if not (words & _FIRST_PERSON and verbs & _GIVING):
            return None
        gifts = [s for s in matched_spans(self.gifts, sentence) if not self._not_a_gift(s)]
        if gifts:
            return gifts[0]
        if matched_spans(self.intent, sentence):
            possible = [
                s for s in matched_spans(self.possible, sentence) if not self._not_a_gift(s)
            ]
            return possible[0] if possible else None
        return None

    def _not_a_gift(self, span: Span) -> bool:
        return self._is_modifier(span) or self._is_idiom(span)

    @staticmethod
    def _is_modifier(span: Span) -> bool:
        """'gift-card team', 'cookie consent banner': the gift word describes another noun."""
        doc = span.doc
        index = span.end
        if index < len(doc) and doc[index].text == "-":
            return True
        return index < len(doc) and doc[index].lower_ in _HEAD_NOUNS

    @staticmethod
    def _is_idiom(span: Span) -> bool:
        """'a gift for languages', 'the gift of patience': talent, not a present."""
        doc = span.doc
        if span.root.lemma_.lower() != "gift":
            return False
        nxt = doc[span.end] if span.end < len(doc) else None
        return nxt is not None and nxt.lower_ in {"for", "of", "with"}
