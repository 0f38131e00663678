"""Analytic steps, checked numerically: hypothesis properties with ``target()`` on a ratio.

An analytic step claims an inequality observed <= bound on a space of instances (the
chain rule along a flow, Cauchy-Schwarz, strong convexity, operator-norm facts, a
Gronwall comparison, a bound on an integral). :class:`AnalyticCheck` searches that space
with hypothesis, maximizing ratio = observed/bound, and reports the worst ratio or a
shrunk counterexample. :class:`InstanceCheck` evaluates one constructed instance (a
witness). :class:`RateCheck` measures an O(rate(alpha)) claim across alpha.

Tolerance: a ratio counts as above 1 only beyond RATIO_TOLERANCE, which covers float64
rounding and the integrators' errors (about 1e-9 relative at the default tolerances).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from proofs_check.chain import Outcome
from proofs_check.search import maximize, shrink

#: A ratio above 1 + RATIO_TOLERANCE is a violation.
RATIO_TOLERANCE = 1e-7
#: Default examples of an analytic search (cheap pointwise checks use more).
ANALYTIC_EXAMPLES = 25
#: An O(rate) claim holds on the measured range when value/rate grows by at most this
#: factor, with a log-log slope at most RATE_SLOPE_TOLERANCE (logarithmic factors aside).
RATE_FACTOR, RATE_SLOPE_TOLERANCE = 4.0, 0.25


@dataclass(frozen=True)
class AnalyticCheck:
    """ratio(instance) <= 1 over ``strategy()``, searched with hypothesis."""

    description: str
    strategy: Callable
    ratio: Callable
    max_examples: int = ANALYTIC_EXAMPLES
    kind = "analytic"

    def run(self) -> Outcome:
        strategy = self.strategy()
        worst, instance = maximize(self.ratio, strategy, max_examples=self.max_examples)
        if worst <= 1 + RATIO_TOLERANCE:
            return Outcome(True, f"worst ratio {worst:.9g} over {self.max_examples} instances ({self.description})")
        shrunk = shrink(strategy, lambda i: self.ratio(i) > 1 + RATIO_TOLERANCE, max_examples=self.max_examples)
        shrunk = instance if shrunk is None else shrunk
        return Outcome(False, f"worst ratio {worst:.9g} ({self.description})",
                       f"ratio {self.ratio(shrunk):.9g} at {shrunk!r}")


@dataclass(frozen=True)
class InstanceCheck:
    """ratio(build()) <= 1 on one constructed instance."""

    description: str
    build: Callable
    ratio: Callable
    kind = "analytic"

    def run(self) -> Outcome:
        value = self.ratio(self.build())
        ok = value <= 1 + RATIO_TOLERANCE
        return Outcome(ok, f"ratio {value:.9g} on {self.description}", "" if ok else f"ratio {value:.9g} > 1 on {self.description}")


@dataclass(frozen=True)
class RateCheck:
    """A claim value(alpha) = O(rate(alpha)) as alpha -> oo, measured over ``alphas``.

    It holds on the measured range when value/rate does not grow: its largest value is
    at most RATE_FACTOR times its value at the smallest alpha, and the log-log slope of
    value/rate is at most RATE_SLOPE_TOLERANCE. A negative slope means the claim holds
    with room to spare (the measured rate is faster).
    """

    description: str
    measure: Callable[[float], float]
    rate: Callable[[float], float]
    alphas: Sequence[float] = (10.0, 30.0, 100.0, 300.0, 1000.0)
    kind = "analytic"

    def run(self) -> Outcome:
        alphas = np.asarray(self.alphas, dtype=float)
        normalized = np.array([self.measure(a) / self.rate(a) for a in alphas])
        slope = float(np.polyfit(np.log(alphas), np.log(normalized), 1)[0])
        growth = normalized.max() / normalized[0]
        table = ", ".join(f"alpha={a:g}: {v:.4g}" for a, v in zip(alphas, normalized))
        detail = f"value/rate over alpha: {table}; log-log slope {slope:+.3f} ({self.description})"
        ok = growth <= RATE_FACTOR and slope <= RATE_SLOPE_TOLERANCE
        return Outcome(ok, detail, "" if ok else f"value/rate grows by {growth:.3g}x over alpha in "
                       f"[{alphas[0]:g}, {alphas[-1]:g}] (log-log slope {slope:+.3f}): {table}")


# Pointwise ratios -----------------------------------------------------------------------------

def suboptimality(loss, y) -> float:
    return float(loss.value(y) - loss.value(loss.y_star))


def pl_ratio(instance, constant: float = 2.0) -> float:
    """constant * mu * Fbar(y) / ||grad F(y)||^2 (<= 1 for constant 2: Polyak-Lojasiewicz)."""
    loss, y = instance
    return constant * loss.mu * suboptimality(loss, y) / float(np.sum(loss.grad(y) ** 2))


def strong_convexity_ratio(instance, constant: float = 2.0) -> float:
    """mu ||y - y*||^2 / (constant Fbar(y))  (<= 1: distance from suboptimality)."""
    loss, y = instance
    return loss.mu * float(np.sum((y - loss.y_star) ** 2)) / (constant * suboptimality(loss, y))


def smoothness_ratio(instance, constant: float = 0.5) -> float:
    """Fbar(y) / (constant nu ||y - y*||^2)  (<= 1 for constant 1/2)."""
    loss, y = instance
    return suboptimality(loss, y) / (constant * loss.nu * float(np.sum((y - loss.y_star) ** 2)))


def gradient_ratio(instance) -> float:
    """||grad R(y)|| / (nu ||y - y*||)  (<= 1: Lipschitz gradient with grad R(y*) = 0)."""
    loss, y = instance
    return float(np.linalg.norm(loss.grad(y)) / (loss.nu * np.linalg.norm(y - loss.y_star)))


def rayleigh_ratio(instance) -> float:
    """lam ||v||^2 / v^T Sigma(t) v  (<= 1 when Sigma(t) >= lam Id)."""
    metric, t, v = instance
    return float(metric.lam * (v @ v) / (v @ metric(t) @ v))


def operator_norm_ratio(instance) -> float:
    """||A^T v|| / (||A|| ||v||) for v = the first column of E (<= 1)."""
    a, e = instance
    v = e[:, 0] + 1.0
    return float(np.linalg.norm(a.T @ v) / max(np.linalg.norm(a, 2) * np.linalg.norm(v), 1e-300))


def weyl_ratio(instance) -> float:
    """(sigma_min(A) - ||E||) / sigma_min(A + E) when positive (<= 1: Weyl's inequality)."""
    a, e = instance
    floor = np.linalg.svd(a, compute_uv=False)[-1] - np.linalg.norm(e, 2)
    if floor <= 0:
        return 0.0
    return float(floor / np.linalg.svd(a + e, compute_uv=False)[-1])


def taylor_ratio(instance) -> float:
    """||h(w) - h(0) - Dh(0) w|| / (lip_Dh ||w||^2 / 2)  (<= 1: Taylor with a Lipschitz Jacobian)."""
    model, w = instance
    remainder = model(w) - model(np.zeros_like(w)) - model.jacobian(np.zeros_like(w)) @ w
    bound = model.lip_jacobian * float(w @ w) / 2
    return 0.0 if bound == 0 and np.linalg.norm(remainder) < 1e-14 else float(np.linalg.norm(remainder) / bound)
