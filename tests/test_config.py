"""config: discovery, every key, and errors that name the key (no CLI).

Code-specific settings use NL004 (gift-mention, option ``extra-gifts``), which always exists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from notelint.config import Config, discover, from_mapping, load, parse_codes
from notelint.errors import NotelintError
from notelint.findings import Severity
from notelint.registry import checks_by_code


def _error(data: dict[str, Any]) -> str:
    with pytest.raises(NotelintError) as info:
        from_mapping(data)
    return str(info.value)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery -----------------------------------------------------------------------------


def test_no_config_is_the_default(tmp_path: Path) -> None:
    note = _write(tmp_path / "n.md", "Hi")
    found = discover(note)
    if found.path is not None:  # a config above tmp_path (unlikely) would be legitimate
        assert tmp_path.resolve() not in found.path.parents
    else:
        assert found == Config()


def test_discovery_walks_up_to_dot_notelint_toml(tmp_path: Path) -> None:
    _write(tmp_path / ".notelint.toml", 'ignore = ["NL004"]\n')
    note = _write(tmp_path / "a" / "b" / "n.md", "Hi")
    for start in (note, note.parent, tmp_path / "a" / "missing.md"):
        found = discover(start)
        assert found.ignore == ("NL004",)
        assert found.path == (tmp_path / ".notelint.toml").resolve()


def test_discovery_reads_pyproject_tool_table(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.notelint]\nmin-score = 70\n")
    found = discover(_write(tmp_path / "notes" / "n.md", "Hi"))
    assert found.min_score == 70


def test_pyproject_without_tool_notelint_is_skipped(tmp_path: Path) -> None:
    _write(tmp_path / ".notelint.toml", "min-score = 55\n")
    _write(tmp_path / "proj" / "pyproject.toml", "[tool.black]\nline-length = 88\n")
    found = discover(_write(tmp_path / "proj" / "n.md", "Hi"))
    assert found.min_score == 55


def test_nearest_config_wins_and_dot_file_before_pyproject(tmp_path: Path) -> None:
    _write(tmp_path / ".notelint.toml", "min-score = 10\n")
    _write(tmp_path / "inner" / "pyproject.toml", "[tool.notelint]\nmin-score = 20\n")
    _write(tmp_path / "inner" / ".notelint.toml", "min-score = 30\n")
    assert discover(tmp_path / "inner" / "n.md").min_score == 30
    assert discover(tmp_path / "n.md").min_score == 10


def test_load_named_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "custom.toml", 'fail-on = "error"\n')
    assert load(path).fail_on is Severity.ERROR


def test_missing_named_file(tmp_path: Path) -> None:
    with pytest.raises(NotelintError, match="config file not found"):
        load(tmp_path / "missing.toml")


@pytest.mark.parametrize("name", [".notelint.toml", "pyproject.toml"])
def test_malformed_toml(tmp_path: Path, name: str) -> None:
    _write(tmp_path / name, "[tool.notelint\nselect = [\n")
    with pytest.raises(NotelintError, match="malformed TOML") as info:
        discover(tmp_path / "n.md")
    assert name in str(info.value)
    assert "line 1" in str(info.value)


def test_unknown_key_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path / ".notelint.toml", "colour = true\n")
    with pytest.raises(NotelintError, match="unknown config key 'colour'") as info:
        load(path)
    assert str(path) in str(info.value)


def test_tool_notelint_must_be_a_table(tmp_path: Path) -> None:
    path = _write(tmp_path / "pyproject.toml", '[tool]\nnotelint = "yes"\n')
    with pytest.raises(NotelintError, match=r"\[tool.notelint\] must be a table"):
        load(path)


# --- every key -----------------------------------------------------------------------------


def test_all_keys_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No trained pipeline is installed here; that it must be is tested in test_robustness.py.
    monkeypatch.setattr("notelint.config._check_model_installed", lambda name: None)
    path = _write(
        tmp_path / ".notelint.toml",
        """
select = ["NL004"]
extend-select = ["gift-mention"]
ignore = []
exclude = ["drafts/*", "*.bak.md"]
min-score = 70
fail-on = "info"
model = "en_core_web_sm"

[severity]
NL004 = "error"

[weights]
gift-mention = 2.5

[severity-weights]
error = 40
info = 0

[per-file-ignores]
"archive/*.md" = ["NL004"]

[NL004]
extra-gifts = ["wine", "gift hamper"]
""",
    )
    loaded = load(path)
    assert loaded.select == ("NL004",)
    assert loaded.extend_select == ("NL004",)
    assert loaded.ignore == ()
    assert loaded.exclude == ("drafts/*", "*.bak.md")
    assert loaded.min_score == 70
    assert loaded.fail_on is Severity.INFO
    assert loaded.model == "en_core_web_sm"
    assert loaded.severity == {"NL004": Severity.ERROR}
    assert loaded.weights == {"NL004": 2.5}
    assert loaded.severity_weights == {
        Severity.ERROR: 40.0,
        Severity.WARNING: 15.0,
        Severity.INFO: 0.0,
    }
    assert loaded.per_file_ignores == (("archive/*.md", ("NL004",)),)
    assert loaded.options == {"NL004": {"extra-gifts": ["wine", "gift hamper"]}}
    assert loaded.path == path


def test_defaults() -> None:
    default = Config()
    assert default.fail_on is Severity.WARNING
    assert default.min_score is None
    assert set(default.enabled_codes()) == set(checks_by_code())


@pytest.mark.parametrize("key", ["select", "ignore", "extend-select"])
def test_code_lists_accept_codes_names_prefixes_and_strings(key: str) -> None:
    attr = key.replace("-", "_")
    assert getattr(from_mapping({key: ["nl004"]}), attr) == ("NL004",)
    assert getattr(from_mapping({key: ["gift-mention"]}), attr) == ("NL004",)
    assert getattr(from_mapping({key: "NL004, gift-mention"}), attr) == ("NL004",)
    assert "NL004" in getattr(from_mapping({key: ["NL0"]}), attr)
    assert set(getattr(from_mapping({key: ["ALL"]}), attr)) == set(checks_by_code())


def test_enabled_codes() -> None:
    assert from_mapping({"select": ["NL004"]}).enabled_codes() == ["NL004"]
    assert "NL004" not in from_mapping({"ignore": ["NL004"]}).enabled_codes()
    both = from_mapping({"select": ["NL004"], "ignore": ["gift-mention"]})
    assert both.enabled_codes() == []
    extended = from_mapping({"select": [], "extend-select": ["NL004"]})
    assert extended.enabled_codes() == ["NL004"]


@pytest.mark.parametrize("table", ["NL004", "nl004", "gift-mention"])
def test_check_options_by_code_or_name(table: str) -> None:
    assert from_mapping({table: {"extra-gifts": ["wine"]}}).options == {
        "NL004": {"extra-gifts": ["wine"]}
    }


def test_per_file_ignores_match_relative_to_config(tmp_path: Path) -> None:
    path = _write(
        tmp_path / ".notelint.toml",
        '[per-file-ignores]\n"archive/*.md" = ["NL004"]\n"*draft*" = ["gift-mention"]\n',
    )
    loaded = load(path)
    assert loaded.ignored_for(str(tmp_path / "archive" / "old.md")) == {"NL004"}
    assert loaded.ignored_for(str(tmp_path / "notes" / "first-draft.md")) == {"NL004"}
    assert loaded.ignored_for(str(tmp_path / "notes" / "final.md")) == set()


def test_with_overrides_flags_win() -> None:
    base = from_mapping({"min-score": 50, "fail-on": "error", "ignore": ["NL004"]})
    changed = base.with_overrides(min_score=80, fail_on=None, ignore=(), model=None)
    assert changed.min_score == 80
    assert changed.fail_on is Severity.ERROR  # None means "flag not given"
    assert changed.ignore == ("NL004",)


def test_parse_codes_for_flags() -> None:
    assert parse_codes("--select", ["NL004"]) == ("NL004",)
    with pytest.raises(NotelintError) as info:
        parse_codes("--ignore", ["NL999"])
    assert str(info.value).startswith("--ignore: ")
    assert "NL999" in str(info.value)


# --- errors name the key -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"colour": True}, "'colour'"),
        ({"select": ["NL999"]}, "'select'"),
        ({"ignore": ["no-such-check"]}, "'ignore'"),
        ({"extend-select": [4]}, "'extend-select'"),
        ({"ignore": [""]}, "'ignore'"),
        ({"select": ["NL004", " "]}, "'select'"),
        ({"exclude": "drafts"}, "'exclude'"),
        ({"severity": "error"}, "'severity'"),
        ({"severity": {"NL004": "loud"}}, "'severity.NL004'"),
        ({"severity": {"NL999": "error"}}, "'severity.NL999'"),
        ({"weights": {"NL004": -1}}, "'weights'"),
        ({"weights": {"NL004": "heavy"}}, "'weights'"),
        ({"weights": {"NL004": True}}, "'weights'"),
        ({"weights": {"NL999": 1}}, "'weights.NL999'"),
        ({"severity-weights": {"error": -5}}, "'severity-weights'"),
        ({"severity-weights": {"fatal": 50}}, "'severity-weights.fatal'"),
        ({"per-file-ignores": ["drafts/*"]}, "'per-file-ignores'"),
        ({"per-file-ignores": {"drafts/*": ["NL999"]}}, "'per-file-ignores.drafts/*'"),
        ({"min-score": 101}, "'min-score'"),
        ({"min-score": -1}, "'min-score'"),
        ({"min-score": 70.5}, "'min-score'"),
        ({"min-score": True}, "'min-score'"),
        ({"min-score": "70"}, "'min-score'"),
        ({"fail-on": "fatal"}, "'fail-on'"),
        ({"model": 3}, "'model'"),
        ({"NL004": 3}, "'NL004'"),
        ({"NL004": {"extra-gift": ["wine"]}}, "'NL004.extra-gift'"),
        ({"NL004": {"extra-gifts": "wine"}}, "'NL004.extra-gifts'"),
        ({"NL004": {"extra-gifts": [1, 2]}}, "'NL004.extra-gifts'"),
        ({"gift-mention": {"extra-gifts": True}}, "'gift-mention.extra-gifts'"),
    ],
)
def test_bad_values_name_the_key(data: dict[str, Any], named: str) -> None:
    message = _error(data)
    assert named in message
    assert "\n" not in message


def test_unknown_option_lists_the_known_ones() -> None:
    assert "extra-gifts" in _error({"NL004": {"gifts": []}})
