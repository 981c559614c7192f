"""The model over HTTP: POST {prefix}/predict and GET {prefix}/health.

Serves plain HTTP mode (no prefix) and the Azure Functions custom handler (prefix /api).
"""
from __future__ import annotations

import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, Optional
from urllib.parse import urlsplit

from . import jsonio
from .errors import describe
from .logs import log, log_exception
from .model_host import READY, STARTING, ModelHost, PredictFailed

MAX_REQUEST_BYTES = 6 * 1024 * 1024  # Lambda's synchronous payload limit, applied everywhere alike
_DRAIN_LIMIT = 64 * 1024 * 1024  # read and drop a too-large body up to this, so the client sees the 413
_QUERY = re.compile(r"\?[^\s'\"]*")  # Azure puts the function key in ?code=; never log it


class RuntimeHttpServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, model_host: ModelHost, prefix: str = "", setup_wait_s: Optional[float] = None) -> None:
        self.model_host = model_host
        self.predict_path = prefix + "/predict"
        self.health_path = prefix + "/health"
        # None: answer 503 while the model loads. A number: hold predict requests that long instead.
        self.setup_wait_s = setup_wait_s
        super().__init__(address, _Handler)

    def handle_error(self, request, client_address) -> None:
        # A fault in the runtime itself: log it our way instead of socketserver's bare traceback.
        log_exception("request handling failed", sys.exc_info()[1])


def serve(server: RuntimeHttpServer, mode: str) -> None:
    host, port = server.server_address[:2]
    log(f"{mode} listening on http://{host}:{port} ({server.predict_path}, {server.health_path})")
    server.model_host.load_in_background()
    try:
        server.serve_forever()
    finally:
        server.server_close()
        log(f"{mode} stopped")


def run(model_host: ModelHost, host: str, port: int) -> None:
    serve(RuntimeHttpServer((host, port), model_host), "http")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so a benchmark measures the model, not TCP setup
    # Headers and body go out in two writes; with Nagle on, the body waits for the client's delayed
    # ACK (~40 ms on Linux) on every keep-alive request. TCP_NODELAY sends it at once.
    disable_nagle_algorithm = True
    server: RuntimeHttpServer

    def version_string(self) -> str:
        return "skylift-runtime"

    def handle_one_request(self) -> None:
        # Whatever goes wrong in one request (a bug here, MemoryError, RecursionError) answers that
        # request with a 500 at once; the server and its other connections keep going.
        self._answered = False
        try:
            super().handle_one_request()
        except Exception as exc:
            log_exception("request failed inside the runtime", exc)
            if not self._answered:
                self._send_error(500, "InternalError", f"the runtime failed on this request: {type(exc).__name__}", close=True)
            self.close_connection = True

    def do_GET(self) -> None:
        path = self._route()
        if path == self.server.health_path:
            self._send_json(200, self.server.model_host.health())
        elif path == self.server.predict_path:
            self._send_error(405, "MethodNotAllowed", "use POST for predict", {"Allow": "POST"})
        else:
            self._send_error(404, "NotFound", f"no route {path}")

    def do_POST(self) -> None:
        path = self._route()
        if path == self.server.predict_path:
            self._predict()
        elif path == self.server.health_path:
            self._send_error(405, "MethodNotAllowed", "use GET for health", {"Allow": "GET"}, close=True)
        else:
            self._send_error(404, "NotFound", f"no route {path}", close=True)

    def handle_expect_100(self) -> bool:
        # Refuse an oversized body before the client sends it.
        length = self._declared_length()
        if length is not None and length > MAX_REQUEST_BYTES:
            self._send_too_large(close=True)
            return False
        return super().handle_expect_100()

    def _predict(self) -> None:
        body = self._read_body()
        if body is None:
            return
        try:
            payload = jsonio.decode(body)
        except ValueError as exc:
            self._send_error(400, "BadRequest", str(exc))
            return
        host = self.server.model_host
        if self.server.setup_wait_s is not None:
            host.wait_until_settled(self.server.setup_wait_s)
        if host.status == STARTING:
            self._send_error(503, "ModelStarting", "the model is still loading; retry shortly", {"Retry-After": "1"})
            return
        if host.status != READY:
            self._send_json(500, {"error": describe(host.setup_error.cause)})
            return
        try:
            result, duration_ms = host.predict(payload)
        except PredictFailed as failed:
            log_exception("predict failed", failed.cause)
            self._send_json(500, {"error": describe(failed.cause)}, {"X-Skylift-Duration-Ms": _ms(failed.duration_ms)})
            return
        try:
            encoded = jsonio.encode(result)
        except Exception as exc:
            log_exception("predict returned something that is not JSON", exc)
            error = {"type": "InvalidResult", "message": f"predict returned something that is not JSON: {exc}"}
            self._send_json(500, {"error": error}, {"X-Skylift-Duration-Ms": _ms(duration_ms)})
            return
        self._send_bytes(200, encoded, {"X-Skylift-Duration-Ms": _ms(duration_ms)})

    def _read_body(self) -> Optional[bytes]:
        """The request body, or None when an answer has already been sent."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        if self.headers.get("Content-Length") is None:
            return b""
        length = self._declared_length()
        if length is None:
            self._send_error(400, "BadRequest", "Content-Length is not a number", close=True)
            return None
        if length > MAX_REQUEST_BYTES:
            self._drain(length)
            self._send_too_large(close=True)
            return None
        body = self.rfile.read(length)
        if len(body) < length:
            self.close_connection = True  # the client went away mid-body; nobody to answer
            return None
        return body

    def _read_chunked(self) -> Optional[bytes]:
        parts, total = [], 0
        try:
            while True:
                size = int(self.rfile.readline(1024).split(b";")[0].strip(), 16)
                if size < 0:
                    raise ValueError("negative chunk size")  # read(-1) would wait for the client to hang up
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(parts)
                total += size
                if total > MAX_REQUEST_BYTES:
                    self._send_too_large(close=True)
                    return None
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        except ValueError:
            self._send_error(400, "BadRequest", "malformed chunked body", close=True)
            return None

    def _declared_length(self) -> Optional[int]:
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return None
        return length if length >= 0 else None

    def _drain(self, length: int) -> None:
        if length > _DRAIN_LIMIT:
            return
        while length > 0:
            chunk = self.rfile.read(min(length, 1 << 16))
            if not chunk:
                return
            length -= len(chunk)

    def _send_too_large(self, close: bool) -> None:
        self._send_error(413, "PayloadTooLarge", f"the request body is over {MAX_REQUEST_BYTES} bytes", close=close)

    def _send_error(self, status: int, kind: str, message: str, headers: Optional[Dict[str, str]] = None, close: bool = False) -> None:
        self._send_json(status, {"error": {"type": kind, "message": message}}, headers, close)

    def _send_json(self, status: int, value: object, headers: Optional[Dict[str, str]] = None, close: bool = False) -> None:
        self._send_bytes(status, jsonio.encode(value), headers, close)

    def _send_bytes(self, status: int, body: bytes, headers: Optional[Dict[str, str]] = None, close: bool = False) -> None:
        self._answered = True
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def _route(self) -> str:
        path = urlsplit(getattr(self, "path", "")).path  # unset when the request line was malformed
        return path.rstrip("/") or "/"

    def log_request(self, code="-", size="-") -> None:
        route = self._route()
        # Skylift probes /health many times a second while load() runs: a line each would bury the
        # model's own output. Answers other than success are unusual and still logged.
        if route == self.server.health_path and str(code).startswith(("1", "2", "3")):
            return
        log(f"{self.command or '-'} {route} {code}")

    def log_message(self, format: str, *args) -> None:
        log(_QUERY.sub("?...", format % args))


def _ms(duration_ms: float) -> str:
    return f"{duration_ms:.3f}"
