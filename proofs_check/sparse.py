"""smith Section 4 (after Woodworth et al.): lazy training and sparse regression, measured.

On X (20 x 40, Gaussian), y = X beta* with beta* = 1/sqrt(3) on 3 coordinates, the diagonal
network's gradient-flow limit beta(scale) is compared, over three decades of the
initialization scale, with the minimum-l2 and minimum-l1 interpolators; the test error is
E<x, beta - beta*>^2 = ||beta - beta*||^2 for x ~ N(0, I).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from numeric.sparse import minimum_l1, minimum_l2, sparse_problem, trained_beta
from proofs_check import sweeps

#: A limit "is" the interpolator when their relative distance is below this at the extreme scale.
LIMIT_TOLERANCE = {"l2": 1e-3, "l1": 0.1}


def study(seed: int = 0, scales: tuple | None = None) -> dict:
    """Relative distances of the flow's limit to both interpolators, and test errors, over ``scales`` (default:
    the sweep grid "sparse-scales")."""
    scales = sweeps.grid("sparse-scales") if scales is None else scales
    return _study(seed, tuple(scales))


@lru_cache(maxsize=4)
def _study(seed: int, scales: tuple) -> dict:
    inputs, targets, beta_star = sparse_problem(np.random.default_rng(seed))
    references = {"l2": minimum_l2(inputs, targets), "l1": minimum_l1(inputs, targets)}
    limits = [trained_beta(inputs, targets, scale) for scale in scales]
    distance = {name: [float(np.linalg.norm(b - ref) / np.linalg.norm(ref)) for b in limits]
                for name, ref in references.items()}
    test = [float(np.sum((b - beta_star) ** 2)) for b in limits]
    return {"scales": list(scales), "distance": distance, "test_error": test,
            "test_error_l1": float(np.sum((references["l1"] - beta_star) ** 2)),
            "test_error_l2": float(np.sum((references["l2"] - beta_star) ** 2))}


def limit_claim(norm: str, regime: str) -> tuple[bool, str]:
    """'As the scale goes to oo (regime "lazy") or 0 ("rich"), the limit is the minimum-``norm`` interpolator'."""
    data = study()
    distances = data["distance"][norm]
    extreme = distances[-1] if regime == "lazy" else distances[0]
    trend = distances if regime == "lazy" else distances[::-1]
    decreasing = all(b <= a + 1e-6 for a, b in zip(trend, trend[1:]))
    ok = extreme <= LIMIT_TOLERANCE[norm] and decreasing
    table = ", ".join(f"{s:g}: {d:.4f}" for s, d in zip(data["scales"], distances))
    return ok, f"relative distance to the minimum-{norm} interpolator by scale: {table}"


def generalization_claim() -> tuple[bool, str]:
    """Lazy (large scale) test error stays at the min-l2 level; the rich limit's is far smaller."""
    data = study()
    lazy, rich = data["test_error"][-1], data["test_error"][0]
    ok = lazy >= 0.9 * data["test_error_l2"] and rich <= 0.1 * lazy
    return ok, (f"test error ||beta - beta*||^2: scale {data['scales'][0]:g}: {rich:.4f}, scale {data['scales'][-1]:g}: "
                f"{lazy:.4f} (min-l1 {data['test_error_l1']:.2e}, min-l2 {data['test_error_l2']:.4f})")
