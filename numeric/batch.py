"""Stacked evaluation of many losses and metrics at once, for the batched flow.

Layout: the batch is the *last* axis. States are (n, B), matrices (n, n, B), so that
every batched product is an elementwise multiply and a sum over a short axis on
contiguous length-B rows, which numpy does about twice as fast as ``einsum`` on
(B, n, n) arrays.

A batch shares its time steps, so Sigma(t) is needed at one t for every instance. The
families whose parameters stack into arrays (quadratic losses; FloorPlusGram and
RotatingSpectrum metrics) are evaluated with vectorized numpy calls; any other mix
falls back to a loop over instances.

Quadratic losses under FloorPlusGram metrics make a linear flow whose matrix has three harmonics,
Sigma(t) H = (A0 + cos(2 omega t) A1 + sin(2 omega t) A2) H (:meth:`StackedFloorPlusGram.harmonics`):
:func:`stacked_rhs` precomputes the products A_k H once, so that each evaluation is two scaled sums into a
preallocated buffer and one matrix-vector product.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from numeric.losses import StronglyConvexQuadratic
from numeric.metrics import FloorPlusGram, RotatingSpectrum


def _same_family(items: Sequence, cls) -> bool:
    return all(type(item) is cls for item in items)


def _batch_last(arrays) -> np.ndarray:
    return np.ascontiguousarray(np.moveaxis(np.stack(arrays), 0, -1))


def stacked_gradient(losses: Sequence) -> Callable[[np.ndarray], np.ndarray]:
    """grad(Y) for Y of shape (n, B): column b is losses[b].grad(Y[:, b])."""
    if _same_family(losses, StronglyConvexQuadratic):
        hessians = _batch_last([loss.H for loss in losses])
        minimizers = _batch_last([loss.y_star for loss in losses])
        return lambda y: (hessians * (y - minimizers)[None, :, :]).sum(axis=1)
    return lambda y: np.stack([loss.grad(column) for loss, column in zip(losses, y.T)], axis=-1)


class StackedMetric:
    """Sigma(t) for a batch: ``sigma(t)`` of shape (n, n, B) and ``apply(t, v)`` = Sigma(t) v for v (n, B)."""

    def __init__(self, sigma: Callable[[float], np.ndarray]):
        self._sigma = sigma

    def __call__(self, t: float) -> np.ndarray:
        return self._sigma(t)

    def apply(self, t: float, v: np.ndarray) -> np.ndarray:
        return (self._sigma(t) * v[None, :, :]).sum(axis=1)


def stacked_metric(metrics: Sequence) -> StackedMetric:
    """The batch's metric: slice b is metrics[b](t)."""
    if _same_family(metrics, FloorPlusGram) and len({m.B0.shape for m in metrics}) == 1:
        return StackedFloorPlusGram(metrics)
    if _same_family(metrics, RotatingSpectrum):
        return StackedMetric(_stacked_rotating(metrics))
    return StackedMetric(lambda t: _batch_last([metric(t) for metric in metrics]))


def stacked_rhs(losses: Sequence, metrics: Sequence) -> Callable[[float, np.ndarray], np.ndarray]:
    """The batch's right-hand side y' = -Sigma(t) grad F(y), fused into one linear map when it is linear."""
    gradient, sigma = stacked_gradient(losses), stacked_metric(metrics)
    if isinstance(sigma, StackedFloorPlusGram) and _same_family(losses, StronglyConvexQuadratic):
        return _harmonic_rhs(sigma, losses)
    return lambda t, y: -sigma.apply(t, gradient(y))


def _harmonic_rhs(sigma: StackedFloorPlusGram, losses: Sequence) -> Callable[[float, np.ndarray], np.ndarray]:
    """-(A0 + cos(2 omega t) A1 + sin(2 omega t) A2) H (y - y*), with A_k H precomputed."""
    hessians = _batch_last([loss.H for loss in losses])
    constant, cosine, sine = (np.ascontiguousarray(np.einsum("ijb,jlb->ilb", part, hessians))
                              for part in sigma.harmonics())
    minimizers = _batch_last([loss.y_star for loss in losses])
    frequencies = 2 * sigma.omegas
    matrix, scratch = np.empty_like(constant), np.empty_like(constant)

    def linear(t: float, y: np.ndarray) -> np.ndarray:
        angle = frequencies * t
        np.multiply(cosine, np.cos(angle), out=matrix)
        np.add(matrix, constant, out=matrix)
        np.multiply(sine, np.sin(angle), out=scratch)
        np.add(matrix, scratch, out=matrix)
        np.multiply(matrix, (y - minimizers)[None, :, :], out=scratch)
        return -scratch.sum(axis=1)

    return linear


class StackedFloorPlusGram(StackedMetric):
    """lam Id + B(t) B(t)^T for a batch, applied as lam v + B (B^T v) without forming Sigma.

    With W = (B0, B1) stacked as (n, 2, r, B) and c = (cos(omega t), sin(omega t)),
    B(t) = c_0 B0 + c_1 B1, so B(t)^T v = sum_k c_k B_k^T v and B(t) u = sum_k c_k B_k u.
    """

    def __init__(self, metrics):
        self.lams = np.array([m.lam for m in metrics])
        self.factors = _batch_last([np.stack([m.B0, m.B1], axis=1) for m in metrics])  # (n, 2, r, B)
        self.omegas = np.array([m.omega for m in metrics])
        super().__init__(self._sigma_at)

    def _weights(self, t: float) -> np.ndarray:
        angle = self.omegas * t
        return np.stack([np.cos(angle), np.sin(angle)])[:, None, :]  # (2, 1, B)

    def harmonics(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(A0, A1, A2), each (n, n, B), with Sigma(t) = A0 + cos(2 omega t) A1 + sin(2 omega t) A2: from
        B(t) B(t)^T = c^2 B0 B0^T + c s (B0 B1^T + B1 B0^T) + s^2 B1 B1^T and the double-angle formulas."""
        b0, b1 = self.factors[:, 0], self.factors[:, 1]
        gram0, gram1 = np.einsum("irb,jrb->ijb", b0, b0), np.einsum("irb,jrb->ijb", b1, b1)
        cross = np.einsum("irb,jrb->ijb", b0, b1)
        floor = self.lams * np.eye(b0.shape[0])[:, :, None]
        return floor + (gram0 + gram1) / 2, (gram0 - gram1) / 2, (cross + cross.transpose(1, 0, 2)) / 2

    def _sigma_at(self, t: float) -> np.ndarray:
        factor = (self.factors * self._weights(t)).sum(axis=1)  # B(t), (n, r, B)
        gram = (factor[:, None, :, :] * factor[None, :, :, :]).sum(axis=2)
        return gram + self.lams * np.eye(self.factors.shape[0])[:, :, None]

    def apply(self, t: float, v: np.ndarray) -> np.ndarray:
        weights = self._weights(t)
        inner = ((self.factors * v[:, None, None, :]).sum(axis=0) * weights).sum(axis=0)  # B(t)^T v, (r, B)
        return self.lams * v + (self.factors * (weights * inner)).sum(axis=(1, 2))


def _stacked_rotating(metrics) -> Callable[[float], np.ndarray]:
    bases = np.stack([m._basis for m in metrics])
    omegas = np.stack([m._omega for m in metrics])
    spectra = np.stack([m.spectrum for m in metrics])

    def sigma(t: float) -> np.ndarray:
        rotation = ((bases * np.exp(-1j * omegas * t)[:, None, :]) @ bases.conj().transpose(0, 2, 1)).real
        return np.ascontiguousarray(np.moveaxis((rotation * spectra[:, None, :]) @ rotation.transpose(0, 2, 1), 0, -1))

    return sigma
