"""Flows y' = -Sigma(t) grad R(y) in predictor space, and the stability pair (y, ybar).

How they compute:

- **exact** when the loss is quadratic and Sigma is constant or piecewise constant:
  on each piece the flow is the closed form of :mod:`numeric.linear`
  (eigendecompositions, no time stepping); the error is rounding only;
- **adaptive** otherwise: the batched Dormand-Prince 5(4) of :mod:`numeric.integrate`
  (a batch of one for a single instance), with its accumulated local error estimate; it
  raises :class:`IntegrationError` rather than return a trajectory that misses the
  tolerance. (scipy's DOP853 was tried for single instances and rejected: on these
  stiff-ish flows it returned errors of 1e-6 at rtol = 1e-10, and a two-tolerance
  estimate of its error was unsound near the rounding floor.)

``solve`` returns a :class:`FlowResult` (trajectory, error estimate, method);
``predictor_flow`` and ``stability_pair`` return arrays, as the public API promises.
``batched_flow`` evaluates many instances at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from numeric.batch import stacked_rhs
from numeric.integrate import IntegrationError, dormand_prince
from numeric.linear import ConstantMetricFlow
from numeric.losses import StronglyConvexQuadratic
from numeric.metrics import ConstantMetric
from numeric.validation import flow_instance, times, tolerances

#: Default tolerances of the adaptive path.
DEFAULT_RTOL = 1e-10
DEFAULT_ATOL = 1e-12

__all__ = ["FlowResult", "IntegrationError", "solve", "predictor_flow", "stability_pair", "batched_flow",
           "frozen_metric", "DEFAULT_RTOL", "DEFAULT_ATOL"]


@dataclass(frozen=True)
class FlowResult:
    """A computed trajectory with its error estimate.

    Attributes
    ----------
    ts
        Output times, shape (T,).
    y
        States, shape (T, n), or (B, T, n) for a batch.
    error
        Estimated 2-norm error of each state, shape (T,) or (B, T).
    method
        ``"exact"`` or ``"adaptive"``.
    """

    ts: np.ndarray
    y: np.ndarray
    error: np.ndarray
    method: str


def _check_instance(loss, metric, y0) -> np.ndarray:
    return flow_instance(loss, metric, y0)


def _is_exact(loss, metric, horizon: float) -> bool:
    return isinstance(loss, StronglyConvexQuadratic) and metric.pieces(horizon) is not None


def _exact(loss: StronglyConvexQuadratic, metric, y0: np.ndarray, ts: np.ndarray) -> FlowResult:
    pieces = metric.pieces(float(ts[-1]))
    starts = [start for start, _ in pieces] + [np.inf]
    z, rounding = y0 - loss.y_star, 0.0
    out, error = np.empty((ts.size, loss.dim)), np.empty(ts.size)
    for (start, sigma), end in zip(pieces, starts[1:]):
        flow = ConstantMetricFlow(sigma, loss.H)
        inside = (ts >= start) & (ts < end)
        out[inside] = flow(z, ts[inside] - start)
        rounding += flow.rounding_error(np.linalg.norm(z))
        error[inside] = rounding
        if np.isfinite(end) and end <= ts[-1]:
            z = flow(z, end - start)
    out += loss.y_star
    out[ts == 0] = y0  # the flow at t = 0 is the identity, exactly
    return FlowResult(ts, out, error, "exact")


def solve(loss, metric, y0, ts, *, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL) -> FlowResult:
    """Solve y' = -Sigma(t) grad R(y), y(0) = y0, at the times ``ts`` (starting at 0).

    Raises
    ------
    ValueError
        For a loss or metric without the attributes the flow uses, mismatched dimensions,
        NaN/inf input, bad times, rtol not a finite number > 0 or atol not a finite number >= 0.
    IntegrationError
        If the adaptive path cannot meet ``rtol``/``atol``.
    """
    y0 = _check_instance(loss, metric, y0)
    ts = _from_zero(times(ts))
    rtol, atol = tolerances(rtol, atol)
    if _is_exact(loss, metric, float(ts[-1])):
        return _exact(loss, metric, y0, ts)
    batch = batched_flow([loss], [metric], y0[None], ts, rtol=rtol, atol=atol)
    return FlowResult(ts, batch.y[0], batch.error[0], batch.method)


def _from_zero(ts: np.ndarray) -> np.ndarray:
    if ts[0] != 0:
        raise ValueError("ts must start at 0 (the initial time of the flow)")
    return ts


def predictor_flow(loss, metric, y0, ts, **tolerances) -> np.ndarray:
    """y(ts) for y' = -Sigma(t) grad R(y), y(0) = y0: an array of shape (len(ts), n)."""
    return solve(loss, metric, y0, ts, **tolerances).y


def frozen_metric(metric) -> ConstantMetric:
    """The metric frozen at t = 0, Sigma(0): the metric of the tangent flow ybar."""
    return ConstantMetric(metric(0.0), lam=metric.lam)


def stability_pair(loss, metric, y0, ts, **tolerances) -> tuple[np.ndarray, np.ndarray]:
    """(y, ybar) with y' = -Sigma(t) grad R(y) and ybar' = -Sigma(0) grad R(ybar), same y0.

    These are the two paths of Lemma A.1 (chizat-bach; smith Lemma B.2).
    """
    return (predictor_flow(loss, metric, y0, ts, **tolerances),
            predictor_flow(loss, frozen_metric(metric), y0, ts, **tolerances))


def batched_flow(losses: Sequence, metrics: Sequence, y0s, ts, *, rtol: float = DEFAULT_RTOL,
                 atol: float = DEFAULT_ATOL) -> FlowResult:
    """Solve many instances at once with the adaptive integrator: y of shape (B, T, n).

    All instances share the output times and the step sequence; the families that stack
    (see :mod:`numeric.batch`) are evaluated with vectorized numpy calls.
    """
    if len(losses) != len(metrics) or len(losses) != len(y0s):
        raise ValueError(f"batch sizes differ: {len(losses)} losses, {len(metrics)} metrics, {len(y0s)} points")
    for loss, metric, y0 in zip(losses, metrics, y0s):
        _check_instance(loss, metric, y0)
    ts = _from_zero(times(ts))
    rtol, atol = tolerances(rtol, atol)
    y, error, _ = dormand_prince(stacked_rhs(losses, metrics), np.asarray(y0s, dtype=float).T, ts, rtol=rtol, atol=atol)
    return FlowResult(ts, np.transpose(y, (2, 0, 1)), error.T, "adaptive")
