"""The CI formats, SARIF and GitHub workflow commands, on reports built by hand (no pipeline).

The SARIF log is validated against the official OASIS SARIF 2.1.0 schema shipped in
tests/data (sarif-2.1/schema/sarif-schema-2.1.0.json of github.com/oasis-tcs/sarif-spec, the
errata01 OASIS Standard version).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from notelint.errors import NotelintError
from notelint.findings import FileResult, Finding, Location, Report, Severity
from notelint.formats import render
from notelint.formats.github import escape_data, escape_property
from notelint.formats.sarif import MAX_DESCRIPTION
from notelint.registry import all_checks

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
GIFT_FIX = "Leave the gift out; spend the words on a point from the conversation instead."


def make_finding(
    path: str,
    line: int,
    quote: str,
    *,
    code: str = "NL004",
    name: str = "gift-mention",
    severity: Severity = Severity.WARNING,
    message: str | None = None,
    related: tuple[Location, ...] = (),
) -> Finding:
    column = 5
    return Finding(
        code=code,
        name=name,
        severity=severity,
        location=Location(path, line, column, line, column + len(quote)),
        message=message or f'mentions a gift: "{quote}"',
        suggestion=GIFT_FIX,
        quote=quote,
        related=related,
    )


def result(path: str, *findings: Finding) -> FileResult:
    return FileResult(path, tuple(findings), 100 - 15 * len(findings), ())


PANEL = ("notes/panel/ana.md", "notes/panel/ben.md", "notes/panel/cy.md")


def panel_finding() -> Finding:
    """An NL005 finding on one panel note, the other two copies as related places."""
    others = tuple(Location(p, 7, 1, 7, 58) for p in PANEL[1:])
    return Finding(
        code="NL005",
        name="panel-copy",
        severity=Severity.WARNING,
        location=Location(PANEL[0], 7, 1, 7, 58),
        message="the body is 97% the same as the note to Ben Ode and 1 more",
        suggestion="Rewrite this one around what this person asked you.",
        quote="Thank you for taking the time to meet with me today.",
        related=others,
    )


@pytest.fixture
def report() -> Report:
    gifts = "notes/acme gifts.md"
    return Report(
        results=(
            result(
                gifts,
                make_finding(gifts, 3, "fruit basket"),
                make_finding(gifts, 9, "fruit basket", severity=Severity.ERROR),
                make_finding(gifts, 11, "cookies", severity=Severity.INFO),
            ),
            result(PANEL[0], panel_finding()),
            result("notes/good.txt"),
        ),
        errors=(
            NotelintError("file is empty; there is no note to lint", path="notes/empty.md"),
            NotelintError("no notes given"),
        ),
    )


def sarif(report: Report) -> dict:
    return json.loads(render("sarif", report))


# --- SARIF ---------------------------------------------------------------------------------


def test_sarif_is_valid_against_the_official_schema(report: Report) -> None:
    validator = jsonschema.Draft4Validator(
        SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    validator.validate(sarif(report))
    validator.validate(sarif(Report(results=())))


def test_the_shipped_schema_is_the_oasis_one() -> None:
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_sarif_header_and_driver(report: Report) -> None:
    log = sarif(report)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "notelint"
    from notelint import __version__

    assert driver["version"] == __version__


def test_sarif_has_a_rule_per_check_with_its_documentation(report: Report) -> None:
    rules = sarif(report)["runs"][0]["tool"]["driver"]["rules"]
    by_id = {rule["id"]: rule for rule in rules}
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for check in all_checks():
        rule = by_id[check.code]
        assert rule["name"] == check.name
        # Short enough for code scanning's alert title and description; the rest in help.
        assert rule["shortDescription"]["text"] == check.summary
        assert len(check.summary) <= 120 and "\n" not in check.summary
        assert rule["fullDescription"]["text"].startswith(check.summary)
        assert len(rule["fullDescription"]["text"]) <= MAX_DESCRIPTION
        assert rule["help"]["text"].startswith(check.documentation())
        assert check.advice and check.advice in rule["help"]["text"]
        assert "What it does:" in rule["help"]["markdown"]
        assert not re.search(r"^    \S", rule["help"]["markdown"].split("**Options")[0], re.M), (
            "section bodies must be dedented, or Markdown renders them as code"
        )
        assert rule["defaultConfiguration"]["level"] == levels[check.severity.value]
    assert len(by_id) == len(rules), "one rule per code"


def test_sarif_rule_index_and_level_follow_each_finding(report: Report) -> None:
    run = sarif(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["level"] for r in run["results"]] == ["warning", "error", "note", "warning"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_sarif_result_location_and_message(report: Report) -> None:
    first = sarif(report)["runs"][0]["results"][0]
    assert first["message"]["text"] == f'Mentions a gift: "fruit basket". {GIFT_FIX}'
    (location,) = first["locations"]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"] == {
        "uri": "notes/acme%20gifts.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert physical["region"] == {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 17}


def test_sarif_related_locations_for_panel_copies(report: Report) -> None:
    (panel,) = [r for r in sarif(report)["runs"][0]["results"] if r["ruleId"] == "NL005"]
    related = panel["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2]
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in related] == list(PANEL[1:])
    assert all(r["physicalLocation"]["region"]["startLine"] == 7 for r in related)
    assert all(r["message"]["text"] for r in related)
    assert "relatedLocations" not in sarif(report)["runs"][0]["results"][0]


def fingerprint(finding: Finding) -> str:
    report = Report(results=(result(finding.path, finding),))
    (res,) = sarif(report)["runs"][0]["results"]
    (value,) = res["partialFingerprints"].values()
    return value


def test_fingerprints_ignore_line_numbers_but_not_the_words() -> None:
    moved = make_finding("a.md", 3, "fruit basket"), make_finding("a.md", 30, "fruit basket")
    assert fingerprint(moved[0]) == fingerprint(moved[1])
    assert fingerprint(make_finding("a.md", 3, "cookies")) != fingerprint(moved[0])
    assert fingerprint(make_finding("b.md", 3, "fruit basket")) != fingerprint(moved[0])


def test_repeated_words_in_one_note_get_distinct_fingerprints(report: Report) -> None:
    results = sarif(report)["runs"][0]["results"]
    values = [next(iter(r["partialFingerprints"].values())) for r in results]
    assert len(set(values)) == len(values)
    assert "primaryLocationLineHash" not in results[0]["partialFingerprints"], (
        "that key is GitHub's own, computed from the file by its uploader"
    )


def test_sarif_input_errors_are_tool_notifications(report: Report) -> None:
    (invocation,) = sarif(report)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    with_path, without = invocation["toolExecutionNotifications"]
    assert with_path["level"] == "error"
    assert with_path["message"]["text"] == "notes/empty.md: file is empty; there is no note to lint"
    uri = with_path["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "notes/empty.md"
    assert without["message"]["text"] == "no notes given"
    assert "locations" not in without

    (clean,) = sarif(Report(results=()))["runs"][0]["invocations"]
    assert clean == {"executionSuccessful": True}


def test_sarif_paths_are_relative_with_forward_slashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inside = str(tmp_path / "notes" / "a.md")
    elsewhere = "/elsewhere/b.md"
    report = Report(
        results=(
            result(inside, make_finding(inside, 1, "cake")),
            result("notes\\win.md", make_finding("notes\\win.md", 1, "cake")),
            result(elsewhere, make_finding(elsewhere, 1, "cake")),
        )
    )
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]
        for r in sarif(report)["runs"][0]["results"]
    ]
    assert uris[0] == {"uri": "notes/a.md", "uriBaseId": "%SRCROOT%"}
    # On POSIX a backslash is part of a file name: kept, and percent-encoded in the URI.
    assert uris[1] == {"uri": "notes%5Cwin.md", "uriBaseId": "%SRCROOT%"}
    assert uris[2] == {"uri": "file:///elsewhere/b.md"}


def test_sarif_gives_codes_without_a_shipped_check_a_rule() -> None:
    plugin = make_finding("a.md", 2, "cake", code="XX100", name="plugin-check")
    run = sarif(Report(results=(result("a.md", plugin),)))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert rules[run["results"][0]["ruleIndex"]] == {"id": "XX100", "name": "plugin-check"}


# --- GitHub workflow commands ----------------------------------------------------------------

COMMAND = re.compile(
    r"^::(?P<command>error|warning|notice) "
    r"file=(?P<file>[^,:]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=(?P<endLine>\d+),endColumn=(?P<endColumn>\d+),title=(?P<title>[^,:]+)"
    r"::(?P<message>[^\r\n]+)$"
)


def unescape(text: str) -> str:
    """GitHub's decoding of a value, to check that escaping loses nothing."""
    for escaped, raw in (("%3A", ":"), ("%2C", ","), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


def test_github_one_well_formed_line_per_finding(report: Report) -> None:
    lines = render("github", report).splitlines()
    errors = [line for line in lines if not COMMAND.match(line)]
    commands = [COMMAND.match(line) for line in lines if COMMAND.match(line)]
    assert len(commands) == 4
    assert [m["command"] for m in commands] == ["warning", "error", "notice", "warning"]
    first = commands[0]
    assert (first["file"], first["line"], first["col"]) == ("notes/acme gifts.md", "3", "5")
    assert (first["endLine"], first["endColumn"]) == ("3", "17")
    assert first["title"] == "NL004 gift-mention"
    assert first["message"] == f'mentions a gift: "fruit basket" — {GIFT_FIX}'
    assert errors == [
        "::error file=notes/empty.md::file is empty; there is no note to lint",
        "::error::no notes given",
    ]


def test_github_escapes_properties_and_message() -> None:
    path = "notes/q3, draft: 2.md"
    message = "the body is 100% the same\nas another\r"
    finding = make_finding(path, 4, "cake", message=message)
    (line,) = render("github", Report(results=(result(path, finding),))).splitlines()
    match = COMMAND.match(line)
    assert match, line
    assert match["file"] == "notes/q3%2C draft%3A 2.md"
    assert unescape(match["file"]) == path
    assert match["message"].startswith("the body is 100%25 the same%0Aas another%0D — ")
    assert unescape(match["message"]) == f"{message} — {GIFT_FIX}"


def test_github_escaping_rules() -> None:
    assert escape_data("50% a:b,c\r\n") == "50%25 a:b,c%0D%0A"
    assert escape_property("50% a:b,c\r\n") == "50%25 a%3Ab%2Cc%0D%0A"
    assert escape_data("%0A") == "%250A", "a literal escape sequence must survive"


def test_github_prints_nothing_for_a_clean_run() -> None:
    assert render("github", Report(results=(result("notes/good.txt"),))) == ""
