"""``notelint serve``: a local page that lints a note as it is typed, and its JSON API.

Starlette and uvicorn are the ``serve`` extra; nothing here is imported unless the command
runs, so the core install and ``notelint --version`` stay lean.
"""

from __future__ import annotations

import contextlib
import socket
from typing import TYPE_CHECKING

from notelint.errors import NotelintError

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from notelint.config import Config

INSTALL_HINT = "pip install 'notelint[serve]'"


def build(config: Config, host: str) -> Starlette:
    """The app, or a one-line error naming the extra to install."""
    try:
        import uvicorn  # noqa: F401  (checked here so the error comes before listening)

        from notelint.serve.app import create_app
    except ImportError as exc:
        raise NotelintError(f"notelint serve needs {exc.name}: {INSTALL_HINT}") from None
    return create_app(config, hosts=(host,))


def listen(host: str, port: int) -> socket.socket:
    """A bound socket (port 0: any free port), so a busy port is a one-line error."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        raise NotelintError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def run(app: Starlette, sock: socket.socket) -> None:
    """Serve until interrupted; Ctrl+C is the way to stop, so it ends the command quietly."""
    import uvicorn

    # uvicorn re-raises the signal after shutting down cleanly.
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])
