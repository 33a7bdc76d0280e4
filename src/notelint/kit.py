"""Everything a check imports, and the only module of notelint a check imports.

A check is written against this one surface, so the engine's modules can change behind it and
checks never import each other: what two checks share lives here (or in the modules this
re-exports). It gathers:

- the check's shape: ``Check`` and ``SetCheck`` (metadata, ``setup``, ``check``, ``finding``,
  ``softened`` severity, the check's own word lists), ``Finding``, ``Severity``, ``location``;
- the note and its views: ``Note`` (body sentences, front matter spans), the salutation, the
  specificity model's content sentences and words, and ``window`` for tokens around a span;
- matcher builders over word lists: ``phrase_matcher``, ``GatedMatcher``, ``matched_spans``;
- the rule kinds (``rules``): existence, co-occurrence, occurrence and absence, read from a
  check's ``rules.yml``;
- the shared vocabulary as data (``vocabulary``: greetings, titles, months, weekdays, modals,
  stock words) and the word-list syntax (``parse_terms``, ``expand``).
"""

from __future__ import annotations

from notelint.context import Context, is_bare_date, is_before
from notelint.errors import NotelintError
from notelint.findings import Finding, Location, Severity
from notelint.lookup_lemmas import lemma_table
from notelint.matching import (
    GATE_ATTRS,
    GatedMatcher,
    GroupedMatcher,
    PatternData,
    expand,
    lemmas,
    lemmatized,
    load_data,
    matched_spans,
    parse_terms,
    phrase_matcher,
    read_patterns,
    vocabulary,
    with_capitals,
    word_ids,
    word_matcher,
)
from notelint.note import Note, doc_sentences, doc_text
from notelint.registry import Check, Collected, SetCheck, location
from notelint.rules import Rule, RuleCheck
from notelint.salutation import (
    GREETINGS,
    GROUP_WORDS,
    TITLES,
    Name,
    bare_name_line,
    company_words,
    generic_addressees,
    greeted_names,
    person_words,
    salutation_span,
)
from notelint.sides import Sides
from notelint.slots import SlotFinder, default_finder, slot_spans
from notelint.specificity import (
    SPECIFIC_SENTENCE,
    WEAK,
    Specificity,
    Words,
    content_sentences,
    conversation_cues,
    phrase_variants,
    slot_tokens,
    words,
)
from notelint.views import describes_next, window

__all__ = [
    "GATE_ATTRS",
    "GREETINGS",
    "GROUP_WORDS",
    "SPECIFIC_SENTENCE",
    "TITLES",
    "WEAK",
    "Check",
    "Collected",
    "Context",
    "Finding",
    "GatedMatcher",
    "GroupedMatcher",
    "Location",
    "Name",
    "Note",
    "NotelintError",
    "PatternData",
    "Rule",
    "RuleCheck",
    "SetCheck",
    "Severity",
    "Sides",
    "SlotFinder",
    "Specificity",
    "Words",
    "bare_name_line",
    "company_words",
    "content_sentences",
    "conversation_cues",
    "default_finder",
    "describes_next",
    "doc_sentences",
    "doc_text",
    "expand",
    "generic_addressees",
    "greeted_names",
    "is_bare_date",
    "is_before",
    "lemma_table",
    "lemmas",
    "lemmatized",
    "load_data",
    "location",
    "matched_spans",
    "parse_terms",
    "person_words",
    "phrase_matcher",
    "phrase_variants",
    "read_patterns",
    "salutation_span",
    "slot_spans",
    "slot_tokens",
    "vocabulary",
    "window",
    "with_capitals",
    "word_ids",
    "word_matcher",
    "words",
]
