"""From notelint's findings and fixes to the protocol's diagnostics, code actions and hovers.

notelint counts columns in characters (code points); a client counts them in the position
encoding agreed at start-up: UTF-16 code units unless it offers UTF-8 or UTF-32. An emoji
before a finding is one character to notelint and two units to VS Code. Lines are split at
``\\n`` alone, as notelint splits them (a ``\\r`` before it stays at the end of its line).
"""

from __future__ import annotations

import bisect
import inspect
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from lsprotocol import types

from notelint.findings import Finding, Severity
from notelint.fixes import Edit, fix_for, span
from notelint.lsp.session import Linted

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
SOURCE = "notelint"


class Text:
    """A document's text with its line starts, converting offsets to and from positions."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def _units(self, chars: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(chars.encode("utf-8", "surrogatepass"))
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(chars)
        return len(chars.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, offset: int) -> types.Position:
        """The client's position of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return types.Position(line, self._units(self.text[self.starts[line] : offset]))

    def offset(self, position: types.Position) -> int:
        """The character offset of a client's position (clamped to its line)."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = (
            self.starts[position.line + 1] - 1
            if position.line + 1 < len(self.starts)
            else len(self.text)
        )
        units = 0
        for index in range(start, end):
            if units >= position.character:
                return index
            units += self._units(self.text[index])
        return end

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(self.position(start), self.position(end))

    def line_offsets(self, line: int) -> tuple[int, int]:
        """Offsets of a 0-based line's first character and of its line break (or the end)."""
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        return start, end


@cache
def documentation_uri(code: str) -> str | None:
    """Where a check's documentation is: its docstring, in its ``check.py``.

    ``notelint explain CODE`` prints the same text; the hover shows it rendered.
    """
    from notelint.registry import checks_by_code

    check = checks_by_code().get(code)
    if check is None:
        return None
    try:
        return Path(inspect.getsourcefile(check) or "").resolve().as_uri()
    except (TypeError, ValueError):
        return None


def _finding_range(linted: Linted, text: Text, finding: Finding) -> types.Range:
    assert linted.source is not None
    start, end = span(linted.source, finding)
    return text.range(start, end)


def diagnostics(
    linted: Linted, encoding: str, group: Mapping[str, Linted] | None = None
) -> list[types.Diagnostic]:
    """The document's findings (or its input error) as diagnostics; ``group`` holds the
    documents linted with it, by note path, where panel copies point."""
    text = Text(linted.text, encoding)
    if linted.error is not None:
        return [
            types.Diagnostic(
                range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                message=linted.error.args[0],
                severity=types.DiagnosticSeverity.Error,
                source=SOURCE,
            )
        ]
    found = []
    for finding in linted.findings:
        href = documentation_uri(finding.code)
        related = [
            types.DiagnosticRelatedInformation(
                location=types.Location(uri, rng), message=f"the same text ({finding.code})"
            )
            for uri, rng in _related(finding, group or {}, encoding)
        ]
        related += [
            types.DiagnosticRelatedInformation(
                location=types.Location(linted.uri, _finding_range(linted, text, folded)),
                message=f"{folded.code} {folded.name}: {folded.message} (the same fault)",
            )
            for folded in finding.folded
        ]
        found.append(
            types.Diagnostic(
                range=_finding_range(linted, text, finding),
                message=f"{finding.message}\nfix: {finding.suggestion}",
                severity=SEVERITIES[finding.severity],
                code=finding.code,
                code_description=types.CodeDescription(href=href) if href else None,
                source=SOURCE,
                related_information=related or None,
            )
        )
    return found


def _related(
    finding: Finding, group: Mapping[str, Linted], encoding: str
) -> list[tuple[str, types.Range]]:
    """The other places a finding names (panel copies), in the documents open beside it."""
    places = []
    for location in finding.related:
        other = group.get(location.path)
        if other is None:
            continue
        text = Text(other.text, encoding)
        start = text.starts[location.line - 1] + location.column - 1
        end = text.starts[location.end_line - 1] + location.end_column - 1
        places.append((other.uri, text.range(start, end)))
    return places


def _text_edit(text: Text, edit: Edit) -> types.TextEdit:
    return types.TextEdit(range=text.range(edit.start, edit.end), new_text=edit.text)


def _line_ending(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


def front_matter_end(text: str) -> int | None:
    """The 0-based line of the front matter's closing fence, or None without front matter."""
    if not re.match(r"---[ \t]*\r?\n", text):
        return None
    closing = _FRONT_MATTER_END.search(text, text.index("\n") + 1)
    return text.count("\n", 0, closing.start()) if closing else None


def disable_action(
    linted: Linted, text: Text, finding: Finding
) -> tuple[str, types.TextEdit] | None:
    """A title and an edit that switch the finding's code off where it sits.

    A finding in the front matter (a date that makes a note late) is switched off for the note,
    with front matter ``notelint: {ignore: [CODE]}``, since a comment there would break the
    YAML; none is offered when the front matter already has a ``notelint`` key to merge into.
    A finding in the body is switched off for its line, with the comments notelint reads.
    """
    end = front_matter_end(text.text)
    code = finding.code
    if end is not None and finding.location.line - 1 <= end:
        if linted.source is None or "notelint" in linted.source.front_matter:
            return None
        start = text.starts[end]
        line = f"notelint: {{ignore: [{code}]}}{_line_ending(text.text)}"
        return f"Disable {code} for this note", _text_edit(text, Edit(start, start, line))
    return f"Disable {code} for this line", disable_edit(text, finding)


def disable_edit(text: Text, finding: Finding) -> types.TextEdit:
    """Switch a code off for the finding's line with the comments notelint reads.

    Above a line that starts a paragraph, ``<!-- notelint-disable-next-line CODE -->`` on a line
    of its own. Inside a paragraph, a line of its own would split the paragraph (in Markdown
    and for notelint alike), so ``disable``/``enable`` go at the end of the line instead.
    """
    line = finding.location.line - 1
    start, end = text.line_offsets(line)
    above = text.text[slice(*text.line_offsets(line - 1))] if line > 0 else ""
    code = finding.code
    if not above.strip():
        comment = f"<!-- notelint-disable-next-line {code} -->{_line_ending(text.text)}"
        return _text_edit(text, Edit(start, start, comment))
    stripped_end = start + len(text.text[start:end].rstrip("\r"))
    comment = f" <!-- notelint-disable {code} --><!-- notelint-enable {code} -->"
    return _text_edit(text, Edit(stripped_end, stripped_end, comment))


def code_actions(
    linted: Linted, encoding: str, wanted: types.Range, kinds: Sequence[str] | None = None
) -> list[types.CodeAction]:
    """Quick fixes for the findings that touch ``wanted``: a finding's safe fix, if it has
    one, and switching its code off for its line."""
    if linted.source is None or (kinds and not any(k.startswith("quickfix") for k in kinds)):
        return []
    text = Text(linted.text, encoding)
    first, last = text.offset(wanted.start), text.offset(wanted.end)
    actions = []
    for finding, diagnostic in zip(linted.findings, diagnostics(linted, encoding), strict=True):
        start, end = span(linted.source, finding)
        if end < first or start > last:
            continue
        fix = fix_for(linted.source, finding, linted.findings)
        if fix is not None:
            actions.append(
                types.CodeAction(
                    title=fix.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=True,
                    edit=types.WorkspaceEdit(
                        changes={linted.uri: [_text_edit(text, e) for e in fix.edits]}
                    ),
                )
            )
        disable = disable_action(linted, text, finding)
        if disable is not None:
            title, edit = disable
            actions.append(
                types.CodeAction(
                    title=title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=types.WorkspaceEdit(changes={linted.uri: [edit]}),
                )
            )
    return actions


def hover(linted: Linted, encoding: str, position: types.Position) -> types.Hover | None:
    """The documentation of the checks whose findings lie under the cursor."""
    from notelint.formats.sarif import help_markdown
    from notelint.registry import checks_by_code

    if linted.source is None:
        return None
    text = Text(linted.text, encoding)
    at = text.offset(position)
    parts, ranges = [], []
    checks = checks_by_code()
    for finding in linted.findings:
        start, end = span(linted.source, finding)
        if not start <= at <= end:
            continue
        check = checks.get(finding.code)
        head = f"**{finding.code} {finding.name}** ({finding.severity.value})\n\n"
        body = f"{finding.message}\n\n*fix:* {finding.suggestion}"
        docs = ""
        if check is not None:
            advised = check.documentation()
            if check.advice:
                advised += f"\n\nAdvice:\n    {check.advice}"
            docs = f"\n\n---\n\n{help_markdown(advised)}"
        parts.append(head + body + docs)
        ranges.append(text.range(start, end))
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
        ),
        range=ranges[0],
    )
