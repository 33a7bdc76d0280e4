"""``notelint serve``'s JSON API and command: the answer's shape, every refusal, the speed."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
from collections.abc import Iterator

import pytest
from web_support import need_modules

from notelint.api import lint_paths
from notelint.formats.json import render

need_modules("starlette", "uvicorn", "jinja2", "httpx2")

from starlette.testclient import TestClient  # noqa: E402

from notelint.serve.app import MAX_BODY, create_app  # noqa: E402

LOCAL = "http://127.0.0.1"
NOTE = (
    "Dear Ms. Okafor,\n\n"
    "Thank you for showing me the pick line on Tuesday. I have sent a fruit basket for the "
    "night shift. I look forward to hearing how [Company] decides.\n\nBest,\nLena\n"
)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(), base_url=LOCAL) as test_client:
        yield test_client


def post(client: TestClient, body: object) -> object:
    return client.post("/api/lint", json=body)


def test_answer_has_the_json_format_shape(client: TestClient, tmp_path) -> None:  # type: ignore[no-untyped-def]
    response = post(
        client, {"text": NOTE, "context": {"to": "Ms. Okafor", "topics": ["pick line"]}}
    )
    assert response.status_code == 200
    answer = response.json()
    note = tmp_path / "note.txt"
    note.write_text(NOTE)
    expected = json.loads(render(lint_paths([note], context={"to": "Ms. Okafor"})))
    assert answer.keys() == expected.keys()
    assert answer["files"][0].keys() == expected["files"][0].keys()
    codes = {f["code"] for f in answer["files"][0]["findings"]}
    assert {"NL004", "NL006"} <= codes
    assert answer["files"][0]["score"] < 100
    assert answer["files"][0]["path"] == "<page>"


def test_context_reaches_the_checks(client: TestClient) -> None:
    text = "Dear Sam,\n\nThank you for the talk about the warehouse pick line.\n\nBest,\nLena\n"
    plain = post(client, {"text": text}).json()
    wrong = post(client, {"text": text, "context": {"to": "Priya Raman"}}).json()
    codes = lambda a: {f["code"] for f in a["files"][0]["findings"]}  # noqa: E731
    assert "NL011" not in codes(plain) and "NL011" in codes(wrong)


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"{", 400, "not valid JSON"),
        (b"\xff\xfe", 400, "not valid JSON"),
        (b"[" * 100_000, 400, "JSON"),
        (b"[1, 2]", 422, "JSON object"),
        (b'"text"', 422, "JSON object"),
        (b"{}", 422, "'text' must be a string"),
        (b'{"text": 5}', 422, "'text' must be a string"),
        (b'{"text": null}', 422, "'text' must be a string"),
        (b'{"text": "  "}', 422, "empty"),
        (b'{"text": "Hi", "extra": 1}', 422, "unknown field 'extra'"),
        (b'{"text": "Hi", "context": []}', 422, "'context' must be an object"),
        (b'{"text": "Hi", "context": {"to": 42}}', 422, "context.to"),
        (b'{"text": "Hi", "context": {"topics": [1]}}', 422, "context.topics"),
        (b'{"text": "Hi", "context": {"company": ["a"]}}', 422, "context.company"),
        (b'{"text": "Hi", "context": {"interviewed": "yesterday"}}', 422, "context.interviewed"),
        (b'{"text": "Hi", "context": {"went": "great"}}', 422, "context.went"),
        (b'{"text": "Hi", "context": {"salary": "1"}}', 422, "unknown context field"),
        (b'{"text": "Hi", "path": 3}', 422, "'path'"),
        (b'{"text": "---\\nto: 42\\n---\\nHi there\\n"}', 422, "front matter field 'to'"),
        (b'{"text": "---\\nto: [\\n"}', 422, "front matter"),
        (b'{"text": ' + b"1" * 5000 + b"}", 400, "not valid JSON"),
        (b'{"text": "Hi \\ud800"}', 422, "'text' is not valid Unicode"),
        (b'{"text": "Hi", "context": {"to": ["\\udc00 Lee"]}}', 422, "context.to is not valid"),
        (b'{"text": "Hi", "context": {"company": "\\ud800"}}', 422, "context.company"),
        (b'{"text": "Hi", "path": "\\ud800.md"}', 422, "'path' is not valid Unicode"),
    ],
)
def test_bad_requests_get_a_4xx_with_a_message(
    client: TestClient, body: bytes, status: int, message: str
) -> None:
    response = client.post("/api/lint", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == status, response.text
    assert message in response.json()["error"]


def test_oversized_body_is_refused_before_it_is_read(client: TestClient) -> None:
    big = json.dumps({"text": "x " * (MAX_BODY // 2 + 10)}).encode()
    response = client.post("/api/lint", content=big, headers={"Content-Type": "application/json"})
    assert response.status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"text": "'
        for _ in range(MAX_BODY // 65536 + 2):
            yield b"x" * 65536
        yield b'"}'

    response = client.post(
        "/api/lint", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert "larger than" in response.json()["error"]


def test_text_longer_than_the_linter_takes_is_413(client: TestClient) -> None:
    from notelint.sources import MAX_CHARS

    response = post(client, {"text": "a" * (MAX_CHARS + 1)})
    assert response.status_code == 413


def test_wrong_content_type_and_method(client: TestClient) -> None:
    response = client.post("/api/lint", content=b"text=hi")
    assert response.status_code == 415
    assert "application/json" in response.json()["error"]
    assert client.get("/api/lint").status_code == 405
    # Media types are case-insensitive (RFC 9110), and parameters may follow.
    answered = client.post(
        "/api/lint",
        content=json.dumps({"text": NOTE}).encode(),
        headers={"Content-Type": "Application/JSON; charset=utf-8"},
    )
    assert answered.status_code == 200


def test_page_assets_and_check_docs(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'id="text"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/static/page.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/../pyproject.toml").status_code == 404
    doc = client.get("/rules/nl004")
    assert doc.status_code == 200 and "gift-mention" in doc.text
    assert client.get("/rules/NL999").status_code == 404


def test_unknown_host_is_refused() -> None:
    with TestClient(create_app(), base_url="http://evil.example") as other:
        assert other.post("/api/lint", json={"text": NOTE}).status_code == 400


def two_hundred_words() -> str:
    body = (
        "Thank you for walking me through the night shift's pick line on Tuesday. You said the "
        "scanners drop orders when the aisle counts run past midnight, and that the team fixes "
        "them by hand the next morning. At Harlow Foods I rebuilt our count sheet so the late "
        "scans went into a holding list, which cut the morning fixes from forty to six a week. "
    )
    words = " ".join([body] * 4).split()[:200]
    return "Dear Ms. Okafor,\n\n" + " ".join(words) + "\n\nBest,\nLena\n"


def test_a_200_word_note_lints_in_under_20_ms_server_side(client: TestClient) -> None:
    """The pipeline stays loaded: after the first request, linting costs milliseconds."""
    text = two_hundred_words()
    assert len(text.split()) == 200 + 5  # the body, the greeting and the sign-off
    post(client, {"text": text})
    timings = []
    for _ in range(15):
        response = post(client, {"text": text})
        timing = re.fullmatch(r"lint;dur=([\d.]+)", response.headers["server-timing"])
        assert timing
        timings.append(float(timing.group(1)))
    assert statistics.median(timings) < 20, timings


def test_serve_command_starts_answers_and_stops(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import urllib.request

    process = subprocess.Popen(
        [sys.executable, "-m", "notelint", "serve", "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = process.stderr.readline()  # type: ignore[union-attr]
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line
        request = urllib.request.Request(
            url.group(0) + "api/lint",
            data=json.dumps({"text": NOTE}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200
            assert json.load(response)["files"][0]["findings"]
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
    assert process.returncode == 0


def test_busy_port_is_a_one_line_error() -> None:
    from click.testing import CliRunner

    from notelint.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert "cannot listen on 127.0.0.1" in result.output


def test_a_body_that_stops_arriving_is_cut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """A client that announces a body and stalls gets a 408 instead of holding a worker."""
    import time

    from web_support import live_server

    from notelint.serve import app

    monkeypatch.setattr(app, "BODY_TIMEOUT", 0.5)
    with live_server() as url:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as conn:
            conn.sendall(
                b"POST /api/lint HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                b'{"text": "Dear Sam,'
            )
            started = time.perf_counter()
            answer = ""
            while "arrive" not in answer and time.perf_counter() - started < 5:
                chunk = conn.recv(4096).decode()  # headers and body may come apart
                if not chunk:
                    break
                answer += chunk
            waited = time.perf_counter() - started
    assert answer.startswith("HTTP/1.1 408"), answer
    assert "did not arrive in time" in answer
    assert waited < 5


def test_a_client_that_goes_away_mid_body_is_a_4xx_not_a_500() -> None:
    """Driven at the ASGI level: part of a body, then the client disconnects."""
    import asyncio

    messages = [
        {"type": "http.request", "body": b'{"text": "Dear', "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[dict] = []

    async def receive() -> dict:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/lint",
        "raw_path": b"/api/lint",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(create_app()(scope, receive, send))
    (start,) = [m for m in sent if m["type"] == "http.response.start"]
    assert start["status"] == 400
