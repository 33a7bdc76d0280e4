"""The Starlette app behind ``notelint serve``: the page, its assets, check docs, the API.

The pipeline and the checks are built once, before the first request, and stay loaded, so a
note of a few hundred words lints in a few milliseconds; each answer says how long in its
``Server-Timing`` header. Lints run one at a time in a worker thread (the spaCy pipeline and
the matchers are shared), so the event loop keeps answering while a long note is linted.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from notelint import __version__
from notelint.config import Config
from notelint.errors import NotelintError
from notelint.formats.html import environment
from notelint.serve.request import BadRequest, LintRequest, parse_request
from notelint.sources import MAX_BYTES

#: A body may hold a note of the CLI's largest size, JSON-escaped, and its context.
MAX_BODY = 2 * MAX_BYTES
#: A client that has not sent its whole body by then is cut off rather than waited for.
BODY_TIMEOUT = 10.0
#: The page and its assets load nothing from elsewhere and run only our own script.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
ASSETS = {"notelint.css": "text/css", "page.js": "text/javascript"}
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _read_body(request: Request) -> bytes:
    """The request body, refused early when it is larger than MAX_BODY or arrives too slowly."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise BadRequest(f"the body is larger than {MAX_BODY:,} bytes", status=413)

    async def read() -> bytes:
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                raise BadRequest(f"the body is larger than {MAX_BODY:,} bytes", status=413)
            chunks.append(chunk)
        return b"".join(chunks)

    try:
        return await asyncio.wait_for(read(), BODY_TIMEOUT)
    except asyncio.TimeoutError:
        raise BadRequest("the body did not arrive in time", status=408) from None
    except ClientDisconnect:  # nobody reads the answer, but the log gets no traceback
        raise BadRequest("the client went away before sending the whole body", 400) from None


def _decode(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError as exc:  # also bad UTF-8, and integers past Python's digit limit
        raise BadRequest(f"the body is not valid JSON: {exc}", status=400) from None
    except RecursionError:
        raise BadRequest("the body is not valid JSON: nested too deeply", status=400) from None


class Linter:
    """The loaded pipeline and checks for one configuration, used by one request at a time."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Build the pipeline and the checks now, so no request pays for it."""
        self.lint(LintRequest("Dear Sam,\n\nThank you for the talk about the roadmap.\n"))

    def lint(self, request: LintRequest) -> tuple[str, float]:
        """The ``--format json`` document for one note, and the milliseconds linting took."""
        from notelint.engine import lint_sources
        from notelint.formats.json import render
        from notelint.sources import parse

        with self._lock:
            started = time.perf_counter()
            source = parse(request.text, request.path)
            report = lint_sources([source], self.config, request.context)
            elapsed = (time.perf_counter() - started) * 1000
        if report.errors:
            raise report.errors[0]
        return render(report), elapsed


def create_app(config: Config | None = None, hosts: Iterable[str] = ()) -> Starlette:
    """The app; ``hosts`` are the names it answers to besides the local ones."""
    linter = Linter(config or Config())

    async def lint(request: Request) -> Response:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return _error("send the note as JSON (Content-Type: application/json)", 415)
        try:
            lint_request = parse_request(_decode(await _read_body(request)))
            document, elapsed = await run_in_threadpool(linter.lint, lint_request)
        except BadRequest as exc:
            return _error(str(exc), exc.status)
        except NotelintError as exc:
            return _error(str(exc), 422)
        return Response(
            document,
            media_type="application/json",
            headers={"Server-Timing": f"lint;dur={elapsed:.2f}"},
        )

    async def page(request: Request) -> Response:
        html = environment().get_template("page.html.j2").render(version=__version__)
        return HTMLResponse(html, headers={"Content-Security-Policy": CSP})

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            raise HTTPException(404)
        data = resources.files("notelint").joinpath("templates", name).read_bytes()
        return Response(data, media_type=ASSETS[name])

    async def rule(request: Request) -> Response:
        from notelint.registry import all_checks

        code = request.path_params["code"].upper()
        checks = all_checks()
        check = next((c for c in checks if c.code == code), None)
        if check is None:
            raise HTTPException(404, f"no check {code}")
        template = environment().get_template("check.html.j2")
        html = template.render(check=check, checks=checks, version=__version__)
        return HTMLResponse(html, headers={"Content-Security-Policy": CSP})

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await run_in_threadpool(linter.warm_up)
        yield

    allowed = [*LOCAL_HOSTS, *(h for h in hosts if h not in ("0.0.0.0", "::"))]
    if any(h in ("0.0.0.0", "::") for h in hosts):
        allowed = ["*"]
    return Starlette(
        routes=[
            Route("/", page),
            Route("/static/{name}", asset),
            Route("/rules/{code}", rule),
            Route("/api/lint", lint, methods=["POST"]),
        ],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=allowed)],
        lifespan=lifespan,
    )
