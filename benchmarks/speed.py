"""Start-up and throughput of the notelint CLI, side by side with proselint.

    python benchmarks/speed.py              # 1 note x 5 runs, then 1,000 notes
    python benchmarks/speed.py --notes 2000

Runs the installed console scripts as a user would (subprocesses, wall time). proselint is
the bench extra (pip install -e '.[bench]'); without it only notelint is timed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from notegen import write_notes

BIN = Path(sys.executable).parent


def _time(command: list[str], runs: int) -> float:
    """Best wall time over ``runs`` (best-of filters noise from other processes)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    notelint = str(BIN / "notelint")
    proselint = shutil.which("proselint", path=str(BIN)) or shutil.which("proselint")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "notes"
        paths = write_notes(folder, args.notes)
        one = [notelint, "--exit-zero", str(paths[0])]
        singles = [_time(one, 1) for _ in range(5)]
        print(f"one note: median {statistics.median(singles):.2f} s, best {min(singles):.2f} s")
        spacy_import = _time([sys.executable, "-c", "import spacy"], 3)
        print(f"  (import spacy alone: {spacy_import:.2f} s)")

        ours = _time([notelint, "--exit-zero", "-q", str(folder)], args.runs)
        print(f"{args.notes} notes: notelint {ours:.2f} s ({args.notes / ours:.0f} notes/s)")
        if proselint:
            theirs = _time([proselint, "check", *map(str, paths)], args.runs)
            print(f"{args.notes} notes: proselint {theirs:.2f} s")
            print(f"ratio proselint/notelint: {theirs / ours:.2f}x")
        else:
            print("proselint not installed (pip install -e '.[bench]'): no side-by-side")


if __name__ == "__main__":
    main()
