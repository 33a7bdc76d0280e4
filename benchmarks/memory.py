"""Peak memory of a notelint run over many notes, summed over all its processes (Linux).

    python benchmarks/memory.py                 # 10,000 generated notes, no cache
    python benchmarks/memory.py --notes 2000 --jobs 1

Starts the installed console script on generated notes and samples, every 10 ms, the resident
set size (RSS) of the process and of all its children from /proc; prints the largest sum seen.
RSS counts pages that forked workers share with their parent once in each process, so the
sum is an upper bound of what the run really holds. proselint on the same notes, measured the
same way, is printed beside it when installed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from notegen import write_notes

BIN = Path(sys.executable).parent


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    """The process and its descendants, from /proc/<pid>/task/<tid>/children."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                pending.extend(int(c) for c in (task / "children").read_text().split())
            except (OSError, ValueError):
                continue
    return found


def peak_mib(command: list[str]) -> tuple[float, float, int]:
    """(peak summed RSS in MiB, wall seconds, most processes seen at once)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak, most = 0, 1
    while process.poll() is None:
        pids = _tree(process.pid)
        peak = max(peak, sum(_rss_kib(p) for p in pids))
        most = max(most, len(pids))
        time.sleep(0.01)
    return peak / 1024, time.perf_counter() - started, most


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "notes"
        paths = write_notes(folder, args.notes)
        command = [str(BIN / "notelint"), "--no-cache", "--exit-zero", "-q", str(folder)]
        if args.jobs:
            command += ["--jobs", str(args.jobs)]
        mib, wall, most = peak_mib(command)
        print(
            f"{args.notes:,} notes: notelint peak {mib:.0f} MiB over {most} processes, {wall:.1f} s"
        )
        proselint = shutil.which("proselint", path=str(BIN)) or shutil.which("proselint")
        if proselint:
            mib, wall, _ = peak_mib([proselint, "check", *map(str, paths)])
            print(f"{args.notes:,} notes: proselint peak {mib:.0f} MiB, {wall:.1f} s")


if __name__ == "__main__":
    main()
