"""Fuzz the whole path from bytes to findings: decoding, front matter, flowing, every check.

    python benchmarks/fuzz.py --minutes 10 [--seed 1]

Each input is random bytes shaped like a note (front matter with odd YAML, headers, runs of
punctuation, control and escape characters, slots, invalid UTF-8, long lines), or a mutation
of a fixture note. The only exception allowed is notelint's documented input error; every
other exception, and any input that takes over 10 s, is a crash and is saved under
``fuzz-crashes/``. Prints the count of inputs and of crashes; exits 1 if there was any.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIECES = [
    b"---\n", b"to: ", b"!!int x", b"!!timestamp 2026-13-45", b"[[[[[[", b"{{ company }}",
    b"\x1b]0;t\x07", b"\x1b[2J", b"\xff\xfe", b"\xe9", b"\x00", b"\r\n", b"\n\n", b"> ",
    b"- ", b"Dear Hiring Manager,\n", b"Thank you for the interview.", b"XX ", b"$firstName",
    b"<!-- notelint-disable NL004 -->", b"```\ncode\n```\n", b"interviewed: 2026-11-24\n",
    b"went: badly\n", b"I sent a fruit basket to the office.", b"\xf0\x9f\x98\x80", b"\t",
    b"Subject: hi\n", b"P.S. ", b"Best,\nSam\n", b"\u202e".decode().encode(), b"&", b"'s",
]  # fmt: skip


def note(rng: random.Random, seeds: list[bytes]) -> bytes:
    """A random input: a mutated fixture, or pieces and random bytes strung together."""
    if seeds and rng.random() < 0.4:
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(data) + 1)
            data[at:at] = rng.choice(PIECES) * rng.randint(1, 3)
            if data and rng.random() < 0.3:
                del data[rng.randrange(len(data))]
        return bytes(data)
    parts = []
    for _ in range(rng.randint(1, 40)):
        if rng.random() < 0.7:
            parts.append(rng.choice(PIECES) * (rng.randint(1, 400) if rng.random() < 0.05 else 1))
        else:
            parts.append(bytes(rng.randrange(256) for _ in range(rng.randint(1, 20))))
    return b"".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from notelint.engine import lint_sources
    from notelint.errors import NotelintError
    from notelint.sources import decode, parse

    rng = random.Random(args.seed)
    seeds = [p.read_bytes() for p in sorted((ROOT / "fixtures").rglob("*.md"))[:200]]
    now = dt.datetime(2026, 11, 25, 12, tzinfo=dt.timezone.utc)
    crashes = ROOT / "fuzz-crashes"
    deadline = time.monotonic() + args.minutes * 60
    count = failed = 0
    while time.monotonic() < deadline:
        data = note(rng, seeds)
        count += 1
        start = time.monotonic()
        try:
            lint_sources([parse(decode(data, "fuzz.md"), "fuzz.md")], now=now, jobs=1)
        except NotelintError:
            pass
        except Exception:
            failed += 1
            crashes.mkdir(exist_ok=True)
            (crashes / f"crash-{count}.bin").write_bytes(data)
            (crashes / f"crash-{count}.txt").write_text(traceback.format_exc(), "utf-8")
        if time.monotonic() - start > 10:
            failed += 1
            crashes.mkdir(exist_ok=True)
            (crashes / f"slow-{count}.bin").write_bytes(data)
    print(f"{count} inputs, {failed} crashes or hangs, {args.minutes:g} minutes")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
