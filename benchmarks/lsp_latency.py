"""How long ``notelint lsp`` takes to re-lint a 200-word note after an edit.

    python benchmarks/lsp_latency.py                 # 200 edits
    python benchmarks/lsp_latency.py --edits 1000
    python benchmarks/lsp_latency.py --open 5      # four more notes open in the folder

Starts ``notelint lsp`` as an editor does (a subprocess on stdio, driven by pygls's client),
opens a 200-word Markdown note with front matter, then sends edits one at a time (each a text
never seen before, so no edit is served from the server's results cache), waiting for the
diagnostics of each. It
reports the server's own time per lint, from the ``linted 1 note in X ms`` log message the
server sends after publishing (parse, checks, diagnostics), and the client's round trip from
sending the edit to receiving the diagnostics (with the debounce set to 0). With ``--open N``,
N - 1 copies of the note to other people of a panel are open in the same folder too, so every
edit is also compared with them (panel copies, NL005). Needs the lsp extra
(pip install -e '.[lsp]').
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

NOTE = """\
---
to: Imogen Castellanos
company: Quarry Lane Housing
role: Tenancy Officer
interviewed: 2026-09-14T10:00
---

Dear Imogen,

Thank you for talking with me on Monday about the tenancy officer post. I kept thinking about
what you said on the drive home: that rent arrears on the Eastfield estate climb every winter
because heating bills arrive at the same time as the council tax reminders, and that most
tenants only call once a court letter has gone out.

At Millbrook Homes I looked after two hundred flats with the same pattern. I started ringing
every tenant who missed a first payment within three days, before any letter, and offered a
short plan that spread the shortfall over eight weeks. Over one winter the number of cases
that reached a notice of seeking possession fell from nineteen to five, and most of the
people I spoke to said nobody had ever phoned them first. The calls took about an hour each
morning, which I found by moving the weekly void inspections to Friday afternoons, when the
contractors were already on site.

I would like to try the same early call at Quarry Lane, starting with Eastfield, and I would
be glad to show the simple tracking sheet I used if that would help.

Best wishes,
Tomas Reyes
"""


async def measure(edits: int, opened: int) -> tuple[list[float], list[float]]:
    client = LanguageClient("lsp-latency", "1")
    received: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
    server_ms: list[float] = []

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        received.put_nowait(params)

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def log(params: types.LogMessageParams) -> None:
        if params.message.startswith("linted "):
            server_ms.append(float(params.message.split(" in ")[1].removesuffix(" ms")))

    folder = Path(tempfile.mkdtemp(prefix="notelint-lsp-"))
    path = folder / "imogen.md"
    path.write_text(NOTE, encoding="utf-8")
    await client.start_io(sys.executable, "-m", "notelint", "lsp")
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(folder.as_uri(), "notes")],
            initialization_options={"debounceMs": 0},
        )
    )
    client.initialized(types.InitializedParams())
    for number in range(1, opened):
        other = folder / f"panelist-{number}.md"
        text = NOTE.replace("Imogen Castellanos", f"Panelist {number}")
        other.write_text(text, encoding="utf-8")
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(other.as_uri(), "markdown", 1, text)
            )
        )
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, NOTE))
    )
    while (await received.get()).uri != uri:
        pass
    await asyncio.sleep(0.1)  # its log message follows the diagnostics
    server_ms.clear()  # the first lint of a note is not an edit
    round_trips = []
    for version in range(2, edits + 2):
        # A text never linted before (a number typed into a sentence): the server's results
        # cache must not serve it, as it would a word typed and then taken out again.
        text = NOTE.replace("every winter", f"every winter since {1900 + version}")
        started = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [types.TextDocumentContentChangeWholeDocument(text)],
            )
        )
        while (await received.get()).version != version:
            pass
        round_trips.append((time.perf_counter() - started) * 1000)
    await asyncio.sleep(0.1)  # the last log message follows its diagnostics
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return server_ms, round_trips


def _describe(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return (
        f"{name}: median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, "
        f"max {ordered[-1]:.1f} ms ({len(values)} edits)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--open", type=int, default=1, help="notes open in the folder")
    args = parser.parse_args()
    body = NOTE.split("---\n", 2)[2]
    print(f"note: {len(body.split())} words of body; {args.open} note(s) open in the folder")
    server_ms, round_trips = asyncio.run(measure(args.edits, args.open))
    print(_describe("server time per re-lint", server_ms))
    print(_describe("client round trip", round_trips))


if __name__ == "__main__":
    main()
