"""The body of ``POST /api/lint``, checked before anything is linted.

A wrong type or an unknown field is the caller's mistake and gets a 422 that names it, so a
tool calling the API learns what to fix; the linter itself only ever sees valid values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from notelint.context import DATE_FIELDS, WENT_VALUES, parse_datetime
from notelint.sources import MAX_CHARS

#: Context fields the API takes, as front matter names them.
TEXT_FIELDS = ("company", "role")
NAMES_FIELDS = ("to", "panel", "topics")
CONTEXT_FIELDS = (*NAMES_FIELDS, *TEXT_FIELDS, *DATE_FIELDS, "went")
TOP_FIELDS = ("text", "context", "path")


class BadRequest(ValueError):
    """A request the API refuses, with the status to answer and a message for the caller."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class LintRequest:
    """A validated request: the note's text, its context overrides and the name to show."""

    text: str
    context: dict[str, Any] = field(default_factory=dict)
    path: str = "<page>"


def _unicode(name: str, value: str) -> str:
    """The string, if it is valid Unicode: JSON's ``\\ud800`` escapes can carry a lone
    surrogate, which a note read from a file never holds and the checks cannot encode."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadRequest(f"{name} is not valid Unicode (a lone surrogate)") from None
    return value


def _names(key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [_unicode(f"context.{key}", value)]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [_unicode(f"context.{key}", v) for v in value]
    raise BadRequest(f"context.{key} must be a string or a list of strings")


def _context(raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise BadRequest("'context' must be an object")
    context: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in CONTEXT_FIELDS:
            raise BadRequest(
                f"unknown context field {key!r} (expected one of {', '.join(CONTEXT_FIELDS)})"
            )
        if value is None or value == "" or value == []:
            continue
        if key in NAMES_FIELDS:
            context[key] = _names(key, value)
            continue
        if not isinstance(value, str):
            raise BadRequest(f"context.{key} must be a string")
        if key in DATE_FIELDS:
            try:
                parse_datetime(value)
            except ValueError as exc:
                raise BadRequest(f"context.{key}: {exc}") from None
        elif key == "went" and value not in WENT_VALUES:
            raise BadRequest(f"context.went must be one of {', '.join(WENT_VALUES)}")
        context[key] = _unicode(f"context.{key}", value)
    return context


def parse_request(body: Any) -> LintRequest:
    """Check a decoded JSON body: ``{"text": str, "context": {...}, "path": str}``."""
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object with a 'text' string")
    unknown = sorted(set(body) - set(TOP_FIELDS))
    if unknown:
        raise BadRequest(f"unknown field {unknown[0]!r} (expected text, context, path)")
    text = body.get("text")
    if not isinstance(text, str):
        raise BadRequest("'text' must be a string (the note)")
    if not text.strip():
        raise BadRequest("'text' is empty")
    _unicode("'text'", text)
    if len(text) > MAX_CHARS:
        raise BadRequest(f"'text' is longer than {MAX_CHARS:,} characters", status=413)
    path = body.get("path", "<page>")
    if not isinstance(path, str) or not path.strip():
        raise BadRequest("'path' must be a non-empty string")
    _unicode("'path'", path)
    return LintRequest(text, _context(body.get("context")), path)
