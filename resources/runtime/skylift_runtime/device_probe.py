"""Which device the model can use: "cuda" or "cpu".

Frameworks are slow to import, so nothing is imported unless the model already did it or
SKYLIFT_FRAMEWORK names the framework.
"""
from __future__ import annotations

import importlib
import os
import sys
from types import ModuleType
from typing import Optional

_GPU_FRAMEWORKS = ("torch", "tensorflow")
_cached: Optional[str] = None  # set once a framework has been asked


def device() -> str:
    """Return "cuda" when torch or tensorflow sees a GPU, else "cpu"."""
    return _detect(allow_import=True)


def peek() -> str:
    """The same answer without importing anything: safe while the model is still loading."""
    return _detect(allow_import=False)


def _detect(allow_import: bool) -> str:
    global _cached
    if _cached is not None:
        return _cached
    wanted = os.environ.get("SKYLIFT_FRAMEWORK", "").strip().lower()
    asked = False
    for name in _GPU_FRAMEWORKS:
        module = _imported(name)
        if module is None and allow_import and wanted == name:
            asked = True  # a failed import counts as an answer: do not retry it on every /health
            module = _try_import(name)
        if module is None:
            continue
        asked = True
        if _sees_gpu(name, module):
            _cached = "cuda"
            return _cached
    if asked and allow_import:
        _cached = "cpu"
    return "cpu"


def _imported(name: str) -> Optional[ModuleType]:
    module = sys.modules.get(name)
    # Another thread may be halfway through importing it; touching it now could fail or deadlock.
    if module is None or getattr(getattr(module, "__spec__", None), "_initializing", False):
        return None
    return module


def _try_import(name: str) -> Optional[ModuleType]:
    try:
        return importlib.import_module(name)
    except Exception:
        return None


def _sees_gpu(name: str, module: ModuleType) -> bool:
    try:
        if name == "torch":
            return bool(module.cuda.is_available())
        return bool(module.config.list_physical_devices("GPU"))
    except Exception:
        return False
