"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

GitHub shows each ``::warning file=…,line=…::message`` line of a job's output as an annotation
on that line of the pull request's diff. Severities map to GitHub's three commands (info becomes
``notice``); notes that could not be read become ``::error`` lines so the job says why.
"""

from __future__ import annotations

from notelint.errors import NotelintError
from notelint.findings import Finding, Report, Severity
from notelint.formats.safe import printable
from notelint.formats.sarif import relative_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: GitHub decodes %25, %0D and %0A back."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value, where ``:`` and ``,`` would also end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict[str, object], message: str) -> str:
    """``::name key=value,…::message``, every part escaped."""
    props = ",".join(
        f"{key}={escape_property(printable(str(value), keep_breaks=True))}"
        for key, value in properties.items()
    )
    message = escape_data(printable(message, keep_breaks=True))
    return f"::{name}{' ' if props else ''}{props}::{message}"


def annotation(f: Finding) -> str:
    """The workflow command for one finding, spanning its words."""
    return _command(
        COMMANDS[f.severity],
        {
            "file": relative_path(f.path),
            "line": f.line,
            "col": f.column,
            "endLine": f.location.end_line,
            "endColumn": f.location.end_column,
            "title": f"{f.code} {f.name}",
        },
        f"{f.message} — {f.suggestion}",
    )


def error_annotation(error: NotelintError) -> str:
    """An ``::error`` for a note that could not be linted, on the file when it has one."""
    properties: dict[str, object] = {"file": relative_path(error.path)} if error.path else {}
    return _command("error", properties, error.args[0])


def render(report: Report, *, color: bool = False) -> str:
    lines = [error_annotation(e) for e in report.errors]
    lines += [annotation(f) for r in report.results for f in r.findings]
    return "\n".join(lines)
