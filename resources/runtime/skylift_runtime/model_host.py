"""Load the model once and answer for it: status, setup timings, device, and predict."""
from __future__ import annotations

import importlib
import re
import sys
import threading
import time
from datetime import datetime, timezone
from typing import Any, Optional, Tuple

from . import device_probe
from .errors import describe
from .logs import log, log_exception

STARTING, READY, SETUP_FAILED = "STARTING", "READY", "SETUP_FAILED"

# The same rule skylift.yaml's `model` field follows.
_MODEL_REF = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")


class SetupError(Exception):
    """Setup failed. `stage` names where (Lambda reports it as Runtime.<stage>); `cause` is the original error."""

    def __init__(self, stage: str, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.stage = stage
        self.cause = cause


class PredictFailed(Exception):
    """The model's predict raised `cause` after running for `duration_ms`."""

    def __init__(self, cause: BaseException, duration_ms: float) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.duration_ms = duration_ms


class ModelHost:
    def __init__(self, model_ref: str, app_dir: str) -> None:
        self.model_ref = model_ref
        self.app_dir = app_dir
        self.status = STARTING
        self.setup_error: Optional[SetupError] = None
        self._started_at: Optional[str] = None
        self._ended_at: Optional[str] = None
        self._duration_ms: Optional[float] = None
        self._model: Any = None
        self._predict_lock: Optional[threading.Lock] = None
        self._settled = threading.Event()

    def load(self) -> None:
        """Import, construct and load the model in this thread; raises SetupError."""
        if self._started_at is None:
            self._started_at = _utc_now()
        began = time.perf_counter()
        log(f"setup started: model {self.model_ref} from {self.app_dir}")
        try:
            model = self._import_and_load()
            device = device_probe.device()  # asked here so /health never waits on a framework
        except SetupError as err:
            self._settle(SETUP_FAILED, began, err)
            log_exception(f"setup failed at {err.stage}", err.cause)
            raise
        self._model = model
        # Most models are not thread-safe; one that is says so with `concurrent = True`.
        self._predict_lock = None if getattr(model, "concurrent", False) is True else threading.Lock()
        self._settle(READY, began, None)
        log(f"setup done in {self._duration_ms:.0f} ms on {device}")

    def load_in_background(self) -> threading.Thread:
        """Load in a thread so a server can answer /health while the model loads."""
        self._started_at = _utc_now()
        thread = threading.Thread(target=self._load_quietly, name="skylift-setup", daemon=True)
        thread.start()
        return thread

    def wait_until_settled(self, timeout_s: Optional[float]) -> bool:
        """Block until setup has succeeded or failed; False if `timeout_s` passed first."""
        return self._settled.wait(timeout_s)

    def predict(self, payload: Any) -> Tuple[Any, float]:
        """Run the model's predict; returns (result, milliseconds inside predict). Raises PredictFailed."""
        if self.status != READY:
            raise RuntimeError(f"the model is not ready ({self.status})")
        lock = self._predict_lock
        if lock is None:
            return self._timed_predict(payload)
        with lock:
            return self._timed_predict(payload)

    def device(self) -> str:
        return device_probe.device() if self.status == READY else device_probe.peek()

    def health(self) -> dict:
        err = self.setup_error
        return {
            "status": self.status,
            "setup": {"startedAt": self._started_at, "endedAt": self._ended_at, "durationMs": self._duration_ms},
            "device": self.device(),
            "model": self.model_ref,
            "error": describe(err.cause) if err else None,
        }

    def _import_and_load(self) -> Any:
        if not _MODEL_REF.match(self.model_ref or ""):
            raise SetupError("MalformedHandlerName", ValueError(f"set SKYLIFT_MODEL to module:Class (got {self.model_ref!r})"))
        module_name, class_name = self.model_ref.split(":")
        if self.app_dir not in sys.path:
            sys.path.insert(0, self.app_dir)
        try:
            module = importlib.import_module(module_name)
        except (Exception, SystemExit) as exc:  # a missing package, a syntax error, whatever the module raised
            raise SetupError("ImportModuleError", exc) from exc
        model_class = getattr(module, class_name, None)
        if not callable(model_class):
            raise SetupError("HandlerNotFound", AttributeError(f"module {module_name!r} has no class {class_name!r}"))
        try:
            model = model_class()
            if callable(getattr(model, "load", None)):
                model.load()
        except (Exception, SystemExit) as exc:
            raise SetupError("InitError", exc) from exc
        if not callable(getattr(model, "predict", None)):
            raise SetupError("HandlerNotFound", AttributeError(f"{class_name} has no predict(payload) method"))
        return model

    def _load_quietly(self) -> None:
        try:
            self.load()
        except SetupError:
            pass  # already logged, and /health reports it
        except Exception as exc:  # a fault of the runtime itself: still settle, never hang in STARTING
            log_exception("setup crashed", exc)
            self._settle(SETUP_FAILED, time.perf_counter(), SetupError("InitError", exc))

    def _settle(self, status: str, began: float, err: Optional[SetupError]) -> None:
        # Timings and error first, status last: a reader that sees the new status sees the rest.
        self._duration_ms = round((time.perf_counter() - began) * 1000, 1)
        self._ended_at = _utc_now()
        self.setup_error = err
        self.status = status
        self._settled.set()

    def _timed_predict(self, payload: Any) -> Tuple[Any, float]:
        began = time.perf_counter()
        try:
            result = self._model.predict(payload)
        except (Exception, SystemExit) as exc:
            # predict runs on a request or worker thread: sys.exit() there is the model's error, not a shutdown.
            raise PredictFailed(exc, _ms_since(began)) from exc
        return result, _ms_since(began)


def _ms_since(began: float) -> float:
    return (time.perf_counter() - began) * 1000


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
