"""The language server's state, free of the protocol: open notes, their configuration, findings.

An editor sends a note's text on every edit; linting it must be quick and must not repeat the
set-up. The engine already keeps one spaCy pipeline per process and the checks built per
configuration (``engine.build_checks``), so a re-lint only parses the note and runs the checks.

Panel copies (``NL005``) are found among the open notes of one workspace folder that share a
configuration: they are linted together, as the command line lints the notes of one run.

Configuration is found as the command line finds it, by walking up from the note's path. Each
lint compares the modification times of the configuration files on that walk with those the
cached configuration was read from, so a saved ``.notelint.toml`` or ``pyproject.toml`` takes
effect on the next lint, with or without the editor's file-change notifications.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from notelint.config import CONFIG_FILES, Config, discover
from notelint.errors import NotelintError
from notelint.findings import Finding, Report
from notelint.sources import MAX_CHARS, Source, expand, parse

#: (path, modification time, size) of every configuration file on a walk up from a folder.
Stamp = tuple[tuple[str, int, int], ...]


def uri_to_path(uri: str) -> Path | None:
    """The file system path of a ``file:`` URI; None for other schemes (``untitled:``)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return Path(url2pathname(unquote(parsed.path)))


def _set_level_codes(config: Config) -> tuple[str, ...]:
    """The enabled set-level checks (panel copies), or none when one of them folds findings
    with a per-note check (``implies``): folding needs both parts in one lint."""
    from notelint.registry import SetCheck, checks_by_code

    by_code = checks_by_code()
    enabled = config.enabled_codes()
    codes = tuple(code for code in enabled if issubclass(by_code[code], SetCheck))
    folds = any(
        (code in codes and by_code[code].implies) or set(by_code[code].implies) & set(codes)
        for code in enabled
    )
    return () if folds else codes


def _by_path(
    report: Report,
) -> tuple[dict[str, tuple[Finding, ...]], dict[str, NotelintError]]:
    found = {result.path: result.findings for result in report.results}
    errors = {error.path: error for error in report.errors if error.path is not None}
    return found, errors


def _same(one: Config | NotelintError, other: Config) -> bool:
    """Whether two notes are linted with the same configuration (read from the same file)."""
    return isinstance(one, Config) and one.path == other.path


@dataclass
class Document:
    """An open note: its text as the editor has it (saved or not)."""

    uri: str
    text: str
    version: int = 0
    path: Path | None = None

    @property
    def name(self) -> str:
        """What the note is called in findings: its path, or its URI when it has none."""
        return str(self.path) if self.path else self.uri


@dataclass(frozen=True)
class Linted:
    """One document's lint: the source read from its text, and the findings, or the input
    error that kept it from being linted."""

    uri: str
    version: int
    text: str
    source: Source | None
    findings: tuple[Finding, ...] = ()
    error: NotelintError | None = None


@dataclass
class Session:
    """Open documents, workspace folders and configurations; lints on request."""

    folders: list[Path] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    results: dict[str, Linted] = field(default_factory=dict)
    #: Per-note findings by note path, kept with the text and configuration they came from.
    _per_note: dict[str, tuple[str, Config | None, tuple[Finding, ...], NotelintError | None]] = (
        field(default_factory=dict)
    )
    _configs: dict[Path, tuple[Stamp, Config | NotelintError]] = field(default_factory=dict)

    # --- documents -------------------------------------------------------------------------

    def open(self, uri: str, text: str, version: int = 0) -> Document:
        document = Document(uri, text, version, uri_to_path(uri))
        self.documents[uri] = document
        return document

    def update(self, uri: str, text: str, version: int) -> None:
        document = self.documents.get(uri) or self.open(uri, text, version)
        document.text, document.version = text, version

    def close(self, uri: str) -> list[str]:
        """Forget a document; return the URIs whose findings may change (its group)."""
        group = [d.uri for d in self.group(uri) if d.uri != uri]
        document = self.documents.pop(uri, None)
        self.results.pop(uri, None)
        if document is not None:
            self._per_note.pop(document.name, None)
        return group

    # --- configuration ---------------------------------------------------------------------

    def folder_of(self, document: Document) -> Path | None:
        """The innermost workspace folder holding the document."""
        if document.path is None:
            return None
        holding = [f for f in self.folders if f == document.path or f in document.path.parents]
        return max(holding, key=lambda f: len(f.parts), default=None)

    def _start(self, document: Document) -> Path:
        """Where configuration is looked for: the note's folder, else the workspace's."""
        if document.path is not None:
            return document.path.parent
        return self.folders[0] if self.folders else Path.cwd()

    @staticmethod
    def _stamp(folder: Path) -> Stamp:
        stamps = []
        for directory in (folder, *folder.parents):
            for name in CONFIG_FILES:
                candidate = directory / name
                try:
                    info = os.stat(candidate)
                except OSError:
                    continue
                stamps.append((str(candidate), info.st_mtime_ns, info.st_size))
        return tuple(stamps)

    def config_for(self, document: Document) -> Config | NotelintError:
        """The configuration the command line would use for this note (or its error)."""
        folder = self._start(document)
        stamp = self._stamp(folder)
        cached = self._configs.get(folder)
        if cached is None or cached[0] != stamp:
            try:
                config: Config | NotelintError = discover(folder)
            except NotelintError as exc:
                config = exc
            self._configs[folder] = (stamp, config)
        return self._configs[folder][1]

    def forget_configs(self) -> None:
        """Drop every cached configuration (a configuration file changed)."""
        self._configs.clear()

    # --- linting ---------------------------------------------------------------------------

    def group(self, uri: str) -> list[Document]:
        """The open documents linted with this one: same workspace folder, same configuration."""
        document = self.documents.get(uri)
        if document is None:
            return []
        folder = self.folder_of(document)
        if folder is None:
            return [document]
        config = self.config_for(document)
        if isinstance(config, NotelintError):
            return [document]
        return [
            d
            for d in self.documents.values()
            if d is document or (self.folder_of(d) == folder and _same(self.config_for(d), config))
        ]

    def lint(self, uri: str) -> list[Linted]:
        """Lint the document and the rest of its group; return every result, also stored."""
        group = self.group(uri)
        if not group:
            return []
        config = self.config_for(group[0])
        linted: list[Linted] = []
        sources: dict[str, tuple[Document, Source]] = {}
        for document in group:
            outcome = self._read(document, config)
            if isinstance(outcome, Source):
                sources[document.name] = (document, outcome)
            else:
                linted.append(outcome)
        if sources and isinstance(config, Config):
            found, errors = self._findings([source for _, source in sources.values()], config)
            for name, (document, source) in sources.items():
                result = Linted(document.uri, document.version, document.text, source)
                if name in errors:
                    result = replace(result, error=errors[name])
                linted.append(replace(result, findings=found.get(name, ())))
        for result in linted:
            self.results[result.uri] = result
        return linted

    def _findings(
        self, sources: list[Source], config: Config
    ) -> tuple[dict[str, tuple[Finding, ...]], dict[str, NotelintError]]:
        """Findings (and input errors) per note path.

        One note is linted as the command line lints it. Several notes with a set-level check
        (panel copies) are linted in two parts, so that an edit costs one note's checks: the
        per-note checks run only for notes whose text changed (the others' findings are kept
        with their text), and the set-level checks run over all of them.
        """
        from notelint.engine import lint_sources

        set_codes = _set_level_codes(config)
        if len(sources) == 1 or not set_codes:
            return _by_path(lint_sources(sources, config))
        stale = [
            s for s in sources if self._per_note.get(s.path, ("", None))[:2] != (s.text, config)
        ]
        if stale:
            per_note = replace(config, ignore=(*config.ignore, *set_codes))
            found, errors = _by_path(lint_sources(stale, per_note))
            for source in stale:
                kept = (found.get(source.path, ()), errors.get(source.path))
                self._per_note[source.path] = (source.text, config, *kept)
        across = replace(config, select=set_codes, extend_select=())
        across_found, across_errors = _by_path(lint_sources(sources, across))
        found, errors = {}, {}
        for source in sources:
            _, _, findings, error = self._per_note[source.path]
            if error is not None or source.path in across_errors:
                errors[source.path] = error or across_errors[source.path]
                continue
            merged = (*findings, *across_found.get(source.path, ()))
            found[source.path] = tuple(sorted(merged, key=lambda f: (f.line, f.column, f.code)))
        return found, errors

    def current(self, uri: str) -> Linted | None:
        """The document's findings for its text as it is now, linting it if they are stale."""
        document = self.documents.get(uri)
        if document is None:
            return None
        result = self.results.get(uri)
        if result is None or result.text != document.text:
            self.lint(uri)
        return self.results.get(uri)

    def _read(self, document: Document, config: Config | NotelintError) -> Source | Linted:
        """The note's source, or a Linted without findings: blank, excluded or unreadable."""

        def empty(error: NotelintError | None = None) -> Linted:
            return Linted(document.uri, document.version, document.text, None, (), error)

        if isinstance(config, NotelintError):
            return empty(config)
        if not document.text.strip() or self._excluded(document, config):
            return empty()
        if len(document.text) > MAX_CHARS:
            size = len(document.text)
            limit = f"note is {size:,} characters; notes over {MAX_CHARS:,} are not linted"
            return empty(NotelintError(limit, path=document.name))
        try:
            return parse(document.text, document.name)
        except NotelintError as exc:
            return empty(exc)

    @staticmethod
    def _excluded(document: Document, config: Config) -> bool:
        """Whether the configuration's ``exclude`` leaves this note out of runs."""
        if not config.exclude or document.path is None or not document.path.is_file():
            return False
        root = config.path.parent if config.path else None
        return not any(
            isinstance(p, Path) for p in expand([str(document.path)], config.exclude, root)
        )

    def uris(self) -> Iterable[str]:
        return list(self.documents)
