"""What-if variants of a bound: ``lazycheck what-if CLAIM --bound EXPR``.

A user's variant of a lemma's bound is checked over the lemma's instance space with the
same adversarial search as the lemma itself (:mod:`proofs_check.claims`): it passes with
the worst ratio found, or is refuted with a shrunk counterexample and a replay command.

Supported claims: chizat-bach/lemma-3.3 (= smith/lemma-B.1), chizat-bach/lemma-A.1
(= smith/lemma-B.2), and the constants of Theorem 3.2: ``.../constant-M`` (= smith's C0), a
variant C0 in sigma_min, kappa, Df_norm, lip_Df, and ``.../radius-r0``, a variant radius in
sigma_min, lip_Df from which symbolic/ re-derives the kernel floor and C0.

For a constant, what-if asks whether the theorem's conclusion
||alpha f(w(t)) - f*|| <= sqrt(kappa) ||alpha f(w0) - f*|| exp(-mu sigma_min^2 t/4) still holds
under the variant hypothesis ||f(w0)|| <= C0', alpha > ||f*||/C0'. The instance space is the
family f(w) = sigma w - L w^2/2 on R at w0 = 0 (sigma_min = ||Df(w0)|| = sigma, L_Df = L exactly,
f(w0) = 0) with R(y) = mu (y - f*)^2/2 and ||f*|| = theta alpha C0', theta in [0.5, 1): a target
beyond what the ball allows makes the flow stall where the kernel vanishes. A pass means "holds
on this family", not a proof.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
import sympy as sp
from hypothesis import strategies as st

from proofs_check.analytic import RATIO_TOLERANCE
from proofs_check.claims import NUMERIC_CLAIMS, run_claim
from proofs_check.properties import LEMMA_3_3_SYMBOLS, LEMMA_A_1_SYMBOLS
from symbolic.symbols import meaning, parse_expression

#: claim id -> (the numeric claim searched, the symbols a variant bound may use).
WHAT_IF_CLAIMS = {
    "chizat-bach/lemma-3.3": (NUMERIC_CLAIMS[0], LEMMA_3_3_SYMBOLS),
    "smith/lemma-B.1": (NUMERIC_CLAIMS[0], LEMMA_3_3_SYMBOLS),
    "chizat-bach/lemma-A.1": (NUMERIC_CLAIMS[1], LEMMA_A_1_SYMBOLS),
    "smith/lemma-B.2": (NUMERIC_CLAIMS[1], LEMMA_A_1_SYMBOLS),
}
#: claim id -> (which constant, the symbols a variant may use).
CONSTANT_CLAIMS = {
    "chizat-bach/theorem-3.2/constant-M": ("c0", ("sigma_min", "kappa", "Df_norm", "lip_Df")),
    "smith/theorem-2.4/constant-C0": ("c0", ("sigma_min", "kappa", "Df_norm", "lip_Df")),
    "chizat-bach/theorem-3.2/radius-r0": ("r0", ("sigma_min", "lip_Df")),
}
#: Examples of a what-if search by default.
WHAT_IF_EXAMPLES = 100
#: The conclusion is checked over this many e-foldings of its rate, where the bound is still
#: far above RESOLUTION (the flow's relative accuracy at rtol 1e-10) times the target.
CONCLUSION_EFOLDINGS, RESOLUTION = 12.0, 1e-8


class WhatIfError(ValueError):
    """A usage error: unknown claim or an unparsable or out-of-vocabulary bound."""


def symbols_of(claim_id: str) -> list[tuple[str, str]]:
    """(name, meaning) of the symbols a variant of ``claim_id`` may use."""
    return [(name, meaning(name)) for name in _entry(claim_id)[1]]


def supported() -> tuple[str, ...]:
    return tuple(WHAT_IF_CLAIMS) + tuple(CONSTANT_CLAIMS)


def _entry(claim_id: str):
    if claim_id in CONSTANT_CLAIMS:
        return None, CONSTANT_CLAIMS[claim_id][1]
    if claim_id not in WHAT_IF_CLAIMS:
        raise WhatIfError(f"what-if supports these claims: {', '.join(supported())}; got {claim_id!r}")
    return WHAT_IF_CLAIMS[claim_id]


def validate(claim_id: str, bound: str) -> None:
    """Raise WhatIfError unless ``claim_id`` is supported and ``bound`` parses over its symbols."""
    _, allowed = _entry(claim_id)
    try:
        parse_expression(bound, allowed=allowed)
    except ValueError as error:
        raise WhatIfError(str(error)) from None
    if claim_id in CONSTANT_CLAIMS:
        _positive_level(claim_id, bound, 1.0, 1.0)


def what_if(claim_id: str, bound: str, *, max_examples: int = WHAT_IF_EXAMPLES) -> dict:
    """Check the variant ``bound`` of ``claim_id``; the report says holds or refuted."""
    validate(claim_id, bound)
    if claim_id in CONSTANT_CLAIMS:
        return _constant_what_if(claim_id, bound, max_examples)
    claim, _ = _entry(claim_id)
    variant = replace(claim, id=f"what-if/{claim_id}", options=dict(claim.options, bound=bound))
    return run_claim(variant, max_examples=max_examples) | {"claim": claim_id, "bound": bound}


@lru_cache(maxsize=32)
def _c0_function(claim_id: str, bound: str):
    """The variant C0 as a numeric function of (sigma_min, kappa, Df_norm, lip_Df)."""
    from symbolic.constants import c0_for_radius
    from symbolic.symbols import symbols

    constant, allowed = CONSTANT_CLAIMS[claim_id]
    expression = parse_expression(bound, allowed=allowed)
    try:
        c0 = c0_for_radius(expression) if constant == "r0" else expression
    except ValueError as error:
        raise WhatIfError(f"{error}; the variant gives no C0, not a positive constant") from None
    return sp.lambdify(symbols("sigma_min kappa Df_norm lip_Df"), c0, "math")


def _positive_level(claim_id: str, bound: str, sigma: float, lip: float) -> float:
    """The variant C0 on the family (kappa = 1, ||Df(w0)|| = sigma), checked positive and finite."""
    level = float(_c0_function(claim_id, bound)(sigma, 1.0, sigma, lip))
    if not np.isfinite(level) or level <= 0:
        raise WhatIfError(f"the variant gives C0 = {level:g} at sigma_min = {sigma}, lip_Df = {lip}: "
                          "not a positive constant")
    return level


def conclusion_ratio(claim_id: str, bound: str, instance) -> float:
    """max_t ||alpha f(w(t)) - f*|| / (||f*|| exp(-mu sigma^2 t/4)) on the family of the module docstring."""
    from numeric.losses import StronglyConvexQuadratic
    from numeric.models import ConcaveScalar
    from numeric.parameter_flows import lazy_flow

    sigma, lip, mu, theta, alpha = instance
    level = _positive_level(claim_id, bound, sigma, lip)
    target = theta * alpha * level
    model, loss = ConcaveScalar(sigma, lip), StronglyConvexQuadratic([[mu]], [target])
    rate = mu * sigma**2 / 4
    ts = np.linspace(0.0, CONCLUSION_EFOLDINGS / rate, 401)
    w = lazy_flow(model, loss, np.zeros(1), alpha, ts).y[:, 0]
    gap = np.abs(alpha * model(w) - target)
    significant = gap > RESOLUTION * target  # below this the gap is integration noise, not evidence
    if not significant.any():
        return 0.0
    return float(np.max(gap[significant] / (target * np.exp(-rate * ts[significant]))))


def _instances():
    unit = st.floats(0.0, 1.0)
    return st.tuples(unit.map(lambda u: 0.5 + 1.5 * u), unit.map(lambda u: 0.5 + 1.5 * u),
                     unit.map(lambda u: 0.5 + 1.5 * u), unit.map(lambda u: 0.5 + 0.499 * u),
                     unit.map(lambda u: 1.0 + 9.0 * u))


def _constant_what_if(claim_id: str, bound: str, max_examples: int) -> dict:
    import time

    from proofs_check.search import maximize, shrink

    start = time.perf_counter()
    ratio = lambda instance: conclusion_ratio(claim_id, bound, instance)  # noqa: E731
    worst, instance = maximize(ratio, _instances(), max_examples=max_examples)
    counterexample = None
    if worst > 1 + RATIO_TOLERANCE:
        shrunk = shrink(_instances(), lambda i: ratio(i) > 1 + RATIO_TOLERANCE, max_examples=max_examples) or instance
        source = (f"from proofs_check.whatif import conclusion_ratio; "
                  f"print(conclusion_ratio({claim_id!r}, {bound!r}, {tuple(float(x) for x in shrunk)!r}))")
        import shlex

        counterexample = {"result": f"ratio {ratio(shrunk):.6g} > 1 at (sigma_min, lip_Df, mu, theta, alpha) = "
                                    f"{tuple(float(x) for x in shrunk)}: f(w) = sigma w - lip_Df w^2/2, w0 = 0, "
                                    f"R(y) = mu (y - f*)^2/2, ||f*|| = theta alpha C0'",
                          "replay": f"python -c {shlex.quote(source)}"}
    return {"id": f"what-if/{claim_id}", "claim": claim_id, "bound": bound,
            "status": "refuted" if counterexample else "holds", "worst_ratio": worst, "witness_ratio": worst,
            "examples": max_examples, "counterexample": counterexample, "seconds": time.perf_counter() - start,
            "instance_space": "f(w) = sigma w - L w^2/2 at w0 = 0, R(y) = mu (y - f*)^2/2"}
