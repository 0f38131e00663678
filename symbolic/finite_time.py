"""Constants of smith's finite-time Theorem 2.2: the energy bound on the displacement and Lip(Sigma).

- ``energy_bound``: sup_{t <= T} ||w(t) - w0|| <= (1/alpha) (T R(alpha h(w0)))^{1/2}, from the
  path length, Cauchy-Schwarz in L^2([0, T]), the energy identity d/dt F_alpha(w(t)) = -||w'(t)||^2
  and F_alpha >= 0 (smith, proof of Theorem 2.2, first bound);
- ``lip_sigma``: Lip(Sigma) <= 2 Lip(h) Lip(Dh) for Sigma(w) = Dh(w) Dh(w)^T;
- ``held_out_bound``: smith Proposition A.1, sup_x ||alpha f(w, x) - alpha fbar(wbar, x)|| <=
  alpha (M2/2) ||w - w0||^2 + alpha M1 ||w - wbar||, which is (log alpha/alpha)(C1 M1 + C2^2 M2 log alpha/2)
  under the proposition's hypotheses on ||w - w0|| and ||w - wbar||.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from symbolic.constants import witness_model
from symbolic.core import Derivation, Statement, identity, nonnegative, simplify_positive, step
from symbolic.symbols import symbols

t, alpha, lip_f, lip_Df, r, T, R0 = symbols("t alpha lip_f lip_Df r T R0")
M1, M2, C1, C2, delta = symbols("M1 M2 C1 C2 delta")
_w = sp.Symbol("w", real=True)


def energy_identity_residual() -> sp.Basic:
    """d/dt F(w(t)) + F'(w(t))^2 along w' = -F'(w), for a generic F of one variable: 0 by the chain rule."""
    path, loss, x = sp.Function("w")(t), sp.Function("F"), sp.Symbol("x")
    slope = sp.Subs(sp.Derivative(loss(x), x), x, path)
    return sp.diff(loss(path), t).subs(sp.Derivative(path, t), -slope) + slope**2


@cache
def energy_bound() -> Derivation:
    """sup_{t <= T} ||w(t) - w0|| <= (1/alpha) sqrt(T R(alpha h(w0))), smith Theorem 2.2 (first bound)."""
    speed, loss_at_end = sp.Symbol("speed", positive=True), sp.Symbol("F_T", nonnegative=True)
    energy = R0 / alpha**2  # F_alpha(w0) = R(alpha h(w0)) / alpha^2
    bound = simplify_positive(sp.sqrt(T) * sp.sqrt(energy))
    s = sp.Symbol("s", nonnegative=True)
    steps = (
        step("||w(t) - w0|| <= int_0^t ||w'(s)|| ds <= int_0^T ||w'(s)|| ds (equality for a straight path at constant "
             "speed)", "smith, proof of Theorem 2.2", "fundamental theorem of calculus, triangle inequality",
             identity(sp.integrate(speed, (s, 0, T)), speed * T)),
        step("int_0^T ||w'|| <= sqrt(T) (int_0^T ||w'||^2)^{1/2} (equality at constant speed)",
             "smith, proof of Theorem 2.2", "Cauchy-Schwarz in L^2([0, T])",
             identity(sp.integrate(speed, (s, 0, T)), sp.sqrt(T) * sp.sqrt(sp.integrate(speed**2, (s, 0, T))))),
        step("d/dt F_alpha(w(t)) = -||grad F_alpha(w(t))||^2 = -||w'(t)||^2, so int_0^T ||w'||^2 = F_alpha(w0) - "
             "F_alpha(w(T))", "smith, proof of Theorem 2.2", "chain rule along w' = -grad F_alpha(w)",
             identity(energy_identity_residual(), 0)),
        step("F_alpha(w0) - F_alpha(w(T)) <= F_alpha(w0) = R(alpha h(w0))/alpha^2", "smith, proof of Theorem 2.2",
             "R >= 0", nonnegative(energy - (energy - loss_at_end))),
        step("sqrt(T) (R(alpha h(w0))/alpha^2)^{1/2} = (1/alpha) (T R(alpha h(w0)))^{1/2}", "smith Theorem 2.2",
             "alpha > 0", identity(bound, sp.sqrt(T * R0) / alpha)),
    )
    return Derivation(
        name="energy_bound",
        title="finite-time bound on the displacement sup_{t <= T} ||w(t) - w0|| (energy argument)",
        expression=bound,
        steps=steps,
        defining_residual=lambda cand: cand - sp.sqrt(T) * sp.sqrt(energy),
        statements=(Statement("smith", "Theorem 2.2", "sup_{t<=T} ||w_alpha(t) - w_alpha(0)|| <= (1/alpha) "
                              "(T R(alpha h(w0)))^{1/2}", sp.sqrt(T * R0) / alpha),),
    )


@cache
def lip_sigma() -> Derivation:
    """Lip(Sigma) <= 2 lip_f lip_Df for Sigma(w) = Df(w) Df(w)^T (smith, proof of Theorem 2.2)."""
    a = sp.Matrix(2, 3, sp.symbols("a1:7", real=True))
    b = sp.Matrix(2, 3, sp.symbols("b1:7", real=True))
    chain = lip_f * (lip_Df * r) + (lip_Df * r) * lip_f
    bound = simplify_positive(chain / r)
    witness = witness_model(_w, slope=lip_f)
    steps = (
        step("Sigma(w) - Sigma(w') = Df(w)(Df(w) - Df(w'))^T + (Df(w) - Df(w'))Df(w')^T",
             "smith, proof of Theorem 2.2 (cited from [2])", "product rule (checked on generic 2x3 matrices)",
             identity(a * a.T - b * b.T, a * (a - b).T + (a - b) * b.T)),
        step("||Sigma(w) - Sigma(w')|| <= lip_f lip_Df r + lip_Df r lip_f for ||w - w'|| = r",
             "smith, proof of Theorem 2.2", "triangle inequality, submultiplicativity, ||Df|| <= lip_f",
             identity(chain, 2 * lip_f * lip_Df * r)),
        step("the constant 2 is attained: f(w) = lip_f w - lip_Df w^2/2 has |d Sigma/dw| = 2 lip_f lip_Df at w0 = 0",
             "lazycheck", "tightness", identity(sp.Abs(sp.diff(sp.diff(witness, _w) ** 2, _w).subs(_w, 0)), bound)),
    )
    return Derivation(
        name="lip_sigma",
        title="Lipschitz constant of the tangent kernel w -> Sigma(w) = Df(w) Df(w)^T",
        expression=bound,
        steps=steps,
        defining_residual=lambda cand: cand - chain / r,
        statements=(Statement("smith", "proof of Theorem 2.2", "Lip(Sigma) <= 2 Lip(h) Lip(Dh)", 2 * lip_f * lip_Df),),
    )


@cache
def held_out_bound() -> Derivation:
    """alpha (M2/2) r^2 + alpha M1 delta, smith Proposition A.1 (r = ||w - w0||, delta = ||w - wbar||)."""
    x = sp.Symbol("x", real=True)
    a, b = sp.symbols("a b", positive=True)
    taylor = alpha * M2 / 2 * r**2  # alpha times the Taylor remainder (1/2) Lip(Df(., x)) ||w - w0||^2
    tangent = alpha * M1 * delta  # alpha ||Df(w0, x)(w - wbar)|| <= alpha M1 ||w - wbar||
    bound = taylor + tangent
    at = {r: C2 * sp.log(alpha) / alpha, delta: C1 * sp.log(alpha) / alpha**2}
    stated = sp.log(alpha) / alpha * (C1 * M1 + C2**2 * M2 * sp.log(alpha) / 2)
    steps = (
        step("f(w, x) - fbar(w, x) = int_0^1 (Df(w0 + s(w - w0), x) - Df(w0, x))(w - w0) ds (checked on "
             "g(s) = sin(a + b s))", "smith, proof of Proposition A.1", "fundamental theorem of calculus",
             identity(sp.integrate(sp.diff(sp.sin(a + b * x), x) - b * sp.cos(a), (x, 0, 1)),
                      sp.sin(a + b) - sp.sin(a) - b * sp.cos(a))),
        step("||f(w, x) - fbar(w, x)|| <= M2 ||w - w0||^2 int_0^1 s ds = (M2/2) ||w - w0||^2",
             "smith, proof of Proposition A.1", "Lipschitz Df(., x), int_0^1 s ds = 1/2",
             identity(M2 * r**2 * sp.integrate(x, (x, 0, 1)), taylor / alpha)),
        step("||fbar(w, x) - fbar(wbar, x)|| = ||Df(w0, x)(w - wbar)|| <= M1 ||w - wbar||",
             "smith, proof of Proposition A.1", "operator norm", identity(tangent / alpha, M1 * delta)),
        step("with ||w - w0|| <= C2 log(alpha)/alpha and ||w - wbar|| <= C1 log(alpha)/alpha^2 the bound is "
             "(log alpha/alpha)(C1 M1 + C2^2 M2 log alpha/2)", "smith Proposition A.1", "adding the two bounds",
             identity(bound.subs(at), stated)),
        step("the bound tends to 0 as alpha -> oo", "smith Proposition A.1", "limit",
             identity(sp.limit(bound.subs(at), alpha, sp.oo), 0)),
    )
    return Derivation(
        name="held_out_bound",
        title="distance between the lazy and the tangent model on a set X of inputs (Proposition A.1)",
        expression=bound,
        steps=steps,
        defining_residual=lambda cand: cand - (alpha * M2 / 2 * r**2 + alpha * M1 * delta),
        specialization=at,
        statements=(Statement("smith", "Proposition A.1", "sup_{x in X} ||alpha f(w(T), x) - alpha fbar(wbar(T), x)|| "
                              "<= (log alpha/alpha)(C1 M1 + C2^2 M2 log alpha/2)", stated, at=at),),
    )
