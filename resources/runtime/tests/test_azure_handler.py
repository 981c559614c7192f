"""Azure Functions custom handler mode, and the host.json / function.json templates it relies on."""
from __future__ import annotations

import json
import threading
import unittest

from skylift_runtime import azure_handler

from .support import RUNTIME_ROOT, RuntimeProcess, call, make_project, post_json

AZURE_TEMPLATES = RUNTIME_ROOT / "azure"

SLOW_MODEL = """
    import time

    class Model:
        def load(self):
            time.sleep(0.5)

        def predict(self, payload):
            return {"sum": sum(payload["values"])}
"""


class AzureHandlerTest(unittest.TestCase):
    def test_forwarded_predict_waits_for_the_model_and_health_answers_at_once(self):
        app = make_project(self, {"model.py": SLOW_MODEL})
        runtime = RuntimeProcess(self, app, "model:Model", {"FUNCTIONS_CUSTOMHANDLER_PORT": "0"})
        port = runtime.port()

        # The host forwards the original path and query, function key included.
        cold = {}
        first = threading.Thread(target=lambda: cold.update(reply=post_json(port, "/api/predict?code=key-7d2e", {"values": [1, 2, 3]})))
        first.start()
        self.assertEqual(call(port, "GET", "/api/health").json()["status"], "STARTING")
        first.join(10)

        self.assertEqual(cold["reply"].status, 200)
        self.assertEqual(cold["reply"].json(), {"sum": 6})
        self.assertIn("X-Skylift-Duration-Ms", cold["reply"].headers)
        health = call(port, "GET", "/api/health").json()
        self.assertEqual(health["status"], "READY")
        self.assertEqual(health["model"], "model:Model")

        self.assertEqual(post_json(port, "/predict", {"values": [1]}).status, 404)  # only the /api routes
        self.assertNotIn("key-7d2e", runtime.log)  # the function key never reaches the logs

    def test_host_json_starts_this_runtime_with_forwarding_on(self):
        host = json.loads((AZURE_TEMPLATES / "host.json").read_text())
        self.assertEqual(host["version"], "2.0")
        handler = host["customHandler"]
        self.assertEqual(handler["description"]["defaultExecutablePath"], "python3")
        self.assertEqual(handler["description"]["arguments"], ["-m", "skylift_runtime"])
        self.assertIs(handler["enableForwardingHttpRequest"], True)
        self.assertEqual(host["extensionBundle"]["id"], "Microsoft.Azure.Functions.ExtensionBundle")
        self.assertTrue(host["extensionBundle"]["version"].startswith("[4."))
        self.assertEqual("/" + host["extensions"]["http"]["routePrefix"], azure_handler.ROUTE_PREFIX)

    def test_function_json_routes_match_the_runtime(self):
        expected = {"predict": ("function", ["post"]), "health": ("anonymous", ["get"])}
        for name, (auth_level, methods) in expected.items():
            with self.subTest(function=name):
                bindings = json.loads((AZURE_TEMPLATES / name / "function.json").read_text())["bindings"]
                trigger = next(b for b in bindings if b["type"] == "httpTrigger")
                self.assertEqual(trigger["direction"], "in")
                self.assertEqual(trigger["authLevel"], auth_level)
                self.assertEqual(trigger["methods"], methods)
                self.assertEqual(trigger["route"], name)
                output = next(b for b in bindings if b["type"] == "http")
                self.assertEqual(output["direction"], "out")
                self.assertEqual(len(bindings), 2, "forwarding needs an HTTP-only function")


if __name__ == "__main__":
    unittest.main()
