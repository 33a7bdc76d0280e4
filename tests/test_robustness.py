"""Bad input never crashes, hangs or leaks into the terminal: each case is one line, exit 2, and
the other notes of the run are still reported. Properties over random text close the file."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notelint.api import lint_text
from notelint.config import Config, from_mapping
from notelint.engine import MAX_PER_CHECK
from notelint.errors import NotelintError

GOOD = "Thanks for the tour of the cold store; at Corvel I ran the same night shift.\n"
NOTELINT = [sys.executable, "-m", "notelint"]


def _run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*NOTELINT, *args], cwd=cwd, input=stdin, capture_output=True, timeout=60, check=False
    )


@pytest.mark.parametrize(
    ("front_matter", "said"),
    [
        ("to: !!int abc", "invalid literal"),
        ("sent: !!timestamp 2026-13-45", "month must be"),
        ("sent: !!timestamp x", "front matter"),
        ("x: " + "9" * 5000, "digits"),
        ("x: " + "[" * 600 + "]" * 600, "recursion"),
        ("x: !!python/object:os.system {}", "front matter"),
        ("company: Acme\x1b]0;title\x07", "unacceptable character #x001b"),
    ],
)
def test_any_front_matter_the_safe_loader_rejects_is_an_input_error(
    tmp_path: Path, front_matter: str, said: str
) -> None:
    (tmp_path / "bad.md").write_text(f"---\n{front_matter}\n---\nHello, thanks.\n", "utf-8")
    (tmp_path / "good.txt").write_text(GOOD, "utf-8")
    done = _run("--exit-zero", "bad.md", "good.txt", cwd=tmp_path)
    err = done.stderr.decode()
    assert "Traceback" not in err
    assert "bad.md: malformed front matter" in err
    assert said.lower() in err.lower()
    assert "line 2" in err or "lines 2-2" in err
    assert "\x1b" not in err
    assert "1 file could not be linted" in done.stdout.decode()
    assert "of 1 note" in done.stdout.decode() or "All 1 note passed" in done.stdout.decode()


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    start = time.monotonic()
    done = _run("pipe.txt", "/dev/zero", cwd=tmp_path)
    assert time.monotonic() - start < 30
    err = done.stderr.decode()
    assert done.returncode == 2
    assert "pipe.txt: not a regular file" in err and "/dev/zero: not a regular file" in err


def test_an_endless_stdin_is_refused_not_read_whole(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [*NOTELINT, "-"], cwd=tmp_path, stdin=zero, capture_output=True, timeout=60
        )
    assert done.returncode == 2
    assert "bytes; larger notes are not linted" in done.stderr.decode()


def test_size_limit_holds_in_characters_below_spacys_max_length(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("a" * 950_000 + "\n", "utf-8")
    done = _run("long.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert "characters" in done.stderr.decode() and "Traceback" not in done.stderr.decode()


@pytest.mark.parametrize("run", ["[" * 16_000, "!?" * 20_000, "=-" * 30_000])
def test_long_runs_of_punctuation_lint_in_bounded_time(run: str) -> None:
    start = time.monotonic()
    lint_text(f"Hi Sam,\n\nThanks, {run} and I ran the returns desk at Corvel.\n")
    assert time.monotonic() - start < 10


def test_repeated_findings_of_one_check_are_capped_and_counted() -> None:
    findings = lint_text("XX " * 5000 + "\n", config=Config(select=("NL006",)))
    assert len(findings) == MAX_PER_CHECK
    assert findings[-1].message.endswith(
        f"(and {5000 - MAX_PER_CHECK + 1:,} more like it in this note)"
    )


def test_escape_sequences_and_line_breaks_never_reach_the_output(tmp_path: Path) -> None:
    (tmp_path / "esc\x1b[2J.txt").write_text(
        'Hi,\n\nI know I blew it. Please give me "another \x1b]0;pwned\x07 chance".\n', "utf-8"
    )
    (tmp_path / "new\nline.txt").write_text("Thanks for your time. Talk soon.\n", "utf-8")
    latin = os.open(os.fsencode(tmp_path) + b"/latin\xe9.txt", os.O_CREAT | os.O_WRONLY)
    os.write(latin, b"Thanks for your time.\n")
    os.close(latin)
    (tmp_path / "back\\slash.txt").write_text("Thanks for your time.\n", "utf-8")
    for fmt in ("text", "github", "json", "sarif"):
        done = _run("--format", fmt, ".", cwd=tmp_path)
        out = done.stdout.decode("utf-8")
        assert "\x1b" not in out and "\x07" not in out, fmt
        assert "Traceback" not in done.stderr.decode(), fmt
        if fmt in ("text", "github"):
            lines = [line for line in out.splitlines() if line.startswith("./")]
            assert all(line.split(":")[0].endswith(".txt") for line in lines), lines
        assert "latin\ufffd.txt" in out or "latin%EF%BF%BD.txt" in out, fmt
        assert "back\\slash.txt" in out or "back%5Cslash.txt" in out or "back\\\\slash" in out, fmt
    json.loads(_run("--format", "json", ".", cwd=tmp_path).stdout)


def test_api_takes_any_str() -> None:
    assert isinstance(lint_text("Hello \ud800 there, thanks for your time.\udfff"), list)


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ({"weights": {"NL004": math.inf}}, "weights"),
        ({"weights": {"NL004": math.nan}}, "weights"),
        ({"severity-weights": {"error": 1e9}}, "severity-weights"),
        ({"NL012": {"max-hours": -1}}, "NL012.max-hours"),
        ({"NL012": {"max-hours": math.inf}}, "NL012.max-hours"),
        ({"NL002": {"fuzzy-threshold": 500}}, "NL002.fuzzy-threshold"),
        ({"NL005": {"similarity": 3.0}}, "NL005.similarity"),
        ({"exclude": [""]}, "exclude"),
        ({"per-file-ignores": {"": ["NL004"]}}, "per-file-ignores"),
        ({"model": "no_such_pipeline_xyz"}, "model"),
    ],
)
def test_configuration_numbers_globs_and_model_are_checked(table: dict, key: str) -> None:
    with pytest.raises(NotelintError, match=f"config key '{key}"):
        from_mapping(table)


def test_exclude_is_relative_to_the_configuration_folder(tmp_path: Path) -> None:
    """A folder above the configuration's (here named like an exclude) excludes nothing."""
    project = tmp_path / "drafts" / "project"
    (project / "notes").mkdir(parents=True)
    (project / ".notelint.toml").write_text('exclude = ["drafts"]\n', "utf-8")
    (project / "notes" / "a.txt").write_text(GOOD, "utf-8")
    for named in ("notes", str(project / "notes"), str(project / "notes" / "a.txt")):
        done = _run("--exit-zero", named, cwd=project)
        assert "All 1 note passed" in done.stdout.decode(), (named, done)


notes = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400
) | st.from_regex(
    r"(---\n[a-z]+: .{0,20}\n---\n)?[A-Za-z ,.!?'\n\[\]{}<>XY$%*|-]{1,300}", fullmatch=True
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes)
def test_any_text_gives_findings_that_quote_the_text_or_the_documented_error(text: str) -> None:
    try:
        findings = lint_text(text, path="n.md")
    except NotelintError:
        return
    lines = text.split("\n")
    for f in findings:
        assert 1 <= f.line <= len(lines) and 1 <= f.location.end_line <= len(lines)
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(notes, min_size=2, max_size=3))
def test_findings_are_the_same_one_note_at_a_time_and_together(texts: list[str]) -> None:
    from notelint.engine import lint_sources
    from notelint.sources import parse

    sources = []
    for i, text in enumerate(texts):
        try:
            sources.append(parse(text, f"n{i}.md"))
        except NotelintError:
            continue
    config = Config(ignore=("NL005",))
    together = lint_sources(sources, config, jobs=1)
    alone = [r for s in sources for r in lint_sources([s], config, jobs=1).results]
    assert [r.findings for r in together.results] == [r.findings for r in alone]


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {
        str(p): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_no_mode_changes_a_note(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("---\nto: Sam\n---\nHi Sam,\n\nI sent a fruit basket.\n", "utf-8")
    (notes / "b.txt").write_text(GOOD, "utf-8")
    before = _snapshot(notes)
    base = tmp_path / "known.json"
    for args in (
        [],
        ["--format", "json"],
        ["--format", "sarif"],
        ["--format", "github"],
        ["--statistics"],
        ["--write-baseline", str(base)],
        ["--baseline", str(base)],
    ):
        _run(*args, "notes", cwd=tmp_path)
    assert _snapshot(notes) == before


@pytest.mark.parametrize("target", ["notes/a.md", "notes/sub.json", "other.txt"])
def test_write_baseline_refuses_a_note_or_a_file_that_is_not_a_baseline(
    tmp_path: Path, target: str
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(GOOD, "utf-8")
    (tmp_path / "other.txt").write_text("my own file\n", "utf-8")
    before = _snapshot(tmp_path)
    done = _run("--write-baseline", target, "notes", cwd=tmp_path)
    assert done.returncode == 2
    assert "--write-baseline" in done.stderr.decode()
    assert _snapshot(tmp_path) == before


def test_baseline_rewrite_is_atomic_and_keeps_permissions(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Hi Sam,\n\nI sent a fruit basket to the office.\n", "utf-8")
    base = tmp_path / "known.json"
    assert _run("--write-baseline", "known.json", "a.md", cwd=tmp_path).returncode == 0
    base.chmod(0o640)
    assert _run("--write-baseline", "known.json", "a.md", cwd=tmp_path).returncode == 0
    assert base.stat().st_mode & 0o777 == 0o640
    assert json.loads(base.read_text("utf-8"))["findings"]
    assert not list(tmp_path.glob("*.tmp"))


def _offsets(text: str, line: int, column: int) -> int:
    """The character offset of a 1-based line and column."""
    return sum(len(row) + 1 for row in text.split("\n")[: line - 1]) + column - 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes)
def test_every_span_is_inside_the_text_and_quotes_what_it_says(text: str) -> None:
    try:
        findings = lint_text(text, path="n.md")
    except NotelintError:
        return
    clean = text.replace("\ufffd", "")
    for f in findings:
        start = _offsets(text, f.line, f.column)
        end = _offsets(text, f.location.end_line, f.location.end_column)
        assert 0 <= start <= end <= len(text)
        written = " ".join(text[start:end].replace(">", " ").split())
        assert " ".join(f.quote.replace(">", " ").split()) == written or not clean, (f, written)


def test_findings_are_the_same_with_any_number_of_jobs(tmp_path: Path) -> None:
    from notelint.engine import lint_sources
    from notelint.parallel import MIN_NOTES
    from notelint.sources import read_sources

    fixtures = sorted((Path(__file__).parent.parent / "fixtures").rglob("*.md"))[:MIN_NOTES]
    sources, _ = read_sources(fixtures)
    config = Config(ignore=("NL005",))
    one = lint_sources(sources, config, jobs=1)
    two = lint_sources(sources, config, jobs=2)
    assert [r.findings for r in one.results] == [r.findings for r in two.results]


def test_a_check_failing_on_one_note_costs_that_note_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from notelint.engine import build_checks, lint_sources
    from notelint.sources import parse

    config = Config(select=("NL004",))
    (check,) = build_checks(config)
    real = check.check

    def flaky(note):
        if "boom" in note.source.text:
            raise RuntimeError("boom")
        return real(note)

    monkeypatch.setattr(check, "check", flaky)
    sources = [parse("I sent a fruit basket to the office.\n", "a.txt"), parse("boom\n", "b.txt")]
    report = lint_sources(sources, config, jobs=1)
    assert [r.path for r in report.results] == ["a.txt"]
    assert [f.code for f in report.results[0].findings] == ["NL004"]
    (error,) = report.errors
    assert error.path == "b.txt" and "internal error in NL004" in str(error)
