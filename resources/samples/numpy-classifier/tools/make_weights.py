"""Writes weights/classifier.json. Pure Python, deterministic: run `python3 tools/make_weights.py`.

The model is Gaussian naive Bayes with one shared diagonal covariance, which is a linear softmax
classifier. Its parameters come from the published summary statistics of Fisher's Iris data
(50 flowers per species): per-species means and standard deviations of the four measurements.

    v_j   = mean over species of sd_kj^2        (pooled within-species variance of feature j)
    W_kj  = mu_kj / v_j
    b_k   = -1/2 * sum_j mu_kj^2 / v_j          (equal priors, so no log-prior term)
    p(k | x) = softmax_k(W_k . x + b_k)
"""
import json
from pathlib import Path

FEATURES = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"]
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
    variances = [sum(sd[j] ** 2 for sd in STANDARD_DEVIATIONS) / len(CLASSES) for j in range(len(FEATURES))]
    w = [[round(mu[j] / variances[j], 6) for j in range(len(FEATURES))] for mu in MEANS]
    b = [round(-0.5 * sum(mu[j] ** 2 / variances[j] for j in range(len(FEATURES))), 6) for mu in MEANS]
    return {"classes": CLASSES, "features": FEATURES, "weights": w, "bias": b}


def main(out=Path(__file__).resolve().parents[1] / "weights" / "classifier.json"):
    out.write_text(json.dumps(weights(), indent=2) + "\n")


if __name__ == "__main__":
    main()
