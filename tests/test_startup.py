"""What a command imports: the commands that need no parsing never load spaCy or numpy.

Each runs in a fresh interpreter, as the console script does, and lists the heavy packages
left in ``sys.modules`` at the end.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("spacy", "thinc", "numpy")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "core"


def imported_by(*args: str) -> list[str]:
    code = (
        "import sys\nfrom notelint.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "args",
    [
        ("--version",),
        ("--help",),
        ("rules",),
        ("rules", "--format", "markdown"),
        ("explain", "NL004"),
    ],
)
def test_commands_that_parse_nothing_import_no_spacy(args: tuple[str, ...]) -> None:
    assert imported_by(*args) == []


def test_linting_does_import_spacy() -> None:
    """The check above can fail: a lint that parses a note shows up in the same probe."""
    assert imported_by("--no-cache", "-q", str(FIXTURES)) == ["numpy", "spacy", "thinc"]
