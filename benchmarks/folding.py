"""Mean findings per flawed note, with and without folding (one fault, one finding).

Run: ``python benchmarks/folding.py [--fixtures DIR]``. A note counts when its ``.expected``
labels it bad and notelint reports anything; "before" counts folded findings as their own.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixture_runner import FIXTURES, NOW, parse_expected, runs

from notelint.api import read_sources
from notelint.config import Config
from notelint.engine import lint_sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    root = parser.parse_args().fixtures
    notes = before = after = 0
    for run in runs(root):
        sources, _ = read_sources(run)
        for result in lint_sources(sources, Config(), now=NOW).results:
            path = Path(result.path)
            label = parse_expected(path.with_name(path.name + ".expected")).label
            if label != "bad" or not result.findings:
                continue
            notes += 1
            after += len(result.findings)
            before += sum(1 + len(f.folded) for f in result.findings)
    print(f"{notes} flawed notes with findings")
    print(f"mean findings per note: {before / notes:.2f} unfolded, {after / notes:.2f} folded")


if __name__ == "__main__":
    main()
