"""Checks of chizat-bach's tangent and limit kernels (Section 2.2, eq. (4), Figure 4).

The closed forms are lambdified from the derivations ``relu_kernel_a`` and
``relu_kernel_b`` of symbolic/; numeric/ supplies random-feature kernels and quadratures.
"""

from __future__ import annotations

import numpy as np

from numeric.kernels import gaussian_kernels_by_quadrature, random_feature_kernels
from numeric.networks import TwoLayerNetwork
from proofs_check.results import CheckResult, fit_slope, ranges_of
from proofs_check.settings import RunConfig
from proofs_check.studies.sweeps import grid, span
from symbolic import formula

#: Angles at which the closed forms are compared with the quadrature.
QUADRATURE_ANGLES = (0.0, 0.4, 1.0, np.pi / 2, 2.2, 3.0, np.pi)
#: Trials per width of the Monte-Carlo study (widths: the sweep grid "kernel-widths"), and the tolerance on
#: the fitted slope -1/2.
TRIALS, SLOPE_TOLERANCE = 24, 0.15


def limit_kernels(angles, dim: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """k^(a), k^(b) for unit inputs at the angles, E(b^2) = 1, E||a||^2 = dim (N(0, 1) weights)."""
    angles = np.asarray(angles, dtype=float)
    k_a = formula("relu_kernel_a", "phi dot E_b2")
    k_b = formula("relu_kernel_b", "phi x_norm xp_norm d E_a2")
    return (np.broadcast_to(k_a(angles, np.cos(angles), 1.0), angles.shape).astype(float),
            np.broadcast_to(k_b(angles, 1.0, 1.0, dim, dim), angles.shape).astype(float))


def quadrature_gap() -> float:
    """Largest difference between the closed forms and the 2-d quadrature, over QUADRATURE_ANGLES."""
    closed_a, closed_b = limit_kernels(QUADRATURE_ANGLES)
    gaps = []
    for angle, a, b in zip(QUADRATURE_ANGLES, closed_a, closed_b):
        probability, product = gaussian_kernels_by_quadrature(angle)
        gaps += [abs(a - np.cos(angle) * probability), abs(b - product)]
    return float(max(gaps))


def monte_carlo_study(seed: int, widths: tuple, angles=np.linspace(0.0, np.pi, 9)) -> dict:
    """RMS error of k_m = k_m^(a) + k_m^(b) against k over ``widths``, and its fitted log-log slope."""
    rng = np.random.default_rng(seed)
    limit = sum(limit_kernels(angles))
    errors = []
    for width in widths:
        squared = [np.mean((sum(random_feature_kernels(rng, width, angles)) - limit) ** 2) for _ in range(TRIALS)]
        errors.append(float(np.sqrt(np.mean(squared))))
    slope = fit_slope("RMS error of k_m", "m", widths, errors, limit=None)
    return {"widths": list(widths), "rms_errors": errors, "slope": slope}


def decomposition_gap(seed: int = 0) -> float:
    """max |k^(a) + k^(b) - Df Df'^T| over random networks and activations (chizat-bach 2.2)."""
    rng = np.random.default_rng(seed)
    gaps = []
    for activation in ("relu", "tanh", "softplus"):
        model = TwoLayerNetwork(rng.normal(size=(5, 4)), 12, activation, "sqrt")
        w, other = rng.normal(size=model.n_params), rng.normal(size=(6, 4))
        k_a, k_b = model.kernel_parts(w, model.inputs, other)
        gaps.append(np.abs(k_a + k_b - model.jacobian(w) @ model.jacobian_at(w, other).T).max())
    return float(max(gaps))


def figure_4_data(seed: int = 0, width: int = 200, realizations: int = 3, points: int = 181, dim: int = 10) -> dict:
    """Data of chizat-bach Figure 4: k_m and k against the angle on a section of the sphere in R^dim."""
    rng = np.random.default_rng(seed)
    angles = np.linspace(0.0, np.pi, points)
    k_a, k_b = limit_kernels(angles, dim)
    samples = [random_feature_kernels(rng, width, angles, dim) for _ in range(realizations)]
    return {"angles": angles.tolist(), "limit_a": k_a.tolist(), "limit_b": k_b.tolist(), "limit": (k_a + k_b).tolist(),
            "random": [(a + b).tolist() for a, b in samples], "width": width, "dim": dim,
            "weights": "a ~ N(0, I_d), b ~ N(0, 1): E(b^2) = 1, E||a||^2 = d"}


#: A computed kernel identity holds when its largest deviation is below this (float64 rounding).
DECOMPOSITION_TOLERANCE, QUADRATURE_TOLERANCE = 1e-12, 1e-10


def decomposition_claim(config: RunConfig) -> CheckResult:
    """chizat-bach 2.2: k = k^(a) + k^(b) is the Jacobian Gram matrix Df(x) Df(x')^T, on random networks."""
    seed = config.study_seed(0)
    gap = decomposition_gap(seed)
    return CheckResult("numeric", gap < DECOMPOSITION_TOLERANCE,
                       f"max |k^(a) + k^(b) - Df Df'^T| = {gap:.2e} (ReLU, tanh, softplus networks)",
                       ref="k^(a) + k^(b) = Df Df^T", observed=gap, bound=DECOMPOSITION_TOLERANCE,
                       ratio=gap / DECOMPOSITION_TOLERANCE, searched=3,
                       ranges=ranges_of({"activations": "relu, tanh, softplus", "width": 12, "seed": seed}))


def quadrature_claim(config: RunConfig) -> CheckResult:
    """chizat-bach (4): the closed forms agree with a 2-d quadrature (no random draw)."""
    gap = quadrature_gap()
    return CheckResult("numeric", gap < QUADRATURE_TOLERANCE, f"closed forms vs 2-d quadrature: max difference {gap:.2e}",
                       ref="2-d quadrature", observed=gap, bound=QUADRATURE_TOLERANCE, ratio=gap / QUADRATURE_TOLERANCE,
                       searched=len(QUADRATURE_ANGLES), ranges=ranges_of({"angle": "0..pi"}))


def monte_carlo_claim(config: RunConfig) -> CheckResult:
    """chizat-bach 2.2: the random-feature kernels converge to the limit like m^(-1/2) (measured)."""
    seed, widths = config.study_seed(0), grid("kernel-widths", config.depth)
    study = monte_carlo_study(seed, widths)
    slope = study["slope"]
    ok = abs(slope.value + 0.5) <= SLOPE_TOLERANCE
    detail = (f"RMS error of k_m vs k over m = {study['widths']}: {[round(e, 4) for e in study['rms_errors']]}; "
              f"log-log slope {slope.value:+.3f} +- {slope.error:.3f} (expected -1/2)")
    return CheckResult("measured", ok, detail, ref="Monte Carlo", slopes=(slope,), searched=len(widths) * TRIALS,
                       ranges=ranges_of({"m": span(widths), "trials per m": TRIALS, "seed": seed}))
