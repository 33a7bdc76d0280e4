"""NL006 template-placeholder: a template slot or filler left unfilled in the note."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from notelint.kit import Check, SlotFinder, default_finder, parse_terms

if TYPE_CHECKING:
    from notelint.kit import Context, Finding, Note


class TemplatePlaceholder(Check):
    """Flags template slots and filler left unfilled in a note.

    What it does:
        Finds mail-merge and template slots that were never filled in: "[Company]", "[Your
        Name]", "{name}", "{{company}}", "<Interviewer Name>", "%NAME%", "$firstName",
        "*|FNAME|*", "<<Company>>", named slots without brackets ("Company Name", "Your
        Name", "First Last", "Job Title"), stand-in names ("ABC Corp", "XYZ Clinic", "Mr.
        Interviewer"), "Mr./Ms. ___", XX/YY
        stand-ins ("my XX and YY skills"; not karyotypes such as "XX versus XO mouse cells" or
        "XX/XY"), filler such as "suchandsuch", "blah blah" and "lorem ipsum", reminders such as
        "[insert project here]" or "TODO", and "TBD" used as a slot. Filler the writer quotes or
        reports as something seen ('the tooltip still shows lorem ipsum', 'a "TODO" string in
        the credits') is a mention, not a slot. Markdown links and footnotes ("[text](url)",
        "[1]", "[^1]"), checkboxes, e-mail addresses and URLs in angle brackets, HTML tags,
        "C++/C#", model codes such as "XX-200", sizes such as "XXL" and Roman numerals ("Super
        Bowl XXX") are not slots. Fenced code and HTML comments are not read.

    Why is this bad?:
        A slot left in the note proves it came from a template, or was written before the
        interview with the specifics to be filled in later. The advice on follow-up notes is
        that their whole value is in being specific to the conversation; an unfilled "[Company]"
        tells the interviewer the opposite, and is usually the one thing they remember.

    Example:
        I believe my XX and YY skills would be a real asset to [Company].

    Use instead:
        I believe the two years I spent rebuilding Norcross's returns process would help with
        the backlog you described at Larkspur.

    Options:
        extra-patterns: more regular expressions whose matches are slots (for a house template
            style, e.g. "##[A-Z]+##").
        extra-words: more placeholder words or phrases (matched as whole words; an entry with
            capitals is matched case-sensitively).

        Template collections can switch the check off in configuration, or per note with
        front matter `notelint: {ignore: [NL006]}`.
    """

    def setup(self) -> None:
        words, patterns = self.options["extra-words"], self.options["extra-patterns"]
        self.finder = (
            SlotFinder(parse_terms(words).phrases, patterns)
            if words or patterns
            else default_finder()
        )

    def check(self, note: Note) -> Iterator[Finding]:
        text = note.source.lint_text
        for slot in self.finder.find(text):
            quoted = " ".join(text[slot.start : slot.end].split())
            yield self.finding(
                note,
                slot.start,
                slot.end,
                _message(slot.kind, quoted),
                _suggestion(slot.kind, quoted, note.context),
            )


def _message(kind: str, quoted: str) -> str:
    return {
        "slot": f'unfilled template slot: "{quoted}"',
        "stand-in": f'stand-in left where a real detail belongs: "{quoted}"',
        "filler": f'filler text left in the note: "{quoted}"',
        "reminder": f'a reminder to yourself is still in the note: "{quoted}"',
    }[kind]


def _suggestion(kind: str, quoted: str, context: Context) -> str:
    lowered = quoted.lower()
    if kind == "slot" and "company" in lowered and context.company:
        return f'Replace "{quoted}" with "{context.company}".'
    names = context.to or context.panel
    if kind == "slot" and "name" in lowered and "your" not in lowered and len(names) == 1:
        return f'Replace "{quoted}" with "{names[0]}".'
    if kind == "slot" and "your" in lowered and "name" in lowered:
        return f'Replace "{quoted}" with your own name.'
    if kind == "filler":
        return (
            f'Delete "{quoted}" and write the point itself: something specific from the '
            "interview and what you would do about it."
        )
    return (
        f'Replace "{quoted}" with the real detail (the name, project or skill it stands for), '
        "taken from the interview, or delete the sentence before sending."
    )
