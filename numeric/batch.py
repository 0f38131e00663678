"""Stacked evaluation of many losses and metrics at once, for the batched flow.

A batch shares its time steps, so Sigma(t) is needed at one t for every instance. The
families whose parameters stack into arrays (quadratic losses; FloorPlusGram and
RotatingSpectrum metrics) are evaluated with one vectorized numpy call; any other mix
falls back to a loop over instances.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from numeric.losses import StronglyConvexQuadratic
from numeric.metrics import FloorPlusGram, RotatingSpectrum


def _same_family(items: Sequence, cls) -> bool:
    return all(type(item) is cls for item in items)


def stacked_gradient(losses: Sequence) -> Callable[[np.ndarray], np.ndarray]:
    """grad(Y) for Y of shape (B, n): row b is losses[b].grad(Y[b])."""
    if _same_family(losses, StronglyConvexQuadratic):
        hessians = np.stack([loss.H for loss in losses])
        minimizers = np.stack([loss.y_star for loss in losses])
        return lambda y: np.einsum("bij,bj->bi", hessians, y - minimizers)
    return lambda y: np.stack([loss.grad(row) for loss, row in zip(losses, y)])


def stacked_metric(metrics: Sequence) -> Callable[[float], np.ndarray]:
    """sigma(t) of shape (B, n, n): entry b is metrics[b](t)."""
    if _same_family(metrics, FloorPlusGram) and len({m.B0.shape for m in metrics}) == 1:
        return _stacked_floor_plus_gram(metrics)
    if _same_family(metrics, RotatingSpectrum):
        return _stacked_rotating(metrics)
    return lambda t: np.stack([metric(t) for metric in metrics])


def _stacked_floor_plus_gram(metrics) -> Callable[[float], np.ndarray]:
    lams = np.array([m.lam for m in metrics])[:, None, None]
    b0, b1 = np.stack([m.B0 for m in metrics]), np.stack([m.B1 for m in metrics])
    omegas = np.array([m.omega for m in metrics])[:, None, None]
    identity = np.eye(metrics[0].dim)

    def sigma(t: float) -> np.ndarray:
        factor = b0 * np.cos(omegas * t) + b1 * np.sin(omegas * t)
        return lams * identity + factor @ factor.transpose(0, 2, 1)

    return sigma


def _stacked_rotating(metrics) -> Callable[[float], np.ndarray]:
    bases = np.stack([m._basis for m in metrics])
    omegas = np.stack([m._omega for m in metrics])
    spectra = np.stack([m.spectrum for m in metrics])

    def sigma(t: float) -> np.ndarray:
        rotation = ((bases * np.exp(-1j * omegas * t)[:, None, :]) @ bases.conj().transpose(0, 2, 1)).real
        return (rotation * spectra[:, None, :]) @ rotation.transpose(0, 2, 1)

    return sigma
