"""NL010 generic-salutation: the note greets a role or a group instead of a person."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from notelint.findings import Severity
from notelint.matching import load_terms, matched_spans, phrase_matcher
from notelint.registry import Check

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Span, Token

    from notelint.findings import Finding
    from notelint.note import Note

#: Words that open a salutation; "to" opens "To whom it may concern".
GREETINGS = {
    "dear", "hi", "hello", "hey", "hiya", "greetings", "good", "morning", "afternoon",
    "evening", "to",
}  # fmt: skip
#: Words that open a greeting at the start of a note's first line.
_OPENERS = {"dear", "hi", "hello", "hey", "hiya", "greetings", "good"}
#: Glue between addressees: "Dear members of the hiring team", "Hi all at Larkspur".
_FILLERS = {"and", "or", "&", "/", "the", "of", "my", "at", "from", "members", "dear"}
#: Group nouns: a capitalised word right before one names an organisation, not a person.
GROUP_WORDS = {"team", "crew", "folks", "family", "panel", "committee", "department", "people"}


def salutation_span(note: Note) -> Span | None:
    """The salutation as a span of the doc, or None when the note has none.

    The layout finds the usual shapes; a greeting that runs into the first sentence with a
    lower-case or long addressee ("Hi team, thanks for…", "Dear hiring panel members Ana and
    Raj,") is found here: a greeting word, then up to eight words, then a comma.
    """
    if note.layout.salutation is not None:
        start, end = note.layout.salutation
        return note.doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in note.doc if not t.is_space and t.idx >= note.layout.body[0]][:10]
    if not words or words[0].lower_ not in _OPENERS:
        return None
    for token in words[1:]:
        if token.text in {",", ":", "!", "—", "–"}:
            return note.doc[words[0].i : token.i]
        if "\n" in token.whitespace_ or token.is_sent_start:
            return None
    return None


def generic_matcher(check: Check) -> PhraseMatcher:
    """Role and group addressees ('hiring manager', 'team'), from data plus the option."""
    terms = [*load_terms("salutations_generic"), *check.options.get("extra-salutations", [])]
    return phrase_matcher(check.nlp, terms, attr="LOWER")


def company_words(note: Note) -> set[str]:
    """Lower-case words of the front matter company, which greet a group, not a person."""
    return {w.lower() for w in (note.context.company or "").split()}


class GenericSalutation(Check):
    """Flags a salutation that greets a role or a group instead of a person.

    What it does:
        Reads the salutation line ("Dear …", "Hi …", "To whom it may concern") and fires
        when it names no one: "Dear Hiring Manager", "Dear Sir or Madam", "Hi team",
        "Hello all", "Dear Recruiter", or a bare "Greetings". A salutation that names anyone
        ("Hi Sam and team", "Dear Dr. Raman") is fine. It is a warning when the front matter
        says who the note is for (`to` or `panel`), and information otherwise.

    Why is this bad?
        A follow-up note comes after a conversation with real people: the writer knows, or
        can find out, the interviewer's name. A role or "To whom it may concern" reads like
        a template sent to anyone, which is exactly what the advice says a note must not be.

    Example:
        Dear Hiring Manager,

    Use instead:
        Dear Ms. Marsh,

    Options:
        extra-salutations: more role or group addressees to treat as generic (lower case).
    """

    code = "NL010"
    name = "generic-salutation"
    summary = "The salutation greets a role or a group instead of the interviewer by name."
    defaults: ClassVar[dict[str, Any]] = {"extra-salutations": []}

    def setup(self) -> None:
        self.generic = generic_matcher(self)

    def check(self, note: Note) -> Iterator[Finding]:
        span = salutation_span(note)
        if span is None or not self._is_generic(span, company_words(note)):
            return
        words = [t for t in span if not (t.is_punct or t.is_space) or t.text == "/"]
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        quoted = note.source.text[start:end]
        yield self.finding(
            note,
            start,
            end,
            f'generic salutation "{quoted}" names no one',
            self._suggestion(note),
            severity=self._severity(note),
        )

    def _is_generic(self, span: Span, company: set[str]) -> bool:
        """True when every word after the greeting is a role, a group or glue."""
        covered = {t.i for match in matched_spans(self.generic, span) for t in match}
        words = [t for t in span if not (t.is_punct or t.is_space)]
        while words and words[0].lower_ in GREETINGS and words[0].i not in covered:
            words.pop(0)
        if not words and not _own_line(span):
            return False  # "Hello, I wanted to…": an opening word, not a salutation line
        return all(
            t.i in covered
            or t.lower_ in _FILLERS
            or t.lower_ in company
            or _names_group(t, span)
            or _names_owner(t, covered)
            for t in words
        )

    def _severity(self, note: Note) -> Severity:
        """Warning when the recipient is known, information when the writer may not know."""
        if self.effective_severity != type(self).severity:
            return self.effective_severity
        known = note.context.to or note.context.panel
        return self.effective_severity if known else Severity.INFO

    @staticmethod
    def _suggestion(note: Note) -> str:
        if note.context.to:
            first = note.context.to[0].split()
            return f'Greet {note.context.to[0]} by name: "Dear {first[0]}," or a title and surname.'
        if note.context.panel:
            names = ", ".join(p.split()[0] for p in note.context.panel)
            return f"Greet the panel by name ({names}), or better, write each panelist a note."
        return (
            "Use the interviewer's name (from the invitation email or the company's site): "
            '"Dear Ms. Marsh," or "Hi Priya,".'
        )


def _own_line(span: Span) -> bool:
    """Whether the salutation is the whole of its line."""
    text = span.doc.text
    end = text.find("\n", span.end_char)
    return not text[span.end_char : end if end != -1 else len(text)].strip()


def _names_owner(token: Token, covered: set[int]) -> bool:
    """A capitalised word right before a role or group: 'Harbourline search committee'."""
    return token.is_title and token.i + 1 in covered


def _names_group(token: Token, span: Span) -> bool:
    """A capitalised word that belongs to a group name: 'Larkspur team', 'all at Larkspur'."""
    if not token.is_title:
        return False
    after = token.i + 1
    while after < span.end and span.doc[after].is_title:
        if span.doc[after].lower_ in GROUP_WORDS:
            return True
        after += 1
    if after < span.end and span.doc[after].lower_ in GROUP_WORDS:
        return True
    before = token.i - 1
    while before >= span.start and span.doc[before].is_title:
        before -= 1
    return before >= span.start and span.doc[before].lower_ in {"at", "of", "from"}
