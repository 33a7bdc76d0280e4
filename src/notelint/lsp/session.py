"""The language server's state, free of the protocol: open notes, their configuration, findings.

An editor sends a note's text on every edit; linting it must be quick and must not repeat the
set-up. The engine already keeps one spaCy pipeline per process and the checks built per
configuration (``engine.build_checks``), so a re-lint only parses the note and runs the checks.

Panel copies (``NL005``) are found among the open notes of one workspace folder that share a
configuration: they are linted together, as the command line lints the notes of one run. An
in-memory results cache (``cache.MemoryCache``) serves the notes that did not change, so an
edit parses the edited note only.

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

from notelint.cache import MemoryCache, memory_cache
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
    #: Outcomes of earlier lints, one in-memory results cache per configuration.
    _caches: dict[int, tuple[Config, MemoryCache]] = field(default_factory=dict)
    #: Parsed notes (or why they could not be parsed) by (name, text).
    _sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    _errors: dict[tuple[str, str], NotelintError] = field(default_factory=dict)
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
        self.documents.pop(uri, None)
        self.results.pop(uri, None)
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
        """Findings (and input errors) per note path: the group linted as one run.

        The in-memory results cache makes an edit cost one note: the other open notes are
        served from it, and take part in the panel-copy comparison with what they collected.
        """
        from notelint.engine import lint_sources

        return _by_path(lint_sources(sources, config, cache=self._cache_for(config)))

    def _cache_for(self, config: Config) -> MemoryCache:
        kept = self._caches.get(id(config))
        if kept is None or kept[0] is not config:
            if len(self._caches) > 16:  # configurations read again replace older ones
                self._caches.clear()
            kept = self._caches[id(config)] = (config, memory_cache(config))
        return kept[1]

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
        return self._parsed(document.text, document.name) or empty(
            self._errors.get((document.name, document.text))
        )

    def _parsed(self, text: str, name: str) -> Source | None:
        """``parse`` of a note, kept while its text stays the same: a group's other notes
        are read again on every edit of one, and front matter is YAML (about 1 ms a note)."""
        key = (name, text)
        if key not in self._sources and key not in self._errors:
            if len(self._sources) + len(self._errors) > 256:
                self._sources.clear()
                self._errors.clear()
            try:
                self._sources[key] = parse(text, name)
            except NotelintError as exc:
                self._errors[key] = exc
        return self._sources.get(key)

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
