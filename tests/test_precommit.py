"""The pre-commit hook end to end: ``pre-commit try-repo`` on a repository of notes.

SLOW (a few minutes, and it needs PyPI): try-repo builds a fresh virtualenv and pip-installs
notelint with spaCy into it, on every run. It stays in the default run because the hook is
what users install first; ``pytest -m "not slow"`` leaves it out.

The hook repository is a snapshot of this checkout's working tree, committed into a temporary
git repository. try-repo on the checkout itself would copy uncommitted edits of tracked files
and staged files, but not untracked ones (it runs ``git add -u``), so a new check or a new
``.pre-commit-hooks.yaml`` would be missing until committed. The test leaves one edit of the
snapshot uncommitted to show that try-repo does use such edits.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
UNCOMMITTED_NAME = "notelint (uncommitted edit)"

BAD_NOTE = """\
Hi,

Thanks for meeting with me about the role at [Company]. I've sent a fruit basket to your office
as a small thank-you. I look forward to hearing from you.

Best,
Sam
"""

GOOD_NOTE = """\
---
to: Teresa Vogt
company: Brightwater Dental
role: Practice Coordinator
interviewed: 2026-05-12T10:00
sent: 2026-05-12T17:30
---
Dear Teresa,

Thank you for walking me through the front desk this morning. Your point about recall
appointments slipping when the reminder texts go out on Fridays stayed with me: at Linden Family
Dental I moved ours to Tuesday mornings and no-shows fell from 14% to 9% over one quarter.

I'd be glad to share the reminder schedule we used if it would help the team compare.

Kind regards,
Malik Osei
"""


def pre_commit(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment with a private pre-commit home, a git identity and no outer git state."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    identity = {"NAME": "Notelint Test", "EMAIL": "notelint-test@example.invalid"}
    for role in ("AUTHOR", "COMMITTER"):
        for key, value in identity.items():
            environ[f"GIT_{role}_{key}"] = value
    environ["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    environ["PRE_COMMIT_COLOR"] = "never"
    return environ


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """This checkout's working tree (untracked files too) committed, plus one uncommitted edit."""
    repo = tmp_path_factory.mktemp("hook-repo")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT, env=env)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git("init", "-q", cwd=repo, env=env)
    git("add", "-A", cwd=repo, env=env)
    git("commit", "-q", "-m", "snapshot", cwd=repo, env=env)
    manifest = repo / ".pre-commit-hooks.yaml"
    hooks = yaml.safe_load(manifest.read_text())
    hooks[0]["name"] = UNCOMMITTED_NAME
    manifest.write_text(yaml.safe_dump(hooks))
    return repo


@pytest.fixture(scope="module")
def notes_repo(
    tmp_path_factory: pytest.TempPathFactory, env: dict[str, str], hook_repo: Path
) -> Path:
    """A user's repository of notes, with the configuration a user would write."""
    repo = tmp_path_factory.mktemp("notes")
    git("init", "-q", cwd=repo, env=env)
    (repo / "bad.txt").write_text(BAD_NOTE)
    (repo / "good.md").write_text(GOOD_NOTE)
    rev = git("rev-parse", "HEAD", cwd=hook_repo, env=env).strip()
    (repo / ".pre-commit-config.yaml").write_text(
        textwrap.dedent(
            f"""\
            repos:
              - repo: {hook_repo}
                rev: {rev}
                hooks:
                  - id: notelint
            """
        )
    )
    git("add", "-A", cwd=repo, env=env)
    git("commit", "-q", "-m", "notes", cwd=repo, env=env)
    return repo


def test_manifest_is_valid_and_declares_the_hook(env: dict[str, str]) -> None:
    done = pre_commit("validate-manifest", str(MANIFEST), cwd=ROOT, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    (hook,) = yaml.safe_load(MANIFEST.read_text())
    assert hook["id"] == "notelint"
    assert hook["entry"] == "notelint --compare-tracked"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "plain-text"]
    assert hook["require_serial"] is True


def test_user_config_is_valid(notes_repo: Path, env: dict[str, str]) -> None:
    done = pre_commit("validate-config", ".pre-commit-config.yaml", cwd=notes_repo, env=env)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "passes"), [("bad.txt", False), ("good.md", True)], ids=["bad-fails", "good-passes"]
)
def test_try_repo(
    note: str, passes: bool, notes_repo: Path, hook_repo: Path, env: dict[str, str]
) -> None:
    done = pre_commit(
        "try-repo", str(hook_repo), "notelint", "--verbose", "--files", note,
        cwd=notes_repo, env=env,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert UNCOMMITTED_NAME in output, "try-repo must use uncommitted edits of the hook repo"
    if passes:
        assert done.returncode == 0, output
        assert "Passed" in output
    else:
        assert done.returncode == 1, output
        assert "Failed" in output
        assert "bad.txt:3:" in output
        assert 'NL004 [warning] gift-mention mentions a gift: "fruit basket"' in output


@pytest.mark.parametrize(
    ("path", "excluded"),
    [
        ("README.md", True),
        ("docs/CHANGELOG.md", True),
        ("LICENSE", True),
        ("CONTRIBUTING.md", True),
        ("notes/readme-for-panel.md", False),
        ("notes/licensing-officer.txt", False),
        ("notes/acme.md", False),
    ],
)
def test_hook_leaves_a_repositorys_own_documents_alone(path: str, excluded: bool) -> None:
    import re

    (hook,) = yaml.safe_load(MANIFEST.read_text("utf-8"))
    assert bool(re.search(hook["exclude"], path)) is excluded
