"""``--format html`` without a browser: escaping, the cut into marks, the summary, contrast."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_support import need_modules

from notelint.cli import main
from notelint.findings import FileResult, Finding, Location, Report, Severity

need_modules("jinja2")

from notelint.formats.html import cut, render  # noqa: E402

CSS = (Path(__file__).parent.parent / "src/notelint/templates/notelint.css").read_text()


def finding(line: int, column: int, end_column: int, code: str = "NL004", **kw: object) -> Finding:
    return Finding(
        code=code,
        name=kw.pop("name", "gift-mention"),  # type: ignore[arg-type]
        severity=kw.pop("severity", Severity.WARNING),  # type: ignore[arg-type]
        location=Location("a.md", line, column, line, end_column),
        message=str(kw.pop("message", "mentions a gift")),
        suggestion="Leave the gift out.",
        **kw,  # type: ignore[arg-type]
    )


def test_cut_marks_overlapping_and_empty_spans() -> None:
    text = "Dear Ann,\nI sent a fruit basket today."
    outer = finding(2, 1, 29, code="NL001", name="generic-note")
    inner = finding(2, 10, 22)
    empty = finding(1, 10, 10, code="NL002", name="no-conversation-reference")
    segments = cut(text, (outer, inner, empty), "n0")
    assert "".join(s.text for s in segments) == text
    marked = {s.text: s.covering for s in segments if s.covering}
    assert marked["fruit basket"] == (0, 1)
    assert marked["I sent a "] == (0,)
    assert marked[""] == (2,)
    assert [s.text for s in segments if s.starting] == ["", "I sent a ", "fruit basket"]


def test_columns_count_code_points_not_utf16_units() -> None:
    text = "Thanks 🙂 for the fruit basket"
    f = finding(1, 18, 30)
    [covered] = [s.text for s in cut(text, (f,), "n0") if s.covering]
    assert covered == "fruit basket"


HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def test_everything_from_the_note_is_escaped() -> None:
    path = f"notes/{HOSTILE}.md"
    text = f"---\nto: '{HOSTILE}'\n---\nDear Ann, {HOSTILE}\n"
    f = finding(4, 11, 11 + len(HOSTILE), message=f'quotes "{HOSTILE}"')
    html = render(Report((FileResult(path, (f,), 85, (), text),)))
    assert "<script" not in html and "<img" not in html and 'onerror="' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("&lt;img src=x onerror=") >= 4  # text, front matter, path, message


def test_report_is_self_contained() -> None:
    text = "Dear Ann,\nI sent a fruit basket.\n"
    html = render(Report((FileResult("a.md", (finding(2, 10, 22),), 85, (), text),)))
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<link" not in html and "<script" not in html
    assert "default-src 'none'" in html


def test_summary_table_sorts_by_score_and_counts_per_check() -> None:
    good = FileResult("good.md", (), 100, (), "Dear Ann,\nThanks.\n")
    bad = FileResult(
        "bad.md", (finding(2, 1, 3), finding(2, 5, 7)), 78, (), "Dear Ann,\nfruit basket\n"
    )
    html = render(Report((good, bad)))
    table = html.split('id="summary"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<a href="#(note-\d)">([^<]+)</a></th>\s*<td class="num">(\d+)', table)
    assert rows == [("note-1", "bad.md", "78"), ("note-0", "good.md", "100")]
    assert '<td class="num">2</td>' in table


def test_related_and_folded_findings_are_listed_with_their_finding() -> None:
    folded = finding(2, 1, 5, code="NL007", name="no-fit", message="no sentence ties")
    other = Location("b.md", 3, 1, 3, 9)
    main_finding = finding(
        2, 1, 9, code="NL001", name="generic-note", folded=(folded,), related=(other,)
    )
    text = "Dear Ann,\nThank you for your time.\n"
    html = render(
        Report((FileResult("a.md", (main_finding,), 85, (), text), FileResult("b.md", (), 100, ())))
    )
    item = html.split('id="n0-f0"', 1)[1].split("</li>\n", 2)
    joined = "".join(item[:2])
    assert "Also covers" in joined and "NL007" in joined and "no sentence ties" in joined
    assert 'href="#note-1">b.md</a>, line 3' in joined


def test_cli_writes_the_report(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Dear Ann,\n\nI have sent a fruit basket to your office.\n\nBest, Bo\n")
    result = CliRunner().invoke(main, ["--format", "html", str(note)])
    assert result.exit_code == 1
    assert result.output.startswith("<!doctype html>")
    assert re.search(
        r'<mark class="hl sev-warning"[^>]*><a [^>]*>fruit basket</a></mark>', result.output
    )


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


COLOURS = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-f]{6})", CSS))


@pytest.mark.parametrize(
    ("fg", "bg", "minimum"),
    [
        ("ink", "paper", 4.5),
        ("muted", "paper", 4.5),
        ("link", "paper", 4.5),
        ("ink", "error-bg", 4.5),
        ("ink", "warning-bg", 4.5),
        ("ink", "info-bg", 4.5),
        ("error", "error-bg", 3.0),  # a mark's underline against its background
        ("warning", "warning-bg", 3.0),
        ("info", "info-bg", 3.0),
        ("error", "paper", 4.5),  # error messages, and white badge text on these
        ("warning", "paper", 4.5),
        ("info", "paper", 4.5),
        ("focus", "paper", 3.0),
        ("focus", "warning-bg", 3.0),
    ],
)
def test_colours_meet_wcag_aa(fg: str, bg: str, minimum: float) -> None:
    assert contrast(COLOURS[fg], COLOURS[bg]) >= minimum


def test_core_import_loads_no_web_library() -> None:
    code = (
        "import sys, notelint, notelint.cli, notelint.formats, notelint.engine; "
        "bad = [m for m in ('jinja2', 'starlette', 'uvicorn') if m in sys.modules]; "
        "sys.exit(str(bad) if bad else 0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("module", "args", "hint"),
    [
        ("jinja2", ["--format", "html", "-"], "pip install 'notelint[html]'"),
        ("uvicorn", ["serve", "--port", "0"], "pip install 'notelint[serve]'"),
        ("starlette", ["serve", "--port", "0"], "pip install 'notelint[serve]'"),
    ],
)
def test_a_missing_extra_is_a_one_line_error(
    module: str, args: list[str], hint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in list(sys.modules):
        if name == module or name.startswith(f"{module}.") or name.startswith("notelint.serve."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    result = CliRunner().invoke(main, args, input="Dear Ann,\n\nThanks.\n")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [result.output.strip()]
    assert hint in result.output


def test_each_note_has_a_score_gauge_and_its_parts() -> None:
    """The score as a gauge (a labelled ``meter``) and a table of what took points off."""
    from notelint.scoring import ScorePart

    parts = (ScorePart("NL004", 1, 15.0), ScorePart("NL006", 2, 30.0))
    text = "Dear Ann,\nI sent a fruit basket.\n"
    html = render(Report((FileResult("a.md", (finding(2, 10, 22),), 55, parts, text),)))
    meter = re.search(r'<meter id="([^"]+)"[^>]*value="(\d+)"', html)
    assert meter and meter.group(2) == "55"
    assert f'<label for="{meter.group(1)}">Score</label>' in html
    table = html.split('<table class="parts">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r"<th scope=\"row\">(NL\d+) [^<]*</th><td[^>]*>(\d+)</td><td[^>]*>(\d+)", table
    )
    assert rows == [("NL004", "1", "15"), ("NL006", "2", "30")]
