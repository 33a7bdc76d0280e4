"""Every check documents itself, and its documented example behaves as documented.

``notelint explain`` and the SARIF rules print the docstring, so the docstring is the rule's
documentation: it must have every section, and the note under "Example:" must make the check
fire while the note under "Use instead:" must not (for checks that need no front matter).
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import pytest

from notelint.api import lint_text
from notelint.config import Config
from notelint.registry import Check, SetCheck, all_checks

SECTIONS = ("What it does:", "Why is this bad?", "Example:", "Use instead:", "Options:")
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)


def _section(check: type[Check], title: str) -> str:
    doc = check.documentation()
    body = doc.split(title, 1)[1]
    following = [doc.index(t) for t in SECTIONS if t != title and doc.index(t) > doc.index(title)]
    if following:
        body = body[: min(following) - doc.index(title) - len(title)]
    return textwrap.dedent(body).strip()


@pytest.mark.parametrize("check", all_checks(), ids=lambda c: c.code)
def test_check_has_metadata_and_every_section(check: type[Check]) -> None:
    assert re.fullmatch(r"NL\d{3}", check.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", check.name)
    assert check.summary and check.summary.endswith(".")
    doc = check.documentation()
    positions = [doc.find(section) for section in SECTIONS]
    assert -1 not in positions, f"{check.code} lacks a section: {SECTIONS}"
    assert positions == sorted(positions), f"{check.code}: sections out of order"


PER_NOTE = [c for c in all_checks() if not issubclass(c, SetCheck)]


def _front_matter(note: str) -> str:
    """A note's front matter block, with its fences, or "" (checks that judge a note against
    its context document an Example with front matter, which its fix shares)."""
    if not note.startswith("---\n"):
        return ""
    end = note.index("\n---", 4)
    return note[: end + 4] + "\n"


@pytest.mark.parametrize("check", PER_NOTE, ids=lambda c: c.code)
def test_documented_example_fires_and_its_fix_does_not(check: type[Check]) -> None:
    config = Config(select=(check.code,))
    example = _section(check, "Example:")
    fixed = _section(check, "Use instead:")
    if not fixed.startswith("---"):
        fixed = _front_matter(example) + fixed
    fired = [f.code for f in lint_text(example, config=config, now=NOW)]
    assert check.code in fired, f"{check.code}'s Example does not fire:\n{example}"
    quiet = [f.code for f in lint_text(fixed, config=config, now=NOW)]
    assert check.code not in quiet, f"{check.code}'s Use instead fires:\n{fixed}"
