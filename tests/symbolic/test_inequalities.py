"""z3 certificates (symbolic.inequalities): both outcomes, and the auxiliary variables.

Soundness is pinned construct by construct (issue 16): each z3 construct, relation, relaxation and guard has a
true claim that must be certified and a false one that must be refuted with a re-checked counterexample. The
comment of each case names the mutant of ``symbolic/inequalities.py`` it kills (each verified by hand).
"""

import pytest
import sympy as sp

from symbolic.inequalities import (RECHECK_DIGITS, InequalityResult, _counterexample, _holds_numerically,
                                  _model_value, _Translator, certify)
from symbolic.symbols import symbols

sigma_min, lip_Df, r, mu, lam, K = symbols("sigma_min lip_Df r mu lam K")
x = sp.Symbol("x", nonnegative=True)
a, b = sp.symbols("a b", nonnegative=True)
u, v = sp.symbols("u v", real=True)
p = sp.Symbol("p", positive=True)
HALF, QUARTER = sp.Rational(1, 2), sp.Rational(1, 4)


def test_a_true_step_is_certified():
    result = certify(sp.Ge((sigma_min - lip_Df * r) ** 2, sigma_min**2 / 4), [sp.Le(r, sigma_min / (2 * lip_Df))])
    assert result.ok and "unsat" in result.certificate


def test_a_false_step_is_refuted_with_a_checked_assignment():
    result = certify(sp.Ge((a - b) ** 2, sp.Abs(a**2 - b**2)))
    assert result.status == "refuted"
    values = {sp.Symbol(k, nonnegative=True): sp.Rational(v) for k, v in result.counterexample.items()}
    assert ((a - b) ** 2).subs(values) < sp.Abs(a**2 - b**2).subs(values)


@pytest.mark.parametrize("claim,assumptions,status", [
    (sp.Le(sp.exp(-3 * x), sp.exp(-x)), [], "certified"),
    (sp.Le(sp.exp(-x), sp.exp(-3 * x)), [], "refuted"),
    (sp.Ge(K * sp.sqrt(2 * x / lam) - 2 * lam * mu * x, 0), [sp.Le(x, K**2 / (2 * lam**3 * mu**2))], "certified"),
    (sp.Ge(K * sp.sqrt(2 * x / lam) - 2 * lam * mu * x, 0), [], "refuted"),
    (sp.Ge(sp.log(1 + x), 0), [], "certified"),  # sympy decides this one itself
    (sp.Le(sp.log(a), a - 1), [sp.Gt(a, 0)], "certified"),
    (sp.Le(sp.Max(a, b), a + b), [], "certified"),
])
def test_square_roots_exponentials_logs_and_max(claim, assumptions, status):
    assert certify(claim, assumptions).status == status


CONSTRUCTS = {
    # Abs: If(x >= 0, x, -x); the false claim is certified if Abs(x) is translated as x.
    "abs-above": (sp.Ge(sp.Abs(u - v), u - v), [], "certified"),
    "abs-above-negation": (sp.Ge(sp.Abs(u - v), v - u), [], "certified"),
    "abs-false": (sp.Le(sp.Abs(u - v), u - v), [], "refuted"),
    # Min and Max, each side of the If.
    "min-below-first": (sp.Le(sp.Min(u, v), u), [], "certified"),
    "min-below-second": (sp.Le(sp.Min(u, v), v), [], "certified"),
    "min-false": (sp.Ge(sp.Min(u, v), u), [], "refuted"),
    "max-above-first": (sp.Ge(sp.Max(u, v), u), [], "certified"),
    "max-above-second": (sp.Ge(sp.Max(u, v), v), [], "certified"),
    "max-false": (sp.Le(sp.Max(u, v), u), [], "refuted"),
    # Square roots: root >= 0, base >= 0, root**2 == base; false only inside (0, 1), or at 0.
    "sqrt-nonnegative": (sp.Ge(sp.sqrt(x), 0), [], "certified"),
    "sqrt-zero": (sp.Gt(sp.sqrt(x), 0), [], "refuted"),
    "sqrt-below-one": (sp.Ge(sp.sqrt(p), 1), [], "refuted"),
    "sqrt-of-square": (sp.Le(sp.sqrt(x), 1), [sp.Le(x, 1)], "certified"),
    # Rational and negative integer powers.
    "power-3/2": (sp.Le(x ** sp.Rational(3, 2), x**2), [sp.Ge(x, 1)], "certified"),
    "power-3/2-false": (sp.Le(x ** sp.Rational(3, 2), x**2), [], "refuted"),
    "power-1/3": (sp.Ge(x ** sp.Rational(1, 3), x), [sp.Le(x, 1)], "certified"),
    "power-1/3-false": (sp.Le(x ** sp.Rational(1, 3), x), [], "refuted"),
    "power-inverse": (sp.Le(1 / p, 1), [sp.Ge(p, 1)], "certified"),
    "power-inverse-false": (sp.Le(1 / p, 1), [], "refuted"),
    # Positive symbols are > 0, not >= 1; nonnegative ones are >= 0, not > 0.
    "positive": (sp.Gt(p, 0), [], "certified"),
    "positive-below-one": (sp.Ge(p**2, p), [], "refuted"),
    "nonnegative-zero": (sp.Gt(x, 0), [], "refuted"),
    # exp: E >= 1 + u/d, u >= 0 => E >= 1, u <= 0 => E <= 1; never e^u >= 1 - u.
    "exp-tangent": (sp.Ge(sp.exp(u), 1 + u), [], "certified"),
    "exp-wrong-tangent": (sp.Ge(sp.exp(u), 1 - u), [], "refuted"),
    "exp-decay": (sp.Le(sp.exp(-x), 1), [], "certified"),
    "exp-decay-strict": (sp.Lt(sp.exp(-x), 1), [], "refuted"),
    "exp-growth": (sp.Ge(sp.exp(x), 1), [], "certified"),
    "exp-growth-strict": (sp.Gt(sp.exp(x), 1), [], "refuted"),
    # direction / denominator: exp(u/2) has base exp(u/2) >= 1 + u/2, not >= 1 + 2u.
    "exp-half": (sp.Ge(sp.exp(u / 2), 1 + u / 2), [], "certified"),
    "exp-half-false": (sp.Ge(sp.exp(u / 2), 1 + u), [sp.Ge(u, 0)], "refuted"),
    # Each direction has its own base (exp(u) and exp(v) used to share one z3 variable).
    "exp-two-directions": (sp.Le(sp.exp(u), sp.exp(v)), [sp.Ge(u, v + 1)], "refuted"),
    "exp-same-direction": (sp.Le(sp.exp(u), sp.exp(u / 2)), [sp.Le(u, 0)], "certified"),
    # E reaches Translator.exponential, as does an exponential nested in another.
    "e-above-two": (sp.Ge(u * sp.E, 2 * u), [sp.Ge(u, 0)], "certified"),
    "e-below-three": (sp.Ge(u * sp.E, 3 * u), [sp.Ge(u, 0)], "refuted"),
    "exp-nested": (sp.Ge(sp.exp(sp.exp(u)), 1), [], "certified"),
    "exp-nested-false": (sp.Ge(sp.exp(sp.exp(u)), 2), [], "refuted"),
    # log: L <= x - 1, x >= 1 => L >= 0, x > 0; never L <= x - 2, never x >= 1 => L >= 1.
    "log-tangent": (sp.Le(sp.log(p), p - 1), [], "certified"),
    "log-wrong-tangent": (sp.Le(sp.log(p), p - sp.Rational(3, 2)), [sp.Ge(p, 1), sp.Le(p, 2)], "refuted"),
    "log-nonnegative": (sp.Ge(sp.log(p), 0), [sp.Ge(p, 1)], "certified"),
    "log-below-one": (sp.Ge(sp.log(p), 1), [sp.Ge(p, 1), sp.Le(p, 2)], "refuted"),
    "log-domain": (sp.Gt(u + sp.log(u), sp.log(u)), [], "certified"),
    # Every relation, at its boundary.
    "lt": (sp.Lt(u, u + 1), [], "certified"),
    "lt-at-equality": (sp.Lt(u, v), [sp.Le(u, v)], "refuted"),
    "le": (sp.Le(u, v), [sp.Eq(u, v)], "certified"),
    "le-false": (sp.Le(u, v), [], "refuted"),
    "gt": (sp.Gt(u + 1, u), [], "certified"),
    "gt-at-equality": (sp.Gt(u, v), [sp.Ge(u, v)], "refuted"),
    "ge": (sp.Ge(u, v), [sp.Eq(u, v)], "certified"),
    "ge-false": (sp.Ge(u, v), [], "refuted"),
    "eq": (sp.Eq(u**2, v**2), [sp.Le(u, -v), sp.Ge(u, -v)], "certified"),
    "eq-false": (sp.Eq(u, v), [sp.Le(u, v)], "refuted"),
    "ne": (sp.Ne(u, v), [sp.Lt(u, v)], "certified"),
    "ne-false": (sp.Ne(u, v), [], "refuted"),
    # And, Or, Not, in the claim and in its numeric re-check.
    "and": (sp.And(sp.Ge(u, 0), sp.Le(u, 1)), [sp.Ge(u, QUARTER), sp.Le(u, HALF)], "certified"),
    "and-false": (sp.And(sp.Ge(u, 0), sp.Le(u, 1)), [sp.Ge(u, 2)], "refuted"),
    "or": (sp.Or(sp.Le(u, 0), sp.Ge(u, 1)), [sp.Le(u, 0)], "certified"),
    "or-false": (sp.Or(sp.Le(u, 0), sp.Ge(u, 1)), [sp.Ge(u, QUARTER), sp.Le(u, HALF)], "refuted"),
    "not": (sp.Not(sp.And(sp.Gt(u, 0), sp.Lt(u, 1))), [sp.Ge(u, 1)], "certified"),
    "not-false": (sp.Not(sp.And(sp.Gt(u, 0), sp.Lt(u, 1))), [sp.Ge(u, QUARTER), sp.Le(u, HALF)], "refuted"),
    "decided-false": (sp.Ge(sp.E, 3), [], "refuted"),
}


@pytest.mark.parametrize("claim,assumptions,status", CONSTRUCTS.values(), ids=CONSTRUCTS.keys())
def test_each_construct_certifies_the_true_claim_and_refutes_the_false_one(claim, assumptions, status):
    result = certify(claim, assumptions)
    assert result.status == status, result
    if status == "refuted":  # the counterexample is exact here: the claim fails, the assumptions hold
        assignment = {symbol: sp.Rational(result.counterexample[symbol.name]) for symbol in claim.free_symbols}
        assert claim.xreplace(assignment) == sp.false or not claim.xreplace(assignment).evalf(30)
        assert all(assumption.xreplace(assignment) for assumption in assumptions)


def test_an_irrational_counterexample_is_read_back_to_the_recheck_digits():
    result = certify(sp.Ne(u**2, 2), [sp.Gt(u, 0)])
    assert result.status == "refuted"
    assert abs(sp.Float(result.counterexample["u"], 35) - sp.sqrt(2)) < sp.Float("1e-30")


def test_a_model_that_violates_the_assumptions_is_not_a_counterexample():
    # log p >= 1 relaxes to p >= 2, so z3 offers p = 2, where the claim p >= 5/2 fails but log 2 < 1 does too.
    result = certify(sp.Ge(p, sp.Rational(5, 2)), [sp.Ge(sp.log(p), 1)])
    assert result.status == "unknown" and not result.counterexample


def test_a_relaxation_model_that_satisfies_the_claim_is_not_a_counterexample():
    # exp(u) <= exp(v) follows from u <= v, which the relaxation cannot see: z3's model is spurious.
    result = certify(sp.Le(sp.exp(u), sp.exp(v)), [sp.Le(u, v)])
    assert result.status == "unknown" and not result.counterexample


def test_untranslatable_expressions_are_reported():
    with pytest.raises(ValueError, match=r"cannot translate sin\(x\) \(sin\) to real arithmetic"):
        certify(sp.Le(sp.sin(x), 1))


# The results compared whole, the z3 read-back, and the numeric re-check at its boundary.

def test_a_rational_counterexample_is_read_back_exactly():
    assert certify(sp.Ne(3 * u, 1)) == InequalityResult("refuted", "z3: the negation is satisfiable", {"u": "1/3"})


def test_an_unconfirmed_model_is_unknown_with_its_reason_and_no_assignment():
    assert certify(sp.Ge(p, sp.Rational(5, 2)), [sp.Ge(sp.log(p), 1)]) == InequalityResult(
        "unknown", "z3's model of a relaxation is not a genuine counterexample")


def test_a_symbol_outside_the_model_reads_as_zero():
    import z3

    solver = z3.Solver()
    solver.add(z3.Real("used") == 1)
    solver.check()
    assert _model_value(solver.model(), z3.Real("unused")) == 0


def test_exponentials_are_positive_and_logs_are_distinct_variables():
    q = sp.Symbol("q", positive=True)
    assert certify(sp.Gt(sp.exp(u), v), [sp.Le(v, 0)]).ok  # E > 0, not E >= 0
    assert certify(sp.Eq(sp.log(p), sp.log(q))).status != "certified"  # log p and log q are two variables


def test_log_at_one_is_zero_and_its_argument_only_positive():
    """log(1) = 0: L >= 0 (not > 0) and L <= x - 1 (not <) at x = 1, and x > 0 (not x > 1)."""
    assert certify(sp.Or(sp.Lt(p, 1), sp.Gt(p, 1), sp.Gt(sp.log(p), 1))).counterexample == {"p": "1"}
    assert certify(sp.Or(sp.Ge(p, 1), sp.Gt(sp.log(p), -HALF))).status != "certified"  # false at p = 1/2


def test_a_log_keeps_the_constraints_of_the_symbols_translated_before_it():
    assert certify(sp.Le(p * sp.log(x + 1), p * x)).ok  # needs p > 0, registered before log(x + 1)


def test_the_exponentials_of_a_direction_share_one_base_at_the_common_denominator():
    import z3

    translator = _Translator(z3)
    translator.share_exponentials(sp.Le(sp.exp(u / 2), sp.exp(v)), sp.Ge(sp.exp(-u / 3), v))
    assert {direction: d for direction, (_, d) in translator._exp_bases.items()} == {u: 6, v: 1}
    assert certify(sp.And(sp.Ge(sp.exp(u), 1 + u), sp.Ge(sp.exp(u / 2), 1 + u / 2))).ok  # both tangents, one base
    assert certify(sp.Or(sp.Ge(v, 1 + u / 2), sp.Lt(sp.exp(u), 0)), [sp.Ge(v, sp.exp(u / 2))]).ok  # shared with
    # the assumptions: exp(u) = E**2 with E = exp(u/2) >= 1 + u/2


def test_an_exponential_inside_the_direction_of_another_gets_its_base_first():
    """exp(y exp(x + z)): the direction y exp(x + z) (a product) sorts before x + z (a sum), yet needs its base."""
    x_, y_, z_ = sp.symbols("x_ y_ z_", real=True)
    assert certify(sp.Ge(sp.exp(y_ * sp.exp(x_ + z_)), 1), [sp.Ge(y_, 0)]).ok  # exp(x + z) >= 0
    assert certify(sp.Ge(sp.exp(y_ * sp.exp(x_ + z_)), 1)).status != "certified"  # false for y < 0


def test_rational_powers_are_distinct_variables_and_others_are_refused():
    assert certify(sp.Eq(sp.sqrt(p), sp.cbrt(p))).status != "certified"
    with pytest.raises(ValueError, match=r"cannot translate the power x\*\*sqrt\(2\)"):
        certify(sp.Le(x ** sp.sqrt(2), 1))


def test_decided_assumptions_and_disjunctions_are_rechecked_as_they_hold():
    assert certify(sp.Le(u, 1), [sp.Le(u, u + 1)]).status == "refuted"  # sympy decides u <= u + 1 itself
    assert certify(sp.Le(u, 0), [sp.Or(sp.Lt(u, -5), sp.Gt(u, 1))]).status == "refuted"  # only one side holds


def test_a_model_breaking_a_symbol_sign_is_not_a_counterexample():
    import z3

    for symbol, value in ((p, 0), (x, -1)):  # p > 0 and x >= 0: these models ignore the translator's constraints
        translator, solver = _Translator(z3), z3.Solver()
        solver.add(translator(symbol) == value)
        solver.check()
        assert _counterexample(solver.model(), translator, sp.Gt(symbol, 5), []).status == "unknown"


def test_an_undecidable_negation_stays_undecided():
    inside = sp.Not(sp.And(sp.Le(sp.sqrt(u), 1), sp.Le(v, 1)))  # sympy keeps this Not (not a relation)
    assert _holds_numerically(inside, {u: -1, v: 0}) is None  # sqrt(-1) is not real
    assert _holds_numerically(inside, {u: 4, v: 0}) is True


@pytest.mark.parametrize("margin, resolved", [(28, True), (32, False)])
def test_the_recheck_resolves_a_violation_down_to_its_30_digits(margin, resolved):
    """u <= 1 at u = 1 + 10^-k is false; RECHECK_DIGITS = 30 digits see it for k = 28, not for k = 32 (on either
    side of the relation)."""
    assert RECHECK_DIGITS == 30
    at = {u: 1 + sp.Rational(1, 10**margin)}
    assert _holds_numerically(sp.Le(u, 1), at) is _holds_numerically(sp.Ge(1, u), at) is (not resolved)


def test_a_query_beyond_its_time_budget_is_unknown_with_z3s_reason():
    """AM-GM in degree 6: z3 certifies it within the default budget (about 0.05 s here), not within 1 ms."""
    claim = sp.Ge((u**2 + v**2 + p**2) ** 3, 27 * u**2 * v**2 * p**2)
    assert certify(claim).ok
    late = certify(claim, timeout_ms=1)
    assert late.status == "unknown" and late.certificate in ("z3: timeout", "z3: canceled") and not late.counterexample
