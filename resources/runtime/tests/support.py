"""Helpers for the runtime tests: fake model projects, the runtime as a child process, HTTP calls,
and a fake Lambda Runtime API. Everything binds to 127.0.0.1."""
from __future__ import annotations

import http.client
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Dict, List, Optional

RUNTIME_ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = "127.0.0.1"
_LISTENING = re.compile(r"listening on http://[^:]+:(\d+)")
_INHERITED_CONTRACT_VARS = ("AWS_LAMBDA_RUNTIME_API", "FUNCTIONS_CUSTOMHANDLER_PORT", "PORT", "_X_AMZN_TRACE_ID")


def make_project(test, files: Dict[str, str]) -> Path:
    """A temporary model project folder holding `files` (name -> source); removed after the test."""
    root = Path(tempfile.mkdtemp(prefix="skylift-runtime-test-"))
    test.addCleanup(shutil.rmtree, root, True)
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))
    return root


class RuntimeProcess:
    """`python -m skylift_runtime` in a child process, its stderr collected line by line."""

    def __init__(self, test, app_dir: Path, model: str, env: Optional[Dict[str, str]] = None) -> None:
        child_env = {k: v for k, v in os.environ.items() if k not in _INHERITED_CONTRACT_VARS and not k.startswith("SKYLIFT_")}
        child_env.update({
            "PYTHONPATH": str(RUNTIME_ROOT),
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",
            "SKYLIFT_APP_DIR": str(app_dir),
            "SKYLIFT_MODEL": model,
            "SKYLIFT_HOST": LOOPBACK,
            "PORT": "0",
        })
        child_env.update(env or {})
        self.lines: List[str] = []
        self._changed = threading.Condition()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "skylift_runtime"],
            env=child_env, cwd=str(app_dir), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        threading.Thread(target=self._collect, daemon=True).start()
        test.addCleanup(self.stop)

    def _collect(self) -> None:
        for line in self.proc.stderr:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    @property
    def log(self) -> str:
        with self._changed:
            return "\n".join(self.lines)

    def wait_for_log(self, pattern: str, timeout: float = 5.0) -> re.Match:
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines:
                    match = regex.search(line)
                    if match:
                        return match
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self._changed.wait(0.2)):
                    raise AssertionError(f"no log line matching {pattern!r}; log so far:\n" + "\n".join(self.lines))
                self._changed.wait(min(left, 0.1))

    def port(self) -> int:
        return int(self.wait_for_log(_LISTENING.pattern).group(1))

    def wait_exit(self, timeout: float = 5.0) -> int:
        return self.proc.wait(timeout)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc.stderr:
            self.proc.stderr.close()


class Reply:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)


def call(port: int, method: str, path: str, body: Optional[bytes] = None, headers: Optional[Dict[str, str]] = None,
         conn: Optional[http.client.HTTPConnection] = None, timeout: float = 10.0) -> Reply:
    own = conn is None
    conn = conn or http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        if own:
            conn.close()


def post_json(port: int, path: str, value, **kwargs) -> Reply:
    return call(port, "POST", path, json.dumps(value).encode(), {"Content-Type": "application/json"}, **kwargs)


def wait_until(predicate: Callable[[], bool], timeout: float = 5.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


class RecordedRequest:
    def __init__(self, method: str, path: str, headers: Dict[str, str], body: bytes, client_port: int) -> None:
        self.method, self.path, self.headers, self.body, self.client_port = method, path, headers, body, client_port

    def json(self):
        return json.loads(self.body)


class FakeRuntimeApi:
    """A stand-in for Lambda's Runtime API: hands out queued events on invocation/next and
    records every request so a test can check paths, headers and bodies against the spec."""

    def __init__(self, test) -> None:
        self.requests: List[RecordedRequest] = []
        self.events: "queue.Queue[dict]" = queue.Queue()
        self.next_status = 200  # set to 500 to play a broken Runtime API
        self._changed = threading.Condition()
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                api._record(self, b"")
                if self.path != "/2018-06-01/runtime/invocation/next":
                    return self._answer(404, {"errorMessage": "not found", "errorType": "NotFound"})
                if api.next_status != 200:
                    return self._answer(api.next_status, {"errorMessage": "broken", "errorType": "ContainerError"})
                try:
                    event = api.events.get(timeout=30)
                except queue.Empty:
                    return self._answer(500, {"errorMessage": "no event", "errorType": "NoEvent"})
                body = event["payload"] if isinstance(event["payload"], bytes) else json.dumps(event["payload"]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in event["headers"].items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                api._record(self, body)
                self._answer(202, {"status": "OK"})

            def _answer(self, status: int, value: dict) -> None:
                body = json.dumps(value).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:
                pass  # the runtime under test exits or is stopped mid-connection on purpose

        self.server = Server((LOOPBACK, 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        test.addCleanup(self.close)

    @property
    def address(self) -> str:
        return f"{LOOPBACK}:{self.server.server_address[1]}"

    def queue_event(self, request_id: str, payload, deadline_ms: Optional[int] = None, trace_id: Optional[str] = None,
                    function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:skylift-test") -> None:
        headers = {"Lambda-Runtime-Aws-Request-Id": request_id, "Lambda-Runtime-Invoked-Function-Arn": function_arn}
        headers["Lambda-Runtime-Deadline-Ms"] = str(deadline_ms if deadline_ms is not None else int(time.time() * 1000) + 60_000)
        if trace_id:
            headers["Lambda-Runtime-Trace-Id"] = trace_id
        self.events.put({"payload": payload, "headers": headers})

    def wait_for_next(self, timeout: float = 5.0) -> None:
        """Until the runtime is waiting on invocation/next, i.e. its init is done."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not any(r.method == "GET" for r in self.requests):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("the runtime never asked for invocation/next")
                self._changed.wait(left)

    def wait_for_posts(self, count: int, timeout: float = 5.0) -> List[RecordedRequest]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while len([r for r in self.requests if r.method == "POST"]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} POSTs, got: {[(r.method, r.path) for r in self.requests]}")
                self._changed.wait(left)
            return [r for r in self.requests if r.method == "POST"]

    def _record(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        with self._changed:
            headers = {name.lower(): value for name, value in handler.headers.items()}
            self.requests.append(RecordedRequest(handler.command, handler.path, headers, body, handler.client_address[1]))
            self._changed.notify_all()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
