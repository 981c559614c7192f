"""Entry point: pick the serving mode from the environment, then load the model and serve.

AWS_LAMBDA_RUNTIME_API set       -> Lambda Runtime API loop
FUNCTIONS_CUSTOMHANDLER_PORT set -> Azure Functions custom handler on that port
otherwise                        -> plain HTTP on $PORT (default 8080)
"""
from __future__ import annotations

import os
import signal
import sys

from . import azure_handler, http_server, lambda_loop
from .logs import log
from .model_host import ModelHost
from .runtime_api import RuntimeApiClient


def main() -> int:
    app_dir = os.environ.get("SKYLIFT_APP_DIR", "/app")
    host = ModelHost(os.environ.get("SKYLIFT_MODEL", ""), app_dir)
    _enter(app_dir)
    # As PID 1 in a container, a process without a SIGTERM handler ignores `docker stop`.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)

    runtime_api = os.environ.get("AWS_LAMBDA_RUNTIME_API")
    if runtime_api:
        log(f"mode aws-lambda, runtime api {runtime_api}")
        code = lambda_loop.run(RuntimeApiClient(runtime_api), host)
        # A timed-out predict may still be running in a thread that cannot be stopped.
        sys.stderr.flush()
        os._exit(code)

    bind = os.environ.get("SKYLIFT_HOST", "0.0.0.0")
    azure_port = os.environ.get("FUNCTIONS_CUSTOMHANDLER_PORT")
    if azure_port:
        azure_handler.run(host, bind, _port(azure_port, "FUNCTIONS_CUSTOMHANDLER_PORT"))
    else:
        http_server.run(host, bind, _port(os.environ.get("PORT", "8080"), "PORT"))
    return 0


def _enter(app_dir: str) -> None:
    # Models often open weights by relative path, as they would from the project folder.
    try:
        os.chdir(app_dir)
    except OSError as exc:
        log(f"cannot enter SKYLIFT_APP_DIR {app_dir}: {exc}")


def _port(value: str, name: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        log(f"{name} must be a port number, got {value!r}")
        raise SystemExit(2)
    return port


def _exit_on_sigterm(signum, frame) -> None:
    # No logging here: the signal may land while this thread holds the log lock.
    raise SystemExit(0)


if __name__ == "__main__":
    raise SystemExit(main())
