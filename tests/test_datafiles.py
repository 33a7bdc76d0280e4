"""Our YAML data files are parsed once and kept beside them, as Python keeps bytecode; the
lemma table too, in a folder of ours."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from notelint import datafiles
from notelint.datafiles import DataFileError, load_data, load_kept


@pytest.fixture
def writing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run with PYTHONDONTWRITEBYTECODE; these ask for what a normal install does."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _kept(path: Path) -> Path:
    return path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.marshal"


def test_parsed_data_is_kept_and_used(tmp_path: Path, writing: None) -> None:
    path = tmp_path / "shapes.yml"
    path.write_text("lists:\n  modals: [would, could]\n", "utf-8")
    assert load_data(path) == {"lists": {"modals": ["would", "could"]}}
    assert _kept(path).is_file()

    def no_parsing(_: Path) -> None:
        raise AssertionError("parsed again")

    original = datafiles._parse
    datafiles._parse = no_parsing  # type: ignore[assignment]
    try:
        assert load_data(path) == {"lists": {"modals": ["would", "could"]}}
    finally:
        datafiles._parse = original


def test_an_edited_file_is_parsed_again(tmp_path: Path, writing: None) -> None:
    path = tmp_path / "check.yml"
    path.write_text("code: NL900\n", "utf-8")
    load_data(path)
    path.write_text("code: NL901\nname: other\n", "utf-8")
    os.utime(path, ns=(1, 1))  # a new stamp, even within the file system's time resolution
    assert load_data(path) == {"code": "NL901", "name": "other"}


@pytest.mark.parametrize("junk", [b"", b"not marshal", b"\xe9\x00\x00\x00\x00"])
def test_a_corrupt_kept_file_is_read_as_missing_and_rewritten(
    tmp_path: Path, writing: None, junk: bytes
) -> None:
    path = tmp_path / "rules.yml"
    path.write_text("rules: []\n", "utf-8")
    _kept(path).parent.mkdir()
    _kept(path).write_bytes(junk)
    assert load_data(path) == {"rules": []}
    assert _kept(path).read_bytes() != junk


def test_nothing_is_written_without_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = tmp_path / "check.yml"
    path.write_text("code: NL900\n", "utf-8")
    assert load_data(path) == {"code": "NL900"}
    assert not (tmp_path / "__pycache__").exists()


def test_a_folder_that_cannot_hold_the_kept_file_is_no_error(tmp_path: Path, writing: None) -> None:
    """A file where ``__pycache__`` would be (so it cannot be made): the data is still read."""
    path = tmp_path / "check.yml"
    path.write_text("code: NL900\n", "utf-8")
    (tmp_path / "__pycache__").write_text("in the way", "utf-8")
    assert load_data(path) == {"code": "NL900"}


def test_invalid_yaml_is_a_data_file_error(tmp_path: Path) -> None:
    path = tmp_path / "check.yml"
    path.write_text("code: [unclosed\n", "utf-8")
    with pytest.raises(DataFileError):
        load_data(path)


def test_a_file_kept_elsewhere_is_known_by_its_path(tmp_path: Path, writing: None) -> None:
    """Another package's file is kept in a folder of ours: two files of one size and time
    kept at one place are told apart by their paths."""
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text('{"went": "go"}', "utf-8")
    second.write_text('{"was!": "be"}', "utf-8")
    os.utime(first, ns=(1, 1))
    os.utime(second, ns=(1, 1))
    kept = tmp_path / "ours" / "table.marshal"
    assert load_kept(first, _json, kept) == {"went": "go"}
    assert kept.is_file() and oct(kept.stat().st_mode & 0o777) == "0o644"
    assert load_kept(second, _json, kept) == {"was!": "be"}
    assert load_kept(second, lambda _: pytest.fail("parsed again"), kept) == {"was!": "be"}


def _json(path: Path) -> object:
    return json.loads(path.read_text("utf-8"))


def test_the_lemma_table_is_spacy_lookups_datas_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writing: None
) -> None:
    """Found without importing spacy-lookups-data, read as that package reads it, then kept."""
    import spacy_lookups_data

    from notelint import lookup_lemmas

    assert lookup_lemmas._table_path().name.startswith(
        Path(str(spacy_lookups_data.en["lemma_lookup"])).name
    )
    kept = tmp_path / "lemma.marshal"
    fresh = load_kept(lookup_lemmas._table_path(), lookup_lemmas._read_table, kept)
    assert fresh["went"] == "go" and len(fresh) > 40_000
    assert load_kept(lookup_lemmas._table_path(), _json, kept) == fresh  # served as kept
