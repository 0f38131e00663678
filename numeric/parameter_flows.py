"""Gradient flows in parameter space: the lazy flow and the tangent flow.

chizat-bach (5)-(6), smith (3)-(4): with F_alpha(w) = R(alpha h(w))/alpha^2,

- lazy flow: w' = -(1/alpha) Dh(w)^T grad R(alpha h(w)),
- tangent flow: wbar' = -(1/alpha) Dh(w0)^T grad R(alpha T(wbar)), T(w) = h(w0) + Dh(w0)(w - w0).

Both use the adaptive Dormand-Prince integrator of :mod:`numeric.integrate`, in displacement
coordinates w - w0 (rtol 1e-10 relative to the displacement, atol 1e-12/alpha), and return a
:class:`numeric.flows.FlowResult` whose states are parameters.

:class:`ModelInducedMetric` is the metric Sigma(t) = Dh(w(t)) Dh(w(t))^T that a model's own lazy
flow induces in predictor space (a metric of Lemma 3.3, with the model's certified floor).
"""

from __future__ import annotations

import numpy as np

from numeric.batch import stacked_gradient
from numeric.flows import DEFAULT_ATOL, DEFAULT_RTOL, FlowResult
from numeric.integrate import dormand_prince
from numeric.metrics import Metric
from numeric.models import StackedSineTilted
from numeric.validation import finite_array, model_and_loss, positive_number, times, tolerances


def _displacement_tolerances(alpha: float, rtol, atol) -> tuple[float, float]:
    """(rtol, atol) on w - w0, checked: atol is DEFAULT_ATOL/alpha unless given, as the displacement scales like
    1/alpha."""
    rtol, atol = tolerances(rtol, atol)
    return rtol, DEFAULT_ATOL / alpha if atol is None else atol


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

    Raises
    ------
    ValueError
        If loss.dim differs from model.n_outputs, alpha or a tolerance is not a finite number > 0,
        w0 is not a finite vector of model.n_params entries, or ts are bad times.
    """
    model_and_loss(model, loss)
    alpha, ts = positive_number(alpha, "alpha"), times(ts)
    rtol, atol = _displacement_tolerances(alpha, rtol, atol)
    w0 = finite_array(w0, "w0", shape=(model.n_params,))

    def velocity(w):
        return -model.jacobian(w).T @ loss.grad(alpha * model(w)) / alpha

    return _integrate(velocity, w0, ts, rtol, atol)


def stacked_lazy_flow(vjp, gradient, alphas, w0s, ts, *, horizons=None, rtol: float = DEFAULT_RTOL) -> FlowResult:
    """The lazy flows w' = -(1/alpha_b) Dh_b(w)^T grad R_b(alpha_b h_b(w)) of B instances, integrated together.

    ``vjp(d)`` gives, at the displacements d = w - w0 (B, p), the predictions h(w) (B, n) and the pullback
    v -> Dh(w)^T v (the caller may evaluate its maps at d itself, centred at w0 = 0, to keep the rounding of w0 off
    a small displacement); ``gradient(y)`` is grad R_b at the rows of y (B, n). With ``horizons``, instance b runs
    in its own time t = s T_b and ``ts`` are the shared normalized times s in [0, 1]. Tolerances are
    :func:`lazy_flow`'s per instance (rtol on the displacement, atol DEFAULT_ATOL/alpha_b): a shared step is accepted
    only when every instance meets its own, so each trajectory is at least as accurate as its own ``lazy_flow``.
    Returns w (B, T, p) at ``ts`` (normalized when ``horizons`` is given).
    """
    alphas = np.array([positive_number(a, "alpha") for a in alphas])
    w0s, ts, rtol = finite_array(w0s, "w0s", ndim=2), times(ts), positive_number(rtol, "rtol")
    if len(w0s) != alphas.size:
        raise ValueError(f"w0s must have one row per alpha ({alphas.size}), got shape {w0s.shape}")
    speeds = np.ones_like(alphas) if horizons is None else np.array([positive_number(h, "horizons") for h in horizons])
    if speeds.size != alphas.size:
        raise ValueError(f"horizons must have one entry per alpha ({alphas.size}), got {speeds.size}")

    def velocity(s, d):  # d: displacements (p, B)
        return (speeds[:, None] * lazy_velocities(vjp, gradient, alphas, d.T)).T

    d, error, _ = dormand_prince(velocity, np.zeros(w0s.shape[::-1]), ts, rtol=rtol, atol=DEFAULT_ATOL / alphas)
    return FlowResult(ts, w0s[:, None, :] + np.transpose(d, (2, 0, 1)), error.T, "adaptive")


def lazy_velocities(vjp, gradient, alphas: np.ndarray, d: np.ndarray) -> np.ndarray:
    """-(1/alpha_b) Dh_b^T grad R_b(alpha_b h_b) at the displacements d (B, p), with :func:`stacked_lazy_flow`'s
    ``vjp`` and ``gradient``: (B, p)."""
    prediction, pullback = vjp(d)
    return -pullback(gradient(alphas[:, None] * prediction)) / alphas[:, None]


def _sine_parts(models, losses):
    """(vjp, gradient) of :func:`stacked_lazy_flow` for sine-tilted models of one shape from w0 = 0."""
    model, gradient = StackedSineTilted(models), stacked_gradient(losses)
    return model.vjp, lambda y: gradient(y.T).T


def batched_lazy_flow(models, losses, alphas, ts, *, rtol: float = DEFAULT_RTOL) -> FlowResult:
    """The lazy flows from w0 = 0 of B sine-tilted models of one shape (instance b: models[b], losses[b],
    alphas[b], as :func:`lazy_flow`), integrated together by :func:`stacked_lazy_flow`: w of shape (B, T, p)."""
    if not len(models) == len(losses) == len(alphas) or len(models) == 0:
        raise ValueError(f"batch sizes differ or are 0: {len(models)} models, {len(losses)} losses, {len(alphas)} alphas")
    for model, loss in zip(models, losses):
        model_and_loss(model, loss)
    vjp, gradient = _sine_parts(models, losses)
    return stacked_lazy_flow(vjp, gradient, alphas, np.zeros((len(models), models[0].n_params)), ts, rtol=rtol)


def batched_lazy_velocity(models, losses, alphas, w) -> np.ndarray:
    """w'(t) of the flows of :func:`batched_lazy_flow` at their states w (B, T, p): shape (B, T, p)."""
    vjp, gradient = _sine_parts(models, losses)
    alphas = np.asarray(alphas, dtype=float)
    return np.stack([lazy_velocities(vjp, gradient, alphas, w[:, k]) for k in range(w.shape[1])], axis=1)


def tangent_flow(model, loss, w0, alpha: float, ts, *, rtol: float = DEFAULT_RTOL,
                 atol: float | None = None) -> FlowResult:
    """wbar(ts) for the tangent model T(w) = h(w0) + Dh(w0)(w - w0); tolerances as in :func:`lazy_flow`."""
    model_and_loss(model, loss)
    alpha, ts = positive_number(alpha, "alpha"), times(ts)
    rtol, atol = _displacement_tolerances(alpha, rtol, atol)
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


class ModelInducedMetric(Metric):
    """Sigma(t) = Dh(w(t)) Dh(w(t))^T along the model's own lazy gradient flow.

    w(t) solves w' = -(1/alpha) Dh(w)^T grad R(alpha h(w)), w(0) = w0 (chizat-bach (6)). It
    is integrated once on a grid of PATH_POINTS times over [0, horizon] by the adaptive
    Dormand-Prince of :mod:`numeric.integrate` (rtol 1e-12) and interpolated between grid
    points by cubic Hermite polynomials built from the exact velocities (error O(h^4);
    5e-11 on the predictor in tests/test_numeric_metrics.py); after the horizon Sigma is
    held at its last value. The floor is the
    model's certified ``kernel_floor`` (see :class:`numeric.models.SineTiltedLinear`),
    which holds for every w, hence for this path. (scipy's DOP853 was used before and
    failed on initial points with subnormal entries.)
    ``y0 = alpha h(w0)`` is the predictor on which this metric is the model's own.
    """

    family = "model_induced"
    PATH_POINTS = 1001

    def __init__(self, model, loss, w0, alpha: float, horizon: float = 10.0):
        model_and_loss(model, loss)
        self.model, self.loss = model, loss
        self.alpha = positive_number(alpha, "alpha")
        self.horizon = positive_number(horizon, "horizon")
        self.w0 = finite_array(w0, "w0", shape=(model.n_params,))
        self.dim, self.lam = model.n_outputs, model.kernel_floor
        self.y0 = self.alpha * model(self.w0)
        self._grid = np.linspace(0.0, self.horizon, self.PATH_POINTS)
        self._path = lazy_flow(model, loss, self.w0, self.alpha, self._grid, rtol=1e-12, atol=1e-14).y
        self._velocity = lazy_velocity(model, loss, self.alpha, self._path)

    def parameters(self, t) -> np.ndarray:
        """w(t) by cubic Hermite interpolation (held at w(horizon) beyond the horizon)."""
        t = np.clip(np.asarray(t, dtype=float), 0.0, self.horizon)
        step = self._grid[1] - self._grid[0]
        index = np.minimum((t / step).astype(int), self.PATH_POINTS - 2)
        s = ((t - self._grid[index]) / step)[..., None]
        h00, h10, h01, h11 = 2 * s**3 - 3 * s**2 + 1, s**3 - 2 * s**2 + s, -2 * s**3 + 3 * s**2, s**3 - s**2
        return (h00 * self._path[index] + h10 * step * self._velocity[index]
                + h01 * self._path[index + 1] + h11 * step * self._velocity[index + 1])

    def __call__(self, t) -> np.ndarray:
        jac = self.model.jacobian(self.parameters(t))
        return jac @ np.swapaxes(jac, -1, -2)

    def _at(self, t: float) -> np.ndarray:
        return self(t)

    def __repr__(self) -> str:
        return (f"ModelInducedMetric({self.model!r}, {self.loss!r}, w0={self.w0.tolist()!r}, alpha={self.alpha!r}, "
                f"horizon={self.horizon!r})")
