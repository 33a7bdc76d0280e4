"""Packaging: a built wheel holds every check, its data files and the console script.

The checks live in ``checks/`` at the top of the repository and are mapped to
``notelint.checks`` by setuptools; a mapping mistake would pass every other test (they run on
the editable install) and ship a linter without checks. So one wheel is built from a clean
copy of the sources (a stale ``build/`` folder could hide a missing file) and inspected, then
imported on its own to prove it finds the same checks as the source tree.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ROOT / "checks"

pytestmark = pytest.mark.slow


def _check_modules() -> list[str]:
    """Every file of the checks package: ``__init__.py`` and each folder's module and cases."""
    files = [*CHECKS.glob("*.py"), *CHECKS.glob("*/*.*")]
    # Bytecode that a run without PYTHONDONTWRITEBYTECODE leaves is not a module to ship.
    return sorted(str(p.relative_to(CHECKS)) for p in files if p.parent.name != "__pycache__")


def _data_files() -> list[str]:
    """Every word list: the checks' own and the shared vocabulary."""
    return sorted(
        [
            *(f"checks/{p.relative_to(CHECKS)}" for p in CHECKS.glob("*/data/*.*")),
            *(f"vocabulary/{p.name}" for p in (ROOT / "src/notelint/vocabulary").glob("*.txt")),
        ]
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build one wheel from a copy of what the sdist would hold (no build/ or egg-info)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src-copy"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("src", "checks"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    out = work / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"pip wheel failed:\n{done.stdout}\n{done.stderr}")
    (built,) = out.glob("notelint-*.whl")
    return built


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_has_every_check_module(wheel: Path) -> None:
    names = _names(wheel)
    modules = _check_modules()
    assert "__init__.py" in modules and len(modules) > 1
    missing = [m for m in modules if f"notelint/checks/{m}" not in names]
    assert not missing, f"check modules missing from the wheel: {missing}"


def test_wheel_has_every_data_file(wheel: Path) -> None:
    names = _names(wheel)
    data = _data_files()
    assert data, "no word lists found"
    missing = [d for d in data if f"notelint/{d}" not in names]
    assert not missing, f"data files missing from the wheel: {missing}"


def test_wheel_has_the_engine(wheel: Path) -> None:
    names = _names(wheel)
    engine = sorted(p.name for p in (ROOT / "src" / "notelint").glob("*.py"))
    missing = [m for m in engine if f"notelint/{m}" not in names]
    assert not missing, missing
    assert "notelint/formats/json.py" in names


def test_wheel_has_the_report_and_page_files(wheel: Path) -> None:
    """--format html and notelint serve read their templates, CSS and script as package data."""
    names = _names(wheel)
    web = [
        *(f"notelint/templates/{p.name}" for p in (ROOT / "src/notelint/templates").iterdir()),
        *(f"notelint/serve/{p.name}" for p in (ROOT / "src/notelint/serve").glob("*.py")),
    ]
    assert len(web) >= 8
    missing = [name for name in web if name not in names]
    assert not missing, missing


def test_wheel_has_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [n for n in archive.namelist() if n.endswith("/entry_points.txt")]
        text = archive.read(entry_points).decode()
    parser = configparser.ConfigParser()
    parser.read_string(text)
    assert parser["console_scripts"]["notelint"].strip() == "notelint.cli:run"


def test_wheel_finds_the_same_checks(wheel: Path, tmp_path: Path) -> None:
    """Import the unpacked wheel alone (not the editable install) and list its checks."""
    unpacked = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import notelint, notelint.checks\n"
        "from notelint.matching import vocabulary\n"
        "from notelint.registry import all_checks\n"
        "assert notelint.__file__.startswith(sys.argv[1]), notelint.__file__\n"
        "assert notelint.checks.__path__[0].startswith(sys.argv[1])\n"
        "assert vocabulary('titles')\n"
        "assert all(c.terms is not None and c.folder.is_dir() for c in all_checks())\n"
        "print(' '.join(c.code for c in all_checks()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(unpacked)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    from notelint.registry import all_checks

    assert done.stdout.split() == [c.code for c in all_checks()]


def test_wheel_has_the_language_server(wheel: Path) -> None:
    """``notelint lsp`` ships in the wheel (its dependencies are the ``lsp`` extra)."""
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"notelint/lsp/__init__.py", "notelint/lsp/server.py"} <= names
