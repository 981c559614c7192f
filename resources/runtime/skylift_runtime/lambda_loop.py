"""The Lambda custom runtime loop: init once, then next -> predict -> response | error."""
from __future__ import annotations

import os
import threading
import time
from typing import Any, Optional, Tuple, Union

from . import jsonio
from .errors import lambda_error
from .logs import log, log_exception
from .model_host import ModelHost, PredictFailed, SetupError
from .runtime_api import Invocation, RuntimeApiClient, RuntimeApiError

# Values for Lambda-Runtime-Function-Error-Type, in AWS's recommended <category.reason> form.
PREDICT_RAISED = "Function.Unhandled"
# What AWS's runtime interface client answers for an event its json.loads refuses.
UNMARSHAL_ERROR = "Runtime.UnmarshalError"
INVALID_RESULT = "Runtime.InvalidResponse"
TIMED_OUT = "Sandbox.Timedout"


def run(client: RuntimeApiClient, host: ModelHost) -> int:
    """Serve until something unrecoverable happens; returns the process exit code."""
    try:
        host.load()
    except SetupError as err:
        _report_init_error(client, err)
        return 1
    try:
        while True:
            invocation = client.next_invocation()
            if not _handle(client, host, invocation):
                return 1
    except RuntimeApiError as exc:
        log(f"runtime api failed, exiting: {exc}")
        return 1


def _report_init_error(client: RuntimeApiClient, err: SetupError) -> None:
    try:
        client.post_init_error(lambda_error(err.cause), f"Runtime.{err.stage}")
    except RuntimeApiError as exc:
        log(f"could not report the init error: {exc}")


def _handle(client: RuntimeApiClient, host: ModelHost, invocation: Invocation) -> bool:
    """Answer one invocation; False when the process must exit (a timed-out predict is still running)."""
    request_id = invocation.request_id
    _set_trace_id(invocation.trace_id)
    try:
        payload = jsonio.decode(invocation.body) if invocation.body else None
    except ValueError as exc:
        error = _unmarshal_error(exc)
        log(f"invocation {request_id}: {UNMARSHAL_ERROR}: {error['errorMessage']}")
        client.post_error(request_id, error, UNMARSHAL_ERROR)
        return True

    outcome = _predict_before_deadline(host, payload, invocation.deadline_ms)
    if outcome is None:
        budget_s = max(0.0, ((invocation.deadline_ms or 0) - invocation.received_ms) / 1000)
        message = f"Task timed out after {budget_s:.2f} seconds"
        log(f"invocation {request_id}: {message}; exiting so Lambda starts a fresh environment")
        client.post_error(request_id, {"errorMessage": message, "errorType": TIMED_OUT, "stackTrace": []}, TIMED_OUT)
        return False
    if isinstance(outcome, PredictFailed):
        log_exception(f"invocation {request_id}: predict failed", outcome.cause)
        client.post_error(request_id, lambda_error(outcome.cause), PREDICT_RAISED)
        return True
    try:
        body = jsonio.encode(outcome[0])
    except Exception as exc:
        log(f"invocation {request_id}: predict returned something that is not JSON: {exc}")
        error = {"errorMessage": f"predict returned something that is not JSON: {exc}", "errorType": "InvalidResult", "stackTrace": []}
        client.post_error(request_id, error, INVALID_RESULT)
        return True
    client.post_response(request_id, body)
    return True


def _unmarshal_error(exc: ValueError) -> dict:
    """The body AWS's runtime interface client posts when json.loads fails on an event: its words
    ("Unable to unmarshal input: " + the parser's message) and no stack trace, since the fault is
    the caller's input, not code anyone can debug."""
    cause = exc.__cause__ or exc
    return {"errorMessage": f"Unable to unmarshal input: {cause}", "errorType": UNMARSHAL_ERROR, "stackTrace": []}


def _predict_before_deadline(host: ModelHost, payload: Any, deadline_ms: Optional[int]) -> Optional[Union[Tuple[Any, float], PredictFailed]]:
    """(result, ms), a PredictFailed, or None when the deadline passed first.

    predict runs in a worker thread because a stuck thread cannot be interrupted; the caller
    reports the timeout and exits, and Lambda recycles the environment.
    """
    done = threading.Event()
    box: dict = {}

    def work() -> None:
        try:
            box["outcome"] = host.predict(payload)
        except PredictFailed as failed:
            box["outcome"] = failed
        except Exception as exc:  # the host itself failed; report it like a predict error
            box["outcome"] = PredictFailed(exc, 0.0)
        finally:
            done.set()

    threading.Thread(target=work, name="skylift-predict", daemon=True).start()
    timeout_s = None if deadline_ms is None else max(0.0, deadline_ms / 1000 - time.time())
    if not done.wait(timeout_s):
        return None
    return box["outcome"]


def _set_trace_id(trace_id: Optional[str]) -> None:
    # X-Ray SDKs read the current trace from this variable.
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
