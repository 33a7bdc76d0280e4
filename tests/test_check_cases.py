"""Each check's own pass/fail cases, in the spirit of sqlfluff's rule test cases.

Every check folder's ``cases.yml`` holds ``fire:`` and ``silent:`` lists. An item is a note's
text, or a mapping ``{text: ..., context: {...}, options: {...}, quote: ..., line: ...}``: the
context stands in for front matter, the options configure the check, and ``quote`` and
``line`` pin the words a ``fire`` case must point at. A set-level check's item is
``{notes: [...], options: {...}}``, each note a text or ``{text, context}``, linted as one run.
Each case runs with only its check selected. Adding a case is adding two lines.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from notelint.api import lint_text
from notelint.config import Config
from notelint.engine import lint_sources
from notelint.registry import all_checks
from notelint.sources import parse

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)


def load_cases(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """A check folder's cases, each item as a mapping."""
    data = yaml.safe_load((folder / "cases.yml").read_text("utf-8")) or {}
    return {
        kind: [item if isinstance(item, dict) else {"text": item} for item in data.get(kind, [])]
        for kind in ("fire", "silent")
    }


def run_case(code: str, case: dict[str, Any]) -> list[Any]:
    """The findings of ``code`` on a case (one note, or a run of several)."""
    config = Config(select=(code,), options={code: case.get("options", {})})
    if "notes" not in case:
        findings = lint_text(case["text"], config=config, context=case.get("context"), now=NOW)
        return [f for f in findings if f.code == code]
    found = []
    for index, item in enumerate(case["notes"]):
        note = item if isinstance(item, dict) else {"text": item}
        front = yaml.safe_dump(note.get("context", {})) if note.get("context") else ""
        text = f"---\n{front}---\n{note['text']}" if front else note["text"]
        found.append(parse(text, f"note-{index}.md"))
    report = lint_sources(found, config, now=NOW)
    return [f for result in report.results for f in result.findings if f.code == code]


def _params() -> list[Any]:
    return [
        pytest.param(check.code, kind, case, id=f"{check.code}-{kind}-{index}")
        for check in all_checks()
        for kind, items in load_cases(check.folder).items()
        for index, case in enumerate(items)
    ]


@pytest.mark.parametrize("check", all_checks(), ids=lambda c: c.code)
def test_every_check_has_cases(check: Any) -> None:
    cases = load_cases(check.folder)
    assert cases["fire"] and cases["silent"], f"{check.code} needs fire and silent cases"


@pytest.mark.parametrize(("code", "kind", "case"), _params())
def test_case(code: str, kind: str, case: dict[str, Any]) -> None:
    findings = run_case(code, case)
    shown = case.get("text") or case.get("notes")
    if kind == "silent":
        assert not findings, f"{code} fired on: {shown!r}: {findings}"
        return
    assert findings, f"{code} did not fire on: {shown!r}"
    if "quote" in case:
        assert case["quote"] in [f.quote for f in findings], (case["quote"], findings)
    if "line" in case:
        assert case["line"] in [f.line for f in findings], (case["line"], findings)
