"""Client for the AWS Lambda Runtime API (2018-06-01): next, response, error, init error.

One keep-alive connection for the life of the process, re-opened when it breaks.
"""
from __future__ import annotations

import http.client
import time
from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple
from urllib.parse import quote

from . import jsonio
from .logs import log

API_PREFIX = "/2018-06-01/runtime"
ERROR_CONTENT_TYPE = "application/vnd.aws.lambda.error+json"  # the spec's standard error format
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"


class RuntimeApiError(Exception):
    """The Runtime API cannot be used any more; the spec says to exit promptly."""


@dataclass
class Invocation:
    request_id: str
    deadline_ms: Optional[int]
    function_arn: Optional[str]
    trace_id: Optional[str]
    body: bytes
    received_ms: float = field(default_factory=lambda: time.time() * 1000)


class RuntimeApiClient:
    def __init__(self, address: str) -> None:
        self._address = address  # host:port, from AWS_LAMBDA_RUNTIME_API
        self._conn: Optional[http.client.HTTPConnection] = None

    def next_invocation(self) -> Invocation:
        """Block until Lambda hands over the next event."""
        status, headers, body = self._request("GET", f"{API_PREFIX}/invocation/next")
        if status != 200:
            raise RuntimeApiError(f"invocation/next answered {status}: {body[:200]!r}")
        request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        if not request_id:
            raise RuntimeApiError("invocation/next answered without Lambda-Runtime-Aws-Request-Id")
        return Invocation(
            request_id=request_id,
            deadline_ms=_int_or_none(headers.get("Lambda-Runtime-Deadline-Ms")),
            function_arn=headers.get("Lambda-Runtime-Invoked-Function-Arn"),
            trace_id=headers.get("Lambda-Runtime-Trace-Id"),
            body=body,
        )

    def post_response(self, request_id: str, body: bytes) -> None:
        path = f"{API_PREFIX}/invocation/{quote(request_id, safe='')}/response"
        self._post(path, body, {"Content-Type": "application/json"})

    def post_error(self, request_id: str, error: Dict[str, object], error_type: str) -> None:
        path = f"{API_PREFIX}/invocation/{quote(request_id, safe='')}/error"
        self._post(path, jsonio.encode(error), {"Content-Type": ERROR_CONTENT_TYPE, ERROR_TYPE_HEADER: error_type})

    def post_init_error(self, error: Dict[str, object], error_type: str) -> None:
        path = f"{API_PREFIX}/init/error"
        self._post(path, jsonio.encode(error), {"Content-Type": ERROR_CONTENT_TYPE, ERROR_TYPE_HEADER: error_type})

    def _post(self, path: str, body: bytes, headers: Dict[str, str]) -> None:
        status, _, answer = self._request("POST", path, body, headers)
        if status == 202:
            return
        if status >= 500:
            raise RuntimeApiError(f"POST {path} answered {status}: {answer[:200]!r}")
        # 400 / 403 / 413: this invocation is lost, but the runtime itself can carry on.
        log(f"POST {path} answered {status}: {answer[:200]!r}")

    def _request(self, method: str, path: str, body: Optional[bytes] = None, headers: Optional[Dict[str, str]] = None) -> Tuple[int, http.client.HTTPMessage, bytes]:
        for attempt in (1, 2):
            if self._conn is None:
                # No timeout: invocation/next blocks for as long as there is no event.
                self._conn = http.client.HTTPConnection(self._address, timeout=None)
            try:
                self._conn.request(method, path, body=body, headers=headers or {})
                response = self._conn.getresponse()
                return response.status, response.headers, response.read()
            except (http.client.HTTPException, OSError) as exc:
                self._conn.close()
                self._conn = None
                if attempt == 2:
                    raise RuntimeApiError(f"{method} {path} failed: {exc}") from exc
                log(f"runtime api connection lost ({type(exc).__name__}); reconnecting")
        raise AssertionError("unreachable")


def _int_or_none(value: Optional[str]) -> Optional[int]:
    try:
        return int(value) if value else None
    except ValueError:
        return None
