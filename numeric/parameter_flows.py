"""Gradient flows in parameter space: the lazy flow and the tangent flow.

chizat-bach (5)-(6), smith (3)-(4): with F_alpha(w) = R(alpha h(w))/alpha^2,

- lazy flow: w' = -(1/alpha) Dh(w)^T grad R(alpha h(w)),
- tangent flow: wbar' = -(1/alpha) Dh(w0)^T grad R(alpha T(wbar)), T(w) = h(w0) + Dh(w0)(w - w0).

Both use the adaptive Dormand-Prince integrator of :mod:`numeric.integrate` and return
a :class:`numeric.flows.FlowResult` whose states are parameters.
"""

from __future__ import annotations

import numpy as np

from numeric.flows import DEFAULT_ATOL, DEFAULT_RTOL, FlowResult
from numeric.integrate import dormand_prince
from numeric.validation import finite_array, positive_number, times


def _integrate(velocity, w0, ts, rtol, atol) -> FlowResult:
    y, error, _ = dormand_prince(lambda t, w: velocity(w[:, 0])[:, None], np.asarray(w0, dtype=float)[:, None],
                                 ts, rtol=rtol, atol=atol)
    return FlowResult(ts, y[:, :, 0], error[:, 0], "adaptive")


def lazy_flow(model, loss, w0, alpha: float, ts, *, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL) -> FlowResult:
    """w(ts) for w' = -(1/alpha) Dh(w)^T grad R(alpha h(w)), w(0) = w0."""
    alpha, ts = positive_number(alpha, "alpha"), times(ts)
    w0 = finite_array(w0, "w0", shape=(model.n_params,))

    def velocity(w):
        return -model.jacobian(w).T @ loss.grad(alpha * model(w)) / alpha

    return _integrate(velocity, w0, ts, rtol, atol)


def tangent_flow(model, loss, w0, alpha: float, ts, *, rtol: float = DEFAULT_RTOL,
                 atol: float = DEFAULT_ATOL) -> FlowResult:
    """wbar(ts) for the tangent model T(w) = h(w0) + Dh(w0)(w - w0)."""
    alpha, ts = positive_number(alpha, "alpha"), times(ts)
    w0 = finite_array(w0, "w0", shape=(model.n_params,))
    jacobian, offset = model.jacobian(w0), model(w0)

    def velocity(w):
        return -jacobian.T @ loss.grad(alpha * (offset + jacobian @ (w - w0))) / alpha

    return _integrate(velocity, w0, ts, rtol, atol)


def lazy_velocity(model, loss, alpha: float, w: np.ndarray) -> np.ndarray:
    """w'(t) of the lazy flow at the states w (shape (T, p))."""
    return np.stack([-model.jacobian(v).T @ loss.grad(alpha * model(v)) / alpha for v in np.atleast_2d(w)])


def tangent_predictions(model, w0, alpha: float, w_bar: np.ndarray) -> np.ndarray:
    """alpha T(wbar(t)), the tangent model's predictions (shape (T, n))."""
    jacobian, offset = model.jacobian(w0), model(w0)
    return alpha * (offset + (np.atleast_2d(w_bar) - w0) @ jacobian.T)
