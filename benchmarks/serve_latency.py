"""How fast ``notelint serve`` answers once its pipeline is loaded.

    python benchmarks/serve_latency.py              # 200-word note, 200 requests
    python benchmarks/serve_latency.py --requests 1000

Starts ``notelint serve --port 0`` as a user would (a subprocess), posts the same 200-word note
to ``/api/lint`` over HTTP and reports the server-side lint time from the ``Server-Timing``
header and the client's round trip. Needs the serve extra (pip install -e '.[serve]').
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

BODY = (
    "Thank you for walking me through the night shift's pick line on Tuesday. You said the "
    "scanners drop orders when the aisle counts run past midnight, and that the team fixes "
    "them by hand the next morning. At Harlow Foods I rebuilt our count sheet so the late "
    "scans went into a holding list, which cut the morning fixes from forty to six a week. "
)


def note(words: int) -> str:
    body = " ".join(" ".join([BODY] * (words // 60 + 1)).split()[:words])
    return f"Dear Ms. Okafor,\n\n{body}\n\nBest,\nLena\n"


def post(url: str, text: str) -> tuple[float, float]:
    """(server-side lint ms, round-trip ms) of one request."""
    request = urllib.request.Request(
        url, json.dumps({"text": text}).encode(), {"Content-Type": "application/json"}
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        timing = re.search(r"dur=([\d.]+)", response.headers["Server-Timing"])
    assert timing
    return float(timing.group(1)), (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, "-m", "notelint", "serve", "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stderr.readline()  # type: ignore[union-attr]
        found = re.search(r"http://\S+/", line)
        if not found:
            sys.exit(f"the server did not start: {line.strip()}")
        url = found.group(0) + "api/lint"
        text = note(args.words)
        first = post(url, text)
        runs = [post(url, text) for _ in range(args.requests)]
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
    lint = sorted(r[0] for r in runs)
    trip = sorted(r[1] for r in runs)
    p95 = int(len(runs) * 0.95)
    print(f"{len(text.split())}-word note, {args.requests} requests after the first")
    print(f"first request: lint {first[0]:.1f} ms, round trip {first[1]:.1f} ms")
    print(f"server-side lint: median {statistics.median(lint):.1f} ms, p95 {lint[p95]:.1f} ms")
    print(f"round trip:       median {statistics.median(trip):.1f} ms, p95 {trip[p95]:.1f} ms")


if __name__ == "__main__":
    main()
