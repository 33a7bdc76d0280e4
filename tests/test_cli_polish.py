"""The command line's finish: severity without colour, a concise format, FORCE_COLOR, why
``--min-score`` failed a run, ``--stdin-filename``, shell completion, the pre-commit snippet."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from notelint.cli import main

ROOT = Path(__file__).resolve().parent.parent
NOTELINT = Path(sys.executable).with_name("notelint")

GIFT_NOTE = """\
Hi Dana,

Thank you for the warehouse tour on Tuesday.
I sent flowers to the front desk for the team.

Best,
Lee
"""


def _run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, env=env)


@pytest.fixture
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "gift.txt").write_text(GIFT_NOTE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_plain_output_names_the_severity(notes: Path) -> None:
    result = _run("--select", "NL004", "--color", "never", "gift.txt")
    assert result.stdout.startswith("gift.txt:4:8: NL004 [warning] gift-mention mentions a gift")


def test_concise_is_one_line_per_finding(notes: Path) -> None:
    result = _run("--format", "concise", "--select", "NL004,NL001", "gift.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'gift.txt:4:8: NL004 [warning] mentions a gift: "flowers"',
    ]


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": ""}, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_force_color(notes: Path, env: dict[str, str], coloured: bool) -> None:
    base = {"NO_COLOR": "", "FORCE_COLOR": ""}
    result = _run("--select", "NL004", "gift.txt", env={**base, **env})
    assert ("\x1b[" in result.stdout) is coloured


def test_min_score_exit_is_explained(notes: Path) -> None:
    result = _run("--select", "NL004", "--fail-on", "error", "--min-score", "90", "gift.txt")
    assert result.exit_code == 1
    last = result.stdout.strip().splitlines()[-1]
    assert last == "Exit 1: 1 note scored below the minimum score of 90: gift.txt (85)."


def test_min_score_met_says_nothing(notes: Path) -> None:
    result = _run("--select", "NL004", "--min-score", "80", "gift.txt")
    assert "minimum score" not in result.output


def test_min_score_explained_on_stderr_for_machine_formats(notes: Path) -> None:
    result = _run("--format", "json", "--select", "NL004", "--min-score", "90", "gift.txt")
    assert "minimum score of 90" in result.stderr
    assert "minimum score" not in result.stdout


def test_stdin_filename_finds_config_and_per_file_ignores(notes: Path) -> None:
    (notes / "letters").mkdir()
    (notes / "letters" / ".notelint.toml").write_text(
        '[per-file-ignores]\n"drafts/*.txt" = ["NL004"]\n', encoding="utf-8"
    )
    ignored = _run("--select", "NL004", "--stdin-filename", "letters/drafts/a.txt", stdin=GIFT_NOTE)
    assert ignored.exit_code == 0, ignored.output
    named = _run(
        "--select", "NL004", "--stdin-filename", "letters/sent/a.txt", "-", stdin=GIFT_NOTE
    )
    assert named.exit_code == 1
    assert named.stdout.startswith("letters/sent/a.txt:4:8: NL004")


def test_stdin_filename_must_not_be_empty(notes: Path) -> None:
    result = _run("--stdin-filename", " ", stdin=GIFT_NOTE)
    assert result.exit_code == 2
    assert result.stderr.startswith("notelint: error: --stdin-filename")


def _complete(words: str) -> list[str]:
    """What bash completion offers for the last of ``words`` (click's protocol)."""
    env = {
        **os.environ,
        "_NOTELINT_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    process = subprocess.run(
        [str(NOTELINT)], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return process.stdout.splitlines()


def test_shell_completion_as_the_readme_documents() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "_NOTELINT_COMPLETE=bash_source notelint" in readme
    assert "plain,explain" in _complete("notelint ex")
    assert {"plain,--fix", "plain,--format"} <= set(_complete("notelint --f"))
    assert "plain,concise" in _complete("notelint --format ")
    assert "file,fix" in _complete("notelint fix")


def test_readme_pre_commit_rev_exists() -> None:
    """The README's ``rev:`` must be a tag or commit of this repository, where tags exist."""
    readme = (ROOT / "README.md").read_text("utf-8")
    rev = re.search(r"^\s+rev: (\S+)", readme.split("## pre-commit", 1)[1], re.M)
    assert rev, "the pre-commit snippet has a rev:"
    try:
        tags = subprocess.run(
            ["git", "-C", str(ROOT), "tag", "--list"], capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    if not tags:
        pytest.skip("this checkout has no tags (a shallow or tag-less clone)")
    found = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"{rev.group(1)}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    assert found.returncode == 0, f"rev {rev.group(1)} is neither a tag nor a commit here"


def test_lsp_without_the_extra_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from notelint.cli import main

    monkeypatch.setitem(sys.modules, "pygls", None)
    result = CliRunner().invoke(main, ["lsp"])
    assert result.exit_code == 2
    assert (
        result.stderr
        == "notelint: error: notelint lsp needs the lsp extra: pip install 'notelint[lsp]'\n"
    )


def test_importing_notelint_does_not_import_pygls() -> None:
    code = "import sys, notelint, notelint.cli, notelint.api; print('pygls' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
