"""NL010 generic-salutation: the note greets a role or a group instead of a person."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from notelint.kit import (
    GREETINGS,
    GROUP_WORDS,
    Check,
    Severity,
    company_words,
    doc_text,
    generic_addressees,
    matched_spans,
    salutation_span,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from notelint.kit import Finding, Note


#: Glue between addressees: "Dear members of the hiring team", "Hi all at Larkspur".
_FILLERS = {"and", "or", "&", "/", "the", "of", "my", "at", "from", "members", "dear"}


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

    def setup(self) -> None:
        self.generic = generic_addressees(self.nlp, self.options["extra-salutations"])

    def check(self, note: Note) -> Iterator[Finding]:
        span = salutation_span(note)
        if span is None or _greets_recipient(span, note.context.to):
            return
        if not self._is_generic(span, company_words(note)):
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
        return self.softened(not (note.context.to or note.context.panel))

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


def _greets_recipient(span: Span, recipients: tuple[str, ...]) -> bool:
    """The greeting names whom the front matter says the note is for: "Dear Search
    Committee," to `to: Search Committee` greets its reader, not a role."""
    greeted = {t.lower_ for t in span if t.is_alpha}
    return any(
        (names := {w.lower() for w in re.findall(r"[^\W\d_]+", recipient)}) and names <= greeted
        for recipient in recipients
    )


def _own_line(span: Span) -> bool:
    """Whether the salutation is the whole of its line."""
    text = doc_text(span.doc)
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
