"""``notelint lsp`` driven by a real client: pytest-lsp starts the server as a subprocess and
talks the protocol to it over stdio, as an editor does."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra is not installed: pip install -e '.[lsp]'")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

SERVER = [sys.executable, "-m", "notelint", "lsp"]
pytestmark = pytest.mark.asyncio(loop_scope="module")
#: What the server asked the client to register (file watchers for configuration).
REGISTERED: list[types.Registration] = []
INITIALIZED: list[types.InitializeResult] = []

GIFT = """\
---
to: Dana Whitfield
company: Halvorsen Freight
---

Dear Hiring Manager,

Thank you for the warehouse tour on Tuesday. You said late orders pile up on Mondays; at
Brightwell I ran our Monday picking and cut late orders by a third, so I could help here.
I sent flowers to the front desk for the team.

Best,
Lee
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workspace")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), scope="module")
async def client(lsp_client: LanguageClient, folder: Path) -> AsyncIterator[None]:
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        REGISTERED.extend(params.registrations)

    INITIALIZED.append(
        await lsp_client.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities("visual-studio-code"),
                workspace_folders=[types.WorkspaceFolder(folder.as_uri(), "notes")],
                initialization_options={"debounceMs": 50},
            )
        )
    )
    yield
    await lsp_client.shutdown_session()


async def _diagnostics(
    client: LanguageClient, uri: str, before: object = None
) -> list[types.Diagnostic]:
    """The diagnostics published for ``uri`` after ``before`` (what the client held then).

    The server publishes a group of notes at once, so this watches what the client has
    received rather than waiting for one notification, which could be another note's.
    """
    for _ in range(3000):
        current = client.diagnostics.get(uri)
        if current is not None and current is not before:
            return list(current)
        await asyncio.sleep(0.01)
    raise TimeoutError(f"no diagnostics for {uri}")


async def _open(client: LanguageClient, path: Path, text: str) -> list[types.Diagnostic]:
    path.write_text(text, encoding="utf-8")
    waiting = asyncio.ensure_future(
        _diagnostics(client, path.as_uri(), client.diagnostics.get(path.as_uri()))
    )
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(path.as_uri(), "markdown", 1, text))
    )
    return await waiting


async def _edit(
    client: LanguageClient, uri: str, texts: list[str], version: int
) -> list[types.Diagnostic]:
    """Send each text as a full change, without waiting between them; the diagnostics after."""
    waiting = asyncio.ensure_future(_diagnostics(client, uri, client.diagnostics.get(uri)))
    for number, text in enumerate(texts, start=version):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=number),
                [types.TextDocumentContentChangeWholeDocument(text)],
            )
        )
    return await waiting


def _codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply text edits as a client does (positions in UTF-16 units; ASCII notes here)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))
    for edit in reversed(ordered):
        start = starts[edit.range.start.line] + edit.range.start.character
        end = starts[edit.range.end.line] + edit.range.end.character
        text = text[:start] + edit.new_text + text[end:]
    return text


async def test_diagnostics_on_open(client: LanguageClient, folder: Path) -> None:
    found = await _open(client, folder / "dana.md", GIFT)
    by_code = {d.code: d for d in found}
    assert set(by_code) == {"NL004", "NL010"}
    gift = by_code["NL004"]
    assert gift.severity == types.DiagnosticSeverity.Warning
    assert gift.source == "notelint"
    assert gift.range == types.Range(types.Position(9, 7), types.Position(9, 14))
    assert gift.message.startswith('mentions a gift: "flowers"\nfix: Leave the gift out')
    assert gift.code_description is not None
    documentation = Path(gift.code_description.href.removeprefix("file://"))
    assert documentation.name == "check.py" and "gift" in documentation.read_text("utf-8")


async def test_capabilities(client: LanguageClient) -> None:
    (result,) = INITIALIZED
    capabilities = result.capabilities
    assert result.server_info is not None and result.server_info.name == "notelint"
    assert capabilities.hover_provider
    assert isinstance(capabilities.code_action_provider, types.CodeActionOptions)
    assert list(capabilities.code_action_provider.code_action_kinds or ()) == ["quickfix"]
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions) and sync.open_close and sync.save


async def test_plain_text_note_is_linted_again_on_save(
    client: LanguageClient, folder: Path
) -> None:
    path = folder / "plain.txt"
    text = "Hi Dana,\n\nThank you for the tour.\nI sent flowers to the front desk.\n"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "plaintext", 1, text))
    )
    first = await _diagnostics(client, uri)
    assert "NL004" in _codes(first)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    assert _codes(await _diagnostics(client, uri, client.diagnostics[uri])) == _codes(first)


async def test_edit_is_debounced_and_relinted(client: LanguageClient, folder: Path) -> None:
    uri = (folder / "dana.md").as_uri()
    lints_before = sum("linted" in m.message for m in client.log_messages)
    typed = [GIFT.replace("I sent flowers", "I sent flowers"[:n]) for n in range(1, 6)]
    fixed = GIFT.replace("I sent flowers to the front desk for the team.\n", "")
    found = await _edit(client, uri, [*typed, fixed], version=2)
    assert _codes(found) == ["NL010"]
    await asyncio.sleep(0.3)  # any lint still to come would be logged by now
    lints = [m.message for m in client.log_messages if "linted" in m.message]
    assert len(lints) - lints_before == 1, "six quick edits are linted once"
    milliseconds = float(lints[-1].split(" in ")[1].removesuffix(" ms"))
    assert milliseconds < 1000


async def test_hover_shows_the_documentation(client: LanguageClient, folder: Path) -> None:
    await _open(client, folder / "hover.md", GIFT)
    uri = (folder / "hover.md").as_uri()
    shown = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(5, 3))
    )
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert shown.contents.value.startswith("**NL010 generic-salutation** (warning)")
    assert "**What it does:**" in shown.contents.value


async def test_code_actions_fix_and_disable(client: LanguageClient, folder: Path) -> None:
    path = folder / "fix.md"
    text = GIFT
    found = await _open(client, path, text)
    salutation = next(d for d in found if d.code == "NL010")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(path.as_uri()),
            range=salutation.range,
            context=types.CodeActionContext(diagnostics=[salutation]),
        )
    )
    titles = [a.title for a in actions if isinstance(a, types.CodeAction)]
    assert titles == [
        'Greet Dana Whitfield by name: "Dear Dana Whitfield"',
        "Disable NL010 for this line",
    ]
    fix, disable = actions
    assert isinstance(fix, types.CodeAction) and fix.edit and fix.edit.changes
    fixed = _apply(text, fix.edit.changes[path.as_uri()])
    assert "\nDear Dana Whitfield,\n" in fixed
    assert _codes(await _edit(client, path.as_uri(), [fixed], version=2)) == ["NL004"]

    assert isinstance(disable, types.CodeAction) and disable.edit and disable.edit.changes
    silenced = _apply(text, disable.edit.changes[path.as_uri()])
    assert "\n<!-- notelint-disable-next-line NL010 -->\nDear Hiring Manager,\n" in silenced
    assert _codes(await _edit(client, path.as_uri(), [silenced], version=3)) == ["NL004"]


async def test_disable_inside_a_paragraph_keeps_the_paragraph(
    client: LanguageClient, folder: Path
) -> None:
    path = folder / "inline.md"
    found = await _open(client, path, GIFT)
    gift = next(d for d in found if d.code == "NL004")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(path.as_uri()), gift.range, types.CodeActionContext([gift])
        )
    )
    (disable,) = [a for a in actions if isinstance(a, types.CodeAction)]
    assert disable.edit and disable.edit.changes
    silenced = _apply(GIFT, disable.edit.changes[path.as_uri()])
    assert (
        "front desk for the team. <!-- notelint-disable NL004 --><!-- notelint-enable NL004 -->\n"
        in silenced
    )
    assert _codes(await _edit(client, path.as_uri(), [silenced], version=2)) == ["NL010"]


async def test_configuration_change_is_picked_up(client: LanguageClient, folder: Path) -> None:
    (watching,) = REGISTERED
    assert watching.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    sub = folder / "configured"
    sub.mkdir()
    path = sub / "note.md"
    assert _codes(await _open(client, path, GIFT)) == ["NL004", "NL010"]
    config = sub / ".notelint.toml"
    config.write_text('ignore = ["NL004"]\n', encoding="utf-8")
    waiting = asyncio.ensure_future(
        _diagnostics(client, path.as_uri(), client.diagnostics.get(path.as_uri()))
    )
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(config.as_uri(), types.FileChangeType.Created)]
        )
    )
    assert _codes(await waiting) == ["NL010"]
    config.write_text('ignore = ["NL010"]\n', encoding="utf-8")  # a later save, no event
    assert _codes(await _edit(client, path.as_uri(), [GIFT + "\n"], version=2)) == ["NL004"]


async def test_panel_copies_among_open_notes(client: LanguageClient, folder: Path) -> None:
    panel = folder / "panel"
    panel.mkdir()
    body = (
        "Thank you for meeting me this morning with the rest of the panel. I valued our talk "
        "about the regional fleet and the carrier scorecards; at Brennan Haulage I built a "
        "weekly scorecard that cut late deliveries by a fifth in six months.\n\nKind regards,\n"
        "Tomasz\n"
    )
    front = "---\nto: {0}\npanel: [Helena Brandt, Obi Nwosu]\n---\n\nDear {1},\n\n"
    first = await _open(client, panel / "helena.md", front.format("Helena Brandt", "Helena") + body)
    assert "NL005" not in _codes(first)
    second = await _open(client, panel / "obi.md", front.format("Obi Nwosu", "Obi") + body)
    assert "NL005" in _codes(second)
    # The first note's diagnostics changed too, and were published with the second's.
    assert "NL005" in _codes(list(client.diagnostics[(panel / "helena.md").as_uri()]))
    copy = next(d for d in second if d.code == "NL005")
    assert copy.related_information
    assert copy.related_information[0].location.uri == (panel / "helena.md").as_uri()


async def test_columns_are_utf16_units(client: LanguageClient, folder: Path) -> None:
    text = GIFT.replace("I sent flowers", "🎉 I sent flowers")
    found = await _open(client, folder / "emoji.md", text)
    gift = next(d for d in found if d.code == "NL004")
    assert gift.range.start == types.Position(9, 10)  # the emoji is two UTF-16 units


async def test_other_languages_are_left_alone(client: LanguageClient, folder: Path) -> None:
    path = folder / "script.py"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(path.as_uri(), "python", 1, "# I sent flowers\n")
        )
    )
    shown = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(0, 9))
    )
    assert shown is None
