"""What a check is, and how the engine finds them all.

A check is a class in a module of ``notelint.checks``: its metadata are class attributes and its
docstring is its documentation (``notelint explain`` prints it, so docs cannot drift from code).
A check builds its matchers once, in ``setup``, for the process's one pipeline.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from notelint.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from spacy.language import Language

    from notelint.note import Note


class Check:
    """Base class of every check. Subclasses set the metadata and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str]
    #: Option names (as written in configuration) and their defaults.
    defaults: ClassVar[Mapping[str, Any]] = {}

    def __init__(
        self,
        nlp: Language,
        options: Mapping[str, Any] | None = None,
        severity: Severity | None = None,
    ) -> None:
        self.nlp = nlp
        self.options: dict[str, Any] = {**self.defaults, **(options or {})}
        self.effective_severity = severity or type(self).severity
        self.setup()

    def setup(self) -> None:
        """Build matchers and word lists; runs once per process."""

    def word_list(self, data: str, option: str) -> list[str]:
        """A word list shipped in ``checks/data/<data>.txt``, extended by its ``extra-*`` option.

        Word lists are data so that configuration can extend them without code, as Vale's
        styles do.
        """
        from notelint.matching import load_terms

        return [*load_terms(data), *self.options[option]]

    def check(self, note: Note) -> Iterable[Finding]:
        """Findings for one note."""
        return ()

    @classmethod
    def documentation(cls) -> str:
        """The check's docstring: what it detects, why, and an example with its fix."""
        return inspect.cleandoc(cls.__doc__ or "")

    def finding(
        self,
        note: Note,
        start: int,
        end: int,
        message: str,
        suggestion: str,
        related: Sequence[Location] = (),
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this check on characters ``start:end`` of the note.

        ``severity`` lets a check grade one finding below its default (a generic salutation
        matters less when the recipient's name is unknown); None means the effective severity.
        """
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.effective_severity,
            location=location(note, start, end),
            message=message,
            suggestion=suggestion,
            quote=" ".join(note.source.text[start:end].split()),
            related=tuple(related),
        )


class SetCheck(Check):
    """A check over all the notes of a run at once (copies across a panel)."""

    def check_set(self, notes: Sequence[Note]) -> Iterable[Finding]:
        return ()


def location(note: Note, start: int, end: int) -> Location:
    """The 1-based line:column span of characters ``start:end`` of a note."""
    line, column = note.source.position(start)
    end_line, end_column = note.source.position(max(start, end))
    return Location(note.path, line, column, end_line, end_column)


@cache
def all_checks() -> tuple[type[Check], ...]:
    """Every check shipped in ``notelint.checks``, sorted by code."""
    import notelint.checks as package

    found: list[type[Check]] = []
    for module_info in pkgutil.iter_modules(package.__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        found.extend(
            obj
            for obj in vars(module).values()
            if inspect.isclass(obj)
            and issubclass(obj, Check)
            and obj.__module__ == module.__name__
            and hasattr(obj, "code")
        )
    return tuple(sorted(found, key=lambda c: c.code))


def checks_by_code() -> dict[str, type[Check]]:
    return {c.code: c for c in all_checks()}


def iter_codes(selectors: Iterable[str]) -> Iterator[str]:
    """Expand selectors (``NL004``, ``NL00``, ``ALL``, or a check name) to known codes."""
    by_code = checks_by_code()
    by_name = {c.name: c.code for c in by_code.values()}
    for selector in selectors:
        key = selector.strip()
        if key.upper() == "ALL":
            yield from by_code
        elif key in by_name:
            yield by_name[key]
        else:
            matched = [code for code in by_code if code.startswith(key.upper())]
            if not matched:
                raise KeyError(key)
            yield from matched
