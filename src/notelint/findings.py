"""The values a run produces: severities, located findings, and the report of a whole run."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notelint.errors import NotelintError
    from notelint.scoring import ScorePart


class Severity(str, Enum):
    """How much a finding matters; the order of the members is their rank, lowest first."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            allowed = ", ".join(s.value for s in cls)
            raise ValueError(f"{value!r} is not a severity (expected one of {allowed})") from None


@dataclass(frozen=True)
class Location:
    """A 1-based span in a file: where a finding, or a related copy, sits."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Finding:
    """One problem in one note, pointing at the words that caused it.

    ``quote`` is the text of the span; baselines match on it instead of on line numbers, which
    shift as a note is edited. ``related`` lists other places involved (the other panel copies).
    ``folded`` holds findings of the same fault that this one implies and replaces (a generic
    note has no reference and no fit: one finding, not three).
    """

    code: str
    name: str
    severity: Severity
    location: Location
    message: str
    suggestion: str
    quote: str = ""
    related: tuple[Location, ...] = field(default=())
    folded: tuple[Finding, ...] = field(default=())

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column


@dataclass(frozen=True)
class FileResult:
    """The outcome for one note: its findings, sorted by position, and its score.

    ``text`` is the note as read, so a report can show the findings in place (``--format
    html``); the other formats leave it out.
    """

    path: str
    findings: tuple[Finding, ...]
    score: int
    score_parts: tuple[ScorePart, ...]
    text: str = field(default="", repr=False, compare=False)


@dataclass(frozen=True)
class Report:
    """A whole run: results for the notes that could be read, errors for those that could not."""

    results: tuple[FileResult, ...]
    errors: tuple[NotelintError, ...] = ()
