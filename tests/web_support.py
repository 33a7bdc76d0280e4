"""What the report, page and browser tests share: the extras they need, and a live server.

Locally a missing extra or browser skips these tests with the reason; in CI (``CI`` set, as
``.ci/run`` and every CI service do) it fails them, so a broken set-up cannot pass as green.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("NOTELINT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing(reason: str) -> None:
    """Skip locally, fail in CI."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run this test; .ci/run installs it)")
    pytest.skip(reason, allow_module_level=True)


def need_modules(*names: str) -> None:
    for name in names:
        if importlib.util.find_spec(name) is None:
            missing(f"{name} is not installed (pip install -e '.[web-test]')")


def need_chromium() -> Path:
    if not CHROMIUM.exists():
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM


@contextmanager
def live_server() -> Iterator[str]:
    """``notelint serve``'s app on 127.0.0.1 and a free port, in a thread; yields its URL."""
    import uvicorn

    from notelint.config import Config
    from notelint.serve import build, listen

    sock = listen("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(build(Config(), "127.0.0.1"), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(600):
            if server.started or not thread.is_alive():
                break
            threading.Event().wait(0.05)
        assert server.started, "the server did not start"
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
