"""Plain-text log lines on stderr, one per event, prefixed so they stand out in container logs."""
from __future__ import annotations

import sys
import threading
import traceback

# Request threads log concurrently: keep lines whole. Reentrant, so that a thread interrupted
# by a signal while holding it (SIGTERM ends the server) can still log on its way out.
_write_lock = threading.RLock()


def log(message: str) -> None:
    line = "skylift: " + message.replace("\r", "\\r").replace("\n", "\\n") + "\n"
    with _write_lock:
        sys.stderr.write(line)
        sys.stderr.flush()


def log_exception(event: str, exc: BaseException) -> None:
    """The event on one line, then the traceback, each of its lines prefixed too."""
    log(f"{event}: {type(exc).__name__}: {exc}")
    for chunk in traceback.format_exception(type(exc), exc, exc.__traceback__):
        for line in chunk.rstrip("\n").splitlines():
            log("  " + line)
