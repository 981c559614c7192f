"""An Iris classifier as a small PyTorch MLP, on the GPU when there is one."""
import json
from pathlib import Path

import torch
from torch import nn

WEIGHTS = Path(__file__).resolve().parent / "weights" / "mlp.json"
USAGE = 'send {"inputs": [[sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm], ...]}'


def _device():
    try:
        from skylift_runtime import device  # inside a Skylift image: the runtime's answer, also shown on /health
    except ImportError:
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device()


class MLPClassifier:
    def load(self):
        spec = json.loads(WEIGHTS.read_text())  # plain JSON: no pickle, nothing executes on load
        state = {name: torch.tensor(values, dtype=torch.float32) for name, values in spec["state"].items()}
        hidden, inputs = state["0.weight"].shape
        outputs = state["2.weight"].shape[0]
        self.classes = spec["classes"]
        self.device = torch.device(_device())
        self.net = nn.Sequential(nn.Linear(inputs, hidden), nn.ReLU(), nn.Linear(hidden, outputs))
        self.net.load_state_dict(state)
        self.net.to(self.device).eval()
        with torch.inference_mode():
            self.net(torch.zeros(1, inputs, device=self.device))  # pay CUDA's first-call cost in setup, not in the first request

    def predict(self, payload):
        x = self._inputs(payload)
        with torch.inference_mode():
            probabilities = torch.softmax(self.net(x), dim=1).cpu()
        return {
            "labels": [self.classes[i] for i in probabilities.argmax(dim=1).tolist()],
            "probabilities": [[round(p, 6) for p in row] for row in probabilities.tolist()],
        }

    def _inputs(self, payload):
        rows = payload.get("inputs") if isinstance(payload, dict) else None
        if not isinstance(rows, list) or not rows:
            raise ValueError(USAGE)
        try:
            x = torch.tensor(rows, dtype=torch.float32, device=self.device)
        except (TypeError, ValueError, RuntimeError) as exc:
            raise ValueError(f"{USAGE}: {exc}") from exc
        if x.dim() != 2 or x.shape[1] != self.net[0].in_features:
            raise ValueError(f"{USAGE}: got a tensor of shape {tuple(x.shape)}")
        return x
