"""Numeric property checks of the two lemmas, against bounds derived in symbolic/.

- chizat-bach Lemma 3.3 (smith Lemma B.1):
  ||y(t) - y*|| <= sqrt(nu/mu) ||y(0) - y*|| exp(-mu lam t);
- chizat-bach Lemma A.1 (smith Lemma B.2):
  ||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2} / (lam^{3/2} mu),
  and lazycheck's sharper time-dependent version.

The bound a check compares against is lambdified from the expression ``symbolic``
derived (never retyped); a *variant* bound (a what-if, or a falsified constant in the
tests) is any expression over the same symbols.

Tolerance policy. A ratio observed/bound above 1 counts as a violation only where
observed - bound exceeds the integrator's error estimate at that time (for Lemma A.1
also the effect of that error on K) plus floating-point rounding: ROUNDING_RTOL = 1000
machine epsilons relative to the largest of the observed value, the bound and the
states whose difference is observed (a difference of two nearly equal states carries
the rounding of the states, not of the difference). Ratios are reported only where
the observed value exceeds this tolerance.

Escalation. Where observed - bound exceeds the rounding allowance but not the error
estimate, the outcome is undecided: the flow is re-solved at tolerances 100 and 10^4
times tighter (down to FINEST_RTOL). If it is still undecided there, the result says so
(``resolved=False``) instead of passing: a violation is either refuted, or reported as
below the integrator's resolution, never silently accepted. When the raw ratio exceeds 1 but the excess is
within the estimate, the flow is re-solved at a 100 times tighter tolerance and the
check repeated, so that a real violation is not hidden by a loose estimate.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import sympy as sp

from numeric.flows import DEFAULT_ATOL, DEFAULT_RTOL, solve, frozen_metric
from numeric.metrics import PiecewiseConstant
from numeric.stability import sup_forcing
from numeric.validation import flow_instance, positive_number, tolerances
from proofs_check.results import CheckResult
from symbolic import SYMBOLS, derive, parse_expression

LEMMA_3_3 = "chizat-bach/lemma-3.3"
LEMMA_A_1 = "chizat-bach/lemma-A.1"
LEMMA_A_1_SHARP = "lazycheck/stability-time-dependent"

#: Symbols a Lemma 3.3 bound may use, and those of a Lemma A.1 bound.
LEMMA_3_3_SYMBOLS = ("t", "mu", "nu", "kappa", "lam", "d0")
LEMMA_A_1_SYMBOLS = ("t", "K", "lam", "mu", "nu", "kappa", "Sigma0_norm")

#: The checks look at most this many e-foldings of the slowest rate mu*lam ahead, so
#: that the bound stays far above the integrator's absolute tolerance.
MAX_EFOLDINGS = 18.0
DEFAULT_HORIZON = 10.0
#: Tightening factor of each re-solve under the tolerance policy, the number of
#: re-solves, and the finest relative tolerance used.
ESCALATION, ESCALATION_STEPS, FINEST_RTOL = 100.0, 2, 1e-14
#: Relative allowance for rounding in float64 evaluations of the bound and the norms.
ROUNDING_RTOL = 1000 * np.finfo(float).eps


@dataclass(frozen=True)
class PropertyResult(CheckResult):
    """Observed against bound along one flow: a :class:`CheckResult` (kind ``property``) with the
    tolerance policy's diagnostics.

    ``ratio`` is the largest observed/bound over the time grid, at ``worst_time``; ``ok`` is
    False exactly for a violation under the tolerance policy; ``excess`` is the largest
    observed - bound - error (positive exactly for a violation); ``resolved`` is False when
    observed exceeds the bound by more than rounding but less than the error estimate even at
    the finest tolerance.
    """

    worst_time: float = 0.0
    error: float = 0.0
    excess: float = 0.0
    method: str = ""
    resolved: bool = True
    rounding_excess: float = 0.0

    @property
    def claim(self) -> str:
        return self.ref

    @property
    def violation(self) -> bool:
        """The bound is exceeded beyond the integrator's error estimate and rounding."""
        return not self.ok

    @property
    def undecided(self) -> bool:
        """observed - bound exceeds rounding somewhere, but not rounding plus error."""
        return self.ok and self.rounding_excess > 0

    def __repr__(self) -> str:
        return (f"PropertyResult(claim={self.claim!r}, ratio={self.ratio!r}, worst_time={self.worst_time!r}, "
                f"observed={self.observed!r}, bound={self.bound!r}, error={self.error!r}, "
                f"violation={self.violation!r}, excess={self.excess!r}, method={self.method!r}, "
                f"resolved={self.resolved!r})")

    __str__ = __repr__


@lru_cache(maxsize=64)
def _lambdified(expression: sp.Expr, names: tuple[str, ...]):
    return sp.lambdify([sp.Symbol(n, **_assumptions(n)) for n in names], expression, "numpy")


def _assumptions(name: str) -> dict:
    return SYMBOLS[name].assumptions0


def bound_expression(bound, default: str, names: tuple[str, ...]) -> sp.Expr:
    """The bound as a sympy expression: the derived one by default, or a user's variant."""
    if bound is None:
        return derive(default).expression
    if isinstance(bound, str):
        return parse_expression(bound, allowed=names)
    return sp.sympify(bound)


def evaluate_bound(expression: sp.Expr, names: tuple[str, ...], values: dict) -> np.ndarray:
    """The bound at the given parameter values (``t`` may be an array)."""
    result = _lambdified(expression, names)(*(values[n] for n in names))
    return np.broadcast_to(np.asarray(result, dtype=float), np.shape(values["t"])).copy()


#: Points of the uniform and of the geometric part of the time grid.
UNIFORM_POINTS, GEOMETRIC_POINTS = 81, 40


def check_times(metric, horizon: float) -> np.ndarray:
    """The time grid: uniform, geometric near 0, and every switch time of the metric."""
    horizon = positive_number(horizon, "horizon")
    grid = [np.linspace(0.0, horizon, UNIFORM_POINTS), horizon * np.geomspace(1e-7, 1.0, GEOMETRIC_POINTS)]
    if isinstance(metric, PiecewiseConstant):
        switches = metric.switch_times[metric.switch_times <= horizon]
        grid += [switches, np.minimum(switches + 1e-9 * horizon, horizon)]
    if hasattr(metric, "t_cap"):
        grid.append([min(metric.t_cap, horizon)])
    return np.unique(np.concatenate(grid))


def horizon_for(loss, metric, horizon: float | None) -> float:
    """The requested horizon, capped at MAX_EFOLDINGS of the slowest rate mu*lam."""
    requested = DEFAULT_HORIZON if horizon is None else positive_number(horizon, "horizon")
    return min(requested, MAX_EFOLDINGS / (loss.mu * metric.lam))


def _checked(loss, metric, y0, rtol, atol) -> tuple[np.ndarray, float, float]:
    """(y0, rtol, atol) of a property check, validated before any work (see :func:`lemma_3_3`'s Raises)."""
    y0 = flow_instance(loss, metric, y0)
    rtol, atol = tolerances(rtol, atol)
    return y0, rtol, atol


def _compare(claim, ts, observed, bound, error, scale, method) -> PropertyResult:
    """Ratios where the observation is significant (above its error), and the policy's verdict.

    ``scale`` is the size of the states whose difference is ``observed``: rounding is
    relative to it, not to the (possibly tiny) difference.
    """
    rounding = ROUNDING_RTOL * np.maximum(np.maximum(observed, bound), scale)
    tolerance = error + rounding
    excess = observed - bound - tolerance
    significant = observed > tolerance
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.where(significant, np.where(bound > 0, observed / bound, np.inf), 0.0)
    worst = int(np.argmax(ratios))
    ratio, violation = float(ratios[worst]), bool(np.any(excess > 0))
    detail = (f"ratio {ratio:.9g} at t = {ts[worst]:.6g}: observed {observed[worst]:.9g}, bound {bound[worst]:.9g}, "
              f"error estimate {error[worst]:.2g} ({method} flow)")
    return PropertyResult("property", not violation, detail, ref=claim, observed=float(observed[worst]),
                          bound=float(bound[worst]), ratio=ratio, searched=1, worst_time=float(ts[worst]),
                          error=float(error[worst]), excess=float(excess.max()), method=method,
                          rounding_excess=float((observed - bound - rounding).max()))


def _escalating(run, rtol: float, atol: float) -> PropertyResult:
    """Run, and re-run at tighter tolerances while the outcome is undecided (see the policy)."""
    for step in range(ESCALATION_STEPS + 1):
        factor = ESCALATION**step
        result = run(max(rtol / factor, FINEST_RTOL), atol / factor)
        if not result.undecided or rtol / factor <= FINEST_RTOL:
            break
    return replace(result, resolved=not result.undecided)


def lemma_3_3(loss, metric, y0, *, bound=None, horizon: float | None = None, rtol: float = DEFAULT_RTOL,
              atol: float = DEFAULT_ATOL) -> PropertyResult:
    """Check Lemma 3.3 (or a variant ``bound``) along y' = -Sigma(t) grad R(y) from y0.

    Raises
    ------
    ValueError
        If ``loss`` lacks dim, mu, nu, y_star or grad, ``metric`` is not callable or lacks dim or lam, their
        dimensions differ, ``y0`` is not a finite vector of loss.dim entries, ``horizon`` is not a finite
        number > 0, or ``rtol``/``atol`` are not finite numbers > 0.
    """
    y0, rtol, atol = _checked(loss, metric, y0, rtol, atol)
    expression = bound_expression(bound, "lemma_3_3_bound", LEMMA_3_3_SYMBOLS)
    ts = check_times(metric, horizon_for(loss, metric, horizon))
    values = {"t": ts, "mu": loss.mu, "nu": loss.nu, "kappa": loss.nu / loss.mu, "lam": metric.lam,
              "d0": float(np.linalg.norm(y0 - loss.y_star))}
    bound_values = evaluate_bound(expression, LEMMA_3_3_SYMBOLS, values)

    def run(r, a):
        flow = solve(loss, metric, y0, ts, rtol=r, atol=a)
        observed = np.linalg.norm(flow.y - loss.y_star, axis=-1)
        scale = np.linalg.norm(flow.y, axis=-1) + np.linalg.norm(loss.y_star)
        return _compare(LEMMA_3_3, ts, observed, bound_values, flow.error, scale, flow.method)

    return _escalating(run, rtol, atol)


def stability(loss, metric, y0, *, bound=None, time_dependent: bool = False, horizon: float | None = None,
              rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL) -> PropertyResult:
    """Check Lemma A.1 (or our time-dependent bound, or a variant) on the pair (y, ybar).

    Raises ValueError for bad arguments, as :func:`lemma_3_3`.
    """
    y0, rtol, atol = _checked(loss, metric, y0, rtol, atol)
    default = "stability_bound_time_dependent" if time_dependent else "stability_bound"
    claim = LEMMA_A_1_SHARP if time_dependent else LEMMA_A_1
    expression = bound_expression(bound, default, LEMMA_A_1_SYMBOLS)
    ts = check_times(metric, horizon_for(loss, metric, horizon))
    frozen = frozen_metric(metric)

    def run(r, a):
        lazy, tangent = solve(loss, metric, y0, ts, rtol=r, atol=a), solve(loss, frozen, y0, ts, rtol=r, atol=a)
        values = {"t": ts, "K": sup_forcing(loss, metric, y0, ts, y=lazy.y, rtol=r, atol=a), "lam": metric.lam,
                  "mu": loss.mu, "nu": loss.nu, "kappa": loss.nu / loss.mu,
                  "Sigma0_norm": float(np.linalg.norm(metric(0.0), 2))}
        bound_values = evaluate_bound(expression, LEMMA_A_1_SYMBOLS, values)
        k_error = _k_error(loss, metric, ts, lazy.error)
        shifted = evaluate_bound(expression, LEMMA_A_1_SYMBOLS, values | {"K": values["K"] + k_error})
        error = lazy.error + tangent.error + np.abs(shifted - bound_values)
        observed = np.linalg.norm(lazy.y - tangent.y, axis=-1)
        scale = np.linalg.norm(lazy.y, axis=-1) + np.linalg.norm(tangent.y, axis=-1)
        return _compare(claim, ts, observed, bound_values, error, scale, lazy.method)

    return _escalating(run, rtol, atol)


def _k_error(loss, metric, ts, state_error) -> float:
    """How far the computed K can be off: ||Sigma(t) - Sigma(0)|| nu ||error of y(t)||."""
    spread = np.linalg.norm(metric(ts) - metric(0.0), ord=2, axis=(-2, -1))
    return float(np.max(spread * loss.nu * state_error))
