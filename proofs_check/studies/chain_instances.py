"""Shared numeric instances of the proof chains, and the alpha-measurements behind O(.) steps.

``model_case``: an over-parameterized SineTiltedLinear model (n = 2 outputs, p = 3
parameters) with h(w0) = 0 at w0 = 0, and a quadratic loss with minimizer y*. Its lazy
and tangent flows are computed once per alpha (cached, as read-only arrays) on [0, HORIZON].
The instances are fixed (no random draw), so they do not depend on the run's seed.

``biased_linear_case``: f(w) = w on R, R(y) = y^2/2, w0 = 1. Here L_Df = 0, so M = +oo
and every hypothesis of chizat-bach's Theorem 3.2 holds, while f(w0) = 1 != 0. The lazy
flow is w(t) = e^{-t} for every alpha.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from numeric.losses import StronglyConvexQuadratic
from numeric.models import SineTiltedLinear
from numeric.models import ConcaveScalar
from numeric.parameter_flows import lazy_flow, lazy_velocity, tangent_flow, tangent_predictions
from symbolic import derive, formula

HORIZON = 30.0
GRID = np.linspace(0.0, HORIZON, 601)
FINITE_HORIZON = 5.0


@lru_cache(maxsize=1)
def model_case():
    """(model, loss, w0) with h(w0) = 0 and a genuine quadratic term at w0 (phase != 0)."""
    model = SineTiltedLinear([[1.2, 0.0, 0.3], [0.0, 0.9, -0.4]], [[0.8, -0.5, 0.3], [0.2, 0.6, -0.7]], 0.3,
                             phase=[0.7, -1.1])
    loss = StronglyConvexQuadratic([[1.5, 0.3], [0.3, 0.8]], [1.0, -0.5])
    return model, loss, _read_only(np.zeros(3))


@lru_cache(maxsize=1)
def biased_linear_case():
    model = SineTiltedLinear([[1.0]], [[0.0]], 0.0)
    return model, StronglyConvexQuadratic([[1.0]], [0.0]), _read_only(np.array([1.0]))


@lru_cache(maxsize=32)
def flows(alpha: float, case: str = "model", horizon: float = HORIZON):
    """(lazy path, tangent path) on the grid for the named case."""
    model, loss, w0 = model_case() if case == "model" else biased_linear_case()
    ts = GRID if horizon == HORIZON else np.linspace(0.0, horizon, 401)
    return tuple(_read_only(path) for path in (ts, lazy_flow(model, loss, w0, alpha, ts).y,
                                               tangent_flow(model, loss, w0, alpha, ts).y))


def _read_only(array: np.ndarray) -> np.ndarray:
    array = np.array(array)
    array.flags.writeable = False
    return array


def displacement(alpha: float, case: str = "model", horizon: float = HORIZON) -> float:
    """sup_t ||w(t) - w0||."""
    _, w, _ = flows(alpha, case, horizon)
    return float(np.linalg.norm(w - w[0], axis=1).max())


def prediction_gap(alpha: float, horizon: float = HORIZON) -> float:
    """sup_t ||alpha h(w(t)) - alpha T(wbar(t))||."""
    model, _, w0 = model_case()
    _, w, w_bar = flows(alpha, "model", horizon)
    return float(np.linalg.norm(alpha * model(w) - tangent_predictions(model, w0, alpha, w_bar), axis=1).max())


def parameter_gap(alpha: float, horizon: float = HORIZON) -> float:
    """sup_t ||w(t) - wbar(t)||."""
    _, w, w_bar = flows(alpha, "model", horizon)
    return float(np.linalg.norm(w - w_bar, axis=1).max())


def forcing_sup(alpha: float) -> float:
    """K = sup_t ||(Sigma(w(t)) - Sigma(w0)) grad R(alpha h(w(t)))|| along the lazy flow."""
    model, loss, w0 = model_case()
    _, w, _ = flows(alpha)
    jac, jac0 = model.jacobian(w), model.jacobian(w0)
    difference = jac @ np.swapaxes(jac, -1, -2) - jac0 @ jac0.T
    return float(np.linalg.norm(np.einsum("tij,tj->ti", difference, loss.grad(alpha * model(w))), axis=1).max())


def velocity_gap_integral(alpha: float) -> float:
    """int_0^T ||w'(t) - wbar'(t)|| dt (trapezoid on the grid)."""
    model, loss, w0 = model_case()
    ts, w, w_bar = flows(alpha)
    lazy = lazy_velocity(model, loss, alpha, w)
    jac0 = model.jacobian(w0)
    tangent = -np.stack([jac0.T @ loss.grad(p) for p in tangent_predictions(model, w0, alpha, w_bar)]) / alpha
    return float(np.trapezoid(np.linalg.norm(lazy - tangent, axis=1), ts))


def energy_bound_ratio(alpha: float, horizon: float = FINITE_HORIZON) -> float:
    """sup_{t<=T} ||w(t) - w0|| / energy_bound (smith Theorem 2.2, first bound, derived in symbolic/)."""
    model, loss, w0 = model_case()
    bound = formula("energy_bound", "T R0 alpha")(horizon, loss.value(alpha * model(w0)), alpha)
    return displacement(alpha, "model", horizon) / bound


def gradient_gap_integral(alpha: float) -> float:
    """int_0^T ||grad R(y(t)) - grad R(ybar(t))|| dt with y = alpha h(w), ybar = alpha T(wbar)."""
    model, loss, w0 = model_case()
    ts, w, w_bar = flows(alpha)
    gap = loss.grad(alpha * model(w)) - loss.grad(tangent_predictions(model, w0, alpha, w_bar))
    return float(np.trapezoid(np.linalg.norm(gap, axis=1), ts))


def velocity_gap_sup(alpha: float, horizon: float = FINITE_HORIZON) -> float:
    """sup_{t<=T} ||w'(t) - wbar'(t)||."""
    model, loss, w0 = model_case()
    _, w, w_bar = flows(alpha, "model", horizon)
    lazy = lazy_velocity(model, loss, alpha, w)
    jac0 = model.jacobian(w0)
    tangent = -np.stack([jac0.T @ loss.grad(p) for p in tangent_predictions(model, w0, alpha, w_bar)]) / alpha
    return float(np.linalg.norm(lazy - tangent, axis=1).max())


def gradient_sup(alpha: float, horizon: float = FINITE_HORIZON) -> float:
    """sup_{t<=T} ||grad R(alpha h(w(t)))||."""
    model, loss, _ = model_case()
    _, w, _ = flows(alpha, "model", horizon)
    return float(np.linalg.norm(loss.grad(alpha * model(w)), axis=1).max())


def k_bound_ratio(alpha: float) -> float:
    """K / (2 nu Lip(h) Lip(Dh) sup||w - w0|| sup||y - y*||): smith's bound on K in Theorem 2.4."""
    model, loss, w0 = model_case()
    _, w, _ = flows(alpha)
    lip_h = np.linalg.norm(model.J0, 2) + model.eps * np.linalg.norm(model.C, 2)  # sup ||Dh|| over R^p
    distance = np.linalg.norm(alpha * model(w) - loss.y_star, axis=1).max()
    return forcing_sup(alpha) / (2 * loss.nu * lip_h * model.lip_jacobian * displacement(alpha) * distance)


def smith_stated_floor() -> float:
    """The kernel floor c that smith states in the proof of Theorem 2.4 (3/4), as transcribed in symbolic/."""
    (statement,) = [s for s in derive("kernel_floor").statements if s.text == "smith"]
    return float(statement.expression)


def rate_three_quarters_witness() -> float:
    """max_t ||y(t) - y*|| / (sqrt(kappa) d0 exp(-c m sigma^2 t)) with smith's c = 3/4, on the ConcaveScalar model.

    f(w) = sigma w - L w^2/2 with sigma = L = 1, alpha = 1, R(y) = (y - y*)^2/2 (kappa = 1),
    y* = f(0.9 r0): the flow settles at w = 0.9 r0, inside the ball, where the kernel is
    f'(w)^2 = 0.3025 sigma^2 < 3 sigma^2/4, so the predictor decays more slowly than smith's rate.
    """
    model = ConcaveScalar(1.0, 1.0)
    target = float(model(0.9 * formula("r0", "sigma_min lip_Df")(1.0, 1.0)))
    loss = StronglyConvexQuadratic([[1.0]], [target])
    ts = np.linspace(0.0, 40.0, 401)
    w = lazy_flow(model, loss, np.array([0.0]), 1.0, ts).y
    gap = np.abs(model(w[:, 0]) - target)
    bound = formula("lazy_convergence_bound", "t kappa d0 mu sigma_min c", specialized=False)
    return float(np.max(gap / bound(ts, 1.0, gap[0], 1.0, 1.0, smith_stated_floor())))
