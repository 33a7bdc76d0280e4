"""NL004 gift-mention: a gift sent, brought or enclosed with the note."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notelint.kit import (
    Check,
    describes_next,
    lemmas,
    lemmatized,
    matched_spans,
    phrase_matcher,
    read_patterns,
    window,
)

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span, Token

    from notelint.kit import Finding, Note
    from notelint.pipeline import Nlp


#: The check's word lists, as data.
_DATA = Path(__file__).parent / "data" / "words.yml"
_W = {name: frozenset(words) for name, words in read_patterns(_DATA).lists.items()}


_RECIPIENT_REACH = 8
_WORK_REACH = 3
_OWN_REACH = 6


_WORDS_KEY = "NL004_words"


def _words(doc: Doc) -> tuple[list[str], list[str]]:
    """Each token's lower-case form and lower-case lemma, read once per Doc (cached in
    ``doc.user_data``) from the Doc's arrays: every sentence looks at them, and making Token
    objects for that costs more than the rest of the check."""
    words = doc.user_data.get(_WORDS_KEY)
    if words is None:
        strings = doc.vocab.strings
        lower_ids, lemma_ids = doc.to_array(["LOWER", "LEMMA"]).T.tolist()
        words = ([strings[i] for i in lower_ids], [strings[i].lower() for i in lemma_ids])
        doc.user_data[_WORDS_KEY] = words
    return words


def _gives(doc: Doc, start: int, end: int) -> bool:
    """A giving verb among tokens start..end ("send", "bring"), not received or a noun."""
    lowers, lemma_words = _words(doc)
    return any(
        lemma_words[i] in _W["giving"] and not (_received(lowers, i) or _is_noun(lowers, i))
        for i in range(start, end)
    )


def _received(lowers: list[str], i: int) -> bool:
    """'You sent me home with croissants': the writer was given something, not giving it."""
    return i + 1 < len(lowers) and lowers[i + 1] in {"me", "us"}


def _is_noun(lowers: list[str], i: int) -> bool:
    """'the first part of the bake', 'a quick drop': a giving word used as a noun. A channel
    of sending ('in the mail', 'by post') still gives."""
    if i == 0 or lowers[i - 1] not in _W["determiners"]:
        return False
    return i < 2 or lowers[i - 2] not in {"in", "by", "through", "via"}


def _token_matcher(nlp: Nlp, patterns: list[list[dict[str, Any]]]) -> Matcher:
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    matcher.add("CUE", patterns)
    return matcher


def _reaches(cues: list[Span], index: int, reach: int) -> bool:
    """A cue that starts within ``reach`` tokens after ``index``."""
    return any(index <= cue.start <= index + reach for cue in cues)


def _before(span: Span, reach: int) -> list[Token]:
    return [t for t in window(span, reach) if not t.is_punct]


class GiftMention(Check):
    """Flags a gift sent, brought or enclosed with a follow-up note.

    What it does:
        Finds gift words (fruit basket, flowers, gift card, cookies, doughnuts, "a small token
        of my appreciation") in a sentence where the writer sends, brings or encloses them.
        Food that is only a gift when meant as one (pizza, treats) needs an intent cue such
        as "for the crew"; fruit, vegetables, eggs or honey need that or a sign they are the
        writer's own ("apples from our family orchard", "home-grown tomatoes"). Things the
        interviewer gave the writer ("you sent me home with croissants") are not flagged, nor
        gift words that are the writer's work: given to someone other than the reader
        ("hampers for families", "flowers to customers"), handled as a job ("we packed
        hampers"), or the subject of the interview (a topic such as "Christmas hamper drive")
        without a cue that the reader gets one.

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
        extra-produce: more farm or garden goods that are gifts when they are the writer's
            own or come with an intent cue (matched on lemmas).
    """

    def setup(self) -> None:
        terms = self.word_list("gifts", "extra-gifts")
        possible = self.word_list("gifts_possible", "extra-possible-gifts")
        produce = self.word_list("gifts_produce", "extra-produce")
        self.gifts = phrase_matcher(self.nlp, terms, attr="LEMMA")
        self.possible = phrase_matcher(self.nlp, possible, attr="LEMMA")
        self.produce = phrase_matcher(self.nlp, produce, attr="LEMMA")
        self.intent = phrase_matcher(self.nlp, _W["intent_phrases"], attr="LOWER")
        self.tokens = phrase_matcher(self.nlp, _W["token_phrases"], attr="LOWER")
        # Food the writer made is a present when given to the reader ("home-made samosas for
        # the team"), whatever the dish: the making, not a list of dishes, is the sign.
        made = {"LOWER": {"IN": ["made", "baked", "cooked"]}}
        dish = {"IS_ALPHA": True, "IS_STOP": False, "OP": "+"}
        self.homemade = _token_matcher(
            self.nlp,
            [
                [{"LOWER": "home"}, {"ORTH": "-", "OP": "?"}, made, dish],
                [{"LOWER": {"IN": ["homemade", "homebaked", "homecooked"]}}, dish],
            ],
        )
        gap = {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["your", "you", "the"]}, "OP": "?"}
        self.others = _token_matcher(
            self.nlp,
            [
                [
                    {"LOWER": {"IN": ["for", "to"]}},
                    gap,
                    gap,
                    {"LEMMA": {"IN": sorted(_W["other_recipients"])}},
                ],
                [
                    {"LOWER": {"IN": ["for", "to"]}},
                    {"LOWER": "the"},
                    gap,
                    {"LEMMA": {"IN": sorted(_W["other_recipients"])}},
                ],
            ],
        )
        self.own = _token_matcher(
            self.nlp,
            [
                [
                    {"LOWER": "from"},
                    {"LOWER": {"IN": ["my", "our"]}},
                    {"IS_ALPHA": True, "OP": "?"},
                    {"IS_ALPHA": True, "OP": "?"},
                    {"LEMMA": {"IN": sorted(_W["own_places"])}},
                ]
            ],
        )

    def check(self, note: Note) -> Iterator[Finding]:
        if not self._has_gift_word(note.doc):
            return
        work = self._work_words(note)
        for sentence in note.body_sentences():
            span = self._gift_in(sentence, work)
            if span is None:
                continue
            span = _with_contents(span)
            yield self.finding(
                note,
                span.start_char,
                span.end_char,
                f'mentions a gift: "{span.text}"',
                "Leave the gift out; gifts after an interview make interviewers uneasy. "
                "Spend the words on a point from the conversation instead.",
            )

    def _has_gift_word(self, doc: Doc) -> bool:
        """Whether the note names anything ``_gift_in`` could report: most notes name no gift,
        and are done after these look-ups (the token matcher for homemade things runs only
        where an intent phrase makes it count)."""
        return bool(
            matched_spans(self.tokens, doc)
            or matched_spans(self.gifts, doc)
            or matched_spans(self.produce, doc)
            or (
                matched_spans(self.intent, doc)
                and (matched_spans(self.possible, doc) or matched_spans(self.homemade, doc))
            )
        )

    def _work_words(self, note: Note) -> set[str]:
        """Lemmas of the interview's subject (topics, role, company): the writer's work."""
        context = note.context
        texts = [t for t in (*context.topics, context.role, context.company) if t]
        return {lemma for doc in lemmatized(self.nlp, texts) for lemma in lemmas(doc)}

    def _gift_in(self, sentence: Span, work: set[str]) -> Span | None:
        """The first gift in a sentence where the writer gives it to the reader, if any."""
        token_phrase = matched_spans(self.tokens, sentence)
        if token_phrase:
            return token_phrase[0]
        doc, start, end = sentence.doc, sentence.start, sentence.end
        mine = not _W["first_person"].isdisjoint(_words(doc)[0][start:end])
        gives = mine and _gives(doc, start, end)
        intent = bool(matched_spans(self.intent, sentence))
        if not gives:
            # "The flowers are a small thank-you": a gift framed as thanks needs no verb.
            framed = matched_spans(self.gifts, sentence) if intent else []
            return next((s for s in framed if self._given(s, True, [], set())), None)
        candidates = [
            *matched_spans(self.gifts, sentence),
            *(matched_spans(self.possible, sentence) if intent else []),
            *(matched_spans(self.homemade, sentence) if intent else []),
            *(s for s in matched_spans(self.produce, sentence) if intent or self._own(s)),
        ]
        # A verb form is no gift: "we produced", not "produce".
        candidates = [c for c in candidates if not c[-1].lower_.endswith(("ed", "ing"))]
        if not candidates:
            return None
        # The token matcher for other recipients runs only where there is a gift to give.
        others = matched_spans(self.others, sentence, longest=False)
        given = (s for s in candidates if self._given(s, intent, others, work))
        return min(given, key=lambda s: s.start, default=None)

    def _given(self, span: Span, intent: bool, others: list[Span], work: set[str]) -> bool:
        """Whether a gift word is a present to the reader rather than an idiom or the work."""
        if _is_modifier(span) or _is_idiom(span) or _reaches(others, span.end, _RECIPIENT_REACH):
            return False
        if intent:
            return True
        handled = any(
            t.lemma_.lower() in _W["work_verbs"] and t.lower_ not in _W["homegrown"]
            for t in _before(span, _WORK_REACH)
        )
        return not handled and span.root.lemma_.lower() not in work

    def _own(self, span: Span) -> bool:
        """'apples from our orchard', 'home-grown tomatoes': produce the writer grew, not
        produce by the tonne or the verb 'we produce'."""
        if _names_a_kind(span):
            return False
        before = _before(span, _OWN_REACH)
        if any(t.lemma_.lower() in _W["bulk_units"] or (t.like_num and len(t) > 2) for t in before):
            return False
        if before and before[-1].lower_ in _W["verb_before"]:
            return False
        if any(t.lower_ in _W["homegrown"] for t in before[-3:]):
            return True
        return _reaches(matched_spans(self.own, span.sent), span.end, _OWN_REACH)


def _names_a_kind(span: Span) -> bool:
    """'apple scab', 'honey fungus', 'fruit trees': produce naming a crop, pest or plant
    before another noun, not a present ('apples from', 'eggs today', 'plums picked')."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return describes_next(span, but=_W["time_words"]) and not nxt.lower_.endswith("ed")


def _is_modifier(span: Span) -> bool:
    """'gift-card team', 'hamper drive', 'cookie dough': the gift word describes the noun
    after it, a kind of thing rather than a present."""
    doc = span.doc
    index = span.end
    if index < len(doc) and doc[index].text == "-":
        return True
    if index < len(doc) and doc[index].lower_ in _W["head_nouns"]:
        return True
    # A base-form word after it ("cookie dough"), not a verb's past ("a fruit basket sent").
    return _names_a_kind(span) and doc[index].lemma_.lower() == doc[index].lower_


def _with_contents(span: Span) -> Span:
    """A container with what it holds: "a box of doughnuts", not "box"."""
    doc, end = span.doc, span.end
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].is_alpha:
        end += 2
        while end < len(doc) and doc[end].is_alpha and not doc[end].is_stop and end - span.end < 4:
            end += 1
    return doc[span.start : end]


def _is_idiom(span: Span) -> bool:
    """'a gift for languages', 'the gift of patience': talent, not a present."""
    doc = span.doc
    if span[-1].lemma_.lower() != "gift":
        return False  # "a gift card for you" is a present; only a bare "gift for" is a talent
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is not None and nxt.lower_ in {"for", "of", "with"}
