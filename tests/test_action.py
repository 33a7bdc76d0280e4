"""The GitHub Action (``action.yml``): its inputs reach the script, and the script lints, writes
SARIF, logs the findings and records the exit code for the verdict step. The script runs here
as the runner runs it (bash, ``INPUT_*`` variables, ``GITHUB_OUTPUT``), with the notelint of
this environment (``install: false``) so no package is downloaded."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
SCRIPT = ROOT / "action" / "lint.sh"

GIFT_NOTE = "Hi Dana,\n\nThank you for the tour on Tuesday.\nI sent flowers to the front desk.\n"


def _steps() -> dict[str, dict]:
    return {step.get("id", step.get("uses", "")): step for step in ACTION["runs"]["steps"]}


def test_action_is_composite_and_runs_the_script() -> None:
    assert ACTION["runs"]["using"] == "composite"
    steps = _steps()
    assert steps["lint"]["run"] == '"$GITHUB_ACTION_PATH/action/lint.sh"'
    assert os.access(SCRIPT, os.X_OK)
    upload = steps["github/codeql-action/upload-sarif@v3"]
    assert upload["with"]["sarif_file"] == "${{ steps.lint.outputs.sarif-file }}"


def test_every_input_reaches_the_script() -> None:
    env = _steps()["lint"]["env"]
    script = SCRIPT.read_text("utf-8")
    for name in ACTION["inputs"]:
        if name in ("upload", "fail-on-findings"):
            continue  # read by the steps after the script
        variable = "INPUT_" + name.upper().replace("-", "_")
        assert env[variable] == f"${{{{ inputs.{name} }}}}"
        assert variable in script, f"{variable} is passed but the script never reads it"


def _lint(tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    output = tmp_path / "github-output"
    output.touch()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "INPUT_INSTALL": "false",
        "INPUT_PYTHON": sys.executable,
        **{"INPUT_" + k.upper(): v for k, v in inputs.items()},
    }
    done = subprocess.run(
        ["bash", str(SCRIPT)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    values = dict(line.split("=", 1) for line in output.read_text("utf-8").splitlines())
    return done, values


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "my notes"
    folder.mkdir()
    (folder / "gift.txt").write_text(GIFT_NOTE, encoding="utf-8")
    return folder


def test_script_writes_sarif_logs_findings_and_records_exit_1(tmp_path: Path, notes: Path) -> None:
    done, outputs = _lint(tmp_path, paths="my notes\n", args="--select NL004")
    assert done.returncode == 0, done.stderr
    assert outputs == {"sarif-file": "notelint.sarif", "exit-code": "1"}
    log = json.loads((tmp_path / "notelint.sarif").read_text("utf-8"))
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "NL004"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "my%20notes/gift.txt"
    )
    assert "my%20notes/gift.txt:4:8: NL004 [warning] Mentions a gift" in done.stdout
    assert "notelint: 1 finding (1 warning)" in (tmp_path / "summary.md").read_text("utf-8")


def test_clean_run_records_exit_0(tmp_path: Path, notes: Path) -> None:
    done, outputs = _lint(tmp_path, paths="my notes\n", args="--select NL006", sarif_file="o.sarif")
    assert (done.returncode, outputs) == (0, {"sarif-file": "o.sarif", "exit-code": "0"})
    assert "notelint: 0 findings (none)" in done.stdout


def test_input_error_is_in_the_sarif_and_exit_2(tmp_path: Path, notes: Path) -> None:
    _, outputs = _lint(tmp_path, paths="missing.md\nmy notes")
    assert outputs["exit-code"] == "2"
    log = json.loads((tmp_path / "notelint.sarif").read_text("utf-8"))
    notices = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any("missing.md" in n["message"]["text"] for n in notices)


def test_usage_error_fails_the_step(tmp_path: Path, notes: Path) -> None:
    done, _ = _lint(tmp_path, paths="my notes\n", args="--no-such-option")
    assert done.returncode == 2
    assert "without writing SARIF" in done.stderr


@pytest.mark.parametrize(
    ("code", "fail", "status"),
    [("0", "true", 0), ("1", "true", 1), ("1", "false", 0), ("2", "false", 2)],
)
def test_verdict_step(code: str, fail: str, status: int) -> None:
    verdict = _steps()["verdict"]
    assert verdict["env"] == {
        "CODE": "${{ steps.lint.outputs.exit-code }}",
        "FAIL": "${{ inputs.fail-on-findings }}",
    }
    done = subprocess.run(
        ["bash", "-c", verdict["run"]],
        env={**os.environ, "CODE": code, "FAIL": fail},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == status
    assert bool(re.search("::error::", done.stdout)) == (status != 0)
