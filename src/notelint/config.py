"""Configuration: ``[tool.notelint]`` in pyproject.toml or a ``.notelint.toml``, validated.

Found by walking up from the first linted path (or given with ``--config``). Every key is
checked: an unknown key, code or value is a NotelintError naming it, never silently ignored,
because a typo in ``ignore`` that does nothing is worse than an error.
"""

from __future__ import annotations

import fnmatch
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any

from notelint.errors import NotelintError
from notelint.findings import Severity

CONFIG_FILES = (".notelint.toml", "pyproject.toml")
_LIST_KEYS = ("select", "ignore", "extend-select", "exclude")


@dataclass(frozen=True)
class Config:
    """Validated settings for a run; the defaults are a run with no configuration at all."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    weights: Mapping[str, float] = field(default_factory=dict)
    severity_weights: Mapping[Severity, float] | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    min_score: int | None = None
    fail_on: Severity = Severity.WARNING
    model: str | None = None
    #: Where the results cache lives (``cache-dir``, relative to the configuration file).
    cache_dir: Path | None = None
    path: Path | None = None

    def enabled_codes(self) -> list[str]:
        """Codes that run: all (or ``select``), plus ``extend-select``, minus ``ignore``."""
        from notelint.registry import catalog

        known = list(catalog())
        chosen = set(self.select) if self.select is not None else set(known)
        chosen |= set(self.extend_select)
        chosen -= set(self.ignore)
        return [code for code in known if code in chosen]

    def ignored_for(self, path: str) -> set[str]:
        """Codes that ``per-file-ignores`` switches off for one path."""
        if not self.per_file_ignores:
            return set()
        root = self.path.parent if self.path else Path.cwd()
        pure = PurePath(path)
        try:
            relative = PurePath(Path(path).resolve().relative_to(root.resolve())).as_posix()
        except ValueError:
            relative = pure.as_posix()
        codes: set[str] = set()
        for pattern, ignored in self.per_file_ignores:
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(pure.name, pattern):
                codes.update(ignored)
        return codes

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with the CLI's flags applied (flags win over the file)."""
        return replace(self, **{k: v for k, v in changes.items() if v not in (None, ())})


def _where(key: str) -> str:
    """How a message names a setting: a flag as typed, a file's key quoted."""
    return key if key.startswith("--") else f"config key '{key}'"


def _codes(key: str, value: Any) -> tuple[str, ...]:
    from notelint.registry import resolve

    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise NotelintError(f"{_where(key)}: expected a list of codes such as ['NL006']")
    if not all(v.strip() for v in value):
        # An empty selector is a prefix of every code: '' in ignore would switch off everything.
        raise NotelintError(f"{_where(key)}: empty code in the list")
    try:
        return tuple(dict.fromkeys(code for v in value for code in resolve(v)))
    except KeyError as exc:
        raise NotelintError(f"{_where(key)}: unknown code or check {exc.args[0]!r}") from None


def parse_codes(key: str, value: str | Sequence[str]) -> tuple[str, ...]:
    """Validate codes given on the command line the same way as in a file."""
    return _codes(key, list(value) if not isinstance(value, str) else value)


def _check_code(key: str, name: str) -> str:
    from notelint.registry import resolve

    try:
        codes = resolve(name)
    except KeyError:
        raise NotelintError(f"config key '{key}': unknown check {name!r}") from None
    if len(codes) != 1:
        raise NotelintError(f"config key '{key}': {name!r} names more than one check")
    return codes[0]


def _options(key: str, code: str, value: Any) -> dict[str, Any]:
    from notelint.registry import catalog

    check = catalog()[code]
    if not isinstance(value, dict):
        raise NotelintError(f"config key '{key}': expected a table of options")
    for option, setting in value.items():
        if option not in check.defaults:
            known = ", ".join(sorted(check.defaults)) or "none"
            raise NotelintError(
                f"config key '{key}.{option}': {code} has no such option (options: {known})"
            )
        default = check.defaults[option]
        if isinstance(default, bool) != isinstance(setting, bool) or not isinstance(
            setting, type(default) if not isinstance(default, (int, float)) else (int, float)
        ):
            raise NotelintError(
                f"config key '{key}.{option}': expected {type(default).__name__}, "
                f"got {type(setting).__name__}"
            )
        if isinstance(default, list) and not all(isinstance(v, str) and v for v in setting):
            raise NotelintError(f"config key '{key}.{option}': expected a list of strings")
        if isinstance(default, (int, float)) and not isinstance(default, bool):
            if not math.isfinite(setting) or setting < 0:
                raise NotelintError(
                    f"config key '{key}.{option}': expected a finite number >= 0, got {setting}"
                )
            if isinstance(default, float) and default <= 1 and setting > 1:
                raise NotelintError(
                    f"config key '{key}.{option}': expected a share from 0 to 1, got {setting}"
                )
            if option.endswith("-threshold") and setting > 100:
                raise NotelintError(
                    f"config key '{key}.{option}': expected a percentage from 0 to 100, "
                    f"got {setting}"
                )
    return dict(value)


def _weight(value: Any) -> bool:
    """A finite number from 0 to 100 (a weight of inf or nan would break every score)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= 100
    )


def _check_model_installed(name: str) -> None:
    """``model`` must name an installed pipeline package, found without importing spaCy."""
    from importlib.util import find_spec

    try:
        found = find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise NotelintError(
            f"config key 'model': no installed spaCy pipeline named {name!r} "
            f"(install it, e.g. pip install {name}, or remove the key)"
        )


def _use_check_paths(value: Any, path: Path | None) -> None:
    """Folders of local checks, relative to the configuration file, added to discovery first:
    their codes must be known before ``select`` and the option tables are read."""
    from notelint.registry import use_check_dirs

    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise NotelintError("config key 'check-paths': expected a list of folders")
    base = path.parent if path is not None else Path.cwd()
    try:
        use_check_dirs(base / v for v in value)
    except NotADirectoryError as exc:
        raise NotelintError(f"config key 'check-paths': no folder {exc}") from None


def from_mapping(data: Mapping[str, Any], path: Path | None = None) -> Config:
    """Validate a ``[tool.notelint]`` table into a Config."""
    from notelint.registry import catalog

    if "check-paths" in data:
        _use_check_paths(data["check-paths"], path)
    names = {c.name: code for code, c in catalog().items()}
    settings: dict[str, Any] = {"path": path}
    options: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        if key == "check-paths":
            continue
        if key in _LIST_KEYS and key != "exclude":
            settings[key.replace("-", "_")] = _codes(key, value)
        elif key == "exclude":
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise NotelintError(
                    "config key 'exclude': expected a list of non-empty glob patterns"
                )
            settings["exclude"] = tuple(value)
        elif key == "severity":
            if not isinstance(value, dict):
                raise NotelintError("config key 'severity': expected a table of CODE = level")
            severity = {}
            for name, level in value.items():
                code = _check_code(f"severity.{name}", name)
                try:
                    severity[code] = Severity.parse(str(level))
                except ValueError as exc:
                    raise NotelintError(f"config key 'severity.{name}': {exc}") from None
            settings["severity"] = severity
        elif key == "weights":
            if not isinstance(value, dict) or not all(_weight(v) for v in value.values()):
                raise NotelintError(
                    "config key 'weights': expected a table of CODE = number from 0 to 100"
                )
            settings["weights"] = {
                _check_code(f"weights.{k}", k): float(v) for k, v in value.items()
            }
        elif key == "severity-weights":
            if not isinstance(value, dict) or not all(_weight(v) for v in value.values()):
                raise NotelintError(
                    "config key 'severity-weights': expected a table of level = number from 0 "
                    "to 100"
                )
            from notelint.scoring import SEVERITY_WEIGHTS

            levels = dict(SEVERITY_WEIGHTS)
            for level, weight in value.items():
                try:
                    levels[Severity.parse(level)] = float(weight)
                except ValueError as exc:
                    raise NotelintError(f"config key 'severity-weights.{level}': {exc}") from None
            settings["severity_weights"] = levels
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise NotelintError(
                    "config key 'per-file-ignores': expected a table of glob = codes"
                )
            if not all(isinstance(glob, str) and glob.strip() for glob in value):
                raise NotelintError("config key 'per-file-ignores': a glob is empty")
            settings["per_file_ignores"] = tuple(
                (glob, _codes(f"per-file-ignores.{glob}", codes)) for glob, codes in value.items()
            )
        elif key == "min-score":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
                raise NotelintError("config key 'min-score': expected a whole number from 0 to 100")
            settings["min_score"] = value
        elif key == "fail-on":
            try:
                settings["fail_on"] = Severity.parse(str(value))
            except ValueError as exc:
                raise NotelintError(f"config key 'fail-on': {exc}") from None
        elif key == "cache-dir":
            if not isinstance(value, str) or not value.strip():
                raise NotelintError("config key 'cache-dir': expected a folder")
            settings["cache_dir"] = (path.parent if path is not None else Path.cwd()) / value
        elif key == "model":
            if not isinstance(value, str) or not value.strip():
                raise NotelintError("config key 'model': expected the name of a spaCy pipeline")
            _check_model_installed(value)
            settings["model"] = value
        elif key in names or key.upper() in catalog():
            code = names.get(key, key.upper())
            options[code] = _options(key, code, value)
        else:
            raise NotelintError(f"unknown config key '{key}'" + (f" in {path}" if path else ""))
    return Config(**settings, options=options)


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise NotelintError(f"config file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NotelintError(f"cannot read config file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise NotelintError(f"malformed TOML in {path}: {exc}") from None


def load(path: Path) -> Config:
    """Read a named config file: a ``.notelint.toml`` (top level) or a ``pyproject.toml``."""
    data = _load_toml(path)
    table = data.get("tool", {}).get("notelint", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise NotelintError(f"config in {path}: [tool.notelint] must be a table")
    return from_mapping(table, path)


def discover(start: Path) -> Config:
    """Walk up from ``start`` to the first file that configures notelint."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and "notelint" not in _load_toml(candidate).get("tool", {}):
                continue
            return load(candidate)
    return Config()
