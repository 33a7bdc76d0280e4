"""sources: bytes to text, front matter, masking, offsets, and every input error (no spaCy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from notelint.errors import NotelintError
from notelint.sources import (
    MAX_BYTES,
    MAX_CHARS,
    decode,
    expand,
    parse,
    read_path,
    read_sources,
)

FRONT_MATTER_NOTE = """\
---
to: Ms. Okafor
company: Larkspur Analytics
role: Data Engineer
interviewed: 2026-03-02T14:00
topics: [batch migration]
sent: 2026-03-02T19:30
---
Dear Ms. Okafor,

Thanks for walking me through the batch migration.
I left a fruit basket at the front desk.

Best,
Sam
"""


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def _error(path: Path) -> str:
    with pytest.raises(NotelintError) as info:
        read_path(path)
    return str(info.value)


# --- offsets -------------------------------------------------------------------------------


def test_position_is_one_based_line_and_column() -> None:
    source = parse("Hi Jo,\nThanks for today.\n", "n.txt")
    assert source.position(0) == (1, 1)
    assert source.position(source.text.index("Thanks")) == (2, 1)
    assert source.position(source.text.index("today")) == (2, 12)


def test_front_matter_is_counted_in_body_lines(tmp_path: Path) -> None:
    source = read_path(_write(tmp_path, "n.md", FRONT_MATTER_NOTE))
    offset = source.text.index("fruit basket")
    # Eight lines of front matter, a salutation, a blank line, a sentence: line 12.
    assert source.position(offset) == (12, 10)
    assert source.lint_text[offset : offset + 12] == "fruit basket"


def test_front_matter_is_blanked_with_same_length_and_newlines() -> None:
    source = parse(FRONT_MATTER_NOTE, "n.md")
    assert len(source.lint_text) == len(source.text)
    header = source.lint_text[: source.text.index("Dear")]
    assert set(header) <= {" ", "\n"}
    assert header.count("\n") == 8
    assert source.front_matter["company"] == "Larkspur Analytics"
    assert source.front_matter_lines["company"] == 3
    assert source.front_matter_lines["sent"] == 7


def test_crlf_positions_and_front_matter(tmp_path: Path) -> None:
    text = FRONT_MATTER_NOTE.replace("\n", "\r\n")
    source = read_path(_write(tmp_path, "n.md", text.encode()))
    assert source.front_matter["to"] == "Ms. Okafor"
    assert source.position(source.text.index("fruit basket")) == (12, 10)
    assert len(source.lint_text) == len(source.text)


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = _write(tmp_path, "n.md", b"\xef\xbb\xbf" + FRONT_MATTER_NOTE.encode())
    source = read_path(path)
    assert source.text.startswith("---")
    assert source.front_matter["to"] == "Ms. Okafor"
    assert source.position(source.text.index("fruit basket")) == (12, 10)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read(tmp_path: Path, encoding: str) -> None:
    data = FRONT_MATTER_NOTE.encode(encoding)
    if encoding != "utf-16":  # the explicit-endian codecs write no BOM: add it
        data = "\ufeff".encode(encoding) + data
    source = read_path(_write(tmp_path, "n.md", data))
    assert source.text == FRONT_MATTER_NOTE
    assert source.position(source.text.index("fruit basket")) == (12, 10)


# --- masking -------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("fence", ["```", "~~~", "````"])
def test_fenced_code_is_blanked(newline: str, fence: str) -> None:
    text = newline.join(
        ["Hi Jo,", fence + "python", "send_gift(cookies)", fence, "After the code.", "Best,", "Sam"]
    )
    source = parse(text + newline, "n.md")
    assert len(source.lint_text) == len(source.text)
    assert source.lint_text.count("\n") == source.text.count("\n")
    assert "cookies" not in source.lint_text
    assert "After the code." in source.lint_text  # the fence closed, the rest is linted
    assert "Best," in source.lint_text


def test_longer_closing_fence_closes_the_block() -> None:
    source = parse("Hi\n```\ncode\n`````\nAfter.\n", "n.md")
    assert "code" not in source.lint_text
    assert "After." in source.lint_text


def test_unclosed_fence_masks_to_the_end() -> None:
    source = parse("Hi Jo, thanks.\n```\nleft open\n", "n.md")
    assert "left open" not in source.lint_text
    assert source.lint_text.startswith("Hi Jo, thanks.")


def test_html_comments_are_blanked_and_kept_for_directives() -> None:
    text = "Hi Jo,\n<!-- a draft\nremark -->\nThanks. <!-- notelint-disable NL004 -->\n"
    source = parse(text, "n.md")
    assert len(source.lint_text) == len(source.text)
    assert source.lint_text.count("\n") == text.count("\n")
    assert "draft" not in source.lint_text
    assert "notelint" not in source.lint_text
    assert "Thanks." in source.lint_text
    assert [(c.text, c.line, c.end_line) for c in source.comments] == [
        ("a draft\nremark", 2, 3),
        ("notelint-disable NL004", 4, 4),
    ]


def test_email_headers_masked_subject_kept() -> None:
    text = (
        "To: jo.adams@example.com\n"
        "From: sam@example.com\n"
        "Date: Mon, 2 Mar 2026 19:30:00 +0000\n"
        "Subject: Thank you for today\n"
        "\n"
        "Hi Jo,\n"
    )
    source = parse(text, "mail.txt")
    assert len(source.lint_text) == len(source.text)
    assert "example.com" not in source.lint_text
    assert "Mon, 2 Mar" not in source.lint_text
    assert "Subject: Thank you for today" in source.lint_text
    assert source.position(source.text.index("Hi Jo")) == (6, 1)


def test_header_words_later_in_the_note_are_not_masked() -> None:
    text = "Hi Jo,\nTo: be honest, the demo was the highlight.\n"
    assert parse(text, "n.txt").lint_text == text


def test_horizontal_rule_at_start_is_not_front_matter() -> None:
    text = "----\nHi Jo, thanks for today.\n"
    assert parse(text, "n.md").front_matter == {}


def test_front_matter_dates_stay_text_for_the_context() -> None:
    source = parse("---\ninterviewed: 2026-03-02\n---\nHi\n", "n.md")
    assert source.front_matter["interviewed"] == "2026-03-02"


def test_empty_front_matter_is_allowed() -> None:
    source = parse("---\n---\nHi Jo, thanks.\n", "n.md")
    assert source.front_matter == {}
    assert source.lint_text.endswith("Hi Jo, thanks.\n")


# --- input errors --------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    message = _error(tmp_path / "nope.md")
    assert "nope.md" in message and "no such file" in message


def test_binary_file(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert "binary" in message and "photo.txt" in message


def test_latin1_bytes_are_not_utf8(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "n.txt", "Merci, René, à bientôt".encode("latin-1")))
    assert "not valid UTF-8" in message
    assert "0xe9" in message


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\n", b"\xef\xbb\xbf\n  \n", "  \n ".encode("utf-16")],
    ids=["empty", "whitespace", "bom-whitespace", "utf16-whitespace"],
)
def test_empty_or_whitespace_file(tmp_path: Path, data: bytes) -> None:
    assert "empty" in _error(_write(tmp_path, "n.txt", data))


def test_file_over_one_mebibyte(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "big.txt", b"word " * (MAX_BYTES // 5 + 1)))
    assert "bytes" in message and "big.txt" in message


def test_note_at_the_character_limit_is_read_and_one_more_is_refused(tmp_path: Path) -> None:
    """The limit holds in characters, below spaCy's own max_length (1,000,000)."""
    data = (b"a" * 99 + b"\n") * (MAX_CHARS // 100)
    assert len(data) == MAX_CHARS < MAX_BYTES
    assert read_path(_write(tmp_path, "edge.txt", data)).text.startswith("aaa")
    message = _error(_write(tmp_path, "over.txt", data + b"b"))
    assert "characters" in message and "900,000" in message


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    note = "---\nto: Ms. Okafor\ncompany: Acme: Inc\n---\nHi\n"
    message = _error(_write(tmp_path, "n.md", note))
    assert "malformed front matter" in message
    assert "line 3" in message


def test_unclosed_front_matter(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "n.md", "---\nto: Ms. Okafor\nDear Ms. Okafor,\n"))
    assert "no closing '---'" in message


@pytest.mark.parametrize(
    ("block", "kind"), [("- Ms. Okafor\n- Mr. Reyes\n", "list"), ("just words\n", "str")]
)
def test_front_matter_not_a_mapping(tmp_path: Path, block: str, kind: str) -> None:
    message = _error(_write(tmp_path, "n.md", f"---\n{block}---\nHi\n"))
    assert "malformed front matter" in message and kind in message


def test_note_with_only_front_matter_and_code(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "n.md", "---\nto: Jo\n---\n```\ncode\n```\n"))
    assert "no text" in message


def test_decode_is_usable_without_a_file() -> None:
    assert decode("Merci, René".encode(), "<stdin>") == "Merci, René"
    with pytest.raises(NotelintError, match="<stdin>: file is empty"):
        decode(b"", "<stdin>")


# --- expand --------------------------------------------------------------------------------


def _tree(tmp_path: Path) -> Path:
    for name in [
        "b.md",
        "a.txt",
        "sub/c.markdown",
        "sub/deeper/d.MD",
        "drafts/e.md",
        "notes.docx",
        "sub/image.png",
    ]:
        _write(tmp_path, name, "Hi Jo, thanks.\n")
    return tmp_path


def _names(items: list, root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in items]


def test_expand_folder_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    items = list(expand([str(root)]))
    assert all(isinstance(p, Path) for p in items)
    assert _names(items, root) == [
        "a.txt",
        "b.md",
        "drafts/e.md",
        "sub/c.markdown",
        "sub/deeper/d.MD",
    ]


def test_folder_walk_finds_what_rglob_finds_in_the_same_order(tmp_path: Path) -> None:
    """Sorted as paths sort (by part: "a/b" before "a-c"), hidden notes included, a linked
    folder not entered, a link to a note followed, a folder named like a note passed over."""
    for name in ["a-c.txt", "a/b.txt", "a/.hidden.md", "A.txt", "z/deep/er/n.md", "x.md/in.txt"]:
        _write(tmp_path, name, "Hi Jo, thanks.\n")
    (tmp_path / "linked").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "link.md").symlink_to(tmp_path / "a-c.txt")
    (tmp_path / "broken.md").symlink_to(tmp_path / "nowhere.md")
    expected = sorted(
        p for p in tmp_path.rglob("*") if p.suffix.lower() in (".txt", ".md") and p.is_file()
    )
    items = list(expand([str(tmp_path)]))
    assert items == expected
    assert _names(items, tmp_path) == [
        "A.txt",
        "a/.hidden.md",
        "a/b.txt",
        "a-c.txt",
        "link.md",
        "x.md/in.txt",
        "z/deep/er/n.md",
    ]


def test_a_note_named_twice_or_through_a_link_is_read_once(tmp_path: Path) -> None:
    note = _write(tmp_path, "n.md", "Hi Jo, thanks.\n")
    (tmp_path / "again.md").symlink_to(note)
    sources, errors = read_sources([note, tmp_path / "." / "n.md", tmp_path])
    assert not errors
    assert [s.path for s in sources] == [str(note)]


def test_a_file_that_says_it_is_empty_is_still_read_whole() -> None:
    """Files of /proc give their size as 0; the size read first only saves a large buffer."""
    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("no /proc on this system")
    assert read_path(status).text.startswith("Name:")


def test_expand_exclude_globs(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    items = list(expand([str(root)], exclude=["drafts", "*.markdown"], root=root))
    assert _names(items, root) == ["a.txt", "b.md", "sub/deeper/d.MD"]


def test_expand_named_file_of_any_suffix(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    assert list(expand([str(root / "notes.docx")])) == [root / "notes.docx"]


def test_expand_errors_per_path(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    _write(empty, "readme.rst", "not a note")
    good = _write(tmp_path, "ok.md", "Hi Jo, thanks.\n")
    items = list(expand([str(tmp_path / "missing.md"), str(empty), str(good)]))
    assert isinstance(items[0], NotelintError) and "no such file" in str(items[0])
    assert isinstance(items[1], NotelintError) and "no .txt, .md or .markdown" in str(items[1])
    assert items[2] == good


def test_sources_and_layout_do_not_import_spacy() -> None:
    code = (
        "import sys\n"
        "from notelint.sources import parse\n"
        "from notelint.layout import find_layout\n"
        "s = parse('---\\nto: Jo\\n---\\nHi Jo,\\nThanks.\\nBest,\\nSam\\n', 'n.md')\n"
        "find_layout(s.lint_text)\n"
        "assert 'spacy' not in sys.modules, 'spacy was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
