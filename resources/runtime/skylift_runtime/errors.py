"""How a failure is described to a caller: short for HTTP, AWS's error shape for Lambda."""
from __future__ import annotations

import traceback
from typing import Dict, List, Optional


def describe(exc: BaseException) -> Dict[str, str]:
    """{"type", "message"}: enough to act on, and no traceback (that goes to the logs)."""
    return {"type": type(exc).__name__, "message": str(exc) or type(exc).__name__}


def lambda_error(exc: BaseException, error_type: Optional[str] = None) -> Dict[str, object]:
    """The standard AWS Lambda error body: errorMessage, errorType, stackTrace."""
    return {
        "errorMessage": str(exc) or type(exc).__name__,
        "errorType": error_type or type(exc).__name__,
        "stackTrace": _frames(exc),
    }


def _frames(exc: BaseException) -> List[str]:
    return [frame.rstrip("\n") for frame in traceback.format_tb(exc.__traceback__)]
