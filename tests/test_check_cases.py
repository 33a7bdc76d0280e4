"""Each check's own pass/fail sentences, in the spirit of sqlfluff's rule test cases.

``tests/cases/NLxxx.yml`` holds ``fire:`` and ``silent:`` lists; an item is a note's text, or a
mapping ``{text: ..., context: {...}, options: {...}}`` whose context stands in for front
matter and whose options configure the check. Each case is
linted alone with only that check selected. Adding a case is adding two lines.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from notelint.api import lint_text
from notelint.config import Config

CASES = Path(__file__).parent / "cases"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("NL*.yml")):
        code = path.stem
        data = yaml.safe_load(path.read_text("utf-8"))
        for kind in ("fire", "silent"):
            for index, item in enumerate(data.get(kind, [])):
                case = item if isinstance(item, dict) else {"text": item}
                params.append(pytest.param(code, kind, case, id=f"{code}-{kind}-{index}"))
    return params


@pytest.mark.parametrize(("code", "kind", "case"), _cases())
def test_case(code: str, kind: str, case: dict[str, Any]) -> None:
    config = Config(select=(code,), options={code: case.get("options", {})})
    findings = lint_text(case["text"], config=config, context=case.get("context"), now=NOW)
    codes = [f.code for f in findings]
    if kind == "fire":
        assert code in codes, f"{code} did not fire on: {case['text']!r}"
    else:
        assert code not in codes, f"{code} fired on: {case['text']!r}: {findings}"
