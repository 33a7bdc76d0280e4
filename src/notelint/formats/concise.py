"""``--format concise``: one line per finding, ``path:line:col: CODE [severity] message``.

For a terminal too narrow for the fix beneath each finding, for ``grep``, and for editors that
read ``file:line:col: message`` lines into a list of places (Vim's quickfix, Emacs's compile).
No summary: the exit status says whether anything was found.
"""

from __future__ import annotations

from notelint.findings import Report
from notelint.formats.safe import printable
from notelint.formats.text import badge, where


def render(report: Report, *, color: bool = False) -> str:
    lines = []
    for result in report.results:
        for f in result.findings:
            lines.append(f"{where(f, color)} {badge(f, color)} {printable(f.message)}")
    return "\n".join(lines)
