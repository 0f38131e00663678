"""Checks of chizat-bach's tangent and limit kernels (Section 2.2, eq. (4), Figure 4).

The closed forms are lambdified from the derivations ``relu_kernel_a`` and
``relu_kernel_b`` of symbolic/; numeric/ supplies random-feature kernels and quadratures.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from numeric.kernels import gaussian_kernels_by_quadrature, random_feature_kernels
from numeric.networks import TwoLayerNetwork
from proofs_check import sweeps
from symbolic import derive
from symbolic.symbols import symbols

#: Angles at which the closed forms are compared with the quadrature.
QUADRATURE_ANGLES = (0.0, 0.4, 1.0, np.pi / 2, 2.2, 3.0, np.pi)
#: Trials per width of the Monte-Carlo study (widths: the sweep grid "kernel-widths"), and the tolerance on
#: the fitted slope -1/2.
TRIALS, SLOPE_TOLERANCE = 24, 0.15


def limit_kernels(angles, dim: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """k^(a), k^(b) for unit inputs at the angles, E(b^2) = 1, E||a||^2 = dim (N(0, 1) weights)."""
    phi, x_norm, xp_norm, dot, d, E_b2, E_a2 = symbols("phi x_norm xp_norm dot d E_b2 E_a2")
    angles = np.asarray(angles, dtype=float)
    k_a = sp.lambdify((phi, dot, E_b2), derive("relu_kernel_a").expression, "numpy")
    k_b = sp.lambdify((phi, x_norm, xp_norm, d, E_a2), derive("relu_kernel_b").expression, "numpy")
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


def monte_carlo_study(seed: int = 0, angles=np.linspace(0.0, np.pi, 9), widths: tuple | None = None) -> dict:
    """RMS error of k_m = k_m^(a) + k_m^(b) against k over ``widths`` (default: the sweep grid "kernel-widths");
    the fitted log-log slope and its standard error."""
    widths = sweeps.grid("kernel-widths") if widths is None else widths
    rng = np.random.default_rng(seed)
    limit = sum(limit_kernels(angles))
    errors = []
    for width in widths:
        squared = [np.mean((sum(random_feature_kernels(rng, width, angles)) - limit) ** 2) for _ in range(TRIALS)]
        errors.append(float(np.sqrt(np.mean(squared))))
    log_widths = np.log(widths)
    slope, intercept = np.polyfit(log_widths, np.log(errors), 1)
    residual = np.log(errors) - (slope * log_widths + intercept)
    slope_error = float(np.sqrt(np.sum(residual**2) / (len(widths) - 2) / np.sum((log_widths - log_widths.mean()) ** 2)))
    return {"widths": list(widths), "rms_errors": errors, "slope": float(slope), "slope_error": slope_error}


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
