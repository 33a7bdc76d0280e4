"""Neovim's built-in LSP client, headless, on a note: the diagnostics an editor shows.

Runs wherever ``nvim`` is installed (``.ci/run`` installs Debian's package); without it the
test is skipped locally and fails in CI (``CI`` set), so CI cannot pass without running it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra is not installed: pip install -e '.[lsp]'")

LUA = Path(__file__).parent / "data" / "neovim" / "notelint.lua"
NOTE = """\
---
to: Dana Whitfield
company: Halvorsen Freight
---

Dear Hiring Manager,

Thank you for the warehouse tour on Tuesday. You said late orders pile up on Mondays; at
Brightwell I ran our Monday picking and cut late orders by a third, so I could help here.
I sent flowers to the front desk for the team.

Best,
Lee
"""
GIFT_LINE = 9  # 0-based, as Neovim counts


def _nvim() -> str:
    found = shutil.which("nvim")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("nvim is not installed; .ci/run installs it (apt-get install neovim)")
        pytest.skip("nvim is not installed (apt-get install neovim)")
    return found


def test_neovim_shows_the_diagnostics_and_updates_them_after_an_edit(tmp_path: Path) -> None:
    nvim = _nvim()
    (tmp_path / "dana.md").write_text(NOTE, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    env = {
        **os.environ,
        "NOTELINT_PYTHON": sys.executable,
        "NOTELINT_NOTE": "dana.md",
        "NOTELINT_OUT": str(out),
        "NOTELINT_GIFT_LINE": str(GIFT_LINE),
        "XDG_STATE_HOME": str(tmp_path / "state"),  # Neovim's LSP log goes here, not to ~
    }
    subprocess.run(
        [nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {LUA}"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=True,
    )
    seen = json.loads(out.read_text("utf-8"))
    assert seen["opened"] and seen["edited"]
    by_code = {d["code"]: d for d in seen["after_open"]}
    assert set(by_code) == {"NL004", "NL010"}
    gift = by_code["NL004"]
    assert (gift["lnum"], gift["col"], gift["end_lnum"], gift["end_col"]) == (GIFT_LINE, 7, 9, 14)
    assert gift["source"] == "notelint"
    assert gift["severity"] == 2  # vim.diagnostic.severity.WARN
    assert gift["message"].startswith('mentions a gift: "flowers"\nfix: ')
    assert [d["code"] for d in seen["after_edit"]] == ["NL010"]
