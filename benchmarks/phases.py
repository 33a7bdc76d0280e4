"""Where a cold command-line run spends its time, phase by phase (one note, 1,000 notes).

    python benchmarks/phases.py                 # medians of 5 runs each
    python benchmarks/phases.py --notes 10000 --runs 3

Each run is a fresh interpreter that runs the console script's entry point on generated notes
with ``--no-cache``, its phases timed from inside by wrapping the engine's own functions, as
the first process sees them (a phase inside another counts once, as its own): reading the
notes, importing spaCy, building the pipeline, building the checks (for a large run, what
this process builds for its share while its workers build theirs), parsing and checking,
comparing panel copies (NL005), and what is left (click, configuration, the time-dependent
checks, suppressions, the score and the output). "start" is the rest of
the whole process's wall time, measured from outside: the interpreter starting and importing
the CLI. The figures are what ``speed.py`` times as one, taken apart.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from notegen import write_notes

PHASES = ("start", "read", "spaCy import", "pipeline", "checks built", "parse and check")
PHASES += ("compare", "the rest")

# Runs in the child: wraps the phases' functions, runs the CLI, prints the timings as JSON.
_DRIVER = """
import json, sys, time
entered = time.perf_counter()
from notelint import api, engine, pipeline, spacy_import
spent = {}
within = []  # the phases running now, outermost first: a phase's time is its own alone

def timed(module, name, phase):
    inner = getattr(module, name)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        within.append(phase)
        try:
            return inner(*args, **kwargs)
        finally:
            within.pop()
            elapsed = time.perf_counter() - started
            spent[phase] = spent.get(phase, 0.0) + elapsed
            if within:
                spent[within[-1]] = spent.get(within[-1], 0.0) - elapsed
    setattr(module, name, wrapper)

timed(api, "read_sources", "read")
timed(spacy_import, "import_spacy", "spaCy import")
timed(pipeline, "Blank", "pipeline")
timed(engine, "expect", "pipeline")  # a run of many notes loads the tokenizer's special cases
timed(engine, "build_checks", "checks built")
timed(engine, "map_notes", "parse and check")
timed(engine, "_compare", "compare")
from notelint import cli
status = 0
try:
    cli.main(sys.argv[1:])
except SystemExit as exit:
    status = exit.code
spent["inside"] = time.perf_counter() - entered
sys.stdout.flush()
print(json.dumps(spent), file=sys.stderr)
"""


def _run(targets: list[str]) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-c", _DRIVER, "--no-cache", "--exit-zero", "-q", *targets]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    wall = time.perf_counter() - started
    spent = json.loads(done.stderr.strip().splitlines()[-1])
    inside = spent.pop("inside")
    named = sum(spent.values())
    return {
        **{phase: spent.get(phase, 0.0) for phase in PHASES[1:-1]},
        "start": wall - inside,
        "the rest": inside - named,
        "whole": wall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "notes"
        paths = [str(p) for p in write_notes(folder, args.notes)]
        columns = {"one note": [paths[0]], f"{args.notes:,} notes": [str(folder)]}
        medians = {}
        for label, targets in columns.items():
            _run(targets)  # warm the page cache and the bytecode
            runs = [_run(targets) for _ in range(args.runs)]
            medians[label] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"median of {args.runs} runs each, seconds of wall time\n")
    print("| phase | " + " | ".join(medians) + " |")
    print("|---|" + "---:|" * len(medians))
    for phase in (*PHASES, "whole"):
        print(f"| {phase} | " + " | ".join(f"{m[phase]:.3f}" for m in medians.values()) + " |")


if __name__ == "__main__":
    main()
