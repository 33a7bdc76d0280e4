"""Start-up and throughput of the notelint CLI beside proselint, cold and cached, as ratios.

    python benchmarks/speed.py                  # 1 note and 1,000 notes, 5 runs each
    python benchmarks/speed.py --notes 10000 --runs 3

Runs the installed console scripts as a user would (whole processes, wall time), on the same
generated notes, taking turns (notelint, proselint, notelint, ...) so that a machine slowing
down or speeding up touches both alike; prints the median of each and their ratio. "Cold" is
``--no-cache``; "cached" is a second run over unchanged notes with the results cache warm.
proselint is the bench extra (pip install -e '.[bench]'); without it only notelint is timed.
Both run with Python's bytecode cache on (PYTHONDONTWRITEBYTECODE removed from their
environment), as after a normal install: an editable checkout would otherwise compile every
module of notelint from source on every start.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from notegen import write_notes

BIN = Path(sys.executable).parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _once(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=False
    )
    return time.perf_counter() - started


def paired(ours: list[str], theirs: list[str] | None, runs: int) -> tuple[float, float | None]:
    """Medians of ``runs`` alternating runs (after one warm-up run of each)."""
    _once(ours)
    if theirs:
        _once(theirs)
    a, b = [], []
    for _ in range(runs):
        a.append(_once(ours))
        if theirs:
            b.append(_once(theirs))
    return statistics.median(a), statistics.median(b) if b else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    notelint = str(BIN / "notelint")
    proselint = shutil.which("proselint", path=str(BIN)) or shutil.which("proselint")

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "notes"
        paths = [str(p) for p in write_notes(folder, args.notes)]
        cache = ["--cache-dir", str(Path(tmp) / "cache")]
        runs = (("one note", paths[:1], paths[:1]), (f"{args.notes:,} notes", [str(folder)], paths))
        for label, targets, files in runs:
            theirs = [proselint, "check", *files]
            for kind, flags in (("cold", ["--no-cache"]), ("cached", cache)):
                ours = [notelint, "--exit-zero", "-q", *flags, *targets]
                rows.append(
                    (f"{label}, {kind}", *paired(ours, theirs if proselint else None, args.runs))
                )

    print(f"median of {args.runs} runs each, notelint and proselint taking turns\n")
    print("| run | notelint | proselint | notelint / proselint |")
    print("|---|---:|---:|---:|")
    for label, ours_s, theirs_s in rows:
        ratio = f"{ours_s / theirs_s:.2f}×" if theirs_s else "-"
        other = f"{theirs_s:.3f} s" if theirs_s else "not installed"
        print(f"| {label} | {ours_s:.3f} s | {other} | {ratio} |")


if __name__ == "__main__":
    main()
