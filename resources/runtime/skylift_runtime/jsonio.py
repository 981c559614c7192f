"""JSON in and out, strict enough that a client never receives something it cannot parse."""
from __future__ import annotations

import json
from typing import Any


def decode(body: bytes) -> Any:
    """Parse a request body; raises ValueError for anything that is not JSON it can hold."""
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"the body is not valid JSON: {exc}") from exc
    except RecursionError as exc:
        # json's parser recurses per nesting level; [[[[... 100k deep must be a bad request, not a crash.
        raise ValueError("the body is JSON nested too deeply to parse") from exc
    except MemoryError as exc:
        raise ValueError("the body is too large to parse in this container's memory") from exc


def encode(value: Any) -> bytes:
    """Serialise a result; raises TypeError or ValueError for what JSON cannot hold (NaN included)."""
    try:
        return _dumps(value)
    except RecursionError as exc:
        raise ValueError("the result is nested too deeply for JSON") from exc


def _dumps(value: Any) -> bytes:
    return json.dumps(value, allow_nan=False, ensure_ascii=False, separators=(",", ":"), default=_plain).encode("utf-8")


def _plain(value: Any) -> Any:
    # numpy arrays and scalars and torch tensors all offer tolist(); models return them often.
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
