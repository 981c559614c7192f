"""Writes weights/mlp.json. Pure Python, deterministic: run `python3 tools/make_weights.py`.

A 4 -> 8 -> 3 ReLU network built by hand, not trained. The output layer is the Iris classifier
of the numpy-classifier sample (Gaussian naive Bayes with one shared diagonal covariance, from
the published per-species means and standard deviations of Fisher's Iris data):

    v_j  = mean over species of sd_kj^2,   A_kj = mu_kj / v_j,   c_k = -1/2 * sum_j mu_kj^2 / v_j

The hidden layer splits each feature into its positive and negative parts, h = ReLU([x; -x]),
and the output layer recombines them, [A, -A] h + c = A x + c. So the network gives the same
answer as the numpy sample, which makes a GPU image easy to check against a CPU one.

The keys are those of torch.nn.Sequential(Linear(4, 8), ReLU(), Linear(8, 3)).state_dict().
"""
import json
from pathlib import Path

CLASSES = ["setosa", "versicolor", "virginica"]
MEANS = [
    [5.006, 3.428, 1.462, 0.246],
    [5.936, 2.770, 4.260, 1.326],
    [6.588, 2.974, 5.552, 2.026],
]
STANDARD_DEVIATIONS = [
    [0.3524897, 0.3790644, 0.1736640, 0.1053856],
    [0.5161711, 0.3137983, 0.4699110, 0.1977527],
    [0.6358796, 0.3224966, 0.5518947, 0.2746501],
]


def weights():
    n = len(MEANS[0])
    variances = [sum(sd[j] ** 2 for sd in STANDARD_DEVIATIONS) / len(CLASSES) for j in range(n)]
    a = [[round(mu[j] / variances[j], 6) for j in range(n)] for mu in MEANS]
    c = [round(-0.5 * sum(mu[j] ** 2 / variances[j] for j in range(n)), 6) for mu in MEANS]
    identity = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    split = identity + [[-v for v in row] for row in identity]
    return {
        "classes": CLASSES,
        "state": {
            "0.weight": split,
            "0.bias": [0.0] * (2 * n),
            "2.weight": [row + [-v for v in row] for row in a],
            "2.bias": c,
        },
    }


def main(out=Path(__file__).resolve().parents[1] / "weights" / "mlp.json"):
    out.write_text(json.dumps(weights(), indent=2) + "\n")


if __name__ == "__main__":
    main()
