"""``notelint lsp``: the Language Server Protocol over stdin and stdout, with pygls.

Diagnostics are published when a note is opened or saved, and after an edit once typing has
paused (``debounceMs`` in the client's initialization options, 150 ms by default), so a burst
of keystrokes costs one lint. The hover shows the documentation of the checks under the
cursor; code actions offer a finding's safe fix and switching its code off for its line.

Each lint reports its own time in a ``window/logMessage`` of type Log ("linted 1 note in
4.2 ms"), which editors show in the server's log: the time the server spends, without the
editor's own.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from notelint import __version__
from notelint.config import CONFIG_FILES
from notelint.lsp import convert
from notelint.lsp.session import Linted, Session, uri_to_path
from notelint.sources import NOTE_SUFFIXES

#: Documents linted: these languages, or a note's suffix (.md, .markdown, .txt).
LANGUAGES = frozenset({"markdown", "plaintext", "text", "txt"})
DEFAULT_DEBOUNCE = 0.15


class NotelintServer(LanguageServer):
    """The server: a session of open notes, a debounce timer per note, the last diagnostics."""

    def __init__(self) -> None:
        super().__init__("notelint", __version__)
        self.session = Session()
        self.debounce = DEFAULT_DEBOUNCE
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.published: dict[str, list[types.Diagnostic]] = {}

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def sync_folders(self) -> None:
        """The session's workspace folders from the protocol's (or the root, for old clients)."""
        uris = [folder.uri for folder in self.workspace.folders.values()]
        if not uris and self.workspace.root_uri:
            uris = [self.workspace.root_uri]
        self.session.folders = [p for p in map(uri_to_path, uris) if p is not None]

    def lint_and_publish(self, uri: str) -> None:
        """Lint a note (and the notes of its group) and publish what changed."""
        self.pending.pop(uri, None)
        if uri not in self.session.documents:
            return
        started = time.perf_counter()
        results = self.session.lint(uri)
        self.publish(results, force={uri})
        elapsed = (time.perf_counter() - started) * 1000
        count = f"{len(results)} note{'' if len(results) == 1 else 's'}"
        self.window_log_message(
            types.LogMessageParams(types.MessageType.Log, f"linted {count} in {elapsed:.1f} ms")
        )

    def publish(
        self, results: Iterable[Linted], force: frozenset[str] | set[str] = frozenset()
    ) -> None:
        """Publish each result whose diagnostics changed (and those in ``force`` anyway)."""
        results = list(results)
        group = {r.source.path: r for r in results if r.source is not None}
        for result in results:
            found = convert.diagnostics(result, self.encoding, group)
            if result.uri in force or found != self.published.get(result.uri):
                self.published[result.uri] = found
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(result.uri, found, result.version)
                )

    def schedule(self, uri: str) -> None:
        """Lint after the debounce delay, replacing a lint already waiting for this note."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.debounce, self.lint_and_publish, uri)

    def relint_all(self) -> None:
        """Lint every open note again (configuration changed)."""
        self.session.forget_configs()
        done: set[str] = set()
        for uri in self.session.uris():
            if uri not in done:
                results = self.session.lint(uri)
                done.update(r.uri for r in results)
                self.publish(results)

    def clear(self, uri: str) -> None:
        self.published.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


def _is_note(document: types.TextDocumentItem) -> bool:
    suffix = Path(uri_to_path(document.uri) or document.uri).suffix.lower()
    return document.language_id in LANGUAGES or suffix in NOTE_SUFFIXES


def _is_config(uri: str) -> bool:
    return Path(uri_to_path(uri) or uri).name in CONFIG_FILES


def build() -> NotelintServer:
    """A server with every feature registered."""
    server = NotelintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: NotelintServer, params: types.InitializeParams) -> None:
        _read_options(ls, params.initialization_options)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: NotelintServer, params: types.InitializedParams) -> None:
        ls.sync_folders()
        watching = ls.client_capabilities.workspace
        dynamic = watching and watching.did_change_watched_files
        if dynamic and dynamic.dynamic_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
            await ls.client_register_capability_async(
                types.RegistrationParams(
                    [
                        types.Registration(
                            id="notelint-configuration",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers
                            ),
                        )
                    ]
                )
            )

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders_changed(ls: NotelintServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        ls.sync_folders()
        ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NotelintServer, params: types.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        if not _is_note(document):
            return
        ls.session.open(document.uri, document.text, document.version)
        ls.lint_and_publish(document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NotelintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri not in ls.session.documents:
            return
        text = ls.workspace.get_text_document(uri).source
        ls.session.update(uri, text, params.text_document.version)
        ls.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: NotelintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _is_config(uri):
            ls.relint_all()
        elif uri in ls.session.documents:
            waiting = ls.pending.pop(uri, None)
            if waiting is not None:
                waiting.cancel()
            ls.lint_and_publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NotelintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri not in ls.session.documents:
            return
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        others = ls.session.close(uri)
        ls.clear(uri)
        if others:
            ls.publish(ls.session.lint(others[0]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: NotelintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(_is_config(change.uri) for change in params.changes):
            ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: NotelintServer, params: types.HoverParams) -> types.Hover | None:
        linted = ls.session.current(params.text_document.uri)
        return convert.hover(linted, ls.encoding, params.position) if linted else None

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: NotelintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        linted = ls.session.current(params.text_document.uri)
        if linted is None:
            return []
        return convert.code_actions(linted, ls.encoding, params.range, params.context.only)

    return server


def _read_options(server: NotelintServer, options: object) -> None:
    """``initializationOptions``: ``{"debounceMs": 150}``."""
    if isinstance(options, dict):
        delay = options.get("debounceMs")
        if isinstance(delay, (int, float)) and not isinstance(delay, bool) and 0 <= delay <= 10_000:
            server.debounce = delay / 1000


def serve() -> None:
    """Run the server until the client says ``exit``; the pipeline is built before the first
    request, so the first note opened is linted as fast as the rest."""
    from notelint.config import Config
    from notelint.engine import build_checks

    logging.basicConfig(level=logging.WARNING)
    build_checks(Config())
    build().start_io()
