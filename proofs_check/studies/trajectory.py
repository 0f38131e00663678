"""lazycheck's sharper constants of Theorem 3.2 (smith 2.4) along the trajectory, measured on the extremal family.

The derivation ``trajectory_floor`` (symbolic/trajectory.py) shows that under the theorem's hypotheses the lazy
flow stays within u* sigma_min/L_Df of w0 (u* ~ 0.0797, about 0.16 r0), where the kernel floor is
c* sigma_min^2 with c* = (1 - u*)^2 ~ 0.847, so that ||alpha f(w(t)) - f*|| <= sqrt(kappa) ||alpha f(w0) - f*||
exp(-c* mu sigma_min^2 t). Here both are measured on the family that pushes the flow farthest:

f(w) = -C0 + sigma_min w - L w^2/2 on R (``ConcaveScalar`` with offset -C0: ||f(w0)|| = C0, the largest the
theorem allows), R(y) = (y - y*)^2/2 (kappa = 1) with y* = theta alpha C0, theta < 1 (so alpha > ||y*||/C0): the
predictor travels (1 + theta) alpha C0 up a slope Df that falls as w grows. As theta -> 1 the displacement tends
to (1 - sqrt(7/8)) sigma_min/L ~ 0.0646 sigma_min/L, 0.81 of u*: the radius is not far from tight.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from numeric.losses import StronglyConvexQuadratic
from numeric.models import ConcaveScalar
from numeric.parameter_flows import lazy_flow
from proofs_check.results import CheckResult, Witness, ranges_of
from proofs_check.settings import RunConfig
from proofs_check.studies.chain_instances import theorem_3_2_hypotheses
from symbolic import derive, formula
from symbolic.trajectory import radius_root

#: theta = ||y*||/(alpha C0) < 1, sigma_min and L_Df of the family, and alpha (which only scales the predictor). In
#: the units sigma_min/L_Df (for w) and 1/(mu sigma_min^2) (for t) the flow depends on theta alone: the two scales
#: of sigma_min and L_Df check the units.
THETAS, SIGMAS, LIPSCHITZ, ALPHA = (0.5, 0.9, 0.99, 0.999), (0.5, 2.0), (0.1, 10.0), 10.0
#: Times, in units of 1/(mu sigma_min^2): long enough for the error to fall by e^-20 at the floor c*.
HORIZON, TIMES = 24.0, 481


def extremal_instance(theta: float, sigma_min: float, lip_Df: float, constant: str = "c0", scale: float = 1.0):
    """(model, loss, w0) of the family, with ||f(w0)|| = C0 and y* = theta alpha C0 (``constant``: the derivation
    giving C0, "c0" or lazycheck's "c0_sharp_growth"; ``scale`` multiplies it, for falsified variants)."""
    level = scale * float(formula(constant, "sigma_min kappa Df_norm lip_Df")(sigma_min, 1.0, sigma_min, lip_Df))
    model = ConcaveScalar(sigma_min, lip_Df, offset=-level)
    return model, StronglyConvexQuadratic([[1.0]], [theta * ALPHA * level]), np.zeros(1)


def extremal_hypotheses(theta: float, sigma_min: float, lip_Df: float) -> dict[str, bool]:
    """Every hypothesis of Theorem 3.2 on the instance (a validator for witnesses)."""
    model, loss, w0 = extremal_instance(theta, sigma_min, lip_Df)
    return theorem_3_2_hypotheses(model, loss, w0, ALPHA) | {"theta < 1": theta < 1}


@cache
def _run(theta: float, sigma_min: float, lip_Df: float, constant: str = "c0", scale: float = 1.0):
    """(ts, w(ts), alpha f(w(ts)) - y*) along the lazy flow of the instance."""
    model, loss, w0 = extremal_instance(theta, sigma_min, lip_Df, constant, scale)
    ts = np.linspace(0.0, HORIZON / (loss.mu * sigma_min**2), TIMES)
    w = lazy_flow(model, loss, w0, ALPHA, ts).y
    return ts, w, ALPHA * model(w[:, 0]) - loss.y_star[0]


def _grid():
    return [(theta, sigma, lip) for theta in THETAS for sigma in SIGMAS for lip in LIPSCHITZ]


def _failed_hypotheses(case) -> list[str]:
    return [name for name, holds in extremal_hypotheses(*case).items() if not holds]


def radius_claim(config: RunConfig, radius: float | None = None) -> CheckResult:
    """sup_t ||w(t) - w0|| <= u* sigma_min/L_Df on every instance of the family (``radius``: a falsified u)."""
    bound_factor = float(radius_root()) if radius is None else radius
    cases = _grid()
    broken = {case: _failed_hypotheses(case) for case in cases if _failed_hypotheses(case)}
    if broken:
        return CheckResult.crash("numeric", "extremal family", f"instances outside the hypotheses: {broken}")
    ratios = [float(np.abs(_run(*case)[1]).max() * case[2] / (bound_factor * case[1])) for case in cases]
    worst = int(np.argmax(ratios))
    ok = ratios[worst] <= 1.0
    detail = (f"sup_t ||w(t) - w0|| / (u sigma_min/L_Df) with u = {bound_factor:.4f}: worst {ratios[worst]:.4f} at "
              f"(theta, sigma_min, L_Df) = {cases[worst]} over {len(cases)} instances of the extremal family (the "
              f"radius is {'attained to ' + format(ratios[worst], '.0%') if ok else 'exceeded'})")
    witness = None if ok else Witness("instance", f"sup ||w - w0|| <= {bound_factor:g} sigma_min/L_Df",
                                      validator=f"{__name__}:extremal_hypotheses", arguments=cases[worst])
    return CheckResult("numeric", ok, detail, ref="extremal family", observed=ratios[worst], bound=1.0,
                       ratio=ratios[worst], tight=False, searched=len(cases), ranges=_ranges(),
                       counterexample=None if ok else detail, witness=witness)


def rate_claim(config: RunConfig, floor: float | None = None) -> CheckResult:
    """||alpha f(w(t)) - f*|| <= ||alpha f(w0) - f*|| exp(-c mu sigma_min^2 t) with the derived c = c* (``floor``: a
    falsified c), at every time of the grid on every instance of the family (kappa = 1)."""
    c_star = float(derive("trajectory_floor").expression) if floor is None else floor
    bound = formula("lazy_convergence_bound", "t mu sigma_min kappa d0 c", specialized=False)
    cases, worst_ratio, worst_case, slowest = _grid(), 0.0, None, np.inf
    for case in cases:
        ts, _, error = _run(*case)
        ratio = float(np.max(np.abs(error[1:]) / bound(ts[1:], 1.0, case[1], 1.0, abs(error[0]), c_star)))
        slowest = min(slowest, _final_rate(ts, error, case[1]))
        if ratio > worst_ratio:
            worst_ratio, worst_case = ratio, case
    ok = worst_ratio <= 1.0 + 1e-6  # the integrator's relative accuracy on the error (rtol 1e-10, e^-20 decay)
    detail = (f"||alpha f(w(t)) - f*|| / (||alpha f(w0) - f*|| exp(-{c_star:.4f} mu sigma_min^2 t)) for t > 0: worst "
              f"{worst_ratio:.4f} at (theta, sigma_min, L_Df) = {worst_case}, t up to {HORIZON:g}/(mu sigma_min^2); "
              f"the slowest final rate is {slowest:.4f} mu sigma_min^2 (the floor {c_star:.4f} is "
              f"{c_star / slowest:.0%} of it)")
    witness = None if ok else Witness("instance", f"rate {c_star:g} mu sigma_min^2",
                                      validator=f"{__name__}:extremal_hypotheses", arguments=worst_case)
    return CheckResult("numeric", ok, detail, ref="extremal family", observed=worst_ratio, bound=1.0,
                       ratio=worst_ratio, tight=False, searched=len(cases) * TIMES, ranges=_ranges(),
                       counterexample=None if ok else detail, witness=witness)


def sharp_c0_claim(config: RunConfig, constant: str = "c0_sharp_growth", scale: float = 1.0) -> CheckResult:
    """With ||f(w0)|| = C0' (lazycheck's sigma_min^3/(24 ...)), the flow still stays in B(w0, r0), T = oo: on every
    instance of the family, sup_t ||w(t) - w0|| < r0 = sigma_min/(2 L_Df). (The family is the extremal one of the
    radius claim; ``constant`` = "c0" gives the texts' C0, which passes with more room; ``scale`` = 8 is a falsified
    variant, under which the flow crosses the sphere of radius r0.)"""
    cases = _grid()
    ratios = [float(np.abs(_run(*case, constant, scale)[1]).max() / (case[1] / (2 * case[2]))) for case in cases]
    worst = int(np.argmax(ratios))
    detail = (f"||f(w0)|| = {'' if scale == 1 else format(scale, 'g') + ' x '}{constant}: sup_t ||w(t) - w0|| / r0 worst {ratios[worst]:.4f} at (theta, sigma_min, "
              f"L_Df) = {cases[worst]} over {len(cases)} instances (must stay below 1)")
    return CheckResult("numeric", ratios[worst] < 1.0, detail, ref="extremal family", observed=ratios[worst], bound=1.0,
                       ratio=ratios[worst], tight=False, searched=len(cases), ranges=_ranges())


def _final_rate(ts, error, sigma_min: float) -> float:
    """-d log|error|/dt over the last tenth of the horizon, in units of mu sigma_min^2 (mu = 1)."""
    tail = slice(-TIMES // 10, None)
    slope = np.polyfit(ts[tail], np.log(np.abs(error[tail])), 1)[0]
    return float(-slope / sigma_min**2)


def _ranges():
    return ranges_of({"theta": ", ".join(map(str, THETAS)), "sigma_min": ", ".join(map(str, SIGMAS)),
                      "L_Df": ", ".join(map(str, LIPSCHITZ)), "alpha": ALPHA, "kappa": 1})
