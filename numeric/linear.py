"""Exact flows of the linear ODE z' = -Sigma H z for constant Sigma, H (closed form).

With S = Sigma^{1/2} and the eigendecomposition S H S = V diag(w) V^T (symmetric,
positive definite), Sigma H = S (S H S) S^{-1}, hence

.. math::  z(t) = S V e^{-t\\,\\mathrm{diag}(w)} V^\\top S^{-1} z(0).

This is the exact flow of y' = -Sigma grad R(y) for a quadratic R with Hessian H and
z = y - y*. Its floating-point error is a few ulps times cond(S).
"""

from __future__ import annotations

import numpy as np

_EPS = np.finfo(float).eps


def sqrtm_spd(sigma: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """(Sigma^{1/2}, Sigma^{-1/2}, cond(Sigma^{1/2})) of a symmetric positive-definite Sigma."""
    eigenvalues, eigenvectors = np.linalg.eigh(sigma)
    if eigenvalues[0] <= 0:
        raise ValueError(f"Sigma is not positive definite (smallest eigenvalue {eigenvalues[0]:.3g})")
    root = np.sqrt(eigenvalues)
    return (eigenvectors * root) @ eigenvectors.T, (eigenvectors / root) @ eigenvectors.T, float(root[-1] / root[0])


class ConstantMetricFlow:
    """The exact flow z -> exp(-t Sigma H) z for constant symmetric positive-definite Sigma and H."""

    def __init__(self, sigma: np.ndarray, hessian: np.ndarray):
        root, inverse_root, self.condition = sqrtm_spd(sigma)
        self.rates, eigenvectors = np.linalg.eigh(root @ hessian @ root)
        self._left = root @ eigenvectors
        self._right = eigenvectors.T @ inverse_root

    def __call__(self, z0: np.ndarray, t) -> np.ndarray:
        """z(t) for a scalar t (shape (n,)) or an array of times (shape (len(t), n))."""
        coefficients = self._right @ z0
        decay = np.exp(-np.multiply.outer(np.asarray(t, dtype=float), self.rates))
        return (decay * coefficients) @ self._left.T

    def rounding_error(self, norm_z0: float) -> float:
        """A bound on the floating-point error of one evaluation, in the 2-norm."""
        dim = self.rates.size
        return 8 * dim * _EPS * (1 + self.condition) * norm_z0
