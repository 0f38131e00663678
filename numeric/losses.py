"""Strongly convex, smooth losses R on predictor space, with certified constants mu and nu.

Both Lemma 3.3 (chizat-bach; smith Lemma B.1) and the stability Lemma A.1 (smith Lemma
B.2) hold for any mu-strongly convex R with nu-Lipschitz gradient, so lazycheck checks
them on quadratics (where mu and nu are the exact extreme eigenvalues) and on a
non-quadratic family (where they are certified bounds on the Hessian).

All methods accept a batch: ``y`` of shape (..., n).
"""

from __future__ import annotations

import numpy as np

from numeric.validation import finite_array, positive_definite, positive_number

_Rng = np.random.Generator


def random_rotation(rng: _Rng, dim: int) -> np.ndarray:
    """A Haar-distributed orthogonal matrix (QR of a Gaussian matrix, signs fixed)."""
    gaussian = rng.standard_normal((dim, dim))
    q, r = np.linalg.qr(gaussian)
    return q * np.sign(np.diag(r))


def spectrum_with_ends(rng: _Rng, dim: int, mu: float, nu: float) -> np.ndarray:
    """dim eigenvalues in [mu, nu] with both ends attained (mu alone if dim == 1)."""
    if dim == 1:
        return np.array([mu])
    inner = rng.uniform(mu, nu, size=dim - 2)
    return np.sort(np.concatenate([[mu], inner, [nu]]))


class StronglyConvexQuadratic:
    """R(y) = (y - y*)^T H (y - y*) / 2 with H symmetric positive definite.

    ``mu`` and ``nu`` are the extreme eigenvalues of H (from its eigendecomposition,
    which the exact flows reuse).

    Raises
    ------
    ValueError
        If H is not symmetric positive definite, if H or y* contain NaN or inf, or if
        their shapes do not match.
    """

    kind = "quadratic"

    def __init__(self, H, y_star):
        self.H, self.eigenvalues, self.eigenvectors = positive_definite(H, "H")
        self.dim = self.H.shape[0]
        self.y_star = finite_array(y_star, "y_star", shape=(self.dim,))

    @classmethod
    def from_spectrum(cls, spectrum, rotation, y_star) -> StronglyConvexQuadratic:
        """H = rotation @ diag(spectrum) @ rotation.T; mu, nu are then min/max of spectrum."""
        spectrum = finite_array(spectrum, "spectrum", ndim=1)
        rotation = finite_array(rotation, "rotation", shape=(spectrum.size, spectrum.size))
        return cls(rotation @ np.diag(spectrum) @ rotation.T, y_star)

    @classmethod
    def random(cls, rng: _Rng, dim: int, mu: float, nu: float, y_scale: float = 1.0) -> StronglyConvexQuadratic:
        """A random quadratic with spectrum in [mu, nu], both ends attained, and random y*."""
        mu, nu = _checked_constants(mu, nu)
        spectrum = spectrum_with_ends(rng, dim, mu, nu)
        return cls.from_spectrum(spectrum, random_rotation(rng, dim), y_scale * rng.standard_normal(dim))

    @property
    def mu(self) -> float:
        """Strong-convexity constant: the smallest eigenvalue of H."""
        return float(self.eigenvalues[0])

    @property
    def nu(self) -> float:
        """Smoothness constant: the largest eigenvalue of H."""
        return float(self.eigenvalues[-1])

    def value(self, y) -> np.ndarray:
        z = np.asarray(y) - self.y_star
        return 0.5 * np.einsum("...i,ij,...j->...", z, self.H, z)

    def grad(self, y) -> np.ndarray:
        return (np.asarray(y) - self.y_star) @ self.H

    def hessian(self, y) -> np.ndarray:
        return np.broadcast_to(self.H, np.shape(y)[:-1] + self.H.shape)

    def grad_mp(self, y, mp):
        """grad R at a list of mpf (for the high-precision reference)."""
        H, y_star = _mp_constants(self, mp, lambda: (_mp_rows(self.H, mp), _mp_list(self.y_star, mp)))
        z = [a - b for a, b in zip(y, y_star)]
        return [mp.fdot(row, z) for row in H]

    def __repr__(self) -> str:
        return f"StronglyConvexQuadratic(H={self.H.tolist()!r}, y_star={self.y_star.tolist()!r})"


def log_cosh_gradient(H, y_star, directions, weights, y) -> np.ndarray:
    """grad R(y) = H z + sum_k c_k tanh(a_k . z) a_k, z = y - y*: one loss (H (n, n), y* (n,), directions (k, n),
    weights (k,)) at points y (..., n), or a stack of B losses (H (B, n, n), y* (B, n), directions (B, k, n),
    weights (B, k)) at one point each, y (B, n). A quadratic is the case of no terms (or terms of weight 0)."""
    z = np.asarray(y, dtype=float) - y_star
    pushes = np.tanh(np.einsum("...kj,...j->...k", directions, z)) * weights
    return np.einsum("...ij,...j->...i", H, z) + np.einsum("...k,...kj->...j", pushes, directions)


class LogCoshQuadratic:
    """A non-quadratic loss: R(y) = z^T H z/2 + sum_i c_i log cosh(a_i . z), z = y - y*.

    Its Hessian is H + sum_i c_i sech^2(a_i . z) a_i a_i^T, and 0 < sech^2 <= 1, so

    - ``mu`` = lambda_min(H) is a certified strong-convexity constant (the added terms
      are positive semi-definite; approached far from y*), and
    - ``nu`` = lambda_max(H + sum_i c_i a_i a_i^T) is a certified smoothness constant
      (attained at y* when the a_i's top direction aligns with H's).

    y* is the exact minimizer: grad R(y*) = 0 since tanh(0) = 0.
    """

    kind = "logcosh"

    def __init__(self, H, y_star, directions, weights):
        self.H, eigenvalues, _ = positive_definite(H, "H")
        self.dim = self.H.shape[0]
        self.y_star = finite_array(y_star, "y_star", shape=(self.dim,))
        self.directions = finite_array(directions, "directions", ndim=2)
        if self.directions.shape[1] != self.dim:
            raise ValueError(f"directions must have {self.dim} columns, got shape {self.directions.shape}")
        self.weights = finite_array(weights, "weights", shape=(self.directions.shape[0],))
        if np.any(self.weights < 0):
            raise ValueError("weights must be >= 0 (a negative weight breaks convexity)")
        upper = self.H + (self.directions.T * self.weights) @ self.directions
        self.mu = float(eigenvalues[0])
        self.nu = float(np.linalg.eigvalsh(upper)[-1])

    @classmethod
    def random(cls, rng: _Rng, dim: int, mu: float, nu: float, terms: int = 2) -> LogCoshQuadratic:
        """H with spectrum [mu, nu/2] and log-cosh terms adding at most nu/2 of curvature."""
        mu, nu = _checked_constants(mu, nu)
        base = StronglyConvexQuadratic.random(rng, dim, mu, max(mu, nu / 2))
        directions = rng.standard_normal((terms, dim))
        directions /= np.linalg.norm(directions, axis=1, keepdims=True)
        # base.nu is an eigenvalue of a rotated H: for nu = mu it may round above nu, and a weight -1e-16 is refused.
        weights = np.full(terms, max(nu - base.nu, 0.0) / terms)
        return cls(base.H, base.y_star, directions, weights)

    def _projections(self, y):
        return (np.asarray(y) - self.y_star) @ self.directions.T

    def value(self, y) -> np.ndarray:
        z = np.asarray(y) - self.y_star
        s = self._projections(y)
        log_cosh = np.logaddexp(s, -s) - np.log(2.0)
        return 0.5 * np.einsum("...i,ij,...j->...", z, self.H, z) + log_cosh @ self.weights

    def grad(self, y) -> np.ndarray:
        return log_cosh_gradient(self.H, self.y_star, self.directions, self.weights, y)

    def hessian(self, y) -> np.ndarray:
        sech2 = 1.0 / np.cosh(self._projections(y)) ** 2
        extra = np.einsum("...k,k,ki,kj->...ij", sech2, self.weights, self.directions, self.directions)
        return self.H + extra

    def grad_mp(self, y, mp):
        """grad R at a list of mpf (for the high-precision reference)."""
        H, y_star, directions, weights = _mp_constants(self, mp, lambda: (
            _mp_rows(self.H, mp), _mp_list(self.y_star, mp), _mp_rows(self.directions, mp),
            _mp_list(self.weights, mp)))
        z = [a - b for a, b in zip(y, y_star)]
        gradient = [mp.fdot(row, z) for row in H]
        for a, c in zip(directions, weights):
            push = c * mp.tanh(mp.fdot(a, z))
            gradient = [g + push * ai for g, ai in zip(gradient, a)]
        return gradient

    def __repr__(self) -> str:
        return (f"LogCoshQuadratic(H={self.H.tolist()!r}, y_star={self.y_star.tolist()!r}, "
                f"directions={self.directions.tolist()!r}, weights={self.weights.tolist()!r})")


def _checked_constants(mu, nu) -> tuple[float, float]:
    mu, nu = positive_number(mu, "mu"), positive_number(nu, "nu")
    if nu < mu:
        raise ValueError(f"nu must be >= mu, got mu={mu}, nu={nu}")
    return mu, nu


def _mp_list(array, mp) -> list:
    return [mp.mpf(float(v)) for v in np.ravel(array)]


def _mp_rows(matrix, mp) -> list[list]:
    return [_mp_list(row, mp) for row in matrix]


def _mp_constants(owner, mp, build):
    """Constants of ``owner`` converted to mpf once per working precision."""
    cache = owner.__dict__.setdefault("_mp_cache", {})
    if mp.prec not in cache:
        cache[mp.prec] = build()
    return cache[mp.prec]
