"""Safe fixes: what they change (and what they leave alone), ``--fix`` and ``--diff``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from notelint.api import lint_text
from notelint.cli import main
from notelint.fixes import apply, fixes_for
from notelint.sources import parse

NOTE = """\
---
to: Marta Quinlan
company: Fernway Logistics
role: Shift Lead
---

Dear Hiring Manager,

Thank you for showing me the new cross-dock on Tuesday. Your worry about pallets waiting
overnight is one I know well: at Brightwell I moved our inbound checks to the dock door.

[Insert a specific detail here]

I'd like to bring the same habit to [Company Name] as its next [Position].

Best regards,
Noor
"""

FIXED = """\
---
to: Marta Quinlan
company: Fernway Logistics
role: Shift Lead
---

Dear Marta Quinlan,

Thank you for showing me the new cross-dock on Tuesday. Your worry about pallets waiting
overnight is one I know well: at Brightwell I moved our inbound checks to the dock door.

I'd like to bring the same habit to Fernway Logistics as its next Shift Lead.

Best regards,
Noor
"""


def _fixed(text: str, path: str = "note.md") -> str:
    source = parse(text, path)
    findings = lint_text(text, path=path)
    return apply(source.text, fixes_for(source, findings))[0]


def test_salutation_slots_and_placeholder_line_are_fixed() -> None:
    assert _fixed(NOTE) == FIXED
    assert not [f for f in lint_text(FIXED) if f.code in ("NL006", "NL010")]


def test_greeting_word_is_kept_and_a_panel_is_named() -> None:
    note = NOTE.replace("to: Marta Quinlan", "to: [Marta Quinlan, Ravi Sethi]").replace(
        "Dear Hiring Manager", "Hi team"
    )
    assert "\nHi Marta Quinlan and Ravi Sethi,\n" in _fixed(note)


def test_no_recipient_no_salutation_fix() -> None:
    note = NOTE.replace("to: Marta Quinlan\n", "")
    assert "\nDear Hiring Manager,\n" in _fixed(note)


def test_slot_inside_a_sentence_is_left_to_the_writer() -> None:
    note = NOTE.replace("[Company Name]", "the [project] team")
    fixed = _fixed(note)
    assert "the [project] team" in fixed
    assert "[Insert a specific detail here]" not in fixed


def test_placeholder_signature_line_goes_without_leaving_a_gap() -> None:
    note = "Hi Marta,\n\nThanks for the tour of the cross-dock.\n\nBest,\n[Your Name]\n"
    assert _fixed(note, "n.txt") == "Hi Marta,\n\nThanks for the tour of the cross-dock.\n\nBest,\n"


def test_crlf_line_endings_are_kept() -> None:
    fixed = _fixed(NOTE.replace("\n", "\r\n"))
    assert fixed == FIXED.replace("\n", "\r\n")


# --- command line --------------------------------------------------------------------------


def _run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, ["--now", "2026-11-01", *args], input=stdin)


@pytest.fixture
def note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "marta.md"
    path.write_text(NOTE, encoding="utf-8")
    return path


def test_diff_shows_the_fixes_and_writes_nothing(note: Path) -> None:
    result = _run("--diff", "marta.md")
    assert result.exit_code == 1
    assert "--- a/marta.md\n+++ b/marta.md\n" in result.stdout
    assert "-Dear Hiring Manager,\n+Dear Marta Quinlan,\n" in result.stdout
    assert "Would fix 4 problems in 1 note." in result.stderr
    assert note.read_text("utf-8") == NOTE


def test_diff_with_nothing_to_fix_exits_0(note: Path) -> None:
    note.write_text(FIXED, encoding="utf-8")
    result = _run("--diff", "marta.md")
    assert (result.exit_code, result.stdout) == (0, "")


def test_fix_writes_atomically_keeps_mode_and_reports_what_is_left(note: Path) -> None:
    os.chmod(note, 0o640)
    inode = note.stat().st_ino
    result = _run("--fix", "marta.md")
    assert note.read_text("utf-8") == FIXED
    assert note.stat().st_mode & 0o777 == 0o640
    assert note.stat().st_ino != inode  # replaced by a rename, not rewritten in place
    assert "Fixed 4 problems in 1 note." in result.stdout
    assert "NL006" not in result.stdout and "NL010" not in result.stdout
    assert not list(note.parent.glob(".marta.md.*"))  # no temporary file left behind


def test_without_fix_nothing_is_written(note: Path) -> None:
    _run("marta.md")
    assert note.read_text("utf-8") == NOTE


def test_fix_keeps_a_utf8_byte_order_mark(note: Path) -> None:
    note.write_bytes(b"\xef\xbb\xbf" + NOTE.encode())
    _run("--fix", "marta.md")
    assert note.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode()


def test_fix_from_stdin_prints_the_fixed_note(note: Path) -> None:
    result = _run("--fix", "--stdin-filename", "marta.md", stdin=NOTE)
    assert result.stdout == FIXED
    assert "Fixed 4 problems in 1 note." in result.stderr
    assert note.read_text("utf-8") == NOTE  # stdin's name is not written to


def test_fix_with_a_baseline_is_a_usage_error(note: Path) -> None:
    result = _run("--fix", "--baseline", "b.json", "marta.md")
    assert result.exit_code == 2
    assert "cannot be combined" in result.stderr
    assert note.read_text("utf-8") == NOTE


# --- writing -------------------------------------------------------------------------------


def test_a_note_changed_since_it_was_linted_is_left_alone(tmp_path: Path) -> None:
    from notelint.errors import NotelintError
    from notelint.fixing import Change, write_change

    path = tmp_path / "marta.md"
    path.write_text(NOTE + "P.S. edited meanwhile\n", encoding="utf-8")
    with pytest.raises(NotelintError, match="changed while it was linted"):
        write_change(Change(str(path), NOTE, FIXED, 1))
    assert path.read_text(encoding="utf-8") == NOTE + "P.S. edited meanwhile\n"


@pytest.mark.parametrize("failing", ["mkstemp", "replace"])
def test_a_failed_write_is_one_line_and_leaves_the_note_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """A folder that cannot be written to (or a rename that fails) costs the fix, not the
    note: the note is unchanged and no temporary file is left beside it."""
    import tempfile

    from notelint.errors import NotelintError
    from notelint.fixing import Change, write_change

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile if failing == "mkstemp" else os, failing, refuse)
    path = tmp_path / "marta.md"
    path.write_text(NOTE, encoding="utf-8")
    with pytest.raises(NotelintError, match="cannot write the fixes: Permission denied"):
        write_change(Change(str(path), NOTE, FIXED, 1))
    assert path.read_text(encoding="utf-8") == NOTE
    assert [p.name for p in tmp_path.iterdir()] == ["marta.md"]
