"""The page and the report in a real browser: Debian's Chromium, driven by Playwright.

Each test saves a screenshot (in ``NOTELINT_SCREENSHOTS`` if set, else a temporary folder);
the README shows the ones in docs/img, made with
``NOTELINT_SCREENSHOTS=docs/img python -m pytest tests/test_browser.py``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from web_support import CHROMIUM_ARGS, live_server, need_chromium, need_modules

from notelint.cli import main

need_modules("playwright", "starlette", "uvicorn", "jinja2")

HOSTILE_BODY = (
    '<script>window.__pwned = "script"</script> and '
    "<img src=x onerror=\"window.__pwned = 'img'\"> in the body"
)
HOSTILE_TO = '<img src=x onerror="window.__pwned = 1">'
HOSTILE_COMPANY = "<script>window.__pwned = 2</script>"

TYPED_NOTE = (
    "Dear Ms. Okafor,\n\n"
    "Thank you for showing me the pick line on Tuesday. You said the scanners drop orders "
    "after midnight; at Harlow Foods I moved late scans into a holding list, which cut the "
    "morning fixes from forty to six a week. I have sent a fruit basket for the night shift, "
    "and I hope [Company] finds the list idea useful.\n\n"
    "Best,\nLena Brandt\n"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with live_server() as url:
        yield url


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("NOTELINT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def report(tmp_path: Path, notes: dict[str, str]) -> Path:
    """The HTML report on these notes, linted as ``notelint --format html notes``."""
    folder = tmp_path / "notes"
    folder.mkdir()
    for name, text in notes.items():
        (folder / name).write_text(text, "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        result = CliRunner().invoke(main, ["--format", "html", "--now", "2026-03-04", "notes"])
    assert result.exit_code in (0, 1), result.output
    out = tmp_path / "report.html"
    out.write_text(result.output, "utf-8")
    return out


def engine_score(text: str, context: dict[str, Any]) -> int:
    """The score the engine gives the note, without the page."""
    from notelint.engine import lint_sources
    from notelint.sources import parse

    return lint_sources([parse(text, "<page>")], None, context).results[0].score


def test_typing_a_note_updates_highlights_findings_and_score(
    page: Any, server: str, shots: Path
) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if r.url.endswith("/api/lint") else None)
    page.goto(server)
    page.get_by_label("To", exact=True).fill("Ms. Okafor")
    page.get_by_label("Your note").press_sequentially(TYPED_NOTE)
    expect = _expect()
    gift = page.locator("#preview mark", has_text="fruit basket")
    expect(gift).to_have_count(1)
    expect(page.locator("#preview mark", has_text="[Company]")).to_have_count(1)
    assert "sev-warning" in gift.get_attribute("class")
    assert "sev-error" in page.locator("#preview mark", has_text="[Company]").get_attribute("class")
    findings = page.locator("#findings > li")
    expect(findings.filter(has_text="NL004")).to_have_count(1)
    expect(findings.filter(has_text="NL006")).to_have_count(1)
    expect(findings.filter(has_text="fruit basket").first).to_contain_text("Fix:")
    score = page.eval_on_selector("#meter", "m => m.value")
    assert score == engine_score(TYPED_NOTE, {"to": ["Ms. Okafor"]})
    assert 0 < score < 100
    expect(page.locator("#score")).to_have_text(f"{score}/100")
    expect(page.locator("#status")).to_contain_text(f"Score {score}.")
    # The text is the note, unchanged, however it is cut into marks.
    assert page.locator("#preview").inner_text() == TYPED_NOTE
    # Debounced: one request per pause, not one per key.
    assert 1 <= len(requests) < len(TYPED_NOTE) / 20, len(requests)
    # Each check's documentation is one click away.
    with page.expect_popup() as popup:
        findings.filter(has_text="NL004").get_by_role(
            "link", name=re.compile("About NL004")
        ).click()
    expect(popup.value.locator("h1")).to_have_text("NL004 gift-mention")
    gift.locator("a").focus()
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=shots / "page.png")
    # Columns count code points, as Python does; JavaScript strings count UTF-16 units.
    page.get_by_label("Your note").fill("Dear Ann,\n\n🙂🙂 I sent you a fruit basket.\n")
    expect(page.locator("#preview mark", has_text="basket")).to_have_text("fruit basket")


def test_static_report_marks_and_summary_table(page: Any, tmp_path: Path, shots: Path) -> None:
    path = report(
        tmp_path,
        {
            "gift.txt": "Dear Ms. Ruiz,\n\nThank you for the tour of the bakery line. I ran "
            "the proofing schedule at Crumb & Co. I am sending a box of cookies to your team.\n\n"
            "Best,\nAmir\n",
            "slot.txt": "Dear [Interviewer Name],\n\nThank you for talking with me about the "
            "night audits at Fenwick Hotel; I closed the books there for two years.\n\n"
            "Best,\nAmir\n",
            "good.txt": "Dear Ms. Ruiz,\n\nThank you for walking me through the proofing room. "
            "You said the dough rises unevenly on the top racks; at Crumb & Co I fixed the same "
            "fault by rotating trays every twenty minutes, and I would start there.\n\n"
            "Best,\nAmir\n",
        },
    )
    page.goto(path.as_uri())
    expect = _expect()
    rows = page.locator("#summary tbody tr")
    expect(rows).to_have_count(3)
    scores = [int(rows.nth(i).locator("td").first.inner_text()) for i in range(3)]
    assert scores == sorted(scores) and scores[0] < scores[-1] <= 100
    worst = rows.first.locator("a")
    worst_name = worst.inner_text()
    worst.click()
    assert page.url.endswith(worst.get_attribute("href"))
    section = page.locator("section.note", has=page.locator("h2", has_text=worst_name))
    expect(section).to_be_visible()
    gift = page.locator("section.note", has_text="gift.txt").locator("mark", has_text="cookies")
    expect(gift).to_have_count(1)
    slot = page.locator("section.note", has_text="slot.txt").locator("mark.sev-error")
    expect(slot.first).to_contain_text("[Interviewer Name]")
    # Hover and keyboard focus both show the message and the fix.
    gift.hover()
    tip = gift.evaluate("m => getComputedStyle(m, '::after').content")
    assert "NL004" in tip and "Fix:" in tip
    page.mouse.move(0, 0)
    gift.locator("a").focus()
    assert "NL004" in gift.evaluate("m => getComputedStyle(m, '::after').content")
    assert gift.locator("a").get_attribute("aria-label").startswith("warning NL004 gift-mention")
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=shots / "report.png")


def test_script_and_onerror_in_note_and_front_matter_run_nothing(
    page: Any, server: str, tmp_path: Path, shots: Path
) -> None:
    note = (
        f"---\nto: '{HOSTILE_TO}'\ncompany: \"{HOSTILE_COMPANY}\"\n---\n"
        f"Dear Ms. Okafor,\n\nThank you for the talk. {HOSTILE_BODY}, and a gift basket.\n\n"
        "Best,\nLena\n"
    )
    expect = _expect()
    # The static report, with a file name that is markup too.
    path = report(tmp_path, {"<img src=x onerror=alert(1)>.md": note})
    page.goto(path.as_uri())
    page.wait_for_timeout(300)
    _assert_inert(page)
    expect(page.locator("h2", has_text="<img src=x onerror=alert(1)>.md")).to_have_count(1)
    expect(page.locator(".note-text")).to_contain_text("<script>window.__pwned")
    expect(page.locator(".note-text")).to_contain_text(HOSTILE_TO)
    page.screenshot(path=shots / "report-injection.png")
    # The live page: the same note typed in, and markup in the context fields.
    page.goto(server)
    page.get_by_label("Your note").fill(note)
    page.get_by_label("Company").fill(HOSTILE_COMPANY)
    page.get_by_label("Topics").fill(HOSTILE_TO)
    expect(page.locator("#findings > li").first).to_be_visible()
    page.wait_for_timeout(300)
    _assert_inert(page, scripts=1)
    assert page.locator("#preview").inner_text() == note
    page.screenshot(path=shots / "page-injection.png")


def _assert_inert(page: Any, scripts: int = 0) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == []
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == scripts  # the page's own script only


def tab_through(page: Any, marks: str, items: str) -> None:
    """Press Tab until every mark and every finding in the list has had a visible focus."""
    want_marks = set(page.locator(marks).evaluate_all("els => els.map(e => e.id)"))
    want_items = set(page.locator(items).evaluate_all("els => els.map(e => e.id)"))
    assert want_marks and want_items
    reached_marks: set[str] = set()
    reached_items: set[str] = set()
    for _ in range(300):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """([marks, items]) => { const e = document.activeElement;
                const item = e.closest(items);
                const style = getComputedStyle(e);
                return {id: e.id, mark: e.matches(marks), item: item ? item.id : null,
                        outline: style.outlineStyle, width: parseFloat(style.outlineWidth)}; }""",
            [marks, items],
        )
        if focused["mark"]:
            reached_marks.add(focused["id"])
        if focused["item"]:
            reached_items.add(focused["item"])
        if focused["mark"] or focused["item"]:
            assert focused["outline"] == "solid" and focused["width"] >= 2, focused
        if reached_marks == want_marks and reached_items == want_items:
            return
    assert reached_marks == want_marks
    assert reached_items == want_items


def test_keyboard_alone_reaches_every_finding(
    page: Any, server: str, tmp_path: Path, shots: Path
) -> None:
    page.goto(server)
    page.keyboard.type(TYPED_NOTE)  # the note box has focus on load
    expect = _expect()
    expect(page.locator("#findings > li").filter(has_text="NL006")).to_have_count(1)
    page.wait_for_timeout(400)
    tab_through(page, "#preview mark a", "#findings > li")
    # Enter on a mark goes to its finding in the list.
    page.locator("#preview mark a").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#f0"
    page.locator("#preview mark", has_text="[Company]").locator("a").focus()
    page.screenshot(path=shots / "page-keyboard.png")
    # The static report, from its first element on.
    path = report(tmp_path, {"a.txt": TYPED_NOTE, "b.txt": TYPED_NOTE.replace("Lena", "Jo")})
    page.goto(path.as_uri())
    tab_through(page, ".note-text mark a", ".findings > li")


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect
