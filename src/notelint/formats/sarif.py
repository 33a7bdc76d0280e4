"""``--format sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

One run; the tool's ``rules`` list every shipped check (documentation included), so a viewer can
explain a finding without notelint installed. Paths are made relative to the working directory
(``%SRCROOT%``), which is what code scanning expects when notelint runs at the repository root.
Each result carries a fingerprint of path, code and quoted words, not of line numbers, so an
alert survives edits elsewhere in the note.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from notelint import __version__
from notelint.errors import NotelintError
from notelint.findings import Finding, Location, Report, Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
#: Our own fingerprint key; ``primaryLocationLineHash`` is GitHub's, computed by its uploader.
FINGERPRINT_KEY = "notelintQuoteHash/v1"

_OPTION_LINE = re.compile(r"^    (?P<name>[a-z][a-z0-9-]*): (?P<text>.*)$")

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def relative_path(path: str) -> str:
    """A note's path relative to the working directory, with forward slashes.

    Absolute paths inside the working directory are made relative (code scanning and workflow
    annotations resolve paths against the repository root); others are kept as given.
    """
    pure = PurePath(path)
    if pure.is_absolute():
        try:
            pure = PurePath(os.path.relpath(pure, Path.cwd()))
        except ValueError:  # another drive on Windows
            return pure.as_posix()
        if pure.parts[:1] == ("..",):
            return PurePath(path).as_posix()
    # as_posix turns a Windows path's separators into "/"; on POSIX a backslash is part of
    # a file name and is kept.
    return pure.as_posix()


def _artifact(path: str) -> dict[str, Any]:
    """An artifactLocation: relative to %SRCROOT% where possible, else an absolute file URI."""
    shown = relative_path(path)
    if PurePath(shown).is_absolute():
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(shown, safe="/"), "uriBaseId": SRCROOT}


def _physical(location: Location) -> dict[str, Any]:
    return {
        "artifactLocation": _artifact(location.path),
        "region": {
            "startLine": location.line,
            "startColumn": location.column,
            "endLine": location.end_line,
            "endColumn": location.end_column,
        },
    }


def information_uri() -> str | None:
    """The project's home page from the installed package's metadata (``[project.urls]``)."""
    try:
        meta = metadata.metadata("notelint")
    except metadata.PackageNotFoundError:
        return None
    urls = [entry.partition(",")[2].strip() for entry in meta.get_all("Project-URL") or []]
    return next((u for u in [*urls, meta.get("Home-page")] if u), None)


def _sentence(text: str) -> str:
    """Capitalised and ending in punctuation, as SARIF asks of message strings."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def help_markdown(documentation: str) -> str:
    """A check's docstring as Markdown: section headings bold, their indented bodies dedented.

    Left as is, the four-space indentation of each section would render as a code block. Option
    lines (``extra-gifts: …``) become list items, so they do not run together into one paragraph.
    """
    lines = documentation.splitlines()
    out = []
    section = ""
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if line and not line[0].isspace() and following.startswith(" "):
            section = line.strip()
            out += [f"**{section}**", ""]
        elif section.startswith("Options") and (option := _OPTION_LINE.match(line)):
            out.append(f"- `{option['name']}`: {option['text']}")
        else:
            out.append(line[4:] if line.startswith("    ") else line)
    return "\n".join(out)


#: Code scanning shows rule descriptions as an alert's title and its first lines, and cuts
#: text past 1,024 characters; the whole documentation belongs in ``help``.
MAX_DESCRIPTION = 1024


def _bounded(text: str, limit: int = MAX_DESCRIPTION) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _rule(check: Any) -> dict[str, Any]:
    documentation = check.documentation() or check.summary
    # The help also carries the point of the advice the check encodes.
    advised = f"{documentation}\n\nAdvice:\n    {check.advice}" if check.advice else documentation
    full = f"{check.summary} {_sentence(check.advice)}" if check.advice else check.summary
    return {
        "id": check.code,
        "name": check.name,
        "shortDescription": {"text": _bounded(check.summary)},
        "fullDescription": {"text": _bounded(full)},
        "help": {"text": advised, "markdown": help_markdown(advised)},
        "defaultConfiguration": {"level": LEVELS[check.severity]},
    }


def rules_for(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """A rule per shipped check, plus a bare one for any code no shipped check has (plugins)."""
    from notelint.registry import all_checks

    rules = [_rule(check) for check in all_checks()]
    known = {rule["id"] for rule in rules}
    for f in findings:
        if f.code not in known:
            known.add(f.code)
            rules.append({"id": f.code, "name": f.name})
    return rules


def _fingerprint(f: Finding, occurrence: int) -> str:
    """Path, code and quote hashed, with the quote's occurrence number in that note."""
    key = "\0".join((relative_path(f.path), f.code, f.quote))
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}:{occurrence}"


def _related(f: Finding) -> list[dict[str, Any]]:
    """Other copies of the text (panel copies), then the findings folded into this one."""
    places = [(p, f"Related text in {relative_path(p.path)}.") for p in f.related]
    places += [(x.location, f"{x.code} {x.name}: {_sentence(x.message)}") for x in f.folded]
    return [
        {"id": number, "physicalLocation": _physical(place), "message": {"text": text}}
        for number, (place, text) in enumerate(places, start=1)
    ]


def _result(f: Finding, rule_index: int, occurrence: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f"{_sentence(f.message)} {_sentence(f.suggestion)}".strip()},
        "locations": [{"physicalLocation": _physical(f.location)}],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(f, occurrence)},
    }
    if f.related or f.folded:
        result["relatedLocations"] = _related(f)
    return result


def _notification(error: NotelintError) -> dict[str, Any]:
    """A note that could not be linted: the error, and the file when there is one."""
    if not error.path:
        return {"level": "error", "message": {"text": str(error)}}
    return {
        "level": "error",
        "message": {"text": f"{relative_path(error.path)}: {error.args[0]}"},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(error.path)}}],
    }


def build_log(report: Report) -> dict[str, Any]:
    """The SARIF log as a dict (``render`` serialises it)."""
    findings = [f for r in report.results for f in r.findings]
    rules = rules_for(findings)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    seen: Counter[tuple[str, str, str]] = Counter()
    results = []
    for f in findings:
        seen[(f.path, f.code, f.quote)] += 1
        results.append(_result(f, index[f.code], seen[(f.path, f.code, f.quote)]))
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if report.errors:
        invocation["toolExecutionNotifications"] = [_notification(e) for e in report.errors]
    driver: dict[str, Any] = {
        "name": "notelint",
        "version": __version__,
        "semanticVersion": __version__,
    }
    if home := information_uri():
        driver["informationUri"] = home
    driver["rules"] = rules
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        # Columns count characters (code points), as Python strings do, not UTF-16 units.
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(build_log(report), indent=2, ensure_ascii=False)
