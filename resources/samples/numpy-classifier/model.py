"""An Iris classifier: a linear softmax model over four flower measurements, in numpy."""
import json
from pathlib import Path

import numpy as np

WEIGHTS = Path(__file__).resolve().parent / "weights" / "classifier.json"
USAGE = 'send {"inputs": [[sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm], ...]}'


class Classifier:
    def load(self):
        spec = json.loads(WEIGHTS.read_text())
        self.classes = spec["classes"]
        self.weights = np.asarray(spec["weights"], dtype=np.float64)  # (classes, features)
        self.bias = np.asarray(spec["bias"], dtype=np.float64)

    def predict(self, payload):
        x = self._inputs(payload)
        logits = x @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)  # softmax without overflow
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        return {
            "labels": [self.classes[i] for i in probabilities.argmax(axis=1)],
            "probabilities": np.round(probabilities, 6).tolist(),
        }

    def _inputs(self, payload):
        rows = payload.get("inputs") if isinstance(payload, dict) else None
        if not isinstance(rows, list) or not rows:
            raise ValueError(USAGE)
        try:
            x = np.asarray(rows, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{USAGE}: {exc}") from exc
        if x.ndim != 2 or x.shape[1] != self.weights.shape[1]:
            raise ValueError(f"{USAGE}: got an array of shape {x.shape}")
        return x
