"""What the linter knows of the interview: typed front matter, overridden by CLI flags.

Front matter is user input, so every field is validated here and a wrong type names the field
and its line. Checks read a Context, never the raw front matter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from notelint.errors import NotelintError
from notelint.sources import Source

if TYPE_CHECKING:
    from notelint.pipeline import Nlp

NAME_FIELDS = ("to", "panel")
DATE_FIELDS = ("interviewed", "sent", "written")
TEXT_FIELDS = ("company", "role")
LIST_FIELDS = ("topics",)
#: How the interview went, in the writer's own judgment (``went: badly`` for a rough one).
WENT_VALUES = ("well", "badly")
KNOWN_FIELDS = (*NAME_FIELDS, *DATE_FIELDS, *TEXT_FIELDS, *LIST_FIELDS, "went", "notelint")
_ISO_EXAMPLE = "an ISO date such as 2026-03-02 or 2026-03-02T14:00"


@dataclass(frozen=True)
class Context:
    """The interview as the note's author described it; every field optional."""

    to: tuple[str, ...] = ()
    panel: tuple[str, ...] = ()
    company: str | None = None
    role: str | None = None
    interviewed: dt.datetime | None = None
    sent: dt.datetime | None = None
    written: dt.datetime | None = None
    topics: tuple[str, ...] = ()
    went: str | None = None
    ignore: tuple[str, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)
    now: dt.datetime | None = None

    def line_of(self, key: str) -> int | None:
        """The front matter line of a field, for findings about it."""
        return self.lines.get(key)

    def dated_before_interview(self) -> bool:
        """``written`` or ``sent`` is earlier than ``interviewed``: a note drafted in advance.

        Such a note cannot build on the conversation, whatever it says (NL002), and its
        future-tense talk of the meeting is evidence rather than a guess (NL003).
        """
        if self.interviewed is None:
            return False
        dates = [d for d in (self.written, self.sent) if d is not None]
        return any(is_before(d, self.interviewed) for d in dates)


def is_bare_date(value: dt.datetime) -> bool:
    """Midnight: how a date without a time ("2026-03-02") reads once parsed."""
    return (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0)


def is_before(when: dt.datetime, interviewed: dt.datetime) -> bool:
    """Earlier than the interview; a bare date is compared by day only."""
    if is_bare_date(when) or is_bare_date(interviewed):
        return when.date() < interviewed.date()
    return when < interviewed


def parse_datetime(value: Any) -> dt.datetime:
    """Accept YAML dates and datetimes and ISO strings, with or without a zone.

    Zone-less values are taken as UTC: a note's dates are compared with each other, so a
    consistent assumption matters more than the true zone.
    """
    if isinstance(value, dt.datetime):
        result = value
    elif isinstance(value, dt.date):
        result = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip().replace(" ", "T", 1)
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            result = dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"expected {_ISO_EXAMPLE}, got {value!r}") from None
    else:
        raise ValueError(f"expected {_ISO_EXAMPLE}, got {type(value).__name__}")
    return result if result.tzinfo else result.replace(tzinfo=dt.timezone.utc)


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise ValueError("expected a name or a list of names")


def _text(value: Any) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    raise ValueError("expected text")


def _went(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() in WENT_VALUES:
        return value.strip().lower()
    raise ValueError(f"expected one of {', '.join(WENT_VALUES)}")


def _ignore(value: Any) -> tuple[str, ...]:
    if not isinstance(value, dict) or set(value) - {"ignore"}:
        raise ValueError("expected {ignore: [CODE, ...]}")
    codes = value.get("ignore", [])
    if isinstance(codes, str):
        codes = [codes]
    if not isinstance(codes, list) or not all(isinstance(c, str) and c.strip() for c in codes):
        raise ValueError("expected ignore to be a list of codes such as NL006")
    return tuple(dict.fromkeys(code for c in codes for code in _ignored_codes(c.strip())))


def _ignored_codes(selector: str) -> list[str]:
    """Codes for one ``ignore`` entry, read leniently (see ``registry.resolve``); a name
    nobody has is a typo and an error."""
    from notelint.registry import resolve  # lazily: it imports the checks

    codes = resolve(selector, lenient=True)
    if not codes:
        raise ValueError(f"unknown check {selector!r} in ignore")
    return codes


def with_interview_topics(overrides: Mapping[str, Any], nlp: Nlp) -> dict[str, Any]:
    """The overrides with ``context`` (free-text notes from the interview, ``--context FILE``)
    turned into topics: their key phrases stand in for front matter ``topics``."""
    from notelint.keyphrases import extract

    result = dict(overrides)
    if interview_notes := result.pop("context", None):
        result["topics"] = [*result.get("topics", ()), *extract(nlp(interview_notes))]
    return result


def build_context(
    source: Source, overrides: Mapping[str, Any] | None = None, now: dt.datetime | None = None
) -> Context:
    """Type-check the front matter, then apply CLI overrides (flags win over the file)."""
    values: dict[str, Any] = {}
    raw = {**source.front_matter, **{k: v for k, v in (overrides or {}).items() if v}}
    for key, value in raw.items():
        if value is None:
            continue
        line = source.front_matter_lines.get(key)
        if overrides and overrides.get(key):
            field_name = f"--{key}"
        else:
            field_name = f"front matter field '{key}'" + (f" (line {line})" if line else "")
        try:
            if key in NAME_FIELDS:
                values[key] = _names(value)
            elif key in DATE_FIELDS:
                values[key] = parse_datetime(value)
            elif key in TEXT_FIELDS:
                values[key] = _text(value) or None
            elif key in LIST_FIELDS:
                values[key] = _names(value)
            elif key == "went":
                values[key] = _went(value)
            elif key == "notelint":
                values["ignore"] = _ignore(value)
        except ValueError as exc:
            raise NotelintError(f"{field_name}: {exc}", path=source.path) from None
    return Context(**values, lines=dict(source.front_matter_lines), now=now)
