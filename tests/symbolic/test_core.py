"""Checks and derivation plumbing (symbolic.core): each check can fail, with a residual."""

import sympy as sp

from symbolic.core import identity, nonnegative, ode_solution, positive
from symbolic.symbols import symbols

t, mu, lam, F0 = symbols("t mu lam F0")


def test_identity_returns_zero_residual_or_the_difference():
    assert identity(sp.sin(t) ** 2 + sp.cos(t) ** 2, 1) == identity(1, 1)
    check = identity(2 * mu, mu)
    assert not check.ok and check.residual == mu


def test_identity_of_matrices_checks_shapes():
    assert not identity(sp.Matrix([1, 2]), sp.Matrix([[1, 2]])).ok
    check = identity(sp.Matrix([mu, 0]), sp.Matrix([mu, lam]))
    assert not check.ok and check.residual == sp.Matrix([0, -lam])


def test_sign_checks():
    assert nonnegative(mu * lam).ok and positive(mu + lam).ok
    unknown = nonnegative(mu - lam)
    assert not unknown.ok and unknown.residual == mu - lam
    assert not positive(sp.S.Zero).ok


def test_ode_solution_rejects_a_wrong_rate_and_a_wrong_initial_value():
    fbar = sp.Function("Fbar")
    ode = sp.Eq(fbar(t).diff(t), -2 * mu * lam * fbar(t))
    right = sp.Eq(fbar(t), F0 * sp.exp(-2 * mu * lam * t))
    assert ode_solution(ode, right, {fbar(0): F0}).ok
    wrong_rate = sp.Eq(fbar(t), F0 * sp.exp(-mu * lam * t))
    assert not ode_solution(ode, wrong_rate, {fbar(0): F0}).ok
    assert not ode_solution(ode, right, {fbar(0): 2 * F0}).ok
