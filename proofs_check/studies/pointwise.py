"""Pointwise ratios observed/bound behind the analytic proof steps: each is <= 1 when the step's
inequality holds at the instance (strong convexity, smoothness, Rayleigh quotients, operator norms,
Weyl's inequality, Taylor's theorem with a Lipschitz Jacobian)."""

from __future__ import annotations

import numpy as np


def suboptimality(loss, y):
    """Fbar(y) = F(y) - F(y*): a float at one point y (n,), an array at the rows of y (T, n)."""
    values = loss.value(y) - loss.value(loss.y_star)
    return float(values) if np.ndim(values) == 0 else values


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


def rayleigh_ratio(instance) -> float:
    """lam ||v||^2 / v^T Sigma(t) v  (<= 1 when Sigma(t) >= lam Id)."""
    metric, t, v = instance
    return float(metric.lam * (v @ v) / (v @ metric(t) @ v))


def operator_norm_ratio(instance) -> float:
    """||A^T v|| / (||A|| ||v||) for v = the first column of E, plus 1 (<= 1)."""
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
