"""context: typed front matter, wrong types named with their line, CLI overrides."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from notelint.context import Context, build_context, parse_datetime
from notelint.errors import NotelintError
from notelint.sources import parse

UTC = dt.timezone.utc


def _context(front_matter: str, overrides: dict[str, Any] | None = None) -> Context:
    source = parse(f"---\n{front_matter}---\nHi Jo,\nThanks for today.\n", "note.md")
    return build_context(source, overrides)


def _error(front_matter: str, overrides: dict[str, Any] | None = None) -> str:
    with pytest.raises(NotelintError) as info:
        _context(front_matter, overrides)
    return str(info.value)


def test_every_field_typed() -> None:
    context = _context(
        "to: Ms. Okafor\n"
        "panel: [Ms. Okafor, Tom Reyes]\n"
        "company: Larkspur Analytics\n"
        "role: Data Engineer\n"
        "interviewed: 2026-03-02T14:00\n"
        "sent: 2026-03-02T19:30:00+02:00\n"
        "written: 2026-03-02\n"
        "topics: [batch migration, on-call rotation]\n"
        "notelint: {ignore: [NL004]}\n"
    )
    assert context.to == ("Ms. Okafor",)
    assert context.panel == ("Ms. Okafor", "Tom Reyes")
    assert context.company == "Larkspur Analytics"
    assert context.role == "Data Engineer"
    assert context.interviewed == dt.datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
    assert context.sent == dt.datetime(
        2026, 3, 2, 19, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )
    assert context.written == dt.datetime(2026, 3, 2, tzinfo=UTC)
    assert context.topics == ("batch migration", "on-call rotation")
    assert context.ignore == ("NL004",)
    assert context.line_of("interviewed") == 6
    assert context.line_of("topics") == 9
    assert context.line_of("missing") is None


def test_no_front_matter_is_an_empty_context() -> None:
    context = build_context(parse("Hi Jo,\nThanks.\n", "n.txt"))
    assert context == Context(lines={})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-02", dt.datetime(2026, 3, 2, tzinfo=UTC)),
        ("2026-03-02T14:00", dt.datetime(2026, 3, 2, 14, tzinfo=UTC)),
        ("2026-03-02 14:00", dt.datetime(2026, 3, 2, 14, tzinfo=UTC)),
        ("2026-03-02T14:00Z", dt.datetime(2026, 3, 2, 14, tzinfo=UTC)),
        (
            "2026-03-02T14:00-05:00",
            dt.datetime(2026, 3, 2, 14, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        ),
        (dt.date(2026, 3, 2), dt.datetime(2026, 3, 2, tzinfo=UTC)),
        (dt.datetime(2026, 3, 2, 9), dt.datetime(2026, 3, 2, 9, tzinfo=UTC)),
    ],
)
def test_parse_datetime(value: Any, expected: dt.datetime) -> None:
    result = parse_datetime(value)
    assert result == expected
    assert result.tzinfo is not None


def test_dates_compare_across_zones() -> None:
    context = _context("interviewed: 2026-03-02T14:00-05:00\nsent: 2026-03-02T18:30Z\n")
    assert context.sent is not None and context.interviewed is not None
    assert context.sent - context.interviewed == dt.timedelta(minutes=-30)


def test_quoted_and_unquoted_dates_agree() -> None:
    plain = _context("interviewed: 2026-03-02 14:00\n")
    quoted = _context("interviewed: '2026-03-02 14:00'\n")
    assert plain.interviewed == quoted.interviewed


@pytest.mark.parametrize(
    ("front_matter", "field", "line", "words"),
    [
        ("interviewed: yesterday\n", "interviewed", 2, "ISO date"),
        ("to: Jo\nsent: 2026-13-02\n", "sent", 3, "ISO date"),
        ("written: true\n", "written", 2, "ISO date"),
        ("to: 42\n", "to", 2, "name"),
        ("to: [Jo, 3]\n", "to", 2, "name"),
        ("company: Acme\ntopics: {a: b}\n", "topics", 3, "name"),
        ("company: [Acme, Beta]\n", "company", 2, "text"),
        ("role: true\n", "role", 2, "text"),
        ("notelint: [NL004]\n", "notelint", 2, "ignore"),
        ("notelint: {skip: [NL004]}\n", "notelint", 2, "ignore"),
        ("notelint: {ignore: 5}\n", "notelint", 2, "codes"),
        ("notelint: {ignore: [gift-mentoin]}\n", "notelint", 2, "gift-mentoin"),
    ],
)
def test_wrong_type_names_field_and_line(
    front_matter: str, field: str, line: int, words: str
) -> None:
    message = _error(front_matter)
    assert message.startswith("note.md: ")
    assert f"'{field}' (line {line})" in message
    assert words in message


def test_ignore_accepts_names_prefixes_and_future_codes() -> None:
    assert _context("notelint: {ignore: [gift-mention]}\n").ignore == ("NL004",)
    assert _context("notelint: {ignore: nl004}\n").ignore == ("NL004",)
    assert "NL004" in _context("notelint: {ignore: [NL00]}\n").ignore
    # A code no check has yet (a note written for a newer notelint) is kept, not an error.
    assert _context("notelint: {ignore: [NL987]}\n").ignore == ("NL987",)


def test_empty_values_are_absent() -> None:
    context = _context("to: ''\ninterviewed:\ncompany: '  '\n")
    assert context.to == ()
    assert context.interviewed is None
    assert context.company is None


def test_unknown_fields_are_left_alone() -> None:
    context = _context("title: Thanks to Larkspur\ntags: [job]\nto: Jo\n")
    assert context.to == ("Jo",)


def test_overrides_win_over_front_matter() -> None:
    context = _context(
        "to: Jo\ncompany: Acme\ninterviewed: 2026-03-01\n",
        {"to": "Ms. Okafor", "company": "Larkspur", "interviewed": "2026-03-02T10:00"},
    )
    assert context.to == ("Ms. Okafor",)
    assert context.company == "Larkspur"
    assert context.interviewed == dt.datetime(2026, 3, 2, 10, tzinfo=UTC)


def test_empty_overrides_do_not_erase_front_matter() -> None:
    context = _context("to: Jo\n", {"to": None, "company": None, "interviewed": ""})
    assert context.to == ("Jo",)


def test_overrides_apply_to_notes_without_front_matter() -> None:
    source = parse("Hi,\nThanks.\n", "n.txt")
    context = build_context(source, {"to": "Jo", "interviewed": "2026-03-02"})
    assert context.to == ("Jo",)
    assert context.interviewed == dt.datetime(2026, 3, 2, tzinfo=UTC)


def test_bad_override_names_the_flag_not_the_front_matter() -> None:
    message = _error("interviewed: 2026-03-01\n", {"interviewed": "last Tuesday"})
    assert "--interviewed" in message
    assert "front matter" not in message


def test_now_is_carried() -> None:
    now = dt.datetime(2026, 3, 3, tzinfo=UTC)
    assert build_context(parse("Hi\n", "n.txt"), now=now).now == now
