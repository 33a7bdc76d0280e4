"""Rule kinds as data, in the spirit of Vale's ``existence``/``occurrence`` rules.

Most advice has one of four shapes, so a check whose advice fits writes a ``rules.yml`` beside
its ``check.py`` instead of code; its class derives from ``RuleCheck`` and carries only the
metadata and docs. Each rule is a mapping:

``kind``
    ``existence`` (a phrase that should not be there: one finding per match),
    ``co-occurrence`` (a ``phrases`` match and a ``with`` match in one sentence: an apology and
    a failure, a request and a deadline; the finding covers both),
    ``occurrence`` (more than ``max`` matches in the note: one finding at the first one past
    the limit) or ``absence`` (no sentence matches: one finding on the body's first line).
``phrases`` / ``with``
    a list in the word-list syntax (see ``matching``), or ``file:NAME`` for the check's
    ``data/NAME.txt``; ``option: extra-…`` names the option that extends ``phrases``.
``attr``
    the token attribute matched: ``LOWER`` (default), ``NORM`` or ``LEMMA``.
``exceptions``
    phrases (same syntax) that cancel a match they overlap: "gift" but not "gift for".
``max`` / ``max-option``
    for ``occurrence``: the limit, or the option holding it.
``name``
    how the check's hooks tell its rules apart.
``message`` / ``suggestion``
    the finding's text; ``{quote}`` is the matched words, ``{quotes}`` every match quoted,
    ``{count}`` how many there were.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from notelint.errors import NotelintError
from notelint.matching import (
    WordList,
    load_data,
    matched_spans,
    parse_terms,
    phrase_matcher,
    read_word_list,
)
from notelint.registry import Check

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Span

    from notelint.findings import Finding
    from notelint.note import Note

KINDS = ("existence", "co-occurrence", "occurrence", "absence")


@dataclass
class Rule:
    """One rule of a check, with its matchers built for the process's pipeline."""

    kind: str
    name: str
    phrases: PhraseMatcher
    exceptions: PhraseMatcher | None
    companions: PhraseMatcher | None
    limit: int
    message: str
    suggestion: str

    def matches(self, sentence: Span) -> list[Span]:
        """``phrases`` matches in a sentence that no exception overlaps."""
        found = matched_spans(self.phrases, sentence)
        if self.exceptions is None or not found:
            return found
        cancelled = {t.i for span in matched_spans(self.exceptions, sentence) for t in span}
        return [s for s in found if cancelled.isdisjoint(range(s.start, s.end))]


class RuleCheck(Check):
    """A check whose findings come from the rules in its folder's ``rules.yml``."""

    def setup(self) -> None:
        path = self.folder / "rules.yml"
        data = load_data(path) or {}
        self.rules = [
            self._build(spec, f"{path}: rule {i + 1}")
            for i, spec in enumerate(data.get("rules", []))
        ]

    def check(self, note: Note) -> Iterator[Finding]:
        for rule in self.rules:
            yield from getattr(self, "_" + rule.kind.replace("-", "_"))(rule, note)

    # -- hooks: where a rule needs judgment no phrase list expresses (kept small) -----------

    def keep(self, rule: Rule, span: Span, note: Note) -> bool:
        """Whether a match counts."""
        return True

    def widen(self, rule: Rule, span: Span, sentence: Span) -> Span:
        """The words a counted match quotes ("thank" widened to "thank you again")."""
        return span

    def severe(self, rule: Rule, span: Span) -> bool:
        """Whether one match is enough for an ``occurrence`` rule ("truly amazing")."""
        return False

    # -- the kinds ---------------------------------------------------------------------------

    def _matches(self, rule: Rule, note: Note) -> list[Span]:
        return [
            self.widen(rule, span, sentence)
            for sentence in note.body_sentences()
            for span in rule.matches(sentence)
            if self.keep(rule, span, note)
        ]

    def _existence(self, rule: Rule, note: Note) -> Iterator[Finding]:
        for span in self._matches(rule, note):
            yield self._finding(rule, note, span, [span])

    def _co_occurrence(self, rule: Rule, note: Note) -> Iterator[Finding]:
        assert rule.companions is not None
        for sentence in note.body_sentences():
            first = [s for s in rule.matches(sentence) if self.keep(rule, s, note)]
            second = matched_spans(rule.companions, sentence)
            if first and second:
                start = min(first[0].start, second[0].start)
                end = max(first[0].end, second[0].end)
                yield self._finding(rule, note, sentence.doc[start:end], [first[0], second[0]])

    def _occurrence(self, rule: Rule, note: Note) -> Iterator[Finding]:
        found = self._matches(rule, note)
        severe = [span for span in found if self.severe(rule, span)]
        if severe or len(found) > rule.limit:
            anchor = severe[0] if severe else found[rule.limit]
            yield self._finding(rule, note, anchor, found)

    def _absence(self, rule: Rule, note: Note) -> Iterator[Finding]:
        if not self._matches(rule, note):
            start, end = note.source.line_span(note.source.position(note.layout.body[0])[0])
            yield self.finding(note, start, end, rule.message, rule.suggestion)

    def _finding(self, rule: Rule, note: Note, span: Span, spans: list[Span]) -> Finding:
        values = {
            "quote": " ".join(span.text.split()),
            "quotes": ", ".join(f'"{" ".join(s.text.split())}"' for s in spans),
            "count": len(spans),
        }
        return self.finding(
            note,
            span.start_char,
            span.end_char,
            rule.message.format(**values),
            rule.suggestion.format(**values),
        )

    # -- building ----------------------------------------------------------------------------

    def _build(self, spec: Mapping[str, Any], where: str) -> Rule:
        kind = spec.get("kind")
        if kind not in KINDS:
            raise NotelintError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
        attr = str(spec.get("attr", "LOWER")).upper()
        listed = self._phrases(spec.get("phrases"), where)
        extra = parse_terms(self.options[spec["option"]]) if spec.get("option") else WordList(())
        phrases = [*listed.phrases, *extra.phrases]
        if not phrases:
            raise NotelintError(f"{where}: no phrases")
        exceptions = [
            *listed.exceptions,
            *extra.exceptions,
            *self._phrases(spec.get("exceptions"), where).phrases,
        ]
        companions = self._phrases(spec.get("with"), where).phrases
        if kind == "co-occurrence" and not companions:
            raise NotelintError(f"{where}: a co-occurrence rule needs `with` phrases")
        limit = spec.get("max", self.options.get(spec.get("max-option", ""), 0))
        return Rule(
            kind=kind,
            name=str(spec.get("name", kind)),
            phrases=phrase_matcher(self.nlp, phrases, attr=attr),
            exceptions=phrase_matcher(self.nlp, exceptions, attr=attr) if exceptions else None,
            companions=phrase_matcher(self.nlp, companions, attr=attr) if companions else None,
            limit=int(limit),
            message=str(spec.get("message", f"{self.name}: {{quote}}")),
            suggestion=str(spec.get("suggestion", "")),
        )

    def _phrases(self, value: Any, where: str) -> WordList:
        """A rule's phrase list: inline (word-list syntax) or ``file:NAME`` in ``data/``."""
        if value is None:
            return WordList(())
        if isinstance(value, str) and value.startswith("file:"):
            return read_word_list(self.folder / "data" / f"{value[5:]}.txt")
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return parse_terms(value)
        raise NotelintError(f"{where}: phrases must be a list of strings or file:NAME")
