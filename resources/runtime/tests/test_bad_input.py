"""Input the adapter cannot parse, and predicts that fail in ways a plain `except Exception` misses,
get an error answer at once, and the server keeps serving (plain HTTP and the Azure custom handler)."""
from __future__ import annotations

import http.client
import threading
import unittest
from unittest import mock

from skylift_runtime import http_server
from skylift_runtime.model_host import ModelHost

from .support import LOOPBACK, RuntimeProcess, call, make_project, post_json

HOSTILE_MODEL = """
    import sys

    class Model:
        def predict(self, payload):
            kind = payload.get("fail")
            if kind == "recursion":
                def dive(n):
                    return dive(n + 1)
                dive(0)
            if kind == "memory":
                raise MemoryError()
            if kind == "exit":
                sys.exit(3)
            if kind == "deep-result":
                result = []
                for _ in range(100_000):
                    result = [result]
                return result
            return {"ok": True}
"""

DEEP = 100_000


class BadInputTest(unittest.TestCase):
    def _serve(self, env=None, prefix=""):
        app = make_project(self, {"model.py": HOSTILE_MODEL})
        runtime = RuntimeProcess(self, app, "model:Model", env)
        port = runtime.port() if not env else int(runtime.wait_for_log(r"listening on http://[^:]+:(\d+)").group(1))
        runtime.wait_for_log("setup done")
        return runtime, port

    def _assert_still_serving(self, port, prefix=""):
        after = post_json(port, prefix + "/predict", {})
        self.assertEqual((after.status, after.json()), (200, {"ok": True}))

    def test_a_body_nested_100k_levels_deep_is_a_400_and_the_server_keeps_serving(self):
        _, port = self._serve()
        for body in (b"[" * DEEP + b"]" * DEEP, b'{"a":' * DEEP + b"1" + b"}" * DEEP):
            reply = call(port, "POST", "/predict", body, {"Content-Type": "application/json"}, timeout=5)
            self.assertEqual(reply.status, 400)
            self.assertEqual(reply.json()["error"]["type"], "BadRequest")
            self.assertIn("nested too deeply", reply.json()["error"]["message"])
        self._assert_still_serving(port)

    def test_bodies_that_are_not_json_or_not_utf8_are_400s(self):
        _, port = self._serve()
        for body in (b"{", b"\xff\xfe{}", b"NaN-ish", b"[1,]"):
            reply = call(port, "POST", "/predict", body, {"Content-Type": "application/json"}, timeout=5)
            self.assertEqual(reply.status, 400, body)
        self._assert_still_serving(port)

    def test_a_negative_chunk_size_is_a_400_at_once_not_a_read_until_the_client_hangs_up(self):
        _, port = self._serve()
        conn = http.client.HTTPConnection(LOOPBACK, port, timeout=5)
        self.addCleanup(conn.close)
        conn.putrequest("POST", "/predict")
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        conn.send(b"-1\r\n{}\r\n")  # and the connection stays open
        self.assertEqual(conn.getresponse().status, 400)
        self._assert_still_serving(port)

    def test_recursion_memory_and_exit_in_predict_are_500s_naming_the_error(self):
        runtime, port = self._serve()
        for kind, error_type in (("recursion", "RecursionError"), ("memory", "MemoryError"), ("exit", "SystemExit")):
            reply = post_json(port, "/predict", {"fail": kind}, timeout=5)
            self.assertEqual(reply.status, 500, kind)
            self.assertEqual(reply.json()["error"]["type"], error_type)
        self._assert_still_serving(port)
        self.assertIsNone(runtime.proc.poll())

    def test_a_result_nested_too_deeply_for_json_is_a_500(self):
        _, port = self._serve()
        reply = post_json(port, "/predict", {"fail": "deep-result"}, timeout=5)
        self.assertEqual(reply.status, 500)
        self.assertEqual(reply.json()["error"]["type"], "InvalidResult")
        self._assert_still_serving(port)

    def test_the_azure_custom_handler_answers_a_deep_body_at_once_too(self):
        _, port = self._serve({"FUNCTIONS_CUSTOMHANDLER_PORT": "0"}, "/api")
        reply = call(port, "POST", "/api/predict", b"[" * DEEP + b"]" * DEEP, {"Content-Type": "application/json"}, timeout=5)
        self.assertEqual(reply.status, 400)
        self._assert_still_serving(port, "/api")

    def test_a_fault_inside_the_runtime_itself_is_a_500_not_a_dropped_connection(self):
        app = make_project(self, {"model.py": HOSTILE_MODEL})
        host = ModelHost("model:Model", str(app))
        host.load()
        server = http_server.RuntimeHttpServer((LOOPBACK, 0), host)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        port = server.server_address[1]
        with mock.patch.object(http_server.jsonio, "decode", side_effect=RuntimeError("a runtime bug")):
            reply = post_json(port, "/predict", {}, timeout=5)
        self.assertEqual(reply.status, 500)
        self.assertEqual(reply.json()["error"]["type"], "InternalError")
        self._assert_still_serving(port)


if __name__ == "__main__":
    unittest.main()
