"""The default, human format: ``path:line:col: CODE [severity] name message``, the fix beneath.

The severity is written out, not only coloured, so it survives a pipe, a log and ``NO_COLOR``.
"""

from __future__ import annotations

import click

from notelint.findings import Finding, Report, Severity
from notelint.formats.safe import printable
from notelint.formats.summary import summarize

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def badge(f: Finding, color: bool) -> str:
    """``NL004 [warning]``: the code and the severity, coloured by severity on a terminal."""
    if not color:
        return f"{f.code} [{f.severity.value}]"
    colour = _COLOURS[f.severity]
    level = click.style(f"[{f.severity.value}]", fg=colour)
    return f"{click.style(f.code, fg=colour, bold=True)} {level}"


def where(f: Finding, color: bool) -> str:
    """``path:line:col:`` of a finding, the path made printable, bold on a terminal."""
    place = f"{printable(f.path)}:{f.line}:{f.column}:"
    return click.style(place, bold=True) if color else place


def render_findings(report: Report, *, color: bool = False) -> list[str]:
    """One line per finding, each followed by its suggestion, indented."""
    lines = []
    for result in report.results:
        for f in result.findings:
            lines.append(f"{where(f, color)} {badge(f, color)} {f.name} {printable(f.message)}")
            hint = click.style("fix:", fg="green") if color else "fix:"
            lines.append(f"    {hint} {printable(f.suggestion)}")
            if f.folded:
                also = ", ".join(dict.fromkeys(f"{x.code} {x.name}" for x in f.folded))
                lines.append(f"    also: {also} (the same fault, reported once)")
    return lines


def summary_line(report: Report) -> str:
    s = summarize(report)
    if s.files == 0:
        text = "No notes were linted."
    elif s.findings == 0:
        text = f"All {_plural(s.files, 'note')} passed."
    else:
        severities = ", ".join(_plural(n, k) for k, n in s.by_severity.items() if n)
        text = (
            f"Found {_plural(s.findings, 'problem')} ({severities}) "
            f"in {s.files_with_findings} of {_plural(s.files, 'note')}."
        )
    if s.average_score is not None:
        text += f" Average score {s.average_score:g}, lowest {s.lowest_score}."
    if s.errors:
        text += f" {_plural(s.errors, 'file')} could not be linted."
    return text


def render(report: Report, *, color: bool = False) -> str:
    lines = render_findings(report, color=color)
    if lines:
        lines.append("")
    lines.append(summary_line(report))
    return "\n".join(lines)
