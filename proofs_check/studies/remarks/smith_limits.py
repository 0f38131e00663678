"""smith Section 3.1: the t -> oo limits of the lazy and the tangent flows, and why the horizon T matters.

smith writes, before Theorem 2.2, "the t -> oo limit reached by the gradient flow of F_alpha, lim w_alpha(t), is
the same as that reached by the gradient flow of Fbar_alpha, lim wbar_alpha(t), in the alpha -> oo limit", and after
its proof that the models alpha h and alpha hbar at those limits agree too. The hypotheses in force are those of
Theorem 2.2: Section 2's Assumption (h differentiable with Dh locally Lipschitz; R : F -> R_+ differentiable with a
Lipschitz gradient) and h(w0) = 0. Nothing makes R strongly convex or gives it a minimizer.

The instances are derived in :func:`symbolic.remarks_smith.circle_flows`: h(w) = (sin w, 1 - cos w), w0 = 0, F = R^2,

- ``escape``: R_A = (1 - y1)_+^2/2 + sqrt(1 + y2^2) - y2 (convex, inf 0 not attained). The lazy flow passes
  pi - asin(1/alpha) and stops below pi; the tangent flow stops at 1/alpha. Both limits exist and differ by about pi.
- ``wedge``: R_B = (1 - y1)_+^2/2 + (y2 - 1)^2/2 (convex, with minimizers). The lazy limit acos(1 - 1/alpha) and
  the tangent limit 1/alpha both tend to 0, but the predictions do not agree: alpha h_2 = 1 against 0.

The flows are integrated by LSODA (stiff near the lazy limit, whose approach takes a time of order alpha^3) up to
t = 1e8, and each limit is compared with its reference (the root of the lazy velocity by Brent's method, or the
exact acos(1 - 1/alpha)): the stated accuracy is the largest difference. The ``theorem-2.4`` case runs the same
check on the chains' model case (smith Theorem 2.4's hypotheses, R strongly convex), where the limits do agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from numeric.parameter_flows import tangent_predictions
from proofs_check.results import CheckResult, Witness, fit_slope, ranges_of
from proofs_check.settings import RunConfig
from proofs_check.studies.chain_instances import HORIZON, flows, model_case
from proofs_check.studies.sweeps import span
from symbolic import derive, formula
from symbolic.remarks_smith import CIRCLE_HYPOTHESIS_STEPS, CIRCLE_ROWS

#: The alphas of each depth (alpha > 1: the bracket pi - asin(1/alpha) and the wedge limit need it).
CIRCLE_ALPHAS = {"ci": (3.0, 10.0, 30.0), "thorough": (3.0, 10.0, 30.0, 100.0)}
#: The chains' model case over which the contrast (Theorem 2.4's hypotheses) is measured.
THEOREM_ALPHAS = (10.0, 30.0, 100.0)
#: LSODA runs to END_TIME with these tolerances; a limit is accepted when it matches its reference to LIMIT_ACCURACY.
END_TIME, RTOL, ATOL, LIMIT_ACCURACY = 1e8, 1e-11, 1e-13, 1e-9
#: A gap between the limits "vanishes as alpha -> oo" on the grid when its log-log slope is at most VANISHING_SLOPE.
VANISHING_SLOPE = -0.25
#: The threshold epsilon of the horizon study: the first time the lazy and tangent parameters are ESCAPE apart.
ESCAPE = 0.5
WITNESS_VALIDATOR = "proofs_check.studies.remarks.smith_limits:circle_hypotheses"
CASES = {"escape": "R_A = (1 - y1)_+^2/2 + sqrt(1 + y2^2) - y2", "wedge": "R_B = (1 - y1)_+^2/2 + (y2 - 1)^2/2",
         "theorem-2.4": "the chains' model case (R strongly convex, sigma_min > 0)"}


def _row(values: np.ndarray, name: str) -> float:
    return float(values[CIRCLE_ROWS.index(name)][0])


def circle_rows(w: float, alpha: float) -> dict[str, float]:
    """The rows of ``circle_flows`` (velocities, predictions, reference limits) at the parameter ``w``."""
    values = formula("circle_flows", "r alpha")(float(w), float(alpha))
    return {name: _row(values, name) for name in CIRCLE_ROWS}


def _velocity_row(case: str) -> str:
    return "lazy velocity, escaping loss" if case == "escape" else "lazy velocity, wedge loss"


def _reference_limit(alpha: float, case: str) -> float:
    """The lazy limit: the root of the velocity in (pi - asin(1/alpha), pi) (escape) or acos(1 - 1/alpha) (wedge)."""
    rows = circle_rows(0.0, alpha)
    if case == "wedge":
        return rows["wedge limit acos(1 - 1/alpha)"]
    velocity = lambda w: circle_rows(w, alpha)[_velocity_row(case)]  # noqa: E731
    return float(brentq(velocity, rows["bracket pi - asin(1/alpha)"], np.pi, xtol=1e-15))


@lru_cache(maxsize=16)
def circle_limits(alpha: float, case: str) -> Mapping[str, float]:
    """Integrate (w, wbar) from (0, 0) to END_TIME by LSODA: the limits, their gaps, the accuracy against the
    references and the first time |w - wbar| reaches ESCAPE (inf if never)."""
    lazy_row = _velocity_row(case)

    def rhs(t, state):
        lazy, tangent = circle_rows(state[0], alpha), circle_rows(state[1], alpha)
        return [lazy[lazy_row], tangent["tangent velocity"]]

    def escaped(t, state):
        return state[0] - state[1] - ESCAPE

    escaped.direction = 1.0
    solution = solve_ivp(rhs, (0.0, END_TIME), [0.0, 0.0], method="LSODA", rtol=RTOL, atol=ATOL, events=escaped)
    w_end, w_bar_end = solution.y[:, -1]
    lazy, tangent = circle_rows(w_end, alpha), circle_rows(w_bar_end, alpha)
    accuracy = max(abs(w_end - _reference_limit(alpha, case)), abs(w_bar_end - 1.0 / alpha))
    crossings = solution.t_events[0]
    return MappingProxyType({
        "lazy_limit": float(w_end), "tangent_limit": float(w_bar_end), "accuracy": float(accuracy),
        "parameter_gap": float(abs(w_end - w_bar_end)),
        "prediction_gap": float(np.hypot(lazy["alpha h_1"] - tangent["alpha hbar_1"], lazy["alpha h_2"])),
        "escape_time": float(crossings[0]) if crossings.size else float("inf"),
        "residual_velocity": float(abs(lazy[lazy_row]))})


@lru_cache(maxsize=8)
def theorem_limits(alpha: float) -> Mapping[str, float]:
    """The same gaps at the end (t = 30) of the chains' model case, whose flows converge (Theorem 2.4)."""
    model, _, w0 = model_case()
    _, w, w_bar = flows(alpha, "model", HORIZON)
    prediction = alpha * model(w[-1]) - tangent_predictions(model, w0, alpha, w_bar[-1:])[0]
    return MappingProxyType({"parameter_gap": float(np.linalg.norm(w[-1] - w_bar[-1])),
                             "prediction_gap": float(np.linalg.norm(prediction)), "accuracy": 0.0})


def circle_hypotheses(*alphas: float) -> dict[str, bool]:
    """Every hypothesis of smith Theorem 2.2 on the circle instances (each certified by a step of the derivation
    ``circle_flows``), alpha > 1 at each alpha, and the presupposition that both t -> oo limits exist (the velocities
    vanish at the end of the integration and the limits match their references)."""
    steps = derive("circle_flows").steps
    found = {name: steps[index].ok for name, index in CIRCLE_HYPOTHESIS_STEPS.items()}
    for alpha in alphas:
        found[f"alpha > 1 at alpha = {alpha:g}"] = alpha > 1
        for case in ("escape", "wedge"):
            data = circle_limits(float(alpha), case)
            found[f"both limits exist ({case}, alpha = {alpha:g})"] = (
                data["accuracy"] <= LIMIT_ACCURACY and data["residual_velocity"] <= LIMIT_ACCURACY)
    return found


def _alphas(config: RunConfig, case: str) -> tuple:
    return THEOREM_ALPHAS if case == "theorem-2.4" else CIRCLE_ALPHAS[config.depth]


def _witnessed(result: CheckResult, claim: str, alphas: tuple) -> CheckResult:
    """``result`` with its witness, after every hypothesis is checked on it (a crash if one fails)."""
    found = circle_hypotheses(*alphas)
    broken = [name for name, holds in found.items() if not holds]
    if broken:
        return CheckResult.crash(result.kind, result.ref, f"the witness violates {', '.join(broken)}")
    return result.with_(witness=Witness("instance", claim, tuple(found), validator=WITNESS_VALIDATOR,
                                        arguments=tuple(float(a) for a in alphas)))


def limits_claim(config: RunConfig, case: str) -> CheckResult:
    """smith Section 3.1: ||lim_t w_alpha - lim_t wbar_alpha|| and ||alpha h(lim w_alpha) - alpha hbar(lim wbar_alpha)||
    vanish as alpha -> oo (each gap's log-log slope over the alphas at most VANISHING_SLOPE).

    ``case`` is "escape" or "wedge" (the text's hypotheses; the claim fails) or "theorem-2.4" (the contrast: the
    claim holds under Theorem 2.4's hypotheses).
    """
    alphas = _alphas(config, case)
    data = [theorem_limits(a) if case == "theorem-2.4" else circle_limits(a, case) for a in alphas]
    slopes = tuple(fit_slope(f"limit {name}", "alpha", alphas, [d[name] for d in data], limit=VANISHING_SLOPE)
                   for name in ("parameter_gap", "prediction_gap"))
    ok = all(s.within_limit for s in slopes)
    table = "; ".join(f"alpha {a:g}: |w - wbar| {d['parameter_gap']:.4g}, |alpha h - alpha hbar| {d['prediction_gap']:.4g}"
                      for a, d in zip(alphas, data))
    detail = (f"{CASES[case]}: limits at t = oo: {table}; slopes " + ", ".join(
        f"{s.name[6:]} {s.value:+.2f}" for s in slopes) + f" (vanishing: <= {VANISHING_SLOPE:+.2f}); integration "
        f"accuracy {max(d['accuracy'] for d in data):.1e}")
    result = CheckResult("numeric", ok, detail, ref=f"limits, {case}", observed=data[-1]["parameter_gap"],
                         slopes=slopes, searched=len(alphas), ranges=ranges_of({"alpha": span(alphas), "t": "0..1e8"}))
    if ok:
        return result
    if case == "theorem-2.4":
        return CheckResult.crash("numeric", result.ref, "the limits disagree under Theorem 2.4's hypotheses: " + detail)
    last = data[-1]
    counterexample = (f"h(w) = (sin w, 1 - cos w), w0 = 0, {CASES[case]}, alpha = {alphas[-1]:g}: lim w = "
                      f"{last['lazy_limit']:.6f}, lim wbar = {last['tangent_limit']:.6f}, prediction gap "
                      f"{last['prediction_gap']:.4g}")
    return _witnessed(result.with_(counterexample=counterexample),
                      "lim_t w_alpha - lim_t wbar_alpha -> 0 and alpha h(lim w) - alpha hbar(lim wbar) -> 0", alphas)


def horizon_claim(config: RunConfig, uniform: bool = False) -> CheckResult:
    """smith Section 3.1: "for large times t we would need a very large alpha to see the convergence of w_alpha(t) to
    wbar_alpha(t)" within a threshold. On the escaping instance the first time tau_alpha at which |w - wbar| reaches
    ESCAPE is finite for every alpha and increases with alpha: the needed alpha grows with t, and no alpha serves
    every t. ``uniform=True`` checks the falsified variant sup_{t >= 0} |w - wbar| = O(1/alpha) (slope <= -0.9)."""
    alphas = CIRCLE_ALPHAS[config.depth]
    data = [circle_limits(a, "escape") for a in alphas]
    times = [d["escape_time"] for d in data]
    if uniform:
        sups = [d["parameter_gap"] for d in data]  # |w - wbar| at t = oo: a lower bound of the sup over t
        slope = fit_slope("sup_t |w - wbar|", "alpha", alphas, sups, limit=-0.9)
        ok, slopes = slope.within_limit, (slope,)
        detail = f"sup_t |w - wbar| >= {[round(s, 3) for s in sups]}: slope {slope.value:+.2f} (claim <= -0.90)"
    else:
        ok = all(np.isfinite(times)) and all(b > a for a, b in zip(times, times[1:]))
        slopes = ()
        detail = (f"escaping instance: first time |w - wbar| >= {ESCAPE:g}: " + ", ".join(
            f"alpha {a:g}: t = {t:.4g}" for a, t in zip(alphas, times)) + " (finite, increasing in alpha)")
    result = CheckResult("numeric", ok, detail, ref="horizon, escaping instance", observed=times[-1],
                         searched=len(alphas), slopes=slopes, ranges=ranges_of({"alpha": span(alphas), "t": "0..1e8"}))
    if ok:
        return result
    return _witnessed(result.with_(counterexample=detail), "sup_{t >= 0} |w_alpha(t) - wbar_alpha(t)| = O(1/alpha)"
                      if uniform else "tau_alpha finite and increasing", alphas)
