"""Exact flows of many quadratic losses under piecewise-constant metrics at once.

For F(y) = (y - y*)^T H (y - y*)/2 and Sigma(t) = sigmas[k] on [starts[k], starts[k+1]) (the last piece holds
after), the error e = y - y* solves e' = -Sigma(t) H e. With z = H^{1/2} e this is z' = -S_k z, where
S_k = H^{1/2} sigmas[k] H^{1/2} is symmetric positive definite; so z(t) = Q_k exp(-Lambda_k (t - starts[k]))
Q_k^T z(starts[k]) from the eigendecomposition S_k = Q_k Lambda_k Q_k^T. Every operation is batched over the
instances (numpy's batched ``eigh`` on (B, n, n) arrays); the result is exact up to the rounding of ``eigh`` (a few
machine epsilons relative to the state), with no integrator error.

Layout: the batch is the *first* axis here: hessians (B, n, n), minimizers (B, n), starts (B, P), sigmas
(B, P, n, n), initial points (B, n), times (B, T).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class QuadraticPiecewiseBatch:
    """B instances (quadratic loss, piecewise-constant metric, initial point) of one dimension n."""

    hessians: np.ndarray
    minimizers: np.ndarray
    starts: np.ndarray
    sigmas: np.ndarray
    y0: np.ndarray

    def __post_init__(self):
        size, dim = self.minimizers.shape
        shapes = {"hessians": (size, dim, dim), "y0": (size, dim), "starts": (size, self.pieces),
                  "sigmas": (size, self.pieces, dim, dim)}
        for name, shape in shapes.items():
            if getattr(self, name).shape != shape:
                raise ValueError(f"{name} has shape {getattr(self, name).shape}, expected {shape}")
        if np.any(self.starts[:, 0] != 0) or np.any(np.diff(self.starts, axis=1) <= 0):
            raise ValueError("starts must begin at 0 and increase strictly")

    @property
    def size(self) -> int:
        return self.minimizers.shape[0]

    @property
    def dim(self) -> int:
        return self.minimizers.shape[1]

    @property
    def pieces(self) -> int:
        return self.starts.shape[1]

    def hessian_spectrum(self) -> np.ndarray:
        """The eigenvalues of each H, ascending: (B, n); mu = [:, 0], nu = [:, -1]."""
        return np.linalg.eigvalsh(self.hessians)

    def floors(self) -> np.ndarray:
        """lam of each metric: the smallest eigenvalue over its pieces, (B,)."""
        return np.linalg.eigvalsh(self.sigmas)[..., 0].min(axis=1)

    def frozen(self) -> QuadraticPiecewiseBatch:
        """The same instances under the metric frozen at t = 0 (Sigma(t) = Sigma(0)): the tangent flow."""
        return QuadraticPiecewiseBatch(self.hessians, self.minimizers, self.starts[:, :1], self.sigmas[:, :1],
                                       self.y0)

    def piece_index(self, times: np.ndarray) -> np.ndarray:
        """k with starts[k] <= t < starts[k+1], per instance: (B, T)."""
        return (times[:, :, None] >= self.starts[:, None, :]).sum(axis=-1) - 1

    def sigma_at(self, times: np.ndarray) -> np.ndarray:
        """Sigma(t) at each instance's times: (B, T, n, n)."""
        index = self.piece_index(times)
        return self.sigmas[np.arange(self.size)[:, None], index]


def _sqrt_and_inverse(hessians: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    values, vectors = np.linalg.eigh(hessians)
    root = np.sqrt(values)
    transposed = np.swapaxes(vectors, -1, -2)
    return (vectors * root[:, None, :]) @ transposed, (vectors / root[:, None, :]) @ transposed


def errors(batch: QuadraticPiecewiseBatch, times: np.ndarray) -> np.ndarray:
    """y(t) - y* at each instance's times (B, T), exactly: (B, T, n)."""
    root, inverse_root = _sqrt_and_inverse(batch.hessians)
    symmetric = root[:, None] @ batch.sigmas @ root[:, None]  # S_k, (B, P, n, n)
    rates, bases = np.linalg.eigh(symmetric)
    z = np.einsum("bij,bj->bi", root, batch.y0 - batch.minimizers)
    index = batch.piece_index(times)
    out = np.zeros(times.shape + (batch.dim,))
    for k in range(batch.pieces):
        coefficients = np.einsum("bji,bj->bi", bases[:, k], z)  # Q_k^T z(starts[k])
        elapsed = np.maximum(times - batch.starts[:, k:k + 1], 0.0)  # (B, T)
        decayed = np.exp(-rates[:, k, None, :] * elapsed[:, :, None]) * coefficients[:, None, :]
        here = np.einsum("bij,btj->bti", bases[:, k], decayed)
        out = np.where((index == k)[:, :, None], here, out)
        if k + 1 < batch.pieces:
            duration = (batch.starts[:, k + 1] - batch.starts[:, k])[:, None]
            z = np.einsum("bij,bj->bi", bases[:, k], np.exp(-rates[:, k] * duration) * coefficients)
    return np.einsum("bij,btj->bti", inverse_root, out)
