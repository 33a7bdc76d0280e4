"""Baselines: findings an archive already had when it adopted notelint, kept from failing runs.

A baseline entry is (file, code, quoted words), counted, not a line number: notes get edited
above a finding and the finding moves, but it is the same finding. ``--write-baseline FILE``
records a run; ``--baseline FILE`` drops the findings it lists (up to the recorded count), so
only new problems are reported and fail the run.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from notelint.errors import NotelintError
from notelint.findings import Finding

VERSION = 1
Key = tuple[str, str, str]


def _key(finding: Finding) -> Key:
    return (PurePath(finding.path).as_posix(), finding.code, finding.quote)


@dataclass
class Baseline:
    """Counts of known findings; ``absorb`` consumes them as a run meets them."""

    known: Counter[Key]

    @classmethod
    def from_findings(cls, findings: Iterable[Finding]) -> Baseline:
        return cls(Counter(_key(f) for f in findings))

    def absorb(self, finding: Finding) -> bool:
        """True (and one fewer left) when the finding is in the baseline."""
        key = _key(finding)
        if self.known[key] > 0:
            self.known[key] -= 1
            return True
        return False

    def dump(self, path: Path) -> None:
        """Write the baseline atomically (a temporary file renamed over the target)."""
        entries = [
            {"path": p, "code": c, "quote": q, "count": n}
            for (p, c, q), n in sorted(self.known.items())
            if n
        ]
        text = json.dumps({"version": VERSION, "findings": entries}, indent=2, ensure_ascii=False)
        write_atomically(path, text + "\n", what="baseline")


def write_atomically(path: Path, text: str, *, what: str) -> None:
    """Write a file so that it is never seen half-written: a temporary file beside it, given
    the old file's permissions, renamed over it; on failure the old file is left alone."""
    temporary = None
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else None
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent or ".", delete=False, suffix=".tmp"
        ) as handle:
            temporary = handle.name
            handle.write(text)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)
        raise NotelintError(f"cannot write {what} {path}: {exc.strerror or exc}") from None


def load(path: Path) -> Baseline:
    """Read a baseline file; a missing or malformed one is a user error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        known: Counter[Key] = Counter()
        for entry in data["findings"]:
            known[(entry["path"], entry["code"], entry["quote"])] += int(entry.get("count", 1))
    except FileNotFoundError:
        raise NotelintError(f"baseline file not found: {path}") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise NotelintError(f"malformed baseline file {path}: {exc}") from None
    return Baseline(known)
