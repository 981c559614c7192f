"""The sample projects: their known answers, checked by pure-Python re-implementations of the
models (numpy and torch are not needed), and by the real models where those are installed."""
from __future__ import annotations

import ast
import importlib.util
import json
import math
import re
import sys
import unittest
from pathlib import Path

from .support import RUNTIME_ROOT

SAMPLES = RUNTIME_ROOT.parent / "samples"
NUMPY_SAMPLE = SAMPLES / "numpy-classifier"
TORCH_SAMPLE = SAMPLES / "torch-mlp"
TRUE_SPECIES = ["setosa", "versicolor", "virginica"]  # rows 1, 51 and 101 of Fisher's Iris data


def softmax(logits):
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return [e / total for e in exps]


def matvec(matrix, vector, bias):
    return [sum(w * v for w, v in zip(row, vector)) + b for row, b in zip(matrix, bias)]


def linear_classifier(spec, rows):
    """numpy-classifier's model, by hand."""
    probabilities = [softmax(matvec(spec["weights"], x, spec["bias"])) for x in rows]
    return answer(spec["classes"], probabilities)


def mlp_classifier(spec, rows):
    """torch-mlp's model, by hand: Linear, ReLU, Linear, softmax."""
    state = spec["state"]
    probabilities = []
    for x in rows:
        hidden = [max(0.0, h) for h in matvec(state["0.weight"], x, state["0.bias"])]
        probabilities.append(softmax(matvec(state["2.weight"], hidden, state["2.bias"])))
    return answer(spec["classes"], probabilities)


def answer(classes, probabilities):
    return {
        "labels": [classes[row.index(max(row))] for row in probabilities],
        "probabilities": [[round(p, 6) for p in row] for row in probabilities],
    }


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def has_module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


class SampleCase(unittest.TestCase):
    def assert_answer(self, actual, expected, tolerance):
        self.assertEqual(actual["labels"], expected["labels"])
        self.assertEqual(len(actual["probabilities"]), len(expected["probabilities"]))
        for got_row, want_row in zip(actual["probabilities"], expected["probabilities"]):
            self.assertEqual(len(got_row), len(want_row))
            for got, want in zip(got_row, want_row):
                self.assertAlmostEqual(got, want, delta=tolerance)

    def payload_pairs(self, sample: Path):
        payloads = sorted((sample / "sample-payloads").glob("*.json"))
        self.assertTrue(payloads, f"{sample.name} has no sample payloads")
        for payload in payloads:
            yield json.loads(payload.read_text()), json.loads((sample / "expected" / payload.name).read_text())

    def assert_project_names_its_model(self, sample: Path):
        model_ref = re.search(r"^model:\s*(\S+)", (sample / "skylift.yaml").read_text(), re.M).group(1)
        module_name, class_name = model_ref.split(":")
        tree = ast.parse((sample / f"{module_name}.py").read_text())
        classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
        self.assertIn(class_name, classes)
        methods = {node.name for node in classes[class_name].body if isinstance(node, ast.FunctionDef)}
        self.assertLessEqual({"load", "predict"}, methods)
        for weights in re.findall(r"^\s+-\s+(weights/\S+)", (sample / "skylift.yaml").read_text(), re.M):
            self.assertTrue((sample / weights).is_file(), weights)

    def assert_weights_reproducible(self, sample: Path, weights_file: str):
        tool = load_module(sample / "tools" / "make_weights.py", f"make_weights_{sample.name.replace('-', '_')}")
        self.assertEqual((sample / "weights" / weights_file).read_text(), json.dumps(tool.weights(), indent=2) + "\n")


class NumpyClassifierSampleTest(SampleCase):
    def setUp(self):
        self.spec = json.loads((NUMPY_SAMPLE / "weights" / "classifier.json").read_text())

    def test_known_answer_matches_the_math_and_the_true_species(self):
        for payload, expected in self.payload_pairs(NUMPY_SAMPLE):
            self.assert_answer(linear_classifier(self.spec, payload["inputs"]), expected, 1e-6)
        payload, expected = next(self.payload_pairs(NUMPY_SAMPLE))
        self.assertEqual(expected["labels"], TRUE_SPECIES)
        self.assertEqual(expected["probabilities"][1], [0.0, 0.974781, 0.025219])

    def test_weights_file_is_what_the_tool_makes(self):
        self.assert_weights_reproducible(NUMPY_SAMPLE, "classifier.json")

    def test_project_files_fit_together(self):
        self.assert_project_names_its_model(NUMPY_SAMPLE)
        self.assertIn("numpy", (NUMPY_SAMPLE / "requirements.txt").read_text().split())
        self.assertIn("notes/", (NUMPY_SAMPLE / ".dockerignore").read_text().split())
        self.assertTrue(any((NUMPY_SAMPLE / "notes").iterdir()), "notes/ shows what .dockerignore leaves out")

    @unittest.skipUnless(has_module("numpy"), "numpy is not installed here")
    def test_the_real_model_gives_the_known_answer(self):
        model = load_module(NUMPY_SAMPLE / "model.py", "numpy_classifier_model").Classifier()
        model.load()
        for payload, expected in self.payload_pairs(NUMPY_SAMPLE):
            self.assert_answer(model.predict(payload), expected, 1e-5)
        with self.assertRaises(ValueError):
            model.predict({"inputs": [[1, 2, 3]]})


class TorchMlpSampleTest(SampleCase):
    def setUp(self):
        self.spec = json.loads((TORCH_SAMPLE / "weights" / "mlp.json").read_text())

    def test_known_answer_matches_the_math_and_the_numpy_sample(self):
        for payload, expected in self.payload_pairs(TORCH_SAMPLE):
            self.assert_answer(mlp_classifier(self.spec, payload["inputs"]), expected, 1e-6)
        numpy_spec = json.loads((NUMPY_SAMPLE / "weights" / "classifier.json").read_text())
        for payload, _ in self.payload_pairs(NUMPY_SAMPLE):
            self.assert_answer(mlp_classifier(self.spec, payload["inputs"]), linear_classifier(numpy_spec, payload["inputs"]), 1e-6)

    def test_weights_file_is_what_the_tool_makes(self):
        self.assert_weights_reproducible(TORCH_SAMPLE, "mlp.json")

    def test_project_files_fit_together(self):
        self.assert_project_names_its_model(TORCH_SAMPLE)
        # The pinned torch is the version skylift.yaml declares (it picks the CUDA base image).
        declared = re.search(r'version:\s*"([^"]+)"', (TORCH_SAMPLE / "skylift.yaml").read_text()).group(1)
        self.assertIn(f"torch=={declared}", (TORCH_SAMPLE / "requirements.txt").read_text().split())

    @unittest.skipUnless(has_module("torch"), "torch is not installed here")
    def test_the_real_model_gives_the_known_answer(self):
        sys.path.insert(0, str(RUNTIME_ROOT))
        self.addCleanup(sys.path.remove, str(RUNTIME_ROOT))
        model = load_module(TORCH_SAMPLE / "model.py", "torch_mlp_model").MLPClassifier()
        model.load()
        for payload, expected in self.payload_pairs(TORCH_SAMPLE):
            self.assert_answer(model.predict(payload), expected, 1e-4)


if __name__ == "__main__":
    unittest.main()
