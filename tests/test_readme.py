"""The README's promises that code can check: set-up commands, every check documented."""

from __future__ import annotations

import re
from pathlib import Path

from notelint.registry import all_checks

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def _setup_commands() -> list[str]:
    block = README.split("## Set-up", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.strip().splitlines()]


def test_setup_lints_a_sample_note_that_exists() -> None:
    install, _ = _setup_commands()
    sample = re.search(r"notelint (\S+)$", install)
    assert sample and (ROOT / sample.group(1)).is_file()


def test_ci_runs_the_readme_test_command() -> None:
    _, test_command = _setup_commands()
    assert test_command.removeprefix(".venv/bin/") in (ROOT / ".ci" / "run").read_text("utf-8")


def test_readme_table_of_checks_is_generated_from_their_metadata() -> None:
    """Regenerate with `notelint rules --format markdown` after changing a check.yml."""
    from notelint.cli import checks_table

    assert checks_table(all_checks()) in README


def _block_after(marker: str, fence: str) -> str:
    return README.split(marker, 1)[1].split(f"```{fence}\n", 1)[1].split("```", 1)[0]


def test_editor_set_ups_parse_and_start_notelint_lsp() -> None:
    """No editor runs here, so the snippets are checked for what an editor reads of them:
    Helix's languages.toml keys (its documented ``[language-server.NAME]`` table and the
    ``language-servers`` list) and the VS Code extension's documented settings."""
    import json

    import tomllib

    helix = tomllib.loads(_block_after("**Helix**", "toml"))
    assert helix["language-server"]["notelint"] == {"command": "notelint", "args": ["lsp"]}
    languages = {language["name"]: language for language in helix["language"]}
    assert set(languages) == {"markdown", "text"}
    assert all("notelint" in language["language-servers"] for language in languages.values())
    assert languages["text"]["file-types"] == ["txt"]
    vscode = json.loads(_block_after("**VS Code**", "json"))
    assert vscode["glspc.server.command"] == "notelint"
    assert vscode["glspc.server.commandArguments"] == ["lsp"]
    assert set(vscode["glspc.server.languageId"]) == {"markdown", "plaintext"}
    # Only settings the extension declares (its package.json), and options the server reads.
    declared = {"command", "commandArguments", "languageId", "environmentVariables"}
    assert {key.removeprefix("glspc.server.") for key in vscode} <= {
        *declared,
        "initializationOptions",
    }
    assert set(vscode["glspc.server.initializationOptions"]) == {"debounceMs"}
    # A language Helix does not ship needs scope and file-types; roots has a default.
    assert {"scope", "file-types"} <= set(languages["text"])
    assert len(languages["markdown"]["language-servers"]) > 1  # Helix's own are kept
