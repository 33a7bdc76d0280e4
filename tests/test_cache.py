"""The results cache: same results as an uncached run, whatever is served from it.

Most tests run the CLI in-process in a temporary project; the ones about imports and about
two runs at once start the installed console script, as a user and pre-commit do.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from notelint.cli import main

GIFT = """\
---
to: Priya Raman
interviewed: 2026-11-20T10:00
---
Dear Priya,

Thank you for walking me through the claims backlog on Friday. I dropped off a box of
pastries at reception for the team as a small thank-you.

Best regards,
Sam Lee
"""
BODY = """\
Thank you for walking me through the warehouse on Thursday. Seeing the pick paths laid out on
the floor made the slotting problem you described concrete, and I kept thinking about it on
the drive home. At Fernhill Foods I re-slotted our fast movers by weekly velocity and cut the
average pick walk by about a third.
"""


def panel_note(to: str) -> str:
    return f"---\nto: {to}\n---\nDear {to.split()[0]},\n\n{BODY}\nBest regards,\nSam Lee\n"


def lint(project: Path, *args: str) -> tuple[int, dict]:
    """Run ``notelint --format json`` in the project; the exit status and the parsed report."""
    result = CliRunner().invoke(main, ["--format", "json", *args], catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout)


def entries(project: Path) -> list[Path]:
    return sorted((project / ".notelint_cache").rglob("*.json"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.notelint]\n", "utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "gift.md").write_text(GIFT, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def codes(report: dict) -> dict[str, list[str]]:
    return {r["path"]: sorted(f["code"] for f in r["findings"]) for r in report["files"]}


def test_second_run_is_served_and_identical(project: Path) -> None:
    first = lint(project, "notes", "--now", "2026-11-20T18:00")
    assert entries(project), "the first run stores its results"
    stamps = [p.stat().st_mtime_ns for p in entries(project)]
    second = lint(project, "notes", "--now", "2026-11-20T18:00")
    assert second == first
    assert "NL004" in codes(first[1])["notes/gift.md"]
    assert [p.stat().st_mtime_ns for p in entries(project)] == stamps, "nothing rewritten"


def test_cache_folder_is_ignored_by_git_and_tagged(project: Path) -> None:
    lint(project, "notes")
    folder = project / ".notelint_cache"
    assert (folder / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_text("utf-8").startswith("Signature: 8a477f597d28d172")


def test_no_cache_neither_reads_nor_writes(project: Path) -> None:
    lint(project, "notes", "--no-cache")
    assert not (project / ".notelint_cache").exists()


def test_cache_dir_flag_and_config_key(project: Path) -> None:
    lint(project, "notes", "--cache-dir", "elsewhere")
    assert list((project / "elsewhere").rglob("*.json"))
    (project / "pyproject.toml").write_text('[tool.notelint]\ncache-dir = "build/nl"\n', "utf-8")
    lint(project, "notes")
    assert list((project / "build" / "nl").rglob("*.json"))
    assert not (project / ".notelint_cache").exists()


def test_a_draft_grows_late_on_a_cached_run(project: Path) -> None:
    """NL012 depends on the time of the run: it is never served from the cache."""
    _, early = lint(project, "notes", "--now", "2026-11-20T18:00")
    assert "NL012" not in codes(early)["notes/gift.md"]
    _, late = lint(project, "notes", "--now", "2026-11-26T18:00")
    assert "NL012" in codes(late)["notes/gift.md"]


def test_an_edited_note_is_linted_again(project: Path) -> None:
    lint(project, "notes")
    note = project / "notes" / "gift.md"
    note.write_text(GIFT.replace("I dropped off a box of\npastries", "I sent"), "utf-8")
    _, report = lint(project, "notes")
    assert "NL004" not in codes(report)["notes/gift.md"]


def test_other_settings_are_other_entries(project: Path) -> None:
    _, everything = lint(project, "notes")
    _, only = lint(project, "notes", "--select", "NL006")
    assert codes(only)["notes/gift.md"] == []
    assert codes(everything)["notes/gift.md"] != []
    before = len(entries(project))
    lint(project, "notes", "--company", "Larkspur")
    assert len(entries(project)) > before, "a flag of the interview's context is in the key"


def test_panel_copies_are_found_when_one_note_is_cached(project: Path) -> None:
    """NL005 compares what each note collected: a cached note takes part like a new one."""
    (project / "notes" / "priya.md").write_text(panel_note("Priya Raman"), "utf-8")
    _, alone = lint(project, "notes")
    assert "NL005" not in codes(alone)["notes/priya.md"]
    (project / "notes" / "tom.md").write_text(panel_note("Tom Okafor"), "utf-8")
    _, both = lint(project, "notes")
    assert "NL005" in codes(both)["notes/priya.md"]
    assert "NL005" in codes(both)["notes/tom.md"]
    assert lint(project, "notes") == (1, both)


def test_per_file_ignores_and_suppressions_apply_to_cached_results(project: Path) -> None:
    lint(project, "notes")
    (project / "pyproject.toml").write_text(
        '[tool.notelint]\nper-file-ignores = {"notes/gift.md" = ["NL004"]}\n', "utf-8"
    )
    _, report = lint(project, "notes")
    assert "NL004" not in codes(report)["notes/gift.md"]


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"key": "someone else"}', b"\xff\xfe"])
def test_a_corrupt_or_foreign_entry_is_a_miss_and_is_rewritten(
    project: Path, damage: bytes
) -> None:
    _, first = lint(project, "notes")
    for entry in entries(project):
        entry.write_bytes(damage)
    _, second = lint(project, "notes")
    assert second == first
    assert all(json.loads(p.read_bytes())["key"] for p in entries(project))


def test_an_unwritable_cache_folder_does_not_stop_the_run(project: Path) -> None:
    (project / "blocked").write_text("a file where the cache folder should be", "utf-8")
    status, report = lint(project, "notes", "--cache-dir", "blocked/cache")
    assert status == 1
    assert "NL004" in codes(report)["notes/gift.md"]


def _script() -> str:
    return str(Path(sys.executable).with_name("notelint"))


def test_a_fully_cached_run_imports_no_spacy(project: Path) -> None:
    code = (
        "import sys; from notelint.cli import main\n"
        "try:\n    main(['notes', '-q'])\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'thinc', 'numpy'}))"
    )
    run = [sys.executable, "-c", code]
    cold = subprocess.run(run, capture_output=True, text=True, cwd=project, check=True)
    assert cold.stdout.strip().splitlines()[-1] == "['numpy', 'spacy', 'thinc']"
    warm = subprocess.run(run, capture_output=True, text=True, cwd=project, check=True)
    assert warm.stdout.strip().splitlines()[-1] == "[]"


def test_two_runs_at_once_share_a_cache(project: Path) -> None:
    for i in range(30):
        (project / "notes" / f"n{i:02}.md").write_text(GIFT.replace("Friday", f"day {i}"), "utf-8")
    expected = subprocess.run(
        [_script(), "--format", "json", "--no-cache", "notes"],
        capture_output=True,
        text=True,
        cwd=project,
    ).stdout
    runs = [
        subprocess.Popen(
            [_script(), "--format", "json", "notes"],
            stdout=subprocess.PIPE,
            text=True,
            cwd=project,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate()[0] for run in runs]
    assert outputs == [expected, expected]
    again = subprocess.run(
        [_script(), "--format", "json", "notes"], capture_output=True, text=True, cwd=project
    )
    assert again.stdout == expected
    assert not list((project / ".notelint_cache").rglob("*.tmp"))


def test_a_staged_copy_of_a_committed_note_is_found_in_hook_mode(project: Path) -> None:
    """pre-commit passes only the staged notes; ``--compare-tracked`` (the hook's entry)
    compares them with every note git tracks, and reports only the staged ones."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    (project / "notes" / "priya.md").write_text(panel_note("Priya Raman"), "utf-8")
    subprocess.run([*git, "init", "-q"], cwd=project, env=env, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, env=env, check=True)
    subprocess.run([*git, "commit", "-qm", "first"], cwd=project, env=env, check=True)
    (project / "notes" / "tom.md").write_text(panel_note("Tom Okafor"), "utf-8")
    _, alone = lint(project, "notes/tom.md")
    assert codes(alone) == {"notes/tom.md": []}, "without the flag, one note has no copy"
    _, hooked = lint(project, "notes/tom.md", "--compare-tracked")
    assert codes(hooked) == {"notes/tom.md": ["NL005"]}
    (finding,) = hooked["files"][0]["findings"]
    assert "notes/priya.md" in finding["message"]


def test_compare_tracked_outside_git_is_a_usage_error(project: Path) -> None:
    result = CliRunner().invoke(main, ["notes", "--compare-tracked"])
    assert result.exit_code == 2
    assert "--compare-tracked: not inside a git repository" in result.stderr


def test_only_time_dependent_checks_depend_on_the_time_of_the_run() -> None:
    """What the cache serves must not change with the clock: over every fixture, the findings
    of the checks not marked ``time-dependent`` are the same a year apart."""
    import datetime as dt

    sys.path.insert(0, str(Path(__file__).parent))
    from fixture_runner import runs

    from notelint.config import Config
    from notelint.engine import lint_sources
    from notelint.registry import catalog
    from notelint.sources import read_sources

    timed = {code for code, info in catalog().items() if info.time_dependent}
    assert timed == {"NL012"}
    config = Config(ignore=tuple(timed))
    for notes in runs():
        sources, _ = read_sources(notes)
        seen = []
        for year in (2026, 2027):
            now = dt.datetime(year, 12, 1, tzinfo=dt.timezone.utc)
            report = lint_sources(sources, config, now=now, jobs=1)
            seen.append([(r.path, r.findings) for r in report.results])
        assert seen[0] == seen[1], notes


def test_clean_removes_the_cache_and_only_a_cache(project: Path) -> None:
    lint(project, "notes")
    assert (project / ".notelint_cache").is_dir()
    done = CliRunner().invoke(main, ["clean"])
    assert done.exit_code == 0, done.output
    assert not (project / ".notelint_cache").exists()
    assert (project / "notes" / "gift.md").is_file()
    keep = project / "important"
    keep.mkdir()
    (keep / "data.txt").write_text("not a cache", "utf-8")
    refused = CliRunner().invoke(main, ["clean", "--cache-dir", "important"])
    assert refused.exit_code == 2
    assert "is not a notelint cache" in refused.stderr
    assert (keep / "data.txt").is_file()
    nothing = CliRunner().invoke(main, ["clean"])
    assert nothing.exit_code == 0 and "no cache at" in nothing.stderr


def test_memory_cache_serves_a_text_under_another_name_and_forgets_the_oldest() -> None:
    """The language server's cache: same outcomes as a fresh lint, placed in the asking note,
    and bounded."""
    from notelint.cache import memory_cache
    from notelint.config import Config
    from notelint.engine import lint_sources
    from notelint.sources import parse

    config = Config()
    cache = memory_cache(config)
    cache.size = 2
    fresh = lint_sources([parse(GIFT, "a.md")], config, jobs=1)
    first = lint_sources([parse(GIFT, "a.md")], config, jobs=1, cache=cache)
    moved = lint_sources([parse(GIFT, "b.md")], config, jobs=1, cache=cache)
    assert first.results[0].findings == fresh.results[0].findings
    assert [f.path for f in moved.results[0].findings] == ["b.md"] * len(fresh.results[0].findings)
    assert [(f.code, f.line) for f in moved.results[0].findings] == [
        (f.code, f.line) for f in fresh.results[0].findings
    ]
    for i in range(3):
        lint_sources([parse(GIFT + f"\nP.S. {i}\n", "c.md")], config, jobs=1, cache=cache)
    assert len(cache._entries) == 2
