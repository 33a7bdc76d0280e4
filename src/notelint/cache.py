"""The results cache: a note already linted with the same settings is not parsed again.

As ruff's cache, it lives in the project (``.notelint_cache/``, with a ``.gitignore`` inside) and
is keyed by everything the result depends on: the note's text, the effective configuration of
the checks, the interview context given on the command line, and the code (notelint's version
and its files, spaCy's version, the model). What is stored per note is what cannot be had
without spaCy: the findings of the per-note checks and what the set-level checks collected
(NL005's words). What depends on the run is worked out again on every run: suppressions,
per-file ignores, the baseline, the score, the set-level comparison, and the checks whose
findings depend on the time of the run (``time-dependent``: a draft grows late).

One small JSON file per note, written to a temporary file and renamed into place: two runs
sharing a cache never see half a file, and whichever writes last wins with an equal result.
A file that cannot be read, parsed or matched to its key is a miss, and is rewritten.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notelint.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from notelint.config import Config

FOLDER_NAME = ".notelint_cache"
#: A cache directory tag (https://bford.info/cachedir/), naming notelint: backup tools skip the
#: folder, and ``notelint clean`` removes only a folder that has it.
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by notelint.\n"
)
#: Bumped whenever the shape of an entry changes.
_SCHEMA = 1
_SUFFIXES = (".py", ".yml", ".yaml", ".txt", ".json")


@dataclass(frozen=True)
class Outcome:
    """What linting one note produced that the cache can keep: the findings of the per-note
    checks (not time-dependent) and, per set-level check, its data for the comparison."""

    findings: tuple[Finding, ...]
    collected: Mapping[str, Any] = field(default_factory=dict)


class ResultCache:
    """Outcomes by key, in one folder; ``salt`` holds what every key of a run shares."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = folder
        self.salt = salt
        self._ready = False

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.salt}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"v{_SCHEMA}" / key[:2] / f"{key[2:]}.json"

    def load(self, key: str, path: str) -> Outcome | None:
        """The stored outcome for ``key`` with its findings placed in ``path``, or None."""
        try:
            entry = json.loads(self._path(key).read_bytes())
            if entry["key"] != key:
                return None
            findings = tuple(_finding(item, path) for item in entry["findings"])
            collected = entry["collected"]
            if not isinstance(collected, dict):
                return None
            return Outcome(findings, collected)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def store(self, key: str, outcome: Outcome, path: str) -> None:
        """Write one outcome atomically; a cache that cannot be written is left alone."""
        entry = {
            "key": key,
            "findings": [_entry(f, path) for f in outcome.findings],
            "collected": dict(outcome.collected),
        }
        target = self._path(key)
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(entry, out, ensure_ascii=False, separators=(",", ":"))
                os.replace(temporary, target)
            except BaseException:
                os.unlink(temporary)
                raise
        except (OSError, TypeError, ValueError):
            return

    def _prepare(self) -> None:
        """Create the folder with a ``.gitignore`` (so it is never committed) and a
        CACHEDIR.TAG (so backup tools skip it), once per run."""
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by notelint.\n*\n", encoding="utf-8")
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(_TAG, encoding="utf-8")
        self._ready = True


class MemoryCache(ResultCache):
    """Outcomes kept in this process, for a long-lived one (the language server): an edit
    parses the edited note only, and the other open notes take part in the panel-copy
    comparison from what they collected before. At most ``size`` entries, the oldest used
    dropped first; one per configuration (its settings are the salt)."""

    def __init__(self, salt: str, size: int = 512) -> None:
        super().__init__(Path(), salt)
        self.size = size
        self._entries: OrderedDict[str, tuple[str, Outcome]] = OrderedDict()

    def load(self, key: str, path: str) -> Outcome | None:
        kept = self._entries.get(key)
        if kept is None:
            return None
        self._entries.move_to_end(key)
        stored, outcome = kept
        if stored == path:
            return outcome
        # The same text under another name: its findings are placed in this one.
        return Outcome(tuple(_moved(f, stored, path) for f in outcome.findings), outcome.collected)

    def store(self, key: str, outcome: Outcome, path: str) -> None:
        self._entries[key] = (path, outcome)
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)


def memory_cache(config: Config, overrides: Mapping[str, Any] | None = None) -> MemoryCache:
    """A MemoryCache for a configuration; the code needs no stamp, as it cannot change while
    the process runs."""
    codes = config.enabled_codes()
    return MemoryCache(salt("", codes, config.options, config.severity, overrides or {}))


def _moved(finding: Finding, old: str, new: str) -> Finding:
    def place(where: Location) -> Location:
        return dataclasses.replace(where, path=new) if where.path == old else where

    return dataclasses.replace(
        finding,
        location=place(finding.location),
        related=tuple(place(r) for r in finding.related),
    )


def is_cache_folder(folder: Path) -> bool:
    """Whether ``folder`` is a results cache notelint made (its CACHEDIR.TAG says so)."""
    try:
        return (folder / "CACHEDIR.TAG").read_text("utf-8") == _TAG
    except (OSError, UnicodeDecodeError):
        return False


def open_cache(
    config: Config, overrides: Mapping[str, Any] | None = None, folder: Path | None = None
) -> ResultCache:
    """The cache for a run: in ``folder``, else the configuration's ``cache-dir``, else
    ``.notelint_cache`` beside the configuration file (the project's root), else here."""
    from notelint.registry import check_roots

    if folder is None:
        folder = (
            config.cache_dir or (config.path.parent if config.path else Path.cwd()) / FOLDER_NAME
        )
    codes = config.enabled_codes()
    key = salt(codes, config.options, config.severity, config.model, overrides or {}, check_roots())
    return ResultCache(folder, key)


def salt(
    codes: Sequence[str],
    options: Mapping[str, Any],
    severity: Mapping[str, Any],
    model: str | None,
    overrides: Mapping[str, Any],
    check_dirs: Iterable[Path] = (),
) -> str:
    """What every key of a run shares: the code that lints and how it is configured."""
    from importlib.metadata import PackageNotFoundError, version

    import notelint

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "-"

    described = {
        "schema": _SCHEMA,
        "notelint": notelint.__version__,
        "files": _files_stamp([Path(notelint.__file__).parent, *check_dirs]),
        "spacy": installed("spacy"),
        "model": [model, installed(model) if model else None],
        "codes": list(codes),
        "options": {code: options.get(code, {}) for code in codes},
        "severity": {code: str(severity[code]) for code in codes if code in severity},
        "overrides": {k: v for k, v in sorted(overrides.items()) if v},
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True, default=str).encode()).hexdigest()


def _files_stamp(roots: Iterable[Path]) -> str:
    """Names, sizes and modification times of the code and data that lint: an edited check
    (a local one, or a working copy of notelint itself) is a new key, as a new version is."""
    stamp = hashlib.sha256()
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")))
            for name in sorted(files):
                if name.endswith(_SUFFIXES):
                    path = os.path.join(folder, name)
                    info = os.stat(path)
                    stamp.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return stamp.hexdigest()


def _entry(finding: Finding, path: str) -> dict[str, Any]:
    """A finding as JSON, its own path left out (the same note may be linted under another)."""
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "at": _place(finding.location, path),
        "message": finding.message,
        "suggestion": finding.suggestion,
        "quote": finding.quote,
        "related": [_place(r, path) for r in finding.related],
    }


def _place(where: Location, path: str) -> list[Any]:
    return [
        None if where.path == path else where.path,
        where.line,
        where.column,
        where.end_line,
        where.end_column,
    ]


def _finding(item: dict[str, Any], path: str) -> Finding:
    return Finding(
        code=str(item["code"]),
        name=str(item["name"]),
        severity=Severity(item["severity"]),
        location=_location(item["at"], path),
        message=str(item["message"]),
        suggestion=str(item["suggestion"]),
        quote=str(item["quote"]),
        related=tuple(_location(r, path) for r in item["related"]),
    )


def _location(place: list[Any], path: str) -> Location:
    where, line, column, end_line, end_column = place
    numbers = (line, column, end_line, end_column)
    if not all(isinstance(n, int) for n in numbers) or not isinstance(where, (str, type(None))):
        raise TypeError("not a location")
    return Location(where or path, *numbers)
