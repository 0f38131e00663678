"""Sparse regression after Woodworth et al. (smith Section 4): diagonal linear networks.

The model is beta(w) = u * u - v * v with w = (u, v) in R^{2d}, predicting X beta, trained by
gradient flow on L(w) = ||X beta(w) - y||^2 / (2n) from u = v = scale * 1 (so beta(w0) = 0).
It is 2-homogeneous: a large ``scale`` is the lazy regime, a small one the rich regime.
Its limits are compared with the minimum-l2 interpolator (pseudo-inverse) and the
minimum-l1 interpolator (a linear program: min sum(p + q) s.t. X(p - q) = y, p, q >= 0).
"""

from __future__ import annotations

import numpy as np

from numeric.integrate import dormand_prince
from numeric.validation import finite_array, positive_number


class DiagonalNetwork:
    """beta(w) = u*u - v*v as a model of the predictions X beta (n outputs, 2d parameters)."""

    def __init__(self, inputs):
        self.inputs = finite_array(inputs, "inputs", ndim=2)
        self.n_outputs, self.dim = self.inputs.shape
        self.n_params = 2 * self.dim

    def beta(self, w) -> np.ndarray:
        w = np.asarray(w, dtype=float)
        return w[..., : self.dim] ** 2 - w[..., self.dim:] ** 2

    def __call__(self, w) -> np.ndarray:
        return self.beta(w) @ self.inputs.T

    def jacobian(self, w) -> np.ndarray:
        w = np.asarray(w, dtype=float)
        return np.hstack([2 * self.inputs * w[: self.dim], -2 * self.inputs * w[self.dim:]])


def sparse_problem(rng: np.random.Generator, n: int = 20, d: int = 40, support: int = 3):
    """X ~ N(0, 1)^{n x d}, beta* = 1/sqrt(support) on the first ``support`` coordinates, y = X beta*."""
    inputs = rng.standard_normal((n, d))
    beta_star = np.zeros(d)
    beta_star[:support] = 1 / np.sqrt(support)
    return inputs, inputs @ beta_star, beta_star


def minimum_l2(inputs, targets) -> np.ndarray:
    return np.linalg.pinv(inputs) @ targets


def minimum_l1(inputs, targets) -> np.ndarray:
    from scipy.optimize import linprog

    n, d = inputs.shape
    result = linprog(np.ones(2 * d), A_eq=np.hstack([inputs, -inputs]), b_eq=targets, bounds=(0, None), method="highs")
    if not result.success:
        raise RuntimeError(f"linear program failed: {result.message}")
    return result.x[:d] - result.x[d:]


#: The flow is stopped when ||X beta - y|| <= INTERPOLATION_TOLERANCE ||y||. beta = u*u - v*v is only known to
#: about rtol |u|^2, so the residual cannot go much below rtol; 1e-6 pins the limit far more finely than the
#: distances (1e-3 and up) that are compared.
INTERPOLATION_TOLERANCE = 1e-6


def trained_beta(inputs, targets, scale: float, *, tolerance: float = INTERPOLATION_TOLERANCE,
                 max_time: float = 1e6) -> np.ndarray:
    """The limit of the gradient flow from u = v = scale * 1: integrate until ||X beta - y|| <= tolerance ||y||."""
    scale = positive_number(scale, "scale")
    model = DiagonalNetwork(inputs)
    n = len(targets)

    def rhs(t, w):
        residual = model(w[:, 0]) - targets
        return (-model.jacobian(w[:, 0]).T @ residual / n)[:, None]

    w, horizon = np.full(model.n_params, scale), 10.0
    while True:  # integrate in growing chunks until interpolation
        path, _, _ = dormand_prince(rhs, w[:, None], np.array([0.0, horizon]), rtol=1e-10, atol=1e-14 * scale)
        w = path[-1, :, 0]
        if np.linalg.norm(model(w) - targets) <= tolerance * np.linalg.norm(targets):
            return model.beta(w)
        if horizon > max_time:
            raise RuntimeError(f"no interpolation after t = {horizon:g} (scale {scale:g})")
        horizon *= 4
