"""Lambda mode against a fake Runtime API: paths, headers and bodies as the 2018-06-01 spec has them."""
from __future__ import annotations

import re
import time
import unittest

from .support import FakeRuntimeApi, RuntimeProcess, make_project

API = "/2018-06-01/runtime"
ERROR_CONTENT_TYPE = "application/vnd.aws.lambda.error+json"

ECHO_MODEL = """
    import os
    import time

    class Model:
        def load(self):
            self.calls = 0

        def predict(self, payload):
            self.calls += 1
            if payload.get("raise"):
                raise ValueError("bad input: " + payload["raise"])
            if payload.get("sleep"):
                time.sleep(payload["sleep"])
            if payload.get("unencodable"):
                return {"value": object()}
            return {"echo": payload, "trace": os.environ.get("_X_AMZN_TRACE_ID"), "calls": self.calls}
"""


class LambdaLoopTest(unittest.TestCase):
    def start(self, source: str = ECHO_MODEL, model: str = "model:Model"):
        api = FakeRuntimeApi(self)
        app = make_project(self, {"model.py": source})
        runtime = RuntimeProcess(self, app, model, {"AWS_LAMBDA_RUNTIME_API": api.address})
        return api, runtime

    def assert_error_post(self, request, path: str, header: str, error_type: str) -> dict:
        self.assertEqual(request.path, path)
        self.assertEqual(request.headers["lambda-runtime-function-error-type"], header)
        self.assertEqual(request.headers["content-type"], ERROR_CONTENT_TYPE)
        body = request.json()
        self.assertEqual(set(body), {"errorMessage", "errorType", "stackTrace"})
        self.assertEqual(body["errorType"], error_type)
        self.assertIsInstance(body["stackTrace"], list)
        self.assertTrue(all(isinstance(frame, str) for frame in body["stackTrace"]))
        return body

    def test_responses_go_to_each_request_id_with_the_trace_id_set(self):
        api, runtime = self.start()
        api.queue_event("req-1", {"n": 1}, trace_id="Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
        api.queue_event("req-2", {"n": 2}, trace_id="Root=1-00000000-000000000000000000000002")

        first, second = api.wait_for_posts(2)
        self.assertEqual(first.path, f"{API}/invocation/req-1/response")
        self.assertEqual(first.json(), {"echo": {"n": 1}, "trace": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", "calls": 1})
        self.assertEqual(second.path, f"{API}/invocation/req-2/response")
        self.assertEqual(second.json(), {"echo": {"n": 2}, "trace": "Root=1-00000000-000000000000000000000002", "calls": 2})  # loaded once

        gets = [r for r in api.requests if r.method == "GET"]
        self.assertGreaterEqual(len(gets), 2)
        self.assertTrue(all(r.path == f"{API}/invocation/next" for r in gets))
        self.assertEqual(len({r.client_port for r in api.requests}), 1, "one keep-alive connection for every call")
        self.assertIsNone(runtime.proc.poll())

    def test_a_predict_error_is_posted_to_the_error_path_and_the_loop_goes_on(self):
        api, runtime = self.start()
        api.queue_event("req-bad", {"raise": "no sepal length"})
        api.queue_event("req-good", {"n": 3})

        failed, succeeded = api.wait_for_posts(2)
        body = self.assert_error_post(failed, f"{API}/invocation/req-bad/error", "Function.Unhandled", "ValueError")
        self.assertEqual(body["errorMessage"], "bad input: no sepal length")
        self.assertTrue(any("model.py" in frame for frame in body["stackTrace"]), body["stackTrace"])
        self.assertEqual(succeeded.path, f"{API}/invocation/req-good/response")
        self.assertEqual(succeeded.json()["echo"], {"n": 3})
        self.assertIsNone(runtime.proc.poll())

    def test_a_result_that_is_not_json_is_an_error_not_a_crash(self):
        api, runtime = self.start()
        api.queue_event("req-odd", {"unencodable": True})
        api.queue_event("req-next", {"n": 4})
        failed, succeeded = api.wait_for_posts(2)
        self.assert_error_post(failed, f"{API}/invocation/req-odd/error", "Runtime.InvalidResponse", "InvalidResult")
        self.assertEqual(succeeded.path, f"{API}/invocation/req-next/response")

    def test_an_event_that_is_not_json_gets_aws_unmarshal_error_without_a_stack_and_the_loop_goes_on(self):
        # AWS's runtime interface client: FaultException(UNMARSHAL_ERROR, "Unable to unmarshal input: " + str(e)).
        api, runtime = self.start()
        api.queue_event("req-deep", b"[" * 100_000 + b"]" * 100_000)
        api.queue_event("req-text", b"not json")
        api.queue_event("req-good", {"n": 5})
        deep, text, succeeded = api.wait_for_posts(3)
        for request, request_id in ((deep, "req-deep"), (text, "req-text")):
            body = self.assert_error_post(request, f"{API}/invocation/{request_id}/error", "Runtime.UnmarshalError", "Runtime.UnmarshalError")
            self.assertTrue(body["errorMessage"].startswith("Unable to unmarshal input: "), body)
            self.assertEqual(body["stackTrace"], [])
        self.assertIn("recursion", deep.json()["errorMessage"])
        self.assertIn("Expecting value", text.json()["errorMessage"])
        self.assertEqual(succeeded.json()["echo"], {"n": 5})
        self.assertIsNone(runtime.proc.poll())

    def test_a_load_error_is_posted_to_init_error_and_the_process_exits(self):
        api, runtime = self.start("""
            class Model:
                def load(self):
                    raise RuntimeError("CUDA driver too old")

                def predict(self, payload):
                    return payload
        """)
        self.assertNotEqual(runtime.wait_exit(5), 0)
        (posted,) = api.wait_for_posts(1)
        body = self.assert_error_post(posted, f"{API}/init/error", "Runtime.InitError", "RuntimeError")
        self.assertEqual(body["errorMessage"], "CUDA driver too old")
        self.assertFalse([r for r in api.requests if r.method == "GET"], "no invocation/next after a failed init")

    def test_an_import_error_is_reported_as_runtime_import_module_error(self):
        api, runtime = self.start("import package_that_is_not_installed\n")
        self.assertNotEqual(runtime.wait_exit(5), 0)
        (posted,) = api.wait_for_posts(1)
        body = self.assert_error_post(posted, f"{API}/init/error", "Runtime.ImportModuleError", "ModuleNotFoundError")
        self.assertIn("package_that_is_not_installed", body["errorMessage"])

    def test_a_missed_deadline_posts_a_timeout_error_and_the_process_exits(self):
        api, runtime = self.start()
        api.wait_for_next()
        deadline_ms = int(time.time() * 1000) + 400
        api.queue_event("req-slow", {"sleep": 30}, deadline_ms=deadline_ms)

        (posted,) = api.wait_for_posts(1, timeout=5)
        posted_at_ms = time.time() * 1000
        body = self.assert_error_post(posted, f"{API}/invocation/req-slow/error", "Sandbox.Timedout", "Sandbox.Timedout")
        self.assertRegex(body["errorMessage"], re.compile(r"^Task timed out after 0\.(3[5-9]|40) seconds$"))
        self.assertGreaterEqual(posted_at_ms, deadline_ms - 5)  # waited until the deadline, not less
        self.assertNotEqual(runtime.wait_exit(5), 0)

    def test_a_broken_runtime_api_makes_the_process_exit(self):
        api, runtime = self.start()
        api.next_status = 500
        self.assertNotEqual(runtime.wait_exit(5), 0)
        runtime.wait_for_log(r"invocation/next answered 500")


if __name__ == "__main__":
    unittest.main()
