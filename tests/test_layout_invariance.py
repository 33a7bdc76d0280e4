"""Layout never changes a finding: every fixture re-wrapped as an email client would (long lines
hard-wrapped at 72 and 40 columns, list items' continuations indented, some paragraphs quoted
with ``>`` and some with double spaces) gives the same findings, by code and quoted words."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from fixture_runner import NOW, runs

from notelint.config import Config
from notelint.engine import lint_sources
from notelint.sources import parse

_LIST = re.compile(r"^(\s*(?:[-*+]|\d{1,3}[.)])\s+)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADER = re.compile(r"^[A-Z][\w-]*:\s")  # "Subject: …": a mail header is never wrapped


def rewrap(text: str, width: int, quote: bool = False) -> str:
    """Hard-wrap the prose lines of a note (front matter and code blocks left alone)."""
    lines = text.split("\n")
    out: list[str] = []
    in_front = bool(lines) and lines[0].strip() == "---"
    in_code = False
    for index, line in enumerate(lines):
        if in_front:
            out.append(line)
            if index > 0 and line.strip() in {"---", "..."}:
                in_front = False
            continue
        if _FENCE.match(line):
            in_code = not in_code
        if in_code or _FENCE.match(line) or len(line) <= width or _HEADER.match(line):
            out.append(line)
            continue
        marker = _LIST.match(line)
        lead = marker.group(1) if marker else ""
        wrapped = textwrap.wrap(
            line[len(lead) :],
            width,
            initial_indent=lead,
            subsequent_indent=" " * len(lead),
            break_long_words=False,
            break_on_hyphens=False,
        )
        if quote:
            wrapped = ["> " + w.replace(" ", "  ", 1) for w in wrapped]
        out.extend(wrapped or [line])
    return "\n".join(out)


def _findings(paths: list[Path], transform) -> set[tuple[str, str, str]]:
    sources = [parse(transform(p.read_text("utf-8")), str(p)) for p in paths]
    report = lint_sources(sources, Config(), now=NOW)
    return {(r.path, f.code, " ".join(f.quote.split())) for r in report.results for f in r.findings}


RUNS = list(runs())


@pytest.mark.parametrize("run", RUNS, ids=lambda run: str(run[0].relative_to(run[0].parents[2])))
def test_rewrapping_changes_no_finding(run: list[Path]) -> None:
    before = _findings(run, lambda text: text)
    for width, quote in ((72, False), (40, False), (60, True)):
        after = _findings(run, lambda text, w=width, q=quote: rewrap(text, w, q))
        assert after == before, f"width {width}{' quoted' if quote else ''}: {after ^ before}"
