"""What a check is, and how the engine finds them all.

A check is one folder (``checks/nl004_gift_mention/``): ``check.py`` holds a class whose metadata
are class attributes and whose docstring is its documentation (``notelint explain`` prints it, so
docs cannot drift from code); ``data/`` holds its word lists and ``cases.yml`` the sentences it
must and must not fire on. Folders are discovered, so adding a check touches nothing else. Besides
the shipped ``notelint.checks``, configuration may name more folders of checks (``check-paths``).
A check builds its matchers once, in ``setup``, for the process's one pipeline.
"""

from __future__ import annotations

import importlib.util
import inspect
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from notelint.errors import NotelintError
from notelint.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from notelint.note import Note
    from notelint.pipeline import Nlp


class Check:
    """Base class of every check. Subclasses set the metadata and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str]
    #: The point of the hiring advice the check encodes (``explain`` and SARIF's help print it).
    advice: ClassVar[str] = ""
    #: Codes whose findings this check's finding implies, folded into it (one fault, one finding).
    implies: ClassVar[tuple[str, ...]] = ()
    #: The check's folder, set by discovery: its ``data/`` and ``cases.yml`` live there.
    folder: ClassVar[Path]
    #: Option names (as written in configuration) and their defaults.
    defaults: ClassVar[Mapping[str, Any]] = {}
    #: The findings depend on the time of the run (a draft grows late), not only on the note:
    #: such a check is never served from the results cache, so it runs on every run, and it
    #: reads the note's text, layout and context only, never ``note.doc`` (which a cached
    #: note does not have).
    time_dependent: ClassVar[bool] = False

    def __init__(
        self,
        nlp: Nlp,
        options: Mapping[str, Any] | None = None,
        severity: Severity | None = None,
    ) -> None:
        self.nlp = nlp
        self.options: dict[str, Any] = {**self.defaults, **(options or {})}
        self.effective_severity = severity or type(self).severity
        self.setup()

    def setup(self) -> None:
        """Build matchers and word lists; runs once per process."""

    @classmethod
    def terms(cls, data: str) -> tuple[str, ...]:
        """A word list from the check's own ``data/<data>.txt`` (see ``matching.read_terms``)."""
        from notelint.matching import read_terms

        return read_terms(cls.folder / "data" / f"{data}.txt")

    def word_list(self, data: str, option: str) -> list[str]:
        """A word list of the check's ``data/``, extended by its ``extra-*`` option.

        Word lists are data so that configuration can extend them without code, as Vale's
        styles do; the option's items use the same syntax as the file's lines.
        """
        from notelint.matching import parse_terms

        return [*self.terms(data), *parse_terms(self.options[option]).phrases]

    def softened(self, soften: bool) -> Severity:
        """The severity of a finding that matters less in some notes (a generic salutation when
        the recipient's name is unknown, an unsent draft): information when ``soften``, unless
        the user configured this check's severity, which always wins."""
        configured = self.effective_severity != type(self).severity
        return Severity.INFO if soften and not configured else self.effective_severity

    def check(self, note: Note) -> Iterable[Finding]:
        """Findings for one note."""
        return ()

    @classmethod
    def documentation(cls) -> str:
        """The check's docstring: what it detects, why, and an example with its fix."""
        return inspect.cleandoc(cls.__doc__ or "")

    def finding(
        self,
        note: Note,
        start: int,
        end: int,
        message: str,
        suggestion: str,
        related: Sequence[Location] = (),
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this check on characters ``start:end`` of the note.

        ``severity`` lets a check grade one finding below its default (a generic salutation
        matters less when the recipient's name is unknown); None means the effective severity.
        """
        quote = " ".join(note.source.text[start:end].split())
        return self.finding_at(
            location(note, start, end), quote, message, suggestion, related, severity
        )

    def finding_at(
        self,
        where: Location,
        quote: str,
        message: str,
        suggestion: str,
        related: Sequence[Location] = (),
        severity: Severity | None = None,
    ) -> Finding:
        """A finding at a location worked out earlier (a set-level check has no Note)."""
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.effective_severity,
            location=where,
            message=message,
            suggestion=suggestion,
            quote=quote,
            related=tuple(related),
        )


@dataclass(frozen=True)
class Collected:
    """What a set-level check took from one note: its path and the check's own data."""

    path: str
    data: Any


class SetCheck(Check):
    """A check over all the notes of a run at once (copies across a panel).

    It works in two steps, so that a run never holds every parsed note at once and a cached
    note needs no parsing: ``collect`` takes what the check needs from one parsed note (plain
    data that JSON can hold, since the results cache stores it), and ``check_set`` compares
    what was collected from all the notes, without spaCy.
    """

    def collect(self, note: Note) -> Any:
        """This note's data for the comparison (JSON-serialisable), or None to leave it out."""
        return None

    def check_set(self, items: Sequence[Collected]) -> Iterable[Finding]:
        return ()


def location(note: Note, start: int, end: int) -> Location:
    """The 1-based line:column span of characters ``start:end`` of a note."""
    line, column = note.source.position(start)
    end_line, end_column = note.source.position(max(start, end))
    return Location(note.path, line, column, end_line, end_column)


_extra_dirs: list[Path] = []


def use_check_dirs(dirs: Iterable[Path]) -> None:
    """Add folders of local checks (configuration's ``check-paths``) to discovery."""
    for folder in dirs:
        folder = folder.resolve()
        if not folder.is_dir():
            raise NotADirectoryError(str(folder))
        if folder not in _extra_dirs:
            _extra_dirs.append(folder)
            catalog.cache_clear()
            all_checks.cache_clear()


def check_folders(root: Path) -> list[Path]:
    """The check folders directly under ``root``: those holding a ``check.py``."""
    return sorted(p.parent for p in root.glob("*/check.py") if not p.parent.name.startswith("_"))


def check_roots() -> list[Path]:
    """The folders checks are discovered in: the shipped ones, then local ``check-paths``."""
    import notelint.checks as package

    return [Path(next(iter(package.__path__))), *_extra_dirs]


@dataclass(frozen=True)
class CheckInfo:
    """A check's metadata, read from its ``check.yml`` without importing its code.

    Selecting, configuring and planning a run need only these: a run served from the results
    cache imports no check it does not run.
    """

    code: str
    name: str
    summary: str
    advice: str
    severity: Severity
    defaults: Mapping[str, Any]
    implies: tuple[str, ...]
    time_dependent: bool
    #: ``note`` (checked one note at a time) or ``run`` (compares the notes of a run).
    scope: str
    folder: Path
    package: str | None


@cache
def catalog() -> dict[str, CheckInfo]:
    """Every check's metadata, shipped or local, by code (sorted)."""
    import notelint.checks as package

    roots = check_roots()
    found: dict[str, CheckInfo] = {}
    for root in roots:
        for folder in check_folders(root):
            info = _describe(folder, package.__name__ if root == roots[0] else None)
            if info.code in found:
                raise NotelintError(
                    f"{folder}: code {info.code} is taken by {found[info.code].name}"
                )
            found[info.code] = info
    return {code: found[code] for code in sorted(found)}


@cache
def all_checks() -> tuple[type[Check], ...]:
    """Every check class, shipped or local, sorted by code."""
    return tuple(check_class(code) for code in catalog())


def check_class(code: str) -> type[Check]:
    """The class of one check, its module imported on first use."""
    info = catalog()[code]
    name = f"{info.package or 'notelint_local_checks'}.{info.folder.name}.check"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, info.folder / "check.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    checks = [
        obj
        for obj in vars(module).values()
        if inspect.isclass(obj) and issubclass(obj, Check) and obj.__module__ == name
    ]
    if len(checks) != 1:
        raise NotelintError(
            f"{info.folder}/check.py: expected one check class, found {len(checks)}"
        )
    (check,) = checks
    if issubclass(check, SetCheck) != (info.scope == "run"):
        raise NotelintError(
            f"{info.folder}/check.yml: scope must be 'run' exactly when the check is a SetCheck"
        )
    check.folder = info.folder
    check.code = info.code
    check.name = info.name
    check.summary = info.summary
    check.advice = info.advice
    check.severity = info.severity
    check.defaults = dict(info.defaults)
    check.implies = info.implies
    check.time_dependent = info.time_dependent
    return check


#: What ``check.yml`` must say, and what it may.
_REQUIRED = ("code", "name", "summary")
_OPTIONAL = ("severity", "advice", "options", "implies", "time-dependent", "scope")


def _describe(folder: Path, package: str | None) -> CheckInfo:
    """A check's metadata from its folder's ``check.yml``: metadata are data, read by
    ``notelint rules``, the README table and SARIF, and kept out of the check's code."""
    from notelint.datafiles import DataFileError, load_data

    path = folder / "check.yml"
    try:
        meta = load_data(path)
    except (OSError, DataFileError) as exc:
        raise NotelintError(f"{path}: {exc}") from None
    if not isinstance(meta, dict) or any(k not in meta for k in _REQUIRED):
        raise NotelintError(f"{path}: needs {', '.join(_REQUIRED)}")
    unknown = set(meta) - {*_REQUIRED, *_OPTIONAL}
    if unknown:
        raise NotelintError(f"{path}: unknown keys {', '.join(sorted(unknown))}")
    scope = str(meta.get("scope", "note"))
    if scope not in ("note", "run"):
        raise NotelintError(f"{path}: scope must be 'note' or 'run', not {scope!r}")
    try:
        severity = Severity.parse(str(meta.get("severity", "warning")))
    except ValueError as exc:
        raise NotelintError(f"{path}: {exc}") from None
    return CheckInfo(
        code=str(meta["code"]).upper(),
        name=str(meta["name"]),
        summary=str(meta["summary"]),
        advice=str(meta.get("advice", "")),
        severity=severity,
        defaults=dict(meta.get("options") or {}),
        implies=tuple(str(code).upper() for code in meta.get("implies") or ()),
        time_dependent=bool(meta.get("time-dependent", False)),
        scope=scope,
        folder=folder,
        package=package,
    )


def checks_by_code() -> dict[str, type[Check]]:
    return {c.code: c for c in all_checks()}


#: What a code looks like: a check's code from a newer notelint, or a plugin's, is still one.
CODE_SHAPE = re.compile(r"[A-Za-z]{1,5}[0-9]{1,4}")


def resolve(selector: str, *, lenient: bool = False) -> list[str]:
    """The codes one selector stands for: ``ALL``, a code, a prefix (``NL00``) or a name.

    The one place selectors are read. Configuration and flags are strict: an unknown selector
    raises KeyError. A note's own directives (front matter ``ignore``, suppression comments)
    are ``lenient``, as ruff's ``noqa`` is: a code-shaped selector no check has stands for
    itself (a check of a newer notelint), and any other unknown one for nothing.
    """
    try:
        return list(iter_codes([selector]))
    except KeyError:
        if not lenient:
            raise
        return [selector.upper()] if CODE_SHAPE.fullmatch(selector) else []


def iter_codes(selectors: Iterable[str]) -> Iterator[str]:
    """Expand selectors (``NL004``, ``NL00``, ``ALL``, or a check name) to known codes."""
    by_code = catalog()
    by_name = {c.name: c.code for c in by_code.values()}
    for selector in selectors:
        key = selector.strip()
        if key.upper() == "ALL":
            yield from by_code
        elif key in by_name:
            yield by_name[key]
        else:
            matched = [code for code in by_code if code.startswith(key.upper())]
            if not matched:
                raise KeyError(key)
            yield from matched
