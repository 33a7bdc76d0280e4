"""Our YAML data files (check metadata, rules, token shapes), parsed once and kept as Python
keeps bytecode; and the lemma table, kept the same way.

Every run reads about twenty of them: libyaml takes ~30 ms to parse them and importing PyYAML
another ~12 ms, a twentieth of a one-note run. So the parsed data is kept beside each file,
in ``__pycache__/<name>.<python tag>.marshal``, stamped with the file's size and modification
time, and used while both are unchanged. The lemma table is another package's file, so it is
kept in notelint's own ``__pycache__``, its path in the stamp. As with bytecode, nothing is
written where Python writes no bytecode (``PYTHONDONTWRITEBYTECODE``, ``-B``) or where the
folder is read-only, a stale, corrupt or foreign kept file is read as missing, and writes are
atomic.
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: What a kept file starts with, so a file of another layout is never taken for one of ours.
_MAGIC = "notelint-data-1"


def load_data(path: Path) -> Any:
    """The data of one of our YAML files (libyaml's loader where PyYAML has it).

    Raises OSError if it cannot be read, DataFileError if it is not YAML."""
    return load_kept(path, _parse)


def load_kept(path: Path, parse: Callable[[Path], Any], kept: Path | None = None) -> Any:
    """``parse(path)``, kept in ``kept`` (by default beside the file, in its ``__pycache__``)
    and read from there while the file is unchanged."""
    info = path.stat()
    stamp = (_MAGIC, str(path), info.st_size, info.st_mtime_ns)
    cached = path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.marshal"
    kept = kept or cached
    try:
        found_stamp, data = marshal.loads(kept.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    else:
        if found_stamp == stamp:
            return data
    data = parse(path)
    if not sys.dont_write_bytecode:
        _keep(kept, (stamp, data))
    return data


class DataFileError(ValueError):
    """A data file that is not valid YAML (PyYAML's own error, without importing PyYAML to
    catch it)."""


def _parse(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text("utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        raise DataFileError(str(exc)) from None


def _keep(kept: Path, value: Any) -> None:
    """Write ``value`` to ``kept`` atomically, or nothing if it cannot be (a read-only
    install, a value marshal cannot hold): the file is a speed-up, never needed."""
    try:
        payload = marshal.dumps(value)
        kept.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=kept.parent, prefix=".", suffix=".tmp")
    except (OSError, ValueError):
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.chmod(temporary, 0o644)  # as bytecode is: readable by every user of the install
        os.replace(temporary, kept)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
