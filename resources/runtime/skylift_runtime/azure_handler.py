"""Azure Functions custom handler with enableForwardingHttpRequest.

The Functions host starts `python3 -m skylift_runtime` (azure/host.json), gives it a port in
FUNCTIONS_CUSTOMHANDLER_PORT, and forwards each HTTP request unchanged, on its original path
(/api/predict, /api/health: host.json sets extensions.http.routePrefix to "api").
"""
from __future__ import annotations

from .http_server import RuntimeHttpServer, serve
from .model_host import ModelHost

ROUTE_PREFIX = "/api"

# The host forwards the first request as soon as the port opens; a 503 there would fail the cold
# invocation, so predict waits for the model instead, up to Azure's 230 s limit on an HTTP response.
SETUP_WAIT_S = 230.0


def run(model_host: ModelHost, host: str, port: int) -> None:
    server = RuntimeHttpServer((host, port), model_host, prefix=ROUTE_PREFIX, setup_wait_s=SETUP_WAIT_S)
    serve(server, "azure-functions custom handler")
