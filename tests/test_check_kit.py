"""A new check is one folder: built here in a temporary folder, the way CONTRIBUTING.md says,
it is listed by ``notelint rules``, explained, and its cases run. Its rules are data, one of
each kind, so the four rule kinds are tested end to end."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_check_cases import load_cases, run_case

from notelint import registry
from notelint.cli import main
from notelint.config import load

CHECK = '''
"""NL901 demo-rules: a throw-away check made of rules."""

from notelint.kit import RuleCheck


class DemoRules(RuleCheck):
    """Flags the demo's phrases.

    What it does:
        Finds lottery wins, apologies for rambling, too many exclamations, and no mention of
        the rota.

    Why is this bad?
        It is a test.

    Example:
        I won the lottery.

    Use instead:
        I rewrote the rota.
    """
'''

META = """
code: NL901
name: demo-rules
severity: info
summary: A check built from rules as data.
advice: Rules state the advice; checks stay small.
options: {extra-wins: [], max-wow: 2}
"""

RULES = """
rules:
- kind: existence
  phrases: file:wins
  option: extra-wins
  message: 'mentions a win: "{quote}"'
  suggestion: Leave it out.
- kind: co-occurrence
  phrases: [(sorry|apologies)]
  with: [rambl(ed|ing)]
  exceptions: [sorry to hear]
  message: 'apologises for the interview: "{quote}"'
- kind: occurrence
  phrases: [wow]
  max-option: max-wow
  message: 'says wow {count} times: {quotes}'
- kind: absence
  phrases: [rota]
  message: never mentions the rota
"""

WINS = """
# Word-list syntax: alternatives, and an exception.
(won|win) the (lottery|raffle)
!won the raffle for charity
"""

CASES = """
fire:
- text: I won the lottery last week.
  quote: won the lottery
- text: Sorry I rambled about the rota.
  quote: Sorry I rambled
- text: Wow, wow, wow. The rota was great.
- text: I enjoyed the tour.
  line: 1
- text: I hit the jackpot, and the rota.
  options: {extra-wins: [hit the jackpot]}
silent:
- I rewrote the rota.
- Sorry to hear the rota rambled on.
- I won the raffle for charity, and fixed the rota.
- Wow, the rota. Wow.
"""


@pytest.fixture
def demo_check(tmp_path: Path) -> Iterator[Path]:
    """A project whose pyproject names a folder of local checks holding one new check."""
    folder = tmp_path / "my_checks" / "nl901_demo_rules"
    (folder / "data").mkdir(parents=True)
    (folder / "check.py").write_text(textwrap.dedent(CHECK), "utf-8")
    (folder / "check.yml").write_text(META, "utf-8")
    (folder / "rules.yml").write_text(RULES, "utf-8")
    (folder / "data" / "wins.txt").write_text(WINS, "utf-8")
    (folder / "cases.yml").write_text(CASES, "utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.notelint]\ncheck-paths = ["my_checks"]\n')
    saved = list(registry._extra_dirs)
    yield tmp_path
    registry._extra_dirs[:] = saved
    registry.catalog.cache_clear()
    registry.all_checks.cache_clear()


def test_local_check_is_listed_and_explained(
    demo_check: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(demo_check)
    runner = CliRunner()
    listed = runner.invoke(main, ["rules"])
    assert listed.exit_code == 0, listed.output
    assert "NL901  demo-rules" in listed.output and "info" in listed.output
    explained = runner.invoke(main, ["explain", "NL901"])
    assert "Rules state the advice" in explained.output


@pytest.mark.parametrize("kind", ["fire", "silent"])
def test_local_check_cases_run(demo_check: Path, kind: str) -> None:
    load(demo_check / "pyproject.toml")
    (check,) = [c for c in registry.all_checks() if c.code == "NL901"]
    cases = load_cases(check.folder)[kind]
    assert cases
    for case in cases:
        found = run_case("NL901", case)
        assert bool(found) == (kind == "fire"), (case, found)
        if "quote" in case:
            assert case["quote"] in [f.quote for f in found]


def test_unknown_rule_kind_is_a_config_error(demo_check: Path) -> None:
    from notelint.errors import NotelintError
    from notelint.pipeline import load_pipeline

    load(demo_check / "pyproject.toml")
    (check,) = [c for c in registry.all_checks() if c.code == "NL901"]
    (check.folder / "rules.yml").write_text("rules:\n- kind: presence\n  phrases: [x]\n")
    with pytest.raises(NotelintError, match="kind must be one of"):
        check(load_pipeline(None))
