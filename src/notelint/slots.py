"""Template slots of every shape, found once for every check that needs them.

A slot is where a template expects the real detail: "[Company]", "{name}", "{{ company }}",
"<Interviewer Name>", "%COMPANY%", "$firstName", "*|FNAME|*", "Mr./Ms. ___", XX/YY stand-ins,
named slot words ("Company Name", "Your Name", "First Last"), stand-in names ("ABC Corp",
"XYZ Clinic", "Mr. Interviewer"), filler ("blah blah"), reminders ("insert project here",
"TODO"). NL006 reports them; the specificity model never counts a word inside one as specific
content, so a template whose specifics are all slots reads as generic (NL001). Slots are a
matter of characters, so they are found with regular expressions over the masked text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from notelint.errors import NotelintError
from notelint.matching import vocabulary

# Slots are a matter of characters (brackets, braces, percent signs), so this check reads the
# masked text with regular expressions rather than tokens.
_SQUARE = re.compile(r"(?<![\]\[!\\\w])\[([^\[\]\n]{1,60})\](?![(\[:])")
_REFERENCE_LABEL = re.compile(r"^[ \t]{0,3}\[([^\]\n]+)\]:", re.M)
_DOUBLE_CURLY = re.compile(r"\{\{[ \t]*[^{}\n]{1,50}?[ \t]*\}\}")
_CURLY = re.compile(r"(?<![\w\\{])\{([A-Za-z_][\w .'’-]{0,50})\}(?!\})")
_ANGLE = re.compile(r"(?<![\w<])<([A-Za-z][\w .'’-]{0,50})>(?!>)")
_PERCENT = re.compile(r"(?<![\w%])%([A-Za-z][A-Za-z0-9_]{0,30})%(?![\w%])")
_UNDERSCORES = re.compile(r"(?<!_)_{3,}(?!_)")
_RULE_LINE = re.compile(r"^[ \t]*[_ \t]+$")
_TITLE_BLANK = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Dr)\.?(?:/(?:Mr|Mrs|Ms|Mx|Dr)\.?)*(?:[ \t]*_{2,}|(?=[ \t]*[,:][ \t]*$))",
    re.M,
)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_STAND_IN = re.compile(r"(?<![\w/-])(?:XXX|XX|YYY|YY)(?![\w/-])")
_PHONE_X = re.compile(r"(?<![\w-])(?:\(?X{3}\)?[ .-])?X{3}[ .-]X{4}(?![\w-])")
_SINGLE_X = re.compile(
    r"(?<![\w/-])X(?=%|[ \t]+(?:years?|months?|weeks?|days?|hours?|people|percent|clients"
    r"|customers|projects|times|members|accounts|million|thousand)\b)"
)
_UNDECIDED = re.compile(r"(?<![\w-])(?:TBD|TBC)(?![\w-])")
_INSERT_HERE = re.compile(
    r"\b(insert|add|paste|fill[ \t]+in)((?:[ \t]+[\w'’-]+){0,5}?)[ \t]+here\b",
    re.I,
)
_INSERT_ASIDE = re.compile(
    r"[\[(][ \t]*(?:insert|add|fill[ \t]+in|paste)\b[^\])\n]{0,80}[\])]", re.I
)
_PAREN_SLOT = re.compile(
    r"\((?:your|the|their|interviewer'?s?|hiring manager'?s?|company|job)?[ \t]*"
    r"(?:first name|last name|full name|name|company name|company|position|job title)\)",
    re.I,
)

# "Super Bowl XXX", "Chapter XX", "XX chromosomes": Roman numerals and real names, not slots.
_NUMERAL_NOUNS = {
    "bowl", "chapter", "part", "volume", "vol", "book", "act", "article", "title", "section",
    "phase", "stage", "series", "annex", "appendix", "clause", "mark", "olympiad", "pius",
    "louis", "canto", "psalm", "edition", "league", "congress", "war",
}  # fmt: skip
# XX beside another letter code ("XX versus XO", "XX or XXY") or in a biology sentence ("XX
# mouse cells", "XX females") is a karyotype or genotype, not a stand-in. The codes are
# case-sensitive and must be close ("versus", "vs.", "and"); the words are not.
_SIBLING_CODE = re.compile(r"(?<![\w-])(?:XY|XO|X0|XXY|XYY|XXXY|ZW|ZZ)(?![\w-])")
_SIBLING_GAP = 12
_GENETICS = re.compile(
    r"\b(?:chromosom\w*|karyotyp\w*|genotyp\w*|phenotyp\w*|allel\w*|gamete\w*|embryo\w*"
    r"|gonad\w*|mice|mouse|murine|females?|males?|sex|cells?|inactivation)\b",
    re.I,
)
_PREDICATE = {"is", "are", "was", "were", "be", "still", "remains", "remain", "currently", "as"}
_HTML_TAGS = {
    "a", "b", "i", "u", "s", "p", "br", "hr", "em", "strong", "div", "span", "sub", "sup",
    "ul", "ol", "li", "img", "table", "tr", "td", "th", "small", "mark", "del", "ins", "code",
    "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "center", "font", "details",
    "summary", "kbd", "big", "tt", "abbr", "cite", "q", "dl", "dt", "dd",
}  # fmt: skip
_CONTEXT_SEARCH = 40
# Filler the writer reports rather than leaves: 'the menu still shows lorem ipsum', 'I found a
# TODO string in the credits'. A word of seeing or showing just before it, or a noun naming it
# as text just after it, makes it a mention.
_SEEN_BEFORE = re.compile(
    r"\b(?:show(?:s|ed|n|ing)|display(?:s|ed|ing)|reads|says|contain(?:s|ed|ing)|found"
    r"|spotted|noticed|saw|seen|render(?:s|ed|ing)|print(?:s|ed)|left[ \t]+in)\b"
    r"[^.,!?:;\n]{0,30}$",
    re.I,
)
_NAMED_AFTER = re.compile(
    r"^['’\"”]?[ \t]*(?:filler|text|copy|string|strings|placeholder|placeholders|comment"
    r"|comments|label|labels|tag|tags|marker|markers|appears?|appeared|showed|shows|showing"
    r"|is[ \t]+still|was[ \t]+still)\b",
    re.I,
)
_OPENING_QUOTES = "\"“‘'"
_CLOSING_QUOTES = {'"': '"', "“": "”", "‘": "’", "'": "'"}
_MERGE_FIELD = re.compile(
    r"(?<![\w$\\])\$\{?[A-Za-z_][A-Za-z0-9_]{1,30}\}?(?![\w])"  # $firstName, ${company}
    r"|\*\|[A-Z][A-Z0-9_]{1,30}\|\*"  # *|FNAME|*
    r"|<<[ \t]*[A-Za-z][\w .'’-]{0,40}[ \t]*>>"  # <<Company>>
)
_TWO_WORD_SLOT = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)+\b")
#: Characters a pattern cannot match without: a text lacking all of them is not scanned.
_NEEDS = {
    _DOUBLE_CURLY: ("{{",),
    _CURLY: ("{",),
    _ANGLE: ("<",),
    _PERCENT: ("%",),
    _MERGE_FIELD: ("$", "*|", "<<"),
    _UNDERSCORES: ("___",),
    _STAND_IN: ("XX", "YY"),
    _SINGLE_X: ("X",),
    _PHONE_X: ("XXX",),
    _UNDECIDED: ("TBD", "TBC"),
    _INSERT_ASIDE: ("[", "("),
    _PAREN_SLOT: ("(",),
    _TITLE_BLANK: ("Mr", "Ms", "Mx", "Dr"),
}


@dataclass(frozen=True)
class Slot:
    """One unfilled slot: its characters and what kind of stand-in it is."""

    start: int
    end: int
    kind: str  # "slot", "stand-in", "filler" or "reminder"


class SlotFinder:
    """Finds the slots in a text; extra words and patterns come from NL006's options."""

    def __init__(self, extra_words: Sequence[str] = (), extra_patterns: Sequence[str] = ()) -> None:
        self.words = _word_pattern([*vocabulary("placeholders"), *extra_words])
        self.named = _word_pattern(vocabulary("placeholders_named"))
        self.slot_words = set(vocabulary("placeholders_slots"))
        self.editorial = set(vocabulary("placeholders_editorial"))
        self.extra = [_compile_option(p) for p in extra_patterns]
        self._last: tuple[str, list[Slot]] = ("", [])

    def find(self, text: str) -> list[Slot]:
        """The text's slots, longest first where they overlap, outside inline code.

        The last answer is kept: NL006 and the specificity model ask about the same note.
        """
        if self._last[0] == text:
            return self._last[1]
        code = [m.span() for m in _INLINE_CODE.finditer(text)]
        found = [
            slot
            for slot in _without_overlaps(self._slots(text))
            if not any(start <= slot.start and slot.end <= end for start, end in code)
        ]
        self._last = (text, found)
        return found

    def _slots(self, text: str) -> Iterator[Slot]:
        yield from self._brackets(text)
        yield from _spans(_DOUBLE_CURLY, text, "slot")
        yield from _spans(_CURLY, text, "slot")
        yield from (s for s in _spans(_ANGLE, text, "slot") if _is_angle_slot(text, s))
        yield from _spans(_PERCENT, text, "slot")
        yield from _spans(_MERGE_FIELD, text, "slot")
        if self.named is not None:
            yield from (s for s in _spans(self.named, text, "slot") if not _is_mention(text, s))
        yield from (s for s in _spans(_UNDERSCORES, text, "slot") if not _on_rule_line(text, s))
        yield from _spans(_TITLE_BLANK, text, "slot")
        yield from _spans(_PAREN_SLOT, text, "slot")
        yield from (s for s in _spans(_STAND_IN, text, "stand-in") if _is_stand_in(text, s))
        yield from _spans(_SINGLE_X, text, "stand-in")
        yield from _spans(_PHONE_X, text, "stand-in")
        yield from (s for s in _spans(_UNDECIDED, text, "reminder") if _is_undecided(text, s))
        yield from self._insert_here(text)
        yield from _spans(_INSERT_ASIDE, text, "reminder")
        if self.words is not None:
            yield from (s for s in _spans(self.words, text, "filler") if not _is_mention(text, s))
        for pattern in self.extra:
            yield from _spans(pattern, text, "slot")

    def _brackets(self, text: str) -> Iterator[Slot]:
        """'[Company]', '[insert project here]'; not links, footnotes, checkboxes or '[sic]'."""
        if "[" not in text:
            return
        labels = {m.group(1).strip().lower() for m in _REFERENCE_LABEL.finditer(text)}
        for match in _SQUARE.finditer(text):
            content = match.group(1).strip()
            if content.lower() in labels or not self._is_bracket_slot(content):
                continue
            # Lower-case words in brackets inside a quotation are the writer's editorial
            # insertion ('"[we] ship every Friday"'), unless they name what a slot asks for.
            words = set(re.findall(r"[a-z]+", content.lower()))
            if content[0].isupper() or words & self.slot_words or not _in_quotation(text, match):
                yield Slot(match.start(), match.end(), "slot")

    def _is_bracket_slot(self, content: str) -> bool:
        """Words in brackets, not a footnote, checkbox, number or editorial mark ('[sic]')."""
        if not re.search(r"[A-Za-z]", content) or content.startswith("^") or len(content) < 2:
            return False
        return content.lower().rstrip(".!") not in self.editorial and not re.search(r"\d", content)

    def _insert_here(self, text: str) -> Iterator[Slot]:
        """'insert project here', 'add something smart here'; not 'add real value here'."""
        if "here" not in text.lower():
            return
        for match in _INSERT_HERE.finditer(text):
            between = re.findall(r"[a-z]+", match.group(2).lower())
            bare = not between and match.group(1).lower() in {"insert", "paste"}
            if bare or self.slot_words.intersection(between):
                yield Slot(match.start(), match.end(), "reminder")


def _word_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for the placeholder words: whole words, a space also matching a hyphen."""
    alternatives = []
    starts: dict[bool, set[str]] = {True: set(), False: set()}  # by case-insensitivity
    for term in dict.fromkeys(t.strip() for t in terms if t.strip()):
        body = r"(?:[ \t]*-[ \t]*|[ \t]+)".join(re.escape(part) for part in term.split())
        folded = not any(c.isupper() for c in term)
        alternatives.append(f"(?i:{body})" if folded else body)
        starts[folded].add(re.escape(term[0]))
    if not alternatives:
        return None
    # A look-ahead for the terms' first letters first: at most places of a note it fails at
    # once, where the alternatives would each be tried (a third of the time over 1,000 notes).
    first = "|".join(
        f"(?i:[{''.join(sorted(chars))}])" if folded else f"[{''.join(sorted(chars))}]"
        for folded, chars in starts.items()
        if chars
    )
    return re.compile(f"(?=(?:{first}))(?<![\\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


def _compile_option(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise NotelintError(
            f"option 'extra-patterns' of NL006: {pattern!r} is not a valid regular expression "
            f"({exc})"
        ) from None


def _spans(pattern: re.Pattern[str], text: str, kind: str) -> Iterator[Slot]:
    needs = _NEEDS.get(pattern)
    if needs is not None and not any(mark in text for mark in needs):
        return  # a substring test is a fraction of a regex scan, and most notes have none
    for match in pattern.finditer(text):
        if match.end() > match.start():
            yield Slot(match.start(), match.end(), kind)


def _without_overlaps(slots: Iterable[Slot]) -> list[Slot]:
    """Longest first where slots overlap ('[insert project here]' is one slot, not two)."""
    kept: list[Slot] = []
    for slot in sorted(slots, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and slot.start < kept[-1].end:
            continue
        kept.append(slot)
    return kept


def _is_angle_slot(text: str, slot: Slot) -> bool:
    """'<Interviewer Name>' is a slot; '<br>', '<example.com>', '<ana at x dot org>' are not."""
    content = text[slot.start + 1 : slot.end - 1].strip()
    if content.lower() in _HTML_TAGS or re.search(r"\bat\b.+\bdot\b", content):
        return False
    return not (" " not in content and re.search(r"\.[A-Za-z]{2,}$", content))


def _in_quotation(text: str, match: re.Match[str]) -> bool:
    """Whether a match sits inside double quotes on its line (an odd number of them before)."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = text[line_start : match.start()]
    return (before.count('"') + before.count("“") + before.count("”")) % 2 == 1


def _is_mention(text: str, slot: Slot) -> bool:
    """Filler quoted or reported as something seen ('the tooltip still shows lorem ipsum',
    'a "TODO" in the credits'): the writer names it, they did not leave it unfilled."""
    before = text[text.rfind("\n", 0, slot.start) + 1 : slot.start]
    after_end = text.find("\n", slot.end)
    after = text[slot.end : after_end if after_end >= 0 else len(text)]
    return (
        _quoted(before, after)
        or bool(_SEEN_BEFORE.search(before))
        or bool(_NAMED_AFTER.match(after))
    )


def _quoted(before: str, after: str) -> bool:
    """Wrapped in quotation marks: directly ('"TODO"'), or inside a quotation on its line."""
    opening = before[-1:]
    if opening and opening in _OPENING_QUOTES and after.startswith(_CLOSING_QUOTES[opening]):
        return True
    doubles = before.count('"') + before.count("“") + before.count("”")
    return doubles % 2 == 1 and any(q in after for q in '"”')


def _on_rule_line(text: str, slot: Slot) -> bool:
    """A line of underscores alone is a Markdown rule or a signature line, not a blank."""
    line_start = text.rfind("\n", 0, slot.start) + 1
    line_end = text.find("\n", slot.end)
    return bool(_RULE_LINE.match(text[line_start : line_end if line_end >= 0 else len(text)]))


def _is_stand_in(text: str, slot: Slot) -> bool:
    """'my XX and YY skills' is a stand-in; 'Super Bowl XXX', 'XX chromosomes' and 'XX versus
    XO' are not."""
    before = re.findall(r"[A-Za-z]+", text[max(0, slot.start - _CONTEXT_SEARCH) : slot.start])
    if before and before[-1].lower() in _NUMERAL_NOUNS:
        return False
    after = text[slot.end : slot.end + _CONTEXT_SEARCH]
    if re.match(r"[ \t]+(?:century|corps|dynasty|olympiad|legion)\b", after, re.I):
        return False
    near = text[max(0, slot.start - _SIBLING_GAP) : slot.end + _SIBLING_GAP]
    window = text[max(0, slot.start - _CONTEXT_SEARCH) : slot.end + _CONTEXT_SEARCH]
    return not (_SIBLING_CODE.search(near) or _GENETICS.search(window))


def _is_undecided(text: str, slot: Slot) -> bool:
    """'TBD' standing for a value is a slot; 'the start date is still TBD' is a fact."""
    before = re.findall(r"[A-Za-z]+", text[max(0, slot.start - _CONTEXT_SEARCH) : slot.start])
    return not (before and before[-1].lower() in _PREDICATE)


@cache
def default_finder() -> SlotFinder:
    """The finder with the shipped word lists only, shared by the specificity model."""
    return SlotFinder()


def slot_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the slots in a text, with the shipped lists."""
    return [(s.start, s.end) for s in default_finder().find(text)]
