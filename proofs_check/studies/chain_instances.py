"""Shared numeric instances of the proof chains, and the alpha-measurements behind O(.) steps.

``model_case``: an over-parameterized SineTiltedLinear model (n = 2 outputs, p = 3
parameters) with h(w0) = 0 at w0 = 0, and a quadratic loss with minimizer y*. Its lazy
and tangent flows are computed once per alpha (cached, as read-only arrays) on [0, HORIZON].
The instances are fixed (no random draw), so they do not depend on the run's seed.

``biased_case``: f(w) = w - w^2/128 on R (ConcaveScalar(1, 1/64)), R(y) = y^2/2, w0 = -1. Every
hypothesis of chizat-bach's Theorem 3.2 holds (:func:`theorem_3_2_hypotheses`: L_Df = 1/64,
||f(w0)|| = 1.008 <= M = 2.06, and alpha > ||f*||/M = 0 for every alpha), while f(w0) != 0. The lazy
flow solves w' = -f'(w) f(w) whatever alpha, so it travels to the root w = 0: sup ||w - w0|| = 1.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from numeric.losses import StronglyConvexQuadratic
from numeric.models import ConcaveScalar, SineTiltedLinear
from numeric.parameter_flows import lazy_flow, lazy_velocity, tangent_flow, tangent_predictions
from symbolic import formula

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
def biased_case():
    """(model, loss, w0): f(w) = w - w^2/128, R(y) = y^2/2, w0 = -1 (see the module docstring)."""
    return ConcaveScalar(1.0, 1.0 / 64), StronglyConvexQuadratic([[1.0]], [0.0]), _read_only(np.array([-1.0]))


def theorem_3_2_hypotheses(model, loss, w0, alpha: float) -> dict[str, bool]:
    """Each hypothesis of chizat-bach Theorem 3.2 (smith 2.4 without h(w0) = 0) on an instance whose model has a
    certified ``lip_jacobian``: sigma_min > 0, ||f(w0)|| <= M (M = C0 derived in symbolic/), alpha > ||f*||/M."""
    singular = np.linalg.svd(np.atleast_2d(model.jacobian(w0)), compute_uv=False)
    level = float(formula("c0", "sigma_min kappa Df_norm lip_Df")(singular[-1], loss.nu / loss.mu, singular[0],
                                                                    model.lip_jacobian))
    return {"sigma_min > 0": bool(singular[-1] > 0), "||f(w0)|| <= M": bool(np.linalg.norm(model(w0)) <= level),
            "alpha > ||f*||/M": bool(alpha > np.linalg.norm(loss.y_star) / level)}


def biased_case_hypotheses(*alphas: float) -> dict[str, bool]:
    """Every hypothesis of chizat-bach Theorem 3.2 on the biased case, at each of ``alphas``, and the certified
    constants it relies on (f is exactly w - w^2/128: Df is 1/64-Lipschitz; R(y) = y^2/2 has mu = nu = 1)."""
    model, loss, w0 = biased_case()
    found = {f"{name} at alpha = {alpha:g}": holds for alpha in alphas
             for name, holds in theorem_3_2_hypotheses(model, loss, w0, alpha).items()}
    found["L_Df = 1/64 (f'' = -1/64)"] = model.lip_jacobian == 1.0 / 64
    found["R mu-strongly convex, nu-smooth (mu = nu = 1)"] = loss.mu == loss.nu == 1.0
    return found


def instance(case: str = "model"):
    """(model, loss, w0) of the named case: "model" (h(w0) = 0) or "biased" (f(w0) != 0)."""
    return model_case() if case == "model" else biased_case()


@lru_cache(maxsize=32)
def flows(alpha: float, case: str = "model", horizon: float = HORIZON):
    """(lazy path, tangent path) on the grid for the named case."""
    model, loss, w0 = instance(case)
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


def prediction_gap(alpha: float, horizon: float = HORIZON, case: str = "model") -> float:
    """sup_t ||alpha h(w(t)) - alpha T(wbar(t))||."""
    model, _, w0 = instance(case)
    _, w, w_bar = flows(alpha, case, horizon)
    return float(np.linalg.norm(alpha * model(w) - tangent_predictions(model, w0, alpha, w_bar), axis=1).max())


def parameter_gap(alpha: float, horizon: float = HORIZON, case: str = "model") -> float:
    """sup_t ||w(t) - wbar(t)||."""
    _, w, w_bar = flows(alpha, case, horizon)
    return float(np.linalg.norm(w - w_bar, axis=1).max())


def forcing_sup(alpha: float, case: str = "model") -> float:
    """K = sup_t ||(Sigma(w(t)) - Sigma(w0)) grad R(alpha h(w(t)))|| along the lazy flow."""
    model, loss, w0 = instance(case)
    _, w, _ = flows(alpha, case)
    jac, jac0 = model.jacobian(w), model.jacobian(w0)
    difference = jac @ np.swapaxes(jac, -1, -2) - jac0 @ jac0.T
    return float(np.linalg.norm(np.einsum("tij,tj->ti", difference, loss.grad(alpha * model(w))), axis=1).max())


def velocity_gap_integral(alpha: float, case: str = "model") -> float:
    """int_0^T ||w'(t) - wbar'(t)|| dt (trapezoid on the grid)."""
    model, loss, w0 = instance(case)
    ts, w, w_bar = flows(alpha, case)
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
