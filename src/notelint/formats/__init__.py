"""Output formats: each a module with ``render(report, *, color) -> str``, loaded on demand."""

from __future__ import annotations

import importlib

from notelint.findings import Report

FORMATS = ("text", "concise", "json", "sarif", "github", "html")


def render(name: str, report: Report, *, color: bool = False) -> str:
    """Render a report in the named format (one of FORMATS)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"notelint.formats.{name}")
    return module.render(report, color=color)
