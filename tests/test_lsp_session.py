"""The language server's parts without the protocol: the session (documents, configuration,
groups) and the conversion of positions, which an editor counts in UTF-16 units."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

pytest.importorskip("lsprotocol", reason="the lsp extra is not installed: pip install -e '.[lsp]'")

from lsprotocol import types

from notelint.lsp import convert
from notelint.lsp.session import Session, uri_to_path

NOTE = "Hi Dana,\n\nThank you for the tour on Tuesday.\nI sent flowers to the front desk.\n"


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return Session(folders=[tmp_path])


def _open(session: Session, path: Path, text: str = NOTE) -> str:
    path.write_text(text, encoding="utf-8")
    session.open(path.as_uri(), text, 1)
    return path.as_uri()


def _codes(session: Session, uri: str) -> list[str]:
    return [f.code for f in session.lint(uri)[0].findings] if session.lint(uri) else []


def test_relinting_does_not_freeze_garbage(session: Session, tmp_path: Path) -> None:
    """A server lints thousands of times: only the first set-up may freeze objects."""
    uri = _open(session, tmp_path / "a.md")
    session.lint(uri)
    frozen = gc.get_freeze_count()
    for number in range(30):
        session.update(uri, NOTE + "x" * (number % 2), number + 2)
        session.lint(uri)
    assert gc.get_freeze_count() <= frozen  # (frozen objects can still be freed)


def test_configuration_saved_later_is_read_on_the_next_lint(
    session: Session, tmp_path: Path
) -> None:
    uri = _open(session, tmp_path / "a.md")
    assert "NL004" in _codes(session, uri)
    (tmp_path / ".notelint.toml").write_text('ignore = ["NL004"]\n', encoding="utf-8")
    assert "NL004" not in _codes(session, uri)


def test_bad_configuration_is_the_error_of_the_note(session: Session, tmp_path: Path) -> None:
    (tmp_path / ".notelint.toml").write_text("ignore = [\n", encoding="utf-8")
    uri = _open(session, tmp_path / "a.md")
    (linted,) = session.lint(uri)
    assert linted.error is not None and "malformed TOML" in str(linted.error)
    (diagnostic,) = convert.diagnostics(linted, types.PositionEncodingKind.Utf16)
    assert diagnostic.severity == types.DiagnosticSeverity.Error


def test_excluded_and_blank_notes_have_no_findings(session: Session, tmp_path: Path) -> None:
    (tmp_path / ".notelint.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    excluded = _open(session, tmp_path / "drafts" / "a.md")
    blank = _open(session, tmp_path / "b.md", "  \n")
    assert session.lint(excluded)[0].findings == ()
    assert session.lint(blank)[0].findings == ()
    assert session.lint(blank)[0].error is None


def test_malformed_front_matter_is_a_diagnostic(session: Session, tmp_path: Path) -> None:
    uri = _open(session, tmp_path / "a.md", "---\nto: [unclosed\n---\nHi Dana,\n")
    (linted,) = session.lint(uri)
    assert linted.error is not None and "front matter" in str(linted.error)


def test_notes_of_other_folders_are_linted_apart(session: Session, tmp_path: Path) -> None:
    one = _open(session, tmp_path / "a.md")
    elsewhere = tmp_path.parent / f"{tmp_path.name}-other.md"
    try:
        _open(session, elsewhere)
        assert [d.uri for d in session.group(one)] == [one]
        assert [d.uri for d in session.group(elsewhere.as_uri())] == [elsewhere.as_uri()]
    finally:
        elsewhere.unlink()


def test_untitled_documents_are_linted(session: Session) -> None:
    session.open("untitled:Untitled-1", NOTE, 1)
    assert uri_to_path("untitled:Untitled-1") is None
    assert "NL004" in [f.code for f in session.lint("untitled:Untitled-1")[0].findings]


@pytest.mark.parametrize(
    ("encoding", "character"),
    [
        (types.PositionEncodingKind.Utf16, 3),
        (types.PositionEncodingKind.Utf8, 6),
        (types.PositionEncodingKind.Utf32, 2),
    ],
)
def test_positions_in_each_encoding(encoding: str, character: int) -> None:
    text = convert.Text("ab\n🎉é flowers\n", encoding)
    offset = text.text.index(" flowers")
    assert text.position(offset) == types.Position(1, character)
    assert text.offset(types.Position(1, character)) == offset
    assert text.offset(types.Position(9, 0)) == len(text.text)


def _apply(text: str, edit: types.TextEdit) -> str:
    converted = convert.Text(text)
    return (
        text[: converted.offset(edit.range.start)]
        + edit.new_text
        + text[converted.offset(edit.range.end) :]
    )


def test_a_front_matter_finding_is_switched_off_for_the_note(
    session: Session, tmp_path: Path
) -> None:
    """A comment would break the YAML: the action adds ``notelint: {ignore: [...]}``."""
    text = "---\nto: Dana Lee\ninterviewed: 2026-01-05\n---\n" + NOTE
    uri = _open(session, tmp_path / "late.md", text)
    (linted,) = session.lint(uri)
    late = next(f for f in linted.findings if f.code == "NL012")
    assert late.line == 3
    whole = types.Range(types.Position(0, 0), types.Position(20, 0))
    actions = {a.title: a for a in convert.code_actions(linted, "utf-16", whole)}
    edit = actions["Disable NL012 for this note"].edit
    assert edit is not None and edit.changes is not None
    (change,) = edit.changes[uri]
    fixed = _apply(text, change)
    assert fixed.startswith(
        "---\nto: Dana Lee\ninterviewed: 2026-01-05\nnotelint: {ignore: [NL012]}\n---\n"
    )
    session.update(uri, fixed, 2)
    assert "NL012" not in [f.code for f in session.lint(uri)[0].findings]
    assert "Disable NL004 for this line" in actions


def test_several_notes_are_linted_as_one_run_would(session: Session, tmp_path: Path) -> None:
    """Per-note checks for the edited note only, panel copies across all: the same findings as
    one run over the same notes."""
    from notelint.engine import lint_sources
    from notelint.sources import parse

    body = (
        "Thank you for meeting me with the rest of the panel. I valued our talk about the "
        "regional fleet and the carrier scorecards; at Brennan Haulage I built a weekly "
        "scorecard that cut late deliveries by a fifth.\n\nI sent flowers.\n"
    )
    texts = {
        name: f"---\nto: {name.title()} Lee\npanel: [Ana Lee, Obi Lee, Sam Lee]\n---\n\nDear "
        f"{name.title()},\n\n{body}"
        for name in ("ana", "obi", "sam")
    }
    uris = [_open(session, tmp_path / f"{name}.md", text) for name, text in texts.items()]
    session.lint(uris[0])
    edited = texts["ana"].replace("I sent flowers.", "I sent a fruit basket.")
    session.update(uris[0], edited, 2)
    texts["ana"] = edited
    linted = {r.uri: r.findings for r in session.lint(uris[0])}
    sources = [parse(text, str(tmp_path / f"{name}.md")) for name, text in texts.items()]
    expected = lint_sources(sources, session.config_for(session.documents[uris[0]]))
    assert [linted[uri] for uri in uris] == [r.findings for r in expected.results]
    assert {"NL004", "NL005"} <= {f.code for f in linted[uris[0]]}


def test_a_placeholder_line_is_removed_by_its_code_action(session: Session, tmp_path: Path) -> None:
    """The same safe fix as ``--fix``: the unfilled signature line goes, with no gap left."""
    text = "Hi Marta,\n\nThanks for the tour of the cross-dock.\n\nBest,\n[Your Name]\n"
    uri = _open(session, tmp_path / "marta.txt", text)
    (linted,) = session.lint(uri)
    on_the_line = {f.code for f in linted.findings if f.line == 6}
    assert on_the_line
    whole = types.Range(types.Position(0, 0), types.Position(10, 0))
    fixes = [
        a
        for a in convert.code_actions(linted, "utf-16", whole)
        if not a.title.startswith("Disable")
    ]
    assert len(fixes) == 1 and fixes[0].kind == types.CodeActionKind.QuickFix
    edit = fixes[0].edit
    assert edit is not None and edit.changes is not None
    (change,) = edit.changes[uri]
    fixed = _apply(text, change)
    assert fixed == "Hi Marta,\n\nThanks for the tour of the cross-dock.\n\nBest,\n"
    session.update(uri, fixed, 2)
    assert not {f.code for f in session.lint(uri)[0].findings} & on_the_line


def test_an_edit_with_five_notes_open_is_relinted_in_milliseconds(
    session: Session, tmp_path: Path
) -> None:
    """A guard on the warm path (the figure is ``benchmarks/lsp_latency.py --open 5``): each
    edit is a text never seen, four more notes are open in the folder, and the median re-lint
    stays far from a cold one (twice the 10 ms target, for a loaded CI machine)."""
    import statistics
    import time

    sentence = (
        "At Millbrook I rang every tenant who missed a first payment within three days and "
        "offered a plan over eight weeks, and cases reaching a notice fell from nineteen to five."
    )
    body = " ".join([sentence] * 6)
    uris = [
        _open(
            session,
            tmp_path / f"{name}.md",
            f"---\nto: {name} Roe\n---\n\nDear {name},\n\n{body}\n\nBest,\nTomas\n",
        )
        for name in ("Ana", "Obi", "Sam", "Eli", "Ida")
    ]
    session.lint(uris[0])
    text = session.documents[uris[0]].text
    timings = []
    for number in range(15):
        session.update(uris[0], text.replace("three days", f"{number + 4} days"), number + 2)
        started = time.perf_counter()
        session.lint(uris[0])
        timings.append((time.perf_counter() - started) * 1000)
    assert statistics.median(timings) < 20, timings
