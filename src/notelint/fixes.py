"""Safe fixes: edits that can be applied without asking, computed from a finding and its note.

A fix is *safe* when the note itself says what the right text is, so applying it can never make
the note say something the writer did not mean:

- ``NL010`` generic-salutation: the front matter's ``to`` names the reader, so "Dear Hiring
  Manager" becomes "Dear Priya Raman" (the greeting word is kept: "Hi team" → "Hi Priya Raman").
- ``NL006`` template-placeholder: a line that holds nothing but unfilled slots ("[Your name]",
  "{signature}") is removed; a slot for the company or the role ("[Company Name]",
  "{position}") is filled in from front matter ``company`` or ``role``. Any other slot inside
  a sentence is left alone: what belongs there is the writer's to say.

Fixes are computed from what every finding carries (its code, its span and its quoted words)
plus the note's text and front matter, never from a check's internals, so a check can be
rewritten without touching this module. The command line (``--fix``, ``--diff``) and the
language server's code actions use the same functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from notelint.findings import Finding
from notelint.sources import Source

#: Greeting words kept in front of the name; anything else ("To", "Greetings") becomes "Dear".
_KEPT_GREETINGS = re.compile(
    r"(?i)^(dear|hi|hello|hey|hiya|good (?:morning|afternoon|evening|day))\b"
)
#: What may stand on a placeholder's line besides the slot itself: list and quote markers,
#: punctuation, whitespace.
_LINE_FURNITURE = re.compile(r"^[\s>*+\-•.,;:!?()\[\]\"'“”‘’–—]*$")


#: Slots whose filling the front matter gives: the words inside the brackets -> the field.
_SLOT_FIELDS = {
    "company": "company",
    "company name": "company",
    "employer": "company",
    "organisation": "company",
    "organization": "company",
    "organisation name": "company",
    "organization name": "company",
    "role": "role",
    "position": "role",
    "job title": "role",
    "role title": "role",
    "position title": "role",
}
_SLOT = re.compile(r"^(?:\[\s*([^\[\]]+?)\s*\]|\{\{?\s*([^{}]+?)\s*\}?\}|<\s*([^<>]+?)\s*>)$")


@dataclass(frozen=True)
class Edit:
    """Replace characters ``start:end`` of the note's text with ``text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    """A safe fix for one finding: a title for a menu and the edits that make it."""

    code: str
    title: str
    edits: tuple[Edit, ...]


def offset(source: Source, line: int, column: int) -> int:
    """The character offset of a 1-based line and column in the note's text."""
    start, end = source.line_span(line)
    return min(start + column - 1, end)


def span(source: Source, finding: Finding) -> tuple[int, int]:
    """The finding's characters as offsets into the note's text."""
    loc = finding.location
    return offset(source, loc.line, loc.column), offset(source, loc.end_line, loc.end_column)


def recipients(source: Source, overrides: Mapping[str, Any] | None = None) -> tuple[str, ...]:
    """Whom the note is for: ``--to`` if given, else front matter ``to`` (a name or a list)."""
    value = (overrides or {}).get("to") or source.front_matter.get("to")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


def _joined(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _salutation_fix(
    source: Source, finding: Finding, overrides: Mapping[str, Any] | None
) -> Fix | None:
    names = recipients(source, overrides)
    start, end = span(source, finding)
    greeting = source.text[start:end]
    if not names or "\n" in greeting or not greeting.strip():
        return None
    kept = _KEPT_GREETINGS.match(greeting)
    word = kept.group(1) if kept else "Dear"
    text = f"{word} {_joined(names)}"
    return Fix(finding.code, f'Greet {_joined(names)} by name: "{text}"', (Edit(start, end, text),))


def _line_removal(source: Source, line: int) -> Edit:
    """Remove a whole line; if it stood alone between blank lines, one blank line goes too."""

    def blank(number: int) -> bool:
        return (
            1 <= number <= source.line_count
            and not source.text[slice(*source.line_span(number))].strip()
        )

    start, end = source.line_span(line)
    after = source.text.find("\n", end)
    if after == -1:  # the last line: take the line break before it instead
        return Edit(max(start - 1, 0), end, "")
    if blank(line + 1) and (line == 1 or blank(line - 1)):
        next_break = source.text.find("\n", source.line_span(line + 1)[1])
        if next_break != -1:
            return Edit(start, next_break + 1, "")
    return Edit(start, after + 1, "")


def _slot_filling(source: Source, finding: Finding) -> Fix | None:
    """Fill a company or role slot from the front matter that names them."""
    start, end = span(source, finding)
    slot = _SLOT.match(source.text[start:end])
    if slot is None:
        return None
    words = " ".join(next(g for g in slot.groups() if g).replace("_", " ").lower().split())
    field = _SLOT_FIELDS.get(words)
    value = source.front_matter.get(field) if field else None
    if not isinstance(value, str) or not value.strip():
        return None
    value = " ".join(value.split())
    return Fix(
        finding.code, f'Fill in "{value}" (front matter {field})', (Edit(start, end, value),)
    )


def _placeholder_fix(source: Source, finding: Finding, slots: Iterable[Finding]) -> Fix | None:
    """Fill a slot that the front matter fills, or else remove the finding's line when every
    word on it belongs to an unfilled slot."""
    if filled := _slot_filling(source, finding):
        return filled
    line = finding.location.line
    if finding.location.end_line != line:
        return None
    line_start, line_end = source.line_span(line)
    rest = list(source.text[line_start:line_end])
    for slot in slots:
        if slot.location.line == line == slot.location.end_line:
            start, end = span(source, slot)
            rest[start - line_start : end - line_start] = " " * (end - start)
    if not _LINE_FURNITURE.match("".join(rest)):
        return None
    shown = " ".join(source.text[line_start:line_end].split())
    return Fix(finding.code, f'Remove the unfilled line "{shown}"', (_line_removal(source, line),))


def fix_for(
    source: Source,
    finding: Finding,
    findings: Sequence[Finding] = (),
    overrides: Mapping[str, Any] | None = None,
) -> Fix | None:
    """The safe fix for one finding of ``source``, or None when it has none.

    ``findings`` are all the note's findings (a line of two slots is removed only when both
    are slots); ``overrides`` are the command line's context (``--to``).
    """
    if finding.code == "NL010":
        return _salutation_fix(source, finding, overrides)
    if finding.code == "NL006":
        slots = [f for f in (*findings, finding) if f.code == "NL006"]
        return _placeholder_fix(source, finding, slots)
    return None


def fixes_for(
    source: Source, findings: Sequence[Finding], overrides: Mapping[str, Any] | None = None
) -> list[Fix]:
    """The safe fixes for a note's findings, one per finding that has one."""
    found = (fix_for(source, f, findings, overrides) for f in findings)
    return [fix for fix in found if fix is not None]


def _overlap(one: Edit, other: Edit) -> bool:
    return one == other or (one.start < other.end and other.start < one.end)


def apply(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """The text with the fixes' edits made, and how many fixes were applied.

    Edits are made from the end of the text back, so earlier offsets stay valid; an edit that
    overlaps one already taken is skipped (the same line removed for two slots counts once).
    """
    taken: list[Edit] = []
    applied = 0
    for fix in fixes:
        if any(_overlap(e, t) for e in fix.edits for t in taken):
            if all(e in taken for e in fix.edits):
                applied += 1  # the same edit as another fix's: it is made, once
            continue
        taken.extend(fix.edits)
        applied += 1
    for edit in sorted(set(taken), key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text, applied
