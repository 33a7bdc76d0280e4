"""The command line: exit status, one-line errors, stdin, JSON shape, colour, subcommands.

Most tests run the click command in-process (CliRunner); a few run the installed console
script, to prove that the real process behaves the same (no traceback, a terminal's colour).
Runs use ``--select NL004`` where the outcome must not depend on the other checks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from notelint import __version__
from notelint.cli import main
from notelint.registry import all_checks

NOTELINT = Path(sys.executable).with_name("notelint")

GIFT_NOTE = """\
Hi Dana,

Thank you for the warehouse tour on Tuesday.
I sent flowers to the front desk for the team.

Best,
Lee
"""
CLEAN_NOTE = """\
Hi Dana,

Thank you for the warehouse tour on Tuesday. Your plan to move picking to two waves
matches what I did at Halvorsen, where we cut late orders by a third.

Best,
Lee
"""
GIFT_AT = (4, 8)  # line and column of "flowers" in GIFT_NOTE

BAD_INPUTS: dict[str, bytes | None] = {
    "missing.md": None,
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "latin1.txt": "Merci René, à bientôt".encode("latin-1"),
    "empty.txt": b"",
    "blank.txt": b"  \n\t\n",
    "huge.txt": b"word " * 220_000,
    "bad-yaml.md": b"---\nto: Ms. Okafor\ncompany: Acme: Inc\n---\nHi\n",
    "unclosed.md": b"---\nto: Ms. Okafor\nHi\n",
    "list.md": b"---\n- Ms. Okafor\n---\nHi\n",
    "wrong-type.md": b"---\ninterviewed: yesterday\n---\nHi Jo, thanks.\n",
    "bad-date.md": b"---\nsent: 2026-13-02\n---\nHi Jo, thanks.\n",
    "bad-ignore.md": b"---\nnotelint: {ignore: [gift-mentoin]}\n---\nHi Jo, thanks.\n",
}


def _run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, env=env)


def _stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a note that has a gift and a clean one; the working directory."""
    (tmp_path / "gift.txt").write_text(GIFT_NOTE, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN_NOTE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- exit status ---------------------------------------------------------------------------


def test_exit_0_when_clean(notes: Path) -> None:
    result = _run("--select", "NL004", "clean.txt")
    assert result.exit_code == 0, result.output
    assert "passed" in result.stdout


def test_exit_1_with_findings(notes: Path) -> None:
    result = _run("--select", "NL004", "gift.txt")
    assert result.exit_code == 1
    assert f"gift.txt:{GIFT_AT[0]}:{GIFT_AT[1]}: NL004 [warning] gift-mention" in result.stdout
    assert "fix:" in result.stdout
    assert result.stderr == ""


def test_lint_subcommand_is_the_default(notes: Path) -> None:
    assert _run("lint", "--select", "NL004", "gift.txt").exit_code == 1


def test_fail_on_error_turns_a_warning_run_to_0(notes: Path) -> None:
    result = _run("--select", "NL004", "--fail-on", "error", "gift.txt")
    assert result.exit_code == 0
    assert "NL004" in result.stdout  # still reported


def test_fail_on_info_and_severity_config(notes: Path) -> None:
    (notes / ".notelint.toml").write_text('fail-on = "error"\n[severity]\nNL004 = "error"\n')
    result = _run("--select", "NL004", "gift.txt")
    assert result.exit_code == 1
    assert _run("--select", "NL004", "--fail-on", "error", "clean.txt").exit_code == 0


def test_exit_zero(notes: Path) -> None:
    result = _run("--select", "NL004", "--exit-zero", "gift.txt")
    assert result.exit_code == 0
    assert "NL004" in result.stdout


def test_exit_zero_does_not_hide_input_errors(notes: Path) -> None:
    assert _run("--exit-zero", "gift.txt", "missing.txt").exit_code == 2


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--min-score", "90", "--fail-on", "error"], 1),  # 85 < 90
        (["--min-score", "85", "--fail-on", "error"], 0),
        (["--min-score", "80"], 1),  # the warning still fails the run
    ],
)
def test_min_score(notes: Path, args: list[str], code: int) -> None:
    assert _run("--select", "NL004", *args, "gift.txt").exit_code == code


def test_min_score_from_config(notes: Path) -> None:
    (notes / ".notelint.toml").write_text('min-score = 90\nfail-on = "error"\n')
    assert _run("--select", "NL004", "gift.txt").exit_code == 1


def test_min_score_out_of_range_is_a_usage_error(notes: Path) -> None:
    result = _run("--min-score", "101", "gift.txt")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_config_ignore_is_applied(notes: Path) -> None:
    (notes / ".notelint.toml").write_text('ignore = ["gift-mention"]\n')
    result = _run("--select", "NL004", "gift.txt")
    assert result.exit_code == 0


def test_per_file_ignores(notes: Path) -> None:
    (notes / ".notelint.toml").write_text('[per-file-ignores]\n"gift*" = ["NL004"]\n')
    assert _run("--select", "NL004", "gift.txt").exit_code == 0


def test_folder_is_linted_sorted(notes: Path) -> None:
    result = _run("--select", "NL004", "--format", "json", ".")
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert [Path(p).name for p in paths] == ["clean.txt", "gift.txt"]


# --- errors: one line on stderr, exit 2, the other notes still reported -------------------


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_and_others_are_linted(notes: Path, name: str) -> None:
    data = BAD_INPUTS[name]
    if data is not None:
        (notes / name).write_bytes(data)
    result = _run("--select", "NL004", "gift.txt", name, "clean.txt")
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit), result.exception
    errors = _stderr_lines(result)
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"notelint: error: {name}: ")
    assert "Traceback" not in result.output
    # The other notes were linted and reported all the same.
    assert f"gift.txt:{GIFT_AT[0]}:{GIFT_AT[1]}: NL004" in result.stdout
    assert "1 file could not be linted" in result.stdout


def test_folder_without_notes(notes: Path) -> None:
    (notes / "empty").mkdir()
    (notes / "empty" / "readme.rst").write_text("nothing here")
    result = _run("empty")
    assert result.exit_code == 2
    assert _stderr_lines(result) == [
        "notelint: error: empty: folder has no .txt, .md or .markdown notes"
    ]


def test_bad_input_in_json_output(notes: Path) -> None:
    (notes / "bad.md").write_bytes(BAD_INPUTS["unclosed.md"] or b"")
    result = _run("--select", "NL004", "--format", "json", "gift.txt", "bad.md")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert [f["path"] for f in document["files"]] == ["gift.txt"]
    assert document["errors"] == [
        {
            "path": "bad.md",
            "message": "malformed front matter: the opening '---' has no closing '---'",
        }
    ]
    assert document["summary"]["errors"] == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--select", "NL999", "gift.txt"], "--select"),
        (["--ignore", "NL999", "gift.txt"], "--ignore"),
        (["--extend-select", "no-such-check", "gift.txt"], "--extend-select"),
        (["--ignore", "NL004,", "--ignore", ",NL999", "gift.txt"], "NL999"),
        (["--config", "missing.toml", "gift.txt"], "missing.toml"),
        (["--now", "soon", "gift.txt"], "--now"),
        (["--interviewed", "last Tuesday", "gift.txt"], "--interviewed"),
        ([], "no notes given"),
    ],
)
def test_usage_errors_exit_2_with_one_line(notes: Path, args: list[str], words: str) -> None:
    result = _run(*args)
    assert result.exit_code == 2
    errors = _stderr_lines(result)
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith("notelint: error: ")
    assert words in errors[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ("colour = true\n", "unknown config key 'colour'"),
        ("[tool.notelint\n", "malformed TOML"),
        ('select = ["NL999"]\n', "config key 'select'"),
        ("[NL004]\nextra-gifts = 'wine'\n", "config key 'NL004.extra-gifts'"),
    ],
)
def test_bad_config_exits_2_with_one_line(notes: Path, config: str, words: str) -> None:
    (notes / ".notelint.toml").write_text(config)
    result = _run("gift.txt")
    assert result.exit_code == 2
    errors = _stderr_lines(result)
    assert len(errors) == 1 and words in errors[0], result.stderr
    assert result.stdout == ""


def test_named_config_file(notes: Path) -> None:
    (notes / "strict.toml").write_text("[NL004]\nextra-gifts = ['a signed poster']\n")
    (notes / "jam.txt").write_text(
        "Hi Dana,\n\nThanks again. I have mailed you a signed poster of our band.\n\nBest,\nLee\n"
    )
    assert _run("--select", "NL004", "jam.txt").exit_code == 0
    assert _run("--select", "NL004", "--config", "strict.toml", "jam.txt").exit_code == 1


# --- stdin ---------------------------------------------------------------------------------


def test_stdin(notes: Path) -> None:
    result = _run("--select", "NL004", "-", stdin=GIFT_NOTE)
    assert result.exit_code == 1
    assert f"<stdin>:{GIFT_AT[0]}:{GIFT_AT[1]}: NL004" in result.stdout


def test_stdin_with_front_matter_and_files(notes: Path) -> None:
    front_matter = (
        "---\nto: Dana Reyes\ncompany: Halvorsen Freight\nrole: Shift Lead\n"
        "interviewed: 2026-03-02T14:00\nsent: 2026-03-02T19:30\ntopics: [picking waves]\n---\n"
    )
    assert front_matter.count("\n") == 8
    note = front_matter + GIFT_NOTE
    result = _run("--select", "NL004", "--format", "json", "clean.txt", "-", stdin=note)
    files = json.loads(result.stdout)["files"]
    assert [f["path"] for f in files] == ["clean.txt", "<stdin>"]
    finding = files[1]["findings"][0]
    assert (finding["line"], finding["column"]) == (GIFT_AT[0] + 8, GIFT_AT[1])


def test_empty_stdin(notes: Path) -> None:
    result = _run("-", stdin="")
    assert result.exit_code == 2
    assert _stderr_lines(result) == [
        "notelint: error: <stdin>: file is empty; there is no note to lint"
    ]


# --- JSON ----------------------------------------------------------------------------------


def test_json_shape_is_as_documented(notes: Path) -> None:
    result = _run("--select", "NL004", "--format", "json", "gift.txt", "clean.txt")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert list(document) == ["version", "files", "errors", "summary"]
    assert document["version"] == __version__
    assert document["errors"] == []
    gift, clean = document["files"]
    assert list(gift) == ["path", "score", "score_parts", "findings"]
    assert (gift["path"], gift["score"]) == ("gift.txt", 85)
    assert gift["score_parts"] == [{"code": "NL004", "count": 1, "deduction": 15.0}]
    (finding,) = gift["findings"]
    assert list(finding) == [
        "code",
        "name",
        "severity",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "suggestion",
        "quote",
        "related",
        "folded",
    ]
    assert finding["code"] == "NL004"
    assert finding["name"] == "gift-mention"
    assert finding["severity"] == "warning"
    assert (finding["line"], finding["column"]) == GIFT_AT
    assert (finding["end_line"], finding["end_column"]) == (GIFT_AT[0], GIFT_AT[1] + 7)
    assert finding["quote"] == "flowers"
    assert '"flowers"' in finding["message"]
    assert finding["suggestion"]
    assert finding["related"] == []
    assert clean == {"path": "clean.txt", "score": 100, "score_parts": [], "findings": []}
    summary = document["summary"]
    assert {"files", "files_with_findings", "findings", "by_severity", "by_code"} <= set(summary)
    assert summary["files"] == 2
    assert summary["files_with_findings"] == 1
    assert summary["findings"] == 1
    assert summary["by_severity"] == {"error": 0, "warning": 1, "info": 0}
    assert summary["by_code"] == {"NL004": 1}
    assert summary["average_score"] == 92.5
    assert summary["errors"] == 0


def test_json_is_plain_even_with_colour(notes: Path) -> None:
    result = _run("--select", "NL004", "--format", "json", "--color", "always", "gift.txt")
    assert "\x1b[" not in result.stdout
    json.loads(result.stdout)


# --- colour --------------------------------------------------------------------------------


def test_no_colour_when_not_a_terminal(notes: Path) -> None:
    result = _run("--select", "NL004", "gift.txt")
    assert "\x1b[" not in result.output


def test_colour_always(notes: Path) -> None:
    result = _run("--select", "NL004", "--color", "always", "gift.txt", env={"NO_COLOR": "1"})
    assert "\x1b[" in result.stdout


def test_colour_never(notes: Path) -> None:
    result = _run("--select", "NL004", "--color", "never", "gift.txt")
    assert "\x1b[" not in result.stdout


def _run_on_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run the console script with stdout on a pseudo-terminal; return what it printed."""
    import pty

    leader, follower = pty.openpty()
    try:
        process = subprocess.run(
            [str(NOTELINT), *args],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.returncode == 1, process.stderr
    return b"".join(chunks).decode()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_terminal_gets_colour_unless_no_color(notes: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    args = ["--select", "NL004", str(notes / "gift.txt")]
    assert "\x1b[" in _run_on_terminal(args, env)
    assert "\x1b[" not in _run_on_terminal(args, {**env, "NO_COLOR": "1"})


# --- other output options ------------------------------------------------------------------


def test_quiet_prints_findings_only(notes: Path) -> None:
    result = _run("--select", "NL004", "--quiet", "gift.txt")
    assert result.stdout.splitlines()[0].startswith("gift.txt:4:8: NL004")
    assert "Found" not in result.stdout


def test_statistics(notes: Path) -> None:
    result = _run("--select", "NL004", "--statistics", "gift.txt")
    assert "1  NL004  gift-mention" in result.stdout


# --- rules and explain ---------------------------------------------------------------------


def test_rules_lists_every_check() -> None:
    result = _run("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(all_checks())
    for check, line in zip(all_checks(), lines, strict=True):
        assert line.startswith(f"{check.code}  {check.name}")
        assert check.severity.value in line
        assert check.summary in line


@pytest.mark.parametrize("code", ["NL004", "nl004", "gift-mention"])
def test_explain(code: str) -> None:
    result = _run("explain", code)
    assert result.exit_code == 0
    assert result.stdout.startswith("NL004 gift-mention (warning)")
    for section in ("What it does:", "Why is this bad?", "Example:", "Use instead:", "Options:"):
        assert section in result.stdout


@pytest.mark.parametrize("code", ["NL999", "gifts"])
def test_explain_unknown_code(code: str) -> None:
    result = _run("explain", code)
    assert result.exit_code == 2
    assert _stderr_lines(result) == [f"notelint: error: unknown check {code!r}; see notelint rules"]


def test_version() -> None:
    result = _run("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


# --- the real process ----------------------------------------------------------------------


@pytest.mark.slow
def test_console_script_bad_file_no_traceback(notes: Path) -> None:
    (notes / "bad.md").write_bytes(b"---\nsent: 2026-13-02\n---\nHi\n")
    process = subprocess.run(
        [str(NOTELINT), "--select", "NL004", "gift.txt", "bad.md"],
        capture_output=True,
        text=True,
        cwd=notes,
        timeout=60,
        check=False,
    )
    assert process.returncode == 2
    assert "Traceback" not in process.stderr
    assert process.stderr.strip().splitlines() == [
        "notelint: error: bad.md: front matter field 'sent' (line 2): "
        "expected an ISO date such as 2026-03-02 or 2026-03-02T14:00, got '2026-13-02'"
    ]
    assert "gift.txt:4:8: NL004" in process.stdout


@pytest.mark.slow
def test_python_dash_m(notes: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "notelint", "--select", "NL004", "-"],
        input=GIFT_NOTE,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert process.returncode == 1
    assert "<stdin>:4:8: NL004" in process.stdout
