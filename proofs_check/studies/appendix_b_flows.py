"""chizat-bach Appendix B, Steps 2-3, measured on rank-theorem charts: the lazy flow and its mirror trajectory.

For a :class:`~proofs_check.studies.appendix_b.Case`, the lazy flow w' = -(1/alpha) Df^T grad R(alpha f(w)) from w0
and its mirror g(t) = pi_r(phi(w(t))) = psi(f(w(t))) (Step 2), as a frozen :class:`MirrorTrajectory` of read-only
arrays, cached per case (:func:`mirror_trajectory`); the flows of many cases integrated together, each in its own
normalized time with lazy_flow's tolerances per case (:func:`mirror_trajectories`, :func:`over_flows`: the batched
ratios of a screen); and the ratios and measurements read off the flows (Steps 3 and the conclusion).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from numeric.charts import stack_charts
from numeric.losses import log_cosh_gradient
from numeric.parameter_flows import lazy_flow, stacked_lazy_flow
from proofs_check.studies.appendix_b import (SIGNIFICANCE, Case, fixed_case, limit_rate, local_constants, minimizer,
                                             objective, restricted_hessian, rounding_floor)

#: The mirror flow is integrated over min(HORIZON_CAP, EFOLDINGS / (m lam)) on FLOW_POINTS times.
EFOLDINGS, HORIZON_CAP, FLOW_POINTS = 8.0, 40.0, 201
#: Screened mirror flows are integrated together FLOW_CHUNK cases at a time (their trajectories are held meanwhile).
FLOW_CHUNK = 1_000


@dataclass(frozen=True)
class MirrorTrajectory:
    """The lazy flow w(t) and its mirror g(t) = pi_r(phi(w(t))) (read-only arrays); ``g_via_psi`` is
    psi(f(w(t))) (equal to g(t) by the diagram); ``objective`` is F_alpha(w(t)) = G_alpha(g(t))."""

    ts: np.ndarray
    w: np.ndarray
    g: np.ndarray
    g_via_psi: np.ndarray
    objective: np.ndarray
    g_star: np.ndarray


def _read_only(array) -> np.ndarray:
    array = np.array(array, dtype=float)
    array.flags.writeable = False
    return array


def flow_times(case: Case) -> np.ndarray:
    """The times of the mirror trajectory: FLOW_POINTS on [0, min(HORIZON_CAP, EFOLDINGS / (m lam))]."""
    horizon = min(HORIZON_CAP, EFOLDINGS / local_constants(case.chart, case.loss).rate)
    return np.linspace(0.0, horizon, FLOW_POINTS)


def _mirrored(case: Case, w: np.ndarray) -> MirrorTrajectory:
    """The mirror trajectory of ``case`` from its lazy flow w at :func:`flow_times` (shape (FLOW_POINTS, p))."""
    chart, predictions = case.chart, case.chart(w)
    values = case.loss.value(case.alpha * predictions) / case.alpha**2
    arrays = (flow_times(case), w, chart.project(chart.phi(w)), chart.psi(predictions), values)
    return MirrorTrajectory(*(_read_only(a) for a in arrays), minimizer(case))


@lru_cache(maxsize=64)
def mirror_trajectory(case: Case) -> MirrorTrajectory:
    """Integrate w' = -(1/alpha) Df^T grad R(alpha f(w)) from w0 and map it through the charts."""
    chart = case.chart
    return _mirrored(case, lazy_flow(chart, case.loss, chart.initialization, case.alpha, flow_times(case)).y)


def _stacked_gradient(losses) -> Callable[[np.ndarray], np.ndarray]:
    """y (B, n) -> the rows grad R_b(y_b), for quadratic and log-cosh losses of one dimension n
    (:func:`numeric.losses.log_cosh_gradient` of the stack; a quadratic has terms of weight 0)."""
    hessians, minimizers = np.stack([loss.H for loss in losses]), np.stack([loss.y_star for loss in losses])
    terms, dim = max(len(getattr(loss, "weights", ())) for loss in losses), minimizers.shape[1]
    directions, weights = np.zeros((len(losses), terms, dim)), np.zeros((len(losses), terms))
    for b, loss in enumerate(losses):
        if hasattr(loss, "weights"):
            directions[b, : loss.weights.size], weights[b, : loss.weights.size] = loss.directions, loss.weights

    return lambda y: log_cosh_gradient(hessians, minimizers, directions, weights, y)


def _lazy_flows(cases) -> np.ndarray:
    """w at :func:`flow_times` for cases of one chart family, their lazy flows integrated together: (B, FLOW_POINTS, p).

    Case b's flow w' = -(1/alpha_b) Df_b^T grad R_b(alpha_b f_b(w)) runs in the time s = t/T_b in [0, 1] (T_b its
    horizon), so every case has its outputs at the same steps, with :func:`~numeric.parameter_flows.lazy_flow`'s
    tolerances per case (rtol on the displacement, atol DEFAULT_ATOL/alpha_b): a shared step is accepted only when
    every case meets its own, so each flow is at least as accurate as its own ``lazy_flow``. The charts are read at
    the displacement d itself (centred at w0 = 0), not at w0 + d, whose rounding (1e-16 of ||w0||) is noise on the
    error estimate when d = O(1/alpha) is tiny.

    Integrated by :func:`~numeric.parameter_flows.stacked_lazy_flow` on stacked charts
    (:func:`numeric.charts.stack_charts`) and losses (:func:`_stacked_gradient`), Df^T v by the charts' ``vjp``."""
    chart, gradient = stack_charts([case.chart for case in cases]), _stacked_gradient([case.loss for case in cases])
    centered = replace(chart, w0=np.zeros_like(chart.initialization))  # the maps depend on w through w - w0 only
    return stacked_lazy_flow(centered.vjp, gradient, [case.alpha for case in cases], chart.initialization,
                             np.linspace(0.0, 1.0, FLOW_POINTS), horizons=[flow_times(case)[-1] for case in cases]).y


def mirror_trajectories(cases) -> list[MirrorTrajectory]:
    """The mirror trajectories of many cases (as :func:`mirror_trajectory`, not cached), the lazy flows of each chart
    family integrated together (:func:`_lazy_flows`)."""
    trajectories = [None] * len(cases)
    for family in {type(case.chart) for case in cases}:
        indices = [i for i, case in enumerate(cases) if type(case.chart) is family]
        for i, w in zip(indices, _lazy_flows([cases[i] for i in indices])):
            trajectories[i] = _mirrored(cases[i], w)
    return trajectories


def over_flows(ratio: Callable) -> Callable[[list], list[float]]:
    """``ratio(case, trajectory)`` over a list of cases, their flows integrated together (:func:`mirror_trajectories`)
    FLOW_CHUNK cases at a time: the batched ``ratios`` of an analytic check whose ``ratio`` is ``ratio(case)``."""
    def ratios(cases) -> list[float]:
        chunks = [cases[start: start + FLOW_CHUNK] for start in range(0, len(cases), FLOW_CHUNK)]
        return [ratio(case, flow) for chunk in chunks for case, flow in zip(chunk, mirror_trajectories(chunk))]

    return ratios


def displacement(case: Case) -> float:
    """sup_t ||w(t) - w0|| along the lazy flow (Appendix B, Step 3)."""
    path = mirror_trajectory(case).w
    return float(np.linalg.norm(path - path[0], axis=1).max())


def chart_exit_ratio(case: Case, trajectory: MirrorTrajectory | None = None) -> float:
    """sup_t max_i |phi(w(t))_i| / h_i: at most 1 when w(t) stays in W0 = phi^{-1}(Wbar0), i.e. T = +oo.
    ``trajectory`` defaults to :func:`mirror_trajectory` (case)."""
    trajectory = trajectory or mirror_trajectory(case)
    return float(np.abs(case.chart.phi(trajectory.w) / case.chart.x_half_widths).max())


def suboptimality_decay_ratio(case: Case, trajectory: MirrorTrajectory | None = None,
                              rate_factor: float = 1.0) -> float:
    """max_{t > 0} (F_alpha(w(t)) - G*) / ((F_alpha(w0) - G*) exp(-2 c m lam t)), G* = G_alpha(g*), c = rate_factor,
    where the suboptimality is significant: at most 1 (with c = 1) when F_alpha(w(t)) converges to the local minimum
    value G* at the alpha-independent rate 2 m lam (Lemma 3.3's proof with
    :class:`~proofs_check.studies.appendix_b.LocalConstants`). ``trajectory``
    defaults to :func:`mirror_trajectory` (case)."""
    trajectory = trajectory or mirror_trajectory(case)
    gap = trajectory.objective - objective(case, trajectory.g_star)
    significant = (gap > max(SIGNIFICANCE * gap[0], rounding_floor(case))) & (trajectory.ts > 0)
    bound = gap[0] * np.exp(-2 * rate_factor * local_constants(case.chart, case.loss).rate * trajectory.ts)
    return float(np.max(gap[significant] / bound[significant], initial=0.0))


def local_rate(case: Case) -> float:
    """The asymptotic decay rate of g(t) - g*: lambda_min(Sigma_oo D^2 G_alpha(g*)) on Pi_r, Sigma_oo the block
    of D phi D phi^T at the flow's end point."""
    trajectory = mirror_trajectory(case)
    product = case.chart.metric_block(trajectory.w[-1]) @ restricted_hessian(case, trajectory.g_star)
    return float(np.min(np.linalg.eigvals(product).real))


def rate_gap(alpha: float) -> float:
    """|rate(alpha) - rate_oo|, fixed case."""
    case = fixed_case(alpha)
    return abs(local_rate(case) - limit_rate(case.chart, case.loss))
