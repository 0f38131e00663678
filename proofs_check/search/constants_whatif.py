"""What-if on the constants of chizat-bach Theorem 3.2 (smith Theorem 2.4): a variant C0 = M, or a variant r0.

For a constant, what-if asks whether the theorem's conclusion (``lazy_convergence_bound`` at
the derived kernel floor) still holds under the variant hypothesis ||f(w0)|| <= C0',
alpha > ||f*||/C0'. A variant radius r0' re-derives the kernel floor and C0 in symbolic/
(:func:`symbolic.constants.c0_for_radius`).

The instance space is the family f(w) = sigma w - L w^2/2 on R at w0 = 0 (sigma_min =
||Df(w0)|| = sigma, L_Df = L exactly, f(w0) = 0), with R(y) = mu (y - f*)^2/2 and
||f*|| = theta alpha C0', over :data:`FAMILY_DOMAIN`: a target beyond what the ball allows
makes the flow stall where the kernel vanishes. A pass means "holds on this family", not a proof;
a refutation's counterexample is the instance with the largest ratio found (the headline ratio).
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import sympy as sp
from hypothesis import strategies as st

from numeric.losses import StronglyConvexQuadratic
from numeric.models import ConcaveScalar
from numeric.parameter_flows import lazy_flow
from proofs_check.results import CheckResult, ranges_of
from proofs_check.search.engine import maximize
from proofs_check.settings import RATIO_TOLERANCE, RunConfig
from symbolic import formula, numeric_function
from symbolic.constants import c0_for_radius, convergence_rate
from symbolic.symbols import parse_expression, symbols

#: claim id -> (which constant, the symbols a variant may use).
CONSTANT_CLAIMS = {
    "chizat-bach/theorem-3.2/constant-M": ("c0", ("sigma_min", "kappa", "Df_norm", "lip_Df")),
    "smith/theorem-2.4/constant-C0": ("c0", ("sigma_min", "kappa", "Df_norm", "lip_Df")),
    "chizat-bach/theorem-3.2/radius-r0": ("r0", ("sigma_min", "lip_Df")),
}
#: The family, in words.
FAMILY = "f(w) = sigma_min w - lip_Df w^2/2, w0 = 0, R(y) = mu (y - f*)^2/2, ||f*|| = theta alpha C0'"
#: The family's parameters: (low, high) of sigma, L, mu, theta and alpha.
FAMILY_DOMAIN = {"sigma_min": (0.5, 2.0), "lip_Df": (0.5, 2.0), "mu": (0.5, 2.0), "theta": (0.5, 0.999),
                 "alpha": (1.0, 10.0)}
#: The conclusion is checked over this many e-foldings of its rate, where the bound is still
#: far above RESOLUTION (the flow's relative accuracy at rtol 1e-10) times the target.
CONCLUSION_EFOLDINGS, RESOLUTION = 12.0, 1e-8


@lru_cache(maxsize=32)
def _c0_function(claim_id: str, bound: str):
    """The variant C0 as a numeric function of (sigma_min, kappa, Df_norm, lip_Df)."""
    constant, allowed = CONSTANT_CLAIMS[claim_id]
    expression = parse_expression(bound, allowed=allowed)
    try:
        c0 = c0_for_radius(expression) if constant == "r0" else expression
    except ValueError as error:
        raise ValueError(f"{error}; the variant gives no C0, not a positive constant") from None
    return sp.lambdify(symbols("sigma_min kappa Df_norm lip_Df"), c0, "math")


def positive_level(claim_id: str, bound: str, sigma: float, lip: float) -> float:
    """The variant C0 on the family (kappa = 1, ||Df(w0)|| = sigma); ValueError unless positive and finite."""
    try:
        level = float(_c0_function(claim_id, bound)(sigma, 1.0, sigma, lip))
    except (ValueError, OverflowError, ZeroDivisionError, TypeError):  # math's domain errors and overflows
        level = math.nan
    if not math.isfinite(level) or level <= 0:
        raise ValueError(f"the variant gives C0 = {level:g} at sigma_min = {sigma:g}, lip_Df = {lip:g}: "
                         "not a positive constant")
    return level


def probe_levels(claim_id: str, bound: str) -> None:
    """ValueError unless the variant C0 is a positive number at every corner and at the middle of the family's
    (sigma_min, lip_Df) square (before a search meets a point where it is not)."""
    (low_sigma, high_sigma), (low_lip, high_lip) = FAMILY_DOMAIN["sigma_min"], FAMILY_DOMAIN["lip_Df"]
    for sigma in (low_sigma, (low_sigma + high_sigma) / 2, high_sigma):
        for lip in (low_lip, (low_lip + high_lip) / 2, high_lip):
            positive_level(claim_id, bound, sigma, lip)


def conclusion_rate(mu: float, sigma: float) -> float:
    """The rate c mu sigma_min^2 of the conclusion, c the derived kernel floor."""
    return float(numeric_function(convergence_rate(), "mu sigma_min")(mu, sigma))


def conclusion_ratio(claim_id: str, bound: str, instance) -> float:
    """max over t > 0 of ||alpha f(w(t)) - f*|| / lazy_convergence_bound(t) on the family of the module docstring
    (at t = 0 the two are equal on this family)."""
    sigma, lip, mu, theta, alpha = instance
    target = theta * alpha * positive_level(claim_id, bound, sigma, lip)
    model, loss = ConcaveScalar(sigma, lip), StronglyConvexQuadratic([[mu]], [target])
    ts = np.linspace(0.0, CONCLUSION_EFOLDINGS / conclusion_rate(mu, sigma), 401)
    w = lazy_flow(model, loss, np.zeros(1), alpha, ts).y[:, 0]
    gap = np.abs(alpha * model(w) - target)
    significant = gap > RESOLUTION * target  # below this the gap is integration noise, not evidence
    significant[0] = False  # at t = 0 both sides are ||f*|| (kappa = 1): equality, whatever the variant
    if not significant.any():
        return 0.0
    bound_values = formula("lazy_convergence_bound", "t kappa d0 mu sigma_min")(ts, 1.0, target, mu, sigma)
    return float(np.max(gap[significant] / bound_values[significant]))


def family_instances():
    """(sigma, L, mu, theta, alpha) over FAMILY_DOMAIN, shrinking towards the low ends."""
    unit = st.floats(0.0, 1.0)
    return st.tuples(*(unit.map(lambda u, lo=lo, hi=hi: lo + (hi - lo) * u) for lo, hi in FAMILY_DOMAIN.values()))


def counterexample_table(claim_id: str, bound: str, instance) -> tuple[tuple[str, str], ...]:
    """The family's parameters at ``instance`` and the variant C0 there, as (name, value) rows."""
    sigma, lip, mu, theta, alpha = (float(x) for x in instance)
    level = positive_level(claim_id, bound, sigma, lip)
    rows = {"sigma_min": sigma, "lip_Df": lip, "mu": mu, "theta": theta, "alpha": alpha, "C0'": level,
            "||f*||": theta * alpha * level}
    return tuple((name, f"{value:.6g}") for name, value in rows.items())


def check_constant(claim_id: str, bound: str, config: RunConfig) -> tuple[CheckResult, tuple | None]:
    """The theorem's conclusion under the variant constant, searched over the family: the result, and the instance
    with the largest ratio when that violates the conclusion (the counterexample), else None."""
    ratio = lambda instance: conclusion_ratio(claim_id, bound, instance)  # noqa: E731
    worst = maximize(ratio, family_instances(), max_examples=config.examples, seed=config.seed)
    refuted = worst.value > 1 + RATIO_TOLERANCE
    point = ", ".join(f"{x:.4g}" for x in worst.instance)
    detail = (f"worst ratio {worst.value:.6g} of ||alpha f(w(t)) - f*|| to the conclusion's bound over "
              f"{worst.evaluated} instances of f(w) = sigma w - L w^2/2, at (sigma_min, lip_Df, mu, theta, alpha) = "
              f"({point}) (t > 0; a pass means: holds on this family, not a proof)")
    result = CheckResult("what-if", not refuted, detail, ref=f"{claim_id} with bound {bound}",
                         ratio=worst.value, searched=worst.evaluated,
                         ranges=ranges_of({name: f"[{lo:g}, {hi:g}]" for name, (lo, hi) in FAMILY_DOMAIN.items()}))
    return result, (tuple(float(x) for x in worst.instance) if refuted else None)
