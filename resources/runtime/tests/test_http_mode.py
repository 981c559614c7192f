"""Plain HTTP mode: POST /predict, GET /health, run as `python -m skylift_runtime`."""
from __future__ import annotations

import http.client
import json
import re
import signal
import threading
import time
import unittest

from .support import LOOPBACK, RuntimeProcess, call, make_project, post_json, wait_until

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

SLOW_LOADING_MODEL = """
    import time

    class Model:
        def load(self):
            time.sleep(0.6)
            self.scale = 2

        def predict(self, payload):
            time.sleep(0.05)
            return {"doubled": [v * self.scale for v in payload["values"]]}
"""

FAILING_PREDICT_MODEL = """
    class Model:
        def load(self):
            pass

        def predict(self, payload):
            if payload.get("explode"):
                raise ValueError("cannot score this input")
            return {"ok": True}
"""


class HttpModeTest(unittest.TestCase):
    def test_health_goes_from_starting_to_ready_then_predict_answers_with_its_duration(self):
        app = make_project(self, {"model.py": SLOW_LOADING_MODEL})
        runtime = RuntimeProcess(self, app, "model:Model")
        port = runtime.port()

        health = call(port, "GET", "/health")
        self.assertEqual(health.status, 200)
        starting = health.json()
        self.assertEqual(starting["status"], "STARTING")
        self.assertRegex(starting["setup"]["startedAt"], ISO_UTC)
        self.assertIsNone(starting["setup"]["endedAt"])
        self.assertIsNone(starting["setup"]["durationMs"])
        self.assertEqual(starting["device"], "cpu")
        self.assertEqual(starting["model"], "model:Model")
        self.assertIsNone(starting["error"])

        early = post_json(port, "/predict", {"values": [1]})
        self.assertEqual(early.status, 503)
        self.assertEqual(early.json()["error"]["type"], "ModelStarting")

        wait_until(lambda: call(port, "GET", "/health").json()["status"] == "READY", what="READY")
        ready = call(port, "GET", "/health").json()
        self.assertRegex(ready["setup"]["endedAt"], ISO_UTC)
        self.assertGreaterEqual(ready["setup"]["durationMs"], 550)
        self.assertIsNone(ready["error"])

        conn = http.client.HTTPConnection(LOOPBACK, port, timeout=10)  # two calls, one keep-alive connection
        self.addCleanup(conn.close)
        for values in ([1, 2.5], [3]):
            reply = post_json(port, "/predict", {"values": values}, conn=conn)
            self.assertEqual(reply.status, 200)
            self.assertEqual(reply.headers["Content-Type"], "application/json")
            self.assertEqual(reply.json(), {"doubled": [v * 2 for v in values]})
            self.assertGreaterEqual(float(reply.headers["X-Skylift-Duration-Ms"]), 45.0)

    def test_health_probes_are_not_logged_but_other_requests_are(self):
        # Skylift polls /health ~17 times a second while load() runs; a line each buried the model's output.
        app = make_project(self, {"model.py": SLOW_LOADING_MODEL})
        runtime = RuntimeProcess(self, app, "model:Model")
        port = runtime.port()
        for _ in range(20):
            self.assertEqual(call(port, "GET", "/health").status, 200)
        self.assertEqual(call(port, "POST", "/health", b"{}").status, 405)
        wait_until(lambda: call(port, "GET", "/health/").json()["status"] == "READY", what="READY")
        self.assertEqual(post_json(port, "/predict", {"values": [1]}).status, 200)
        runtime.wait_for_log(r"POST /predict 200")
        runtime.wait_for_log(r"POST /health 405")  # an unusual answer on /health is still logged
        self.assertNotIn("GET /health", runtime.log)

    def test_predict_error_is_a_500_without_traceback_and_the_server_keeps_serving(self):
        app = make_project(self, {"model.py": FAILING_PREDICT_MODEL})
        runtime = RuntimeProcess(self, app, "model:Model")
        port = runtime.port()
        wait_until(lambda: call(port, "GET", "/health").json()["status"] == "READY", what="READY")

        failed = post_json(port, "/predict", {"explode": True, "secret": "payload-marker-7f3a"})
        self.assertEqual(failed.status, 500)
        self.assertEqual(failed.json(), {"error": {"type": "ValueError", "message": "cannot score this input"}})
        self.assertNotIn(b"Traceback", failed.body)
        self.assertIn("X-Skylift-Duration-Ms", failed.headers)

        after = post_json(port, "/predict", {"explode": False})
        self.assertEqual(after.status, 200)
        self.assertEqual(after.json(), {"ok": True})

        runtime.wait_for_log(r"skylift:\s+raise ValueError")  # the traceback went to the logs
        self.assertNotIn("payload-marker-7f3a", runtime.log)  # payloads never do
        self.assertTrue(all(line.startswith("skylift: ") for line in runtime.lines), runtime.log)

    def test_load_error_reports_setup_failed_and_predict_answers_500(self):
        app = make_project(self, {"model.py": """
            class Model:
                def load(self):
                    raise FileNotFoundError("weights/model.bin is missing")

                def predict(self, payload):
                    return payload
        """})
        runtime = RuntimeProcess(self, app, "model:Model")
        port = runtime.port()
        wait_until(lambda: call(port, "GET", "/health").json()["status"] != "STARTING", what="setup to end")

        health = call(port, "GET", "/health").json()
        self.assertEqual(health["status"], "SETUP_FAILED")
        self.assertEqual(health["error"], {"type": "FileNotFoundError", "message": "weights/model.bin is missing"})
        self.assertRegex(health["setup"]["endedAt"], ISO_UTC)
        self.assertIsInstance(health["setup"]["durationMs"], (int, float))

        reply = post_json(port, "/predict", {"x": 1})
        self.assertEqual(reply.status, 500)
        self.assertEqual(reply.json(), {"error": {"type": "FileNotFoundError", "message": "weights/model.bin is missing"}})

    def test_missing_module_is_a_setup_failure_naming_the_import_error(self):
        app = make_project(self, {"other.py": "X = 1\n"})
        runtime = RuntimeProcess(self, app, "model:Model")
        port = runtime.port()
        wait_until(lambda: call(port, "GET", "/health").json()["status"] != "STARTING", what="setup to end")
        health = call(port, "GET", "/health").json()
        self.assertEqual(health["status"], "SETUP_FAILED")
        self.assertEqual(health["error"]["type"], "ModuleNotFoundError")
        self.assertIn("model", health["error"]["message"])

    def test_bad_requests_get_400_404_405_and_413(self):
        app = make_project(self, {"model.py": FAILING_PREDICT_MODEL})
        runtime = RuntimeProcess(self, app, "model:Model")
        port = runtime.port()
        wait_until(lambda: call(port, "GET", "/health").json()["status"] == "READY", what="READY")

        bad_json = call(port, "POST", "/predict", b"{not json", {"Content-Type": "application/json"})
        self.assertEqual(bad_json.status, 400)
        self.assertEqual(bad_json.json()["error"]["type"], "BadRequest")

        self.assertEqual(call(port, "GET", "/nope").status, 404)
        wrong_method = call(port, "GET", "/predict")
        self.assertEqual(wrong_method.status, 405)
        self.assertEqual(wrong_method.headers["Allow"], "POST")

        too_big = b'{"pad": "' + b"x" * (6 * 1024 * 1024) + b'"}'
        refused = call(port, "POST", "/predict", too_big, {"Content-Type": "application/json"})
        self.assertEqual(refused.status, 413)
        self.assertEqual(refused.json()["error"]["type"], "PayloadTooLarge")

        self.assertEqual(post_json(port, "/predict", {"explode": False}).status, 200)  # still serving

    def test_a_result_that_is_not_json_is_a_500_and_tolist_results_are_converted(self):
        app = make_project(self, {"model.py": """
            class Vector:
                def tolist(self):
                    return [1.5, 2.5]

            class Model:
                def predict(self, payload):
                    return {"set": {1, 2}} if payload == "bad" else {"vector": Vector()}
        """})
        runtime = RuntimeProcess(self, app, "model:Model")
        port = runtime.port()
        wait_until(lambda: call(port, "GET", "/health").json()["status"] == "READY", what="READY")

        bad = post_json(port, "/predict", "bad")
        self.assertEqual(bad.status, 500)
        self.assertEqual(bad.json()["error"]["type"], "InvalidResult")
        good = post_json(port, "/predict", "fine")
        self.assertEqual(good.status, 200)
        self.assertEqual(good.json(), {"vector": [1.5, 2.5]})

    def test_predict_calls_are_serialised_unless_the_model_says_concurrent(self):
        source = """
            import threading, time

            class Model:
                concurrent = {concurrent}

                def load(self):
                    self.lock = threading.Lock()
                    self.active = 0
                    self.peak = 0

                def predict(self, payload):
                    with self.lock:
                        self.active += 1
                        self.peak = max(self.peak, self.active)
                    time.sleep(0.3)
                    with self.lock:
                        self.active -= 1
                    return {{"peak": self.peak}}
        """
        for concurrent, expect_overlap in ((False, False), (True, True)):
            with self.subTest(concurrent=concurrent):
                app = make_project(self, {"model.py": source.format(concurrent=concurrent)})
                port = RuntimeProcess(self, app, "model:Model").port()
                wait_until(lambda: call(port, "GET", "/health").json()["status"] == "READY", what="READY")
                peaks = []
                threads = [threading.Thread(target=lambda: peaks.append(post_json(port, "/predict", {}).json()["peak"])) for _ in range(3)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(10)
                self.assertEqual(len(peaks), 3)
                self.assertEqual(max(peaks) > 1, expect_overlap, peaks)

    def test_health_reports_cuda_when_the_model_imported_a_framework_that_sees_a_gpu(self):
        app = make_project(self, {
            "torch/__init__.py": """
                class cuda:
                    @staticmethod
                    def is_available():
                        return True
            """,
            "model.py": """
                import torch
                import skylift_runtime

                class Model:
                    def load(self):
                        self.device = skylift_runtime.device()

                    def predict(self, payload):
                        return {"device": self.device}
            """,
        })
        port = RuntimeProcess(self, app, "model:Model").port()
        wait_until(lambda: call(port, "GET", "/health").json()["status"] == "READY", what="READY")
        self.assertEqual(call(port, "GET", "/health").json()["device"], "cuda")
        self.assertEqual(post_json(port, "/predict", {}).json(), {"device": "cuda"})

    def test_sigterm_stops_the_server_promptly(self):
        app = make_project(self, {"model.py": FAILING_PREDICT_MODEL})
        runtime = RuntimeProcess(self, app, "model:Model")
        runtime.port()
        began = time.monotonic()
        runtime.proc.send_signal(signal.SIGTERM)
        self.assertEqual(runtime.wait_exit(5), 0)
        self.assertLess(time.monotonic() - began, 2.0)


if __name__ == "__main__":
    unittest.main()


class NagleTest(unittest.TestCase):
    def test_responses_are_sent_without_waiting_for_delayed_acks(self):
        # Headers and body are two writes; with Nagle on, keep-alive requests stall ~40 ms each.
        from skylift_runtime.http_server import _Handler

        self.assertTrue(_Handler.disable_nagle_algorithm)
