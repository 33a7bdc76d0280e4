"""NL014 over-thanking: thanks repeated three or more times, or flattery in place of specifics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notelint.kit import Rule, RuleCheck, window

if TYPE_CHECKING:
    from spacy.tokens import Span

    from notelint.kit import Note


# Words that stack on a superlative and make it gush: "truly amazing", "absolutely incredible".
_INTENSIFIERS = {
    "truly", "absolutely", "incredibly", "utterly", "totally", "simply", "beyond", "insanely",
    "unbelievably", "undeniably", "genuinely", "super", "most", "really", "so",
}  # fmt: skip
# Words that stay one compliment even with an intensifier: "so impressive", "truly inspiring".
_MILD = {"impressive", "inspiring", "remarkable", "exceptional", "outstanding"}
# Nouns after "thank-you" that make it a thing, not thanks: "this thank-you note".
_THANK_YOU_NOUNS = {"note", "notes", "card", "cards", "letter", "email", "e-mail", "message"}
# Whom "thanks to" can thank; otherwise it means "because of" ("thanks to the new cache").
_THANKED = {"you", "everyone", "everybody", "all", "each", "both", "y'all"}
_OWN = {"my", "our", "i", "me", "myself", "we", "us"}
_READER = {"you", "your", "yours"}
# "an incredible amount of re-keying" measures a problem; it does not flatter anyone.
# What one thanks someone for ("I appreciate your time"), unlike what they said or showed.
_COURTESIES = {
    "time", "consideration", "patience", "kindness", "hospitality", "help", "generosity",
    "interest", "attention", "effort", "flexibility", "support", "offer", "invitation",
    "opportunity", "chance", "call", "meeting", "interview", "reply", "response", "email",
    "tour", "visit", "walkthrough", "demo", "introduction", "intro", "coffee", "lunch",
    "welcome", "advice", "feedback", "tips", "honesty", "candour", "candor", "warmth",
}  # fmt: skip
_QUANTITIES = {"amount", "amounts", "number", "volume", "quantity", "pace", "lengths", "mess"}


class OverThanking(RuleCheck):
    """Flags a note that thanks over and over, or flatters instead of being specific.

    What it does:
        Counts the expressions of thanks in the body ("thank you", "thanks", "grateful",
        "appreciate", "gratitude"; "thank you so much" is one) and flags the note when there
        are more than `max-thanks` (three or more by default). The sign-off ("Thanks,",
        "With gratitude,") is a closing, not thanks, and is not counted; nor are "a thank-you
        note", "thanks to the new cache" (because of) or "the client thanked me".

        Also flags flattery doing the work specifics should do: more than `max-flattery`
        superlatives aimed at the reader ("amazing", "incredible", "world-class",
        "brilliant", "truly inspiring"), or one stacked on an intensifier ("truly amazing",
        "absolutely incredible"). Superlatives about the writer's own work ("my amazing
        team at Orlo") are not counted. One specific compliment ("your on-call handbook is
        the clearest I've read") is fine, and so are two thanks.

    Why is this bad?
        The advice is to keep the note succinct and personal, with no sucking up. Thanks
        said once land; said four times they read as filler or nerves. Superlatives cost
        nothing to write and could be sent to any company: they crowd out the specific
        point from the conversation that actually makes a note worth reading.

    Example:
        Thank you so much for your time! I'm so grateful for the opportunity, and I truly
        appreciate your insights. Your team is amazing and the product is incredible.

    Use instead:
        Thank you for walking me through the returns backlog. Your idea of batching refunds
        by carrier is the clearest fix I've heard; at Tallis I cut a similar queue by half.

    Options:
        max-thanks: how many expressions of thanks are fine (default 2).
        max-flattery: how many superlatives are fine (default 1).
        extra-flattery: more superlatives to count ("epic").
        extra-thanks: more words that thank ("cheers for").
    """

    def keep(self, rule: Rule, span: Span, note: Note) -> bool:
        """Thanks from the writer ("a thank-you note", "thanks to the cache" are not), and
        flattery of the reader ("my amazing team", "an incredible amount of re-keying" are not).
        """
        if rule.name == "thanks":
            return _is_thanks(span) and not _appreciates_content(span)
        sentence = span.sent
        about_reader = any(t.norm_ in _READER for t in sentence)
        before = {t.norm_ for t in window(span, 4, within=sentence)}
        close = {t.norm_ for t in window(span, 2, within=sentence)}
        if close & {"my", "our"} or (before & _OWN and not about_reader):
            return False
        doc = span.doc
        return not (span.end < sentence.end and doc[span.end].norm_ in _QUANTITIES)

    def widen(self, rule: Rule, span: Span, sentence: Span) -> Span:
        """ "Thank you", "thanks again" as one expression; flattery with its intensifier."""
        doc = span.doc
        if rule.name == "thanks":
            end = span.end
            if span[-1].norm_ == "thank" and end < sentence.end and doc[end].norm_ == "you":
                end += 1
            if span[-1].norm_ in {"thank", "thanks"} and end < sentence.end:
                end += doc[end].norm_ == "again"
            return doc[span.start : end]
        start = span.start
        if start > sentence.start and doc[start - 1].norm_ in _INTENSIFIERS:
            start -= 1
        return doc[start : span.end]

    def severe(self, rule: Rule, span: Span) -> bool:
        """'truly amazing', 'absolutely incredible'; 'so impressive' is one compliment."""
        return (
            rule.name == "flattery"
            and len(span) > 1
            and span[0].norm_ in _INTENSIFIERS
            and span[-1].norm_ not in _MILD
        )


def _appreciates_content(span: Span) -> bool:
    """'I appreciated your description of the Carver production': valuing something said,
    a reference to the conversation, not thanks (unlike 'I appreciate your time')."""
    doc = span.doc
    if span[-1].lemma_.lower() != "appreciate" or span.end + 1 >= len(doc):
        return False
    owner, thing = doc[span.end], doc[span.end + 1]
    return owner.lower_ in {"your", "the"} and thing.is_alpha and thing.lower_ not in _COURTESIES


def _is_thanks(span: Span) -> bool:
    """Thanks from the writer, not 'a thank-you note', 'thanks to the cache', 'she thanked me'."""
    doc = span.doc
    nxt = [t.norm_ for t in doc[span.end : span.end + 4]]
    if nxt[:2] == ["-", "you"] and nxt[2:3] and nxt[2] in _THANK_YOU_NOUNS:
        return False
    if nxt[:1] == ["you"] and nxt[1:2] and nxt[1] in _THANK_YOU_NOUNS:
        return False
    if span[0].norm_ in {"thanked", "thanking"} and nxt[:1] and nxt[0] in {"me", "us"}:
        return False
    if span[0].norm_ == "thanks" and nxt[:1] == ["to"]:
        rest = [t.norm_ for t in doc[span.end + 1 : span.end + 9]]
        return bool(rest[:1] and rest[0] in _THANKED) or "for" in rest
    return True
