"""z3 certificates (symbolic.inequalities): both outcomes, and the auxiliary variables."""

import pytest
import sympy as sp

from symbolic.inequalities import certify
from symbolic.symbols import symbols

sigma_min, lip_Df, r, mu, lam, K = symbols("sigma_min lip_Df r mu lam K")
x = sp.Symbol("x", nonnegative=True)
a, b = sp.symbols("a b", nonnegative=True)


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


def test_untranslatable_expressions_are_reported():
    with pytest.raises(ValueError, match="cannot translate"):
        certify(sp.Le(sp.sin(x), 1))
