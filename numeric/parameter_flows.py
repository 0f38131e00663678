"""Gradient flows in parameter space: the lazy flow and the tangent flow.

chizat-bach (5)-(6), smith (3)-(4): with F_alpha(w) = R(alpha h(w))/alpha^2,

- lazy flow: w' = -(1/alpha) Dh(w)^T grad R(alpha h(w)),
- tangent flow: wbar' = -(1/alpha) Dh(w0)^T grad R(alpha T(wbar)), T(w) = h(w0) + Dh(w0)(w - w0).

Both use the adaptive Dormand-Prince integrator of :mod:`numeric.integrate`, in displacement
coordinates w - w0 (rtol 1e-10 relative to the displacement, atol 1e-12/alpha), and return a
:class:`numeric.flows.FlowResult` whose states are parameters.
"""

from __future__ import annotations

import numpy as np

from numeric.flows import DEFAULT_ATOL, DEFAULT_RTOL, FlowResult
from numeric.integrate import dormand_prince
from numeric.validation import finite_array, positive_number, times


def _displacement_atol(alpha: float, atol: float | None) -> float:
    """The absolute tolerance on w - w0: DEFAULT_ATOL/alpha unless given, as the displacement scales like 1/alpha."""
    return DEFAULT_ATOL / alpha if atol is None else positive_number(atol, "atol")


def _integrate(velocity, w0, ts, rtol, atol) -> FlowResult:
    """Integrate w' = velocity(w) from w0 in displacement coordinates d = w - w0.

    The error is controlled relative to the displacement, which is O(1/alpha) in the lazy regime:
    relative to w itself, rtol would bound the error by rtol ||w0||, which swamps the O(1/alpha^2)
    gaps being measured once alpha is large (seen at alpha = 1000 with the doubling trick).
    """
    w0 = np.asarray(w0, dtype=float)
    d, error, _ = dormand_prince(lambda t, d: velocity(w0 + d[:, 0])[:, None], np.zeros((w0.size, 1)),
                                 ts, rtol=rtol, atol=atol)
    return FlowResult(ts, w0 + d[:, :, 0], error[:, 0], "adaptive")


def lazy_flow(model, loss, w0, alpha: float, ts, *, rtol: float = DEFAULT_RTOL, atol: float | None = None) -> FlowResult:
    """w(ts) for w' = -(1/alpha) Dh(w)^T grad R(alpha h(w)), w(0) = w0.

    The error is controlled on the displacement w - w0 (rtol relative to it; atol, by default
    DEFAULT_ATOL/alpha, absolute), since the displacement is O(1/alpha) in the lazy regime.
    """
    alpha, ts = positive_number(alpha, "alpha"), times(ts)
    atol = _displacement_atol(alpha, atol)
    w0 = finite_array(w0, "w0", shape=(model.n_params,))

    def velocity(w):
        return -model.jacobian(w).T @ loss.grad(alpha * model(w)) / alpha

    return _integrate(velocity, w0, ts, rtol, atol)


def tangent_flow(model, loss, w0, alpha: float, ts, *, rtol: float = DEFAULT_RTOL,
                 atol: float | None = None) -> FlowResult:
    """wbar(ts) for the tangent model T(w) = h(w0) + Dh(w0)(w - w0); tolerances as in :func:`lazy_flow`."""
    alpha, ts = positive_number(alpha, "alpha"), times(ts)
    atol = _displacement_atol(alpha, atol)
    w0 = finite_array(w0, "w0", shape=(model.n_params,))
    jacobian, offset = model.jacobian(w0), model(w0)

    def velocity(w):
        return -jacobian.T @ loss.grad(alpha * (offset + jacobian @ (w - w0))) / alpha

    return _integrate(velocity, w0, ts, rtol, atol)


def lazy_velocity(model, loss, alpha: float, w: np.ndarray) -> np.ndarray:
    """w'(t) of the lazy flow at the states w (shape (T, p))."""
    return np.stack([-model.jacobian(v).T @ loss.grad(alpha * model(v)) / alpha for v in np.atleast_2d(w)])


def lazy_objective_hessian(model, loss, alpha: float, w) -> np.ndarray:
    """The Hessian of F_alpha(w) = R(alpha h(w))/alpha^2 (chizat-bach Appendix B, Step 1):

    D^2 F_alpha(w) = Dh^T grad^2 R(alpha h) Dh + (1/alpha) sum_i d_i R(alpha h) D^2 h_i.

    The second term vanishes as alpha -> oo, which is why the rate of Theorem 3.4 does not depend on alpha.
    Needs ``model.hessian(w)`` of shape (n, p, p).
    """
    w = finite_array(w, "w", shape=(model.n_params,))
    jacobian, prediction = model.jacobian(w), alpha * model(w)
    return (jacobian.T @ loss.hessian(prediction) @ jacobian
            + np.einsum("i,ijk->jk", loss.grad(prediction), model.hessian(w)) / alpha)


def tangent_predictions(model, w0, alpha: float, w_bar: np.ndarray) -> np.ndarray:
    """alpha T(wbar(t)), the tangent model's predictions (shape (T, n))."""
    jacobian, offset = model.jacobian(w0), model(w0)
    return alpha * (offset + (np.atleast_2d(w_bar) - w0) @ jacobian.T)


#: Eigenvalues of Sigma(w0) = Df Df^T below -PSD_TOLERANCE * ||Sigma(w0)|| are an error, not rounding.
PSD_TOLERANCE = 1e-12


def tangent_flow_closed_form(model, targets, w0, alpha: float, ts, *, normalization: float | None = None
                             ) -> tuple[np.ndarray, np.ndarray]:
    """The tangent flow for R(y) = ||y - targets||^2 / (2 N), in closed form: (wbar(ts), ybar(ts)).

    N = ``normalization``, by default n (the mean squared error over the n outputs). With
    J = Dh(w0), Sigma0 = J J^T = V diag(lam) V^T and ybar = alpha T(wbar),
    ybar(t) = y* + V e^{-lam t/N} V^T (ybar(0) - y*) and
    wbar(t) = w0 - (1/alpha) J^T V diag(t phi(lam t/N)/N) V^T (ybar(0) - y*), phi(x) = (1 - e^{-x})/x.
    This is neural-tangents' gradient_descent_mse computation, with the loss normalization
    stated, and with Sigma0's positive semi-definiteness checked: a negative eigenvalue
    beyond rounding raises ValueError instead of being clipped.
    """
    alpha, ts = positive_number(alpha, "alpha"), times(ts)
    w0 = finite_array(w0, "w0", shape=(model.n_params,))
    targets = finite_array(targets, "targets", shape=(model.n_outputs,))
    jacobian = model.jacobian(w0)
    eigenvalues, basis = np.linalg.eigh(jacobian @ jacobian.T)
    floor = PSD_TOLERANCE * max(eigenvalues[-1], 1e-300)
    if eigenvalues[0] < -floor:
        raise ValueError(f"Sigma(w0) = Df Df^T has a negative eigenvalue {eigenvalues[0]:.3g}: not positive semi-definite")
    eigenvalues = np.where(np.abs(eigenvalues) <= floor, 0.0, eigenvalues)  # rounding-level zeros are zeros
    n = float(model.n_outputs if normalization is None else positive_number(normalization, "normalization"))
    start = basis.T @ (alpha * model(w0) - targets)
    rates = np.multiply.outer(ts, eigenvalues) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(rates > 0, -np.expm1(-rates) / np.where(rates > 0, rates, 1.0), 1.0)
    y_bar = targets + (np.exp(-rates) * start) @ basis.T
    w_bar = w0 - ((ts[:, None] * phi / n * start) @ basis.T) @ jacobian / alpha
    return w_bar, y_bar
