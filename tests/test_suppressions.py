"""suppressions: disable/enable ranges, disable-next-line, codes vs all, names, front matter."""

from __future__ import annotations

import pytest

from notelint.findings import Finding, Location, Severity
from notelint.sources import Comment, parse
from notelint.suppressions import ALL, Suppression, is_suppressed, parse_directives


def _finding(code: str, line: int) -> Finding:
    return Finding(
        code=code,
        name="x",
        severity=Severity.WARNING,
        location=Location("n.md", line, 1, line, 5),
        message="m",
        suggestion="s",
    )


def _ranges(text: str) -> list[Suppression]:
    source = parse(text, "n.md")
    return parse_directives(source.comments, text.count("\n") + 1)


def _suppressed(text: str, code: str) -> list[int]:
    """The lines (1..last) on which a finding of ``code`` would be suppressed."""
    ranges = _ranges(text)
    return [n for n in range(1, text.count("\n") + 2) if is_suppressed(_finding(code, n), ranges)]


def test_disable_enable_range_for_one_code() -> None:
    text = "a\n<!-- notelint-disable NL004 -->\nb\nc\n<!-- notelint-enable NL004 -->\nd\n"
    assert _suppressed(text, "NL004") == [2, 3, 4, 5]
    assert _suppressed(text, "NL006") == []


def test_disable_without_codes_is_every_code() -> None:
    text = "a\n<!-- notelint-disable -->\nb\n<!-- notelint-enable -->\nc\n"
    assert _suppressed(text, "NL004") == [2, 3, 4]
    assert _suppressed(text, "NL123") == [2, 3, 4]


def test_unclosed_disable_runs_to_the_end() -> None:
    text = "a\n<!-- notelint-disable NL004 -->\nb\nc"
    assert _suppressed(text, "NL004") == [2, 3, 4]


def test_several_codes_closed_one_at_a_time() -> None:
    text = "a\n<!-- notelint-disable NL004, NL006 -->\nb\n<!-- notelint-enable NL006 -->\nc\n"
    assert _suppressed(text, "NL006") == [2, 3, 4]
    assert _suppressed(text, "NL004") == [2, 3, 4, 5, 6]


def test_bare_enable_closes_specific_codes() -> None:
    text = "a\n<!-- notelint-disable NL004 -->\nb\n<!-- notelint-enable -->\nc\n"
    assert _suppressed(text, "NL004") == [2, 3, 4]


def test_enable_one_code_after_disable_all() -> None:
    text = (
        "a\n<!-- notelint-disable -->\nb\n<!-- notelint-enable NL004 -->\nc\n"
        "<!-- notelint-disable NL004 -->\nd\n<!-- notelint-enable -->\ne\n"
    )
    assert _suppressed(text, "NL004") == [2, 3, 4, 6, 7, 8]
    assert _suppressed(text, "NL006") == [2, 3, 4, 5, 6, 7, 8]


def test_disable_next_line() -> None:
    text = "a\n<!-- notelint-disable-next-line NL004 -->\nb\nc\n"
    assert _suppressed(text, "NL004") == [3]
    assert _suppressed(text, "NL006") == []


def test_disable_next_line_all_codes() -> None:
    text = "a\n<!-- notelint-disable-next-line -->\nb\nc\n"
    assert _suppressed(text, "NL004") == [3]
    assert _suppressed(text, "NL999") == [3]


def test_disable_next_line_after_a_multiline_comment() -> None:
    text = "a\n<!-- notelint-disable-next-line\nNL004 -->\nb\nc\n"
    assert _suppressed(text, "NL004") == [4]


@pytest.mark.parametrize("written", ["gift-mention", "nl004", "NL004,", "NL00"])
def test_codes_by_name_lowercase_or_prefix(written: str) -> None:
    text = f"a\n<!-- notelint-disable-next-line {written} -->\nb\n"
    assert _suppressed(text, "NL004") == [3]


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- a note to self: notelint-disable -->",
        "<!-- notelint-disablement -->",
        "<!-- notelint-disable: NL004 -->",
        "<!-- notelint -->",
    ],
)
def test_other_comments_are_not_directives(comment: str) -> None:
    assert _ranges(f"a\n{comment}\nb\n") == []


def test_suppression_covers() -> None:
    everything = Suppression(frozenset({ALL}), 2, 4, excepted=frozenset({"NL006"}))
    assert everything.covers(_finding("NL004", 2))
    assert not everything.covers(_finding("NL004", 5))
    assert not everything.covers(_finding("NL006", 3))
    assert not is_suppressed(_finding("NL004", 3), [])


def test_directive_from_comment_objects() -> None:
    comments = [Comment("notelint-disable NL004", 3, 3), Comment("notelint-enable", 7, 7)]
    assert parse_directives(comments, 10) == [Suppression(frozenset({"NL004"}), 3, 7)]


GIFT_NOTE = """\
---
to: Dana
{front}---
Hi Dana,

Thank you for the warehouse tour.
{before}I dropped off a box of cookies at the front desk for the team.

Best,
Lee
"""


def _lint(front: str = "", before: str = "") -> list[str]:
    from notelint.api import lint_text
    from notelint.config import from_mapping

    text = GIFT_NOTE.format(front=front, before=before)
    return [f.code for f in lint_text(text, config=from_mapping({"select": ["NL004"]}))]


@pytest.mark.parametrize(
    ("front", "before", "codes"),
    [
        ("", "", ["NL004"]),
        ("", "<!-- notelint-disable-next-line NL004 -->\n", []),
        ("", "<!-- notelint-disable-next-line NL006 -->\n", ["NL004"]),
        ("", "<!-- notelint-disable-next-line -->\n", []),
        ("", "<!-- notelint-disable gift-mention -->\n", []),
        ("notelint: {ignore: [NL004]}\n", "", []),
        ("notelint: {ignore: [gift-mention]}\n", "", []),
        ("notelint: {ignore: [NL006]}\n", "", ["NL004"]),
    ],
)
def test_suppressions_end_to_end(front: str, before: str, codes: list[str]) -> None:
    assert _lint(front, before) == codes
