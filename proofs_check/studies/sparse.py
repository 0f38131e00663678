"""smith Section 4 (after Woodworth et al.): lazy training and sparse regression, measured.

On X (20 x 40, Gaussian), y = X beta* with beta* = 1/sqrt(3) on 3 coordinates, the diagonal
network's gradient-flow limit beta(scale) is compared, over three decades of the
initialization scale, with the minimum-l2 and minimum-l1 interpolators; the test error is
E<x, beta - beta*>^2 = ||beta - beta*||^2 for x ~ N(0, I).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

import numpy as np

from numeric.sparse import minimum_l1, minimum_l2, sparse_problem, trained_beta
from proofs_check.results import CheckResult, ranges_of
from proofs_check.settings import RunConfig
from proofs_check.studies.sweeps import grid, span

#: A limit "is" the interpolator when their relative distance is below this at the extreme scale.
LIMIT_TOLERANCE = {"l2": 1e-3, "l1": 0.1}


def study(config: RunConfig) -> Mapping:
    """Relative distances of the flow's limit to both interpolators, and test errors, over the sweep grid
    "sparse-scales", on the problem drawn from the run's study seed (default 0)."""
    return _study(config.study_seed(0), grid("sparse-scales", config.depth))


@lru_cache(maxsize=4)
def _study(seed: int, scales: tuple) -> Mapping:
    inputs, targets, beta_star = sparse_problem(np.random.default_rng(seed))
    references = {"l2": minimum_l2(inputs, targets), "l1": minimum_l1(inputs, targets)}
    limits = [trained_beta(inputs, targets, scale) for scale in scales]
    distance = {name: tuple(float(np.linalg.norm(b - ref) / np.linalg.norm(ref)) for b in limits)
                for name, ref in references.items()}
    test = tuple(float(np.sum((b - beta_star) ** 2)) for b in limits)
    return MappingProxyType({"seed": seed, "scales": scales, "distance": MappingProxyType(distance), "test_error": test,
                             "test_error_l1": float(np.sum((references["l1"] - beta_star) ** 2)),
                             "test_error_l2": float(np.sum((references["l2"] - beta_star) ** 2))})


def _ranges(data: Mapping) -> tuple:
    return ranges_of({"scale": span(data["scales"]), "seed": data["seed"]})


def limit_claim(config: RunConfig, norm: str, regime: str) -> CheckResult:
    """'As the scale goes to oo (regime "lazy") or 0 ("rich"), the limit is the minimum-``norm`` interpolator'."""
    data = study(config)
    distances = data["distance"][norm]
    extreme = distances[-1] if regime == "lazy" else distances[0]
    trend = distances if regime == "lazy" else distances[::-1]
    decreasing = all(b <= a + 1e-6 for a, b in zip(trend, trend[1:]))
    ok = extreme <= LIMIT_TOLERANCE[norm] and decreasing
    table = ", ".join(f"{s:g}: {d:.4f}" for s, d in zip(data["scales"], distances))
    return CheckResult("measured", ok, f"relative distance to the minimum-{norm} interpolator by scale: {table}",
                       ref=f"diagonal network, {regime} limit", observed=extreme, bound=LIMIT_TOLERANCE[norm],
                       searched=len(data["scales"]), ranges=_ranges(data))


def generalization_claim(config: RunConfig) -> CheckResult:
    """Lazy (large scale) test error stays at the min-l2 level; the rich limit's is far smaller."""
    data = study(config)
    lazy, rich = data["test_error"][-1], data["test_error"][0]
    ok = lazy >= 0.9 * data["test_error_l2"] and rich <= 0.1 * lazy
    detail = (f"test error ||beta - beta*||^2: scale {data['scales'][0]:g}: {rich:.4f}, scale {data['scales'][-1]:g}: "
              f"{lazy:.4f} (min-l1 {data['test_error_l1']:.2e}, min-l2 {data['test_error_l2']:.4f})")
    return CheckResult("measured", ok, detail, ref="diagonal network, test errors", searched=len(data["scales"]),
                       ranges=_ranges(data))
