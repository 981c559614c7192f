"""Skylift's runtime adapter: loads a model once and serves it under the contract the
environment asks for (AWS Lambda Runtime API, Azure Functions custom handler, or plain HTTP).

Run it as `python -m skylift_runtime`. A model may call `skylift_runtime.device()` to learn
whether to use "cuda" or "cpu".
"""
from .device_probe import device

__all__ = ["device"]
