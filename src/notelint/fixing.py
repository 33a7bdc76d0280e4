"""``--fix`` and ``--diff``: the safe fixes of a run, shown as a diff or written to the files.

Writing is atomic: the fixed note goes to a temporary file in the same folder, which then
replaces the note in one rename, so an interrupted run leaves the old note or the new one,
never half of each. A note that changed on disk since it was linted is left alone (its
findings no longer point at the right words). The file keeps its encoding (UTF-8, with or
without a byte-order mark, or UTF-16), its line endings and its permissions.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notelint.errors import NotelintError
from notelint.findings import Report
from notelint.fixes import apply, fixes_for
from notelint.sources import STDIN_PATH, Source, parse, read_sources

if TYPE_CHECKING:
    import datetime as dt

    from notelint.config import Config


@dataclass(frozen=True)
class Change:
    """A note's text before and after its safe fixes."""

    path: str
    before: str
    after: str
    fixes: int


def changes(
    report: Report, sources: Sequence[Source], overrides: Mapping[str, Any] | None = None
) -> list[Change]:
    """The notes that the safe fixes would change, in the report's order."""
    by_path = {source.path: source for source in sources}
    found = []
    for result in report.results:
        source = by_path.get(result.path)
        if source is None:
            continue
        after, count = apply(source.text, fixes_for(source, result.findings, overrides))
        if count and after != source.text:
            found.append(Change(result.path, source.text, after, count))
    return found


def diff(change: Change) -> str:
    """A unified diff of one change, as ``git diff`` and ``ruff --diff`` print it."""
    lines = difflib.unified_diff(
        change.before.splitlines(keepends=True),
        change.after.splitlines(keepends=True),
        fromfile=f"a/{change.path}" if change.path != STDIN_PATH else change.path,
        tofile=f"b/{change.path}" if change.path != STDIN_PATH else change.path,
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def _encoding(data: bytes) -> str:
    """The encoding to write back: the one the note was read with (see sources.decode)."""
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le"
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be"
    return "utf-8"


def write_change(change: Change) -> None:
    """Replace the note with its fixed text, atomically; NotelintError if it changed since."""
    from notelint.sources import decode

    path = Path(change.path).resolve()  # a symbolic link stays one: its target is fixed
    try:
        data = path.read_bytes()
        if decode(data, change.path) != change.before:
            raise NotelintError("changed while it was linted; not fixed", path=change.path)
        encoding = _encoding(data)
        bom = (
            data[:3]
            if data.startswith(b"\xef\xbb\xbf")
            else data[:2]
            if encoding != "utf-8"
            else b""
        )
        mode = stat.S_IMODE(path.stat().st_mode)
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(bom + change.after.encode(encoding))
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise NotelintError(
            f"cannot write the fixes: {exc.strerror or exc}", path=change.path
        ) from None


@dataclass(frozen=True)
class Outcome:
    """What ``--fix`` or ``--diff`` did: the changes made (or to make), the report of the
    notes as they are now (after the fixes, when written), and stdin's text, fixed."""

    changes: tuple[Change, ...]
    report: Report
    stdin_text: str | None = None


def run(
    paths: Sequence[str],
    config: Config,
    overrides: Mapping[str, Any],
    now: dt.datetime | None,
    stdin_filename: str | None,
    *,
    write: bool,
) -> Outcome:
    """Lint, compute the safe fixes and, if ``write``, apply them and lint the result again.

    The notes are linted together (panel copies are still found); the second lint reads the
    fixed texts from memory, so what is reported is exactly what was written.
    """
    from notelint.engine import lint_sources

    root = config.path.parent if config.path else None
    stdin_path = stdin_filename or STDIN_PATH
    sources, errors = read_sources(paths, config.exclude, root, stdin_path)
    report = lint_sources(sources, config, overrides, now, errors)
    planned = changes(report, sources, overrides)
    stdin_source = next((s for s in sources if "-" in paths and s.path == stdin_path), None)
    if not write:
        return Outcome(tuple(planned), report)
    made, failed, fixed = [], list(errors), {}
    for change in planned:
        try:
            fixed_source = parse(change.after, change.path)  # a fix may not break the note
            if stdin_source is None or change.path != stdin_path:
                write_change(change)
            fixed[change.path] = fixed_source
            made.append(change)
        except NotelintError as exc:
            failed.append(exc)
    if made:
        sources = [fixed.get(source.path, source) for source in sources]
        report = lint_sources(sources, config, overrides, now, failed)
    stdin_text = None
    if stdin_source is not None:
        stdin_text = fixed[stdin_path].text if stdin_path in fixed else stdin_source.text
    return Outcome(tuple(made), report, stdin_text)
