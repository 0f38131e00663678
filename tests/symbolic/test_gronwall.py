"""Gronwall comparisons (symbolic.gronwall): gronwall_bound corners and falsified solutions."""

import math

import pytest
import sympy as sp

from symbolic import derive, gronwall_bound
from symbolic.symbols import symbols

t, alpha, mu, nu, lam, d0, F0, K, S, C1, C2 = symbols("t alpha mu nu lam d0 F0 K Sigma0_norm C1 C2")
delta, eps = sp.symbols("delta epsilon", real=True)
k_pos = sp.Symbol("k", positive=True)
x = sp.Symbol("x", nonnegative=True)


@pytest.mark.parametrize("k", [k_pos, -k_pos, sp.S.Zero])
def test_gronwall_bound_at_zero_is_delta(k):
    assert gronwall_bound(delta, k, eps, 0) == delta


@pytest.mark.parametrize("k", [k_pos, -k_pos, sp.S.Zero])
def test_gronwall_bound_derivative_identity(k):
    bound = gronwall_bound(delta, k, eps, x)
    assert sp.simplify(sp.diff(bound, x) - (k * bound + eps)) == 0


def test_gronwall_bound_k_to_zero_limit_is_the_k_zero_branch():
    assert sp.limit(gronwall_bound(delta, k_pos, eps, x), k_pos, 0) == gronwall_bound(delta, 0, eps, x)


def test_gronwall_bound_with_undecided_k_keeps_both_branches():
    k = sp.Symbol("k")
    bound = gronwall_bound(delta, k, eps, x)
    assert isinstance(bound, sp.Piecewise)
    assert bound.subs(k, 0) == delta + eps * x
    assert sp.simplify(bound.subs(k, 2) - gronwall_bound(delta, 2, eps, x)) == 0


def test_gronwall_bound_numbers():
    value = float(gronwall_bound(1.0, 2.0, 3.0, 0.5))
    assert value == pytest.approx(math.e + 1.5 * (math.e - 1), rel=1e-14)
    assert float(gronwall_bound(1.0, 0, 3.0, 0.5)) == 2.5


def test_lemma_3_3_bound_is_the_text_bound_derived_not_copied():
    bound = derive("lemma_3_3_bound").expression
    assert sp.simplify(bound - sp.sqrt(nu / mu) * d0 * sp.exp(-mu * lam * t)) == 0


def test_time_dependent_stability_bound_is_below_the_uniform_one_and_meets_it_at_infinity():
    sharp = derive("stability_bound_time_dependent").expression
    uniform = derive("stability_bound").expression
    assert sharp.subs(t, 0) == 0
    assert sp.limit(sharp, t, sp.oo) == uniform
    assert sp.simplify(sharp / uniform - (1 - sp.exp(-lam * mu * t))) == 0


FALSIFIED = {
    "gronwall_decay": [F0 * sp.exp(-mu * lam * t), F0 * sp.exp(-2 * mu * lam * t**2), sp.exp(-2 * mu * lam * t),
                       F0 * sp.exp(-2 * mu * lam)],
    "lemma_3_3_bound": [sp.sqrt(nu / mu) * d0 * sp.exp(-2 * mu * lam * t), (nu / mu) * d0 * sp.exp(-mu * lam * t),
                        d0 * sp.exp(-mu * lam * t), -sp.sqrt(nu / mu) * d0 * sp.exp(-mu * lam * t)],
    "gronwall_linear": [C1 * (sp.exp(2 * C2 * t) - 1) / (C2 * alpha), C1 * (sp.exp(C2 * t) - 1) / (C2 * alpha**2),
                        C1 * sp.exp(C2 * t) / (C2 * alpha)],
    "stability_bound": [2 * K * sp.sqrt(S) / (lam ** sp.Rational(3, 2) * mu), K * S / (lam ** sp.Rational(3, 2) * mu),
                        K / (lam ** sp.Rational(3, 2) * mu), K * sp.sqrt(S) / (lam * mu)],
    "stability_bound_time_dependent": [
        K * sp.sqrt(S) * (1 - sp.exp(-2 * lam * mu * t)) / (lam ** sp.Rational(3, 2) * mu),
        K * sp.sqrt(S) / (lam ** sp.Rational(3, 2) * mu),
        K * (1 - sp.exp(-lam * mu * t)) / (lam ** sp.Rational(3, 2) * mu),
    ],
}


@pytest.mark.parametrize("name,candidate", [(n, c) for n, cs in FALSIFIED.items() for c in cs])
def test_falsified_comparison_solutions_are_rejected(name, candidate, rejected):
    rejected(name, candidate)
