"""notelint: a linter for the follow-up notes candidates send after a job interview.

The public API is imported lazily, so ``import notelint`` (and the CLI's start-up) does not pay
for spaCy until a note is actually linted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "Config",
    "Finding",
    "NotelintError",
    "Report",
    "Severity",
    "__version__",
    "lint_paths",
    "lint_text",
]

_EXPORTS = {
    "lint_text": "notelint.api",
    "lint_paths": "notelint.api",
    "Finding": "notelint.findings",
    "Severity": "notelint.findings",
    "Config": "notelint.config",
    "Report": "notelint.engine",
    "NotelintError": "notelint.errors",
}

if TYPE_CHECKING:
    from notelint.api import lint_paths, lint_text
    from notelint.config import Config
    from notelint.errors import NotelintError
    from notelint.findings import Finding, Report, Severity


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'notelint' has no attribute {name!r}")
