"""Gronwall comparison solutions behind Lemma 3.3, smith's Theorem 2.2 and Lemma A.1.

Three comparison equations, each solved with ``dsolve`` and checked with
``checkodesol``:

(a) :math:`\\bar F' = -2\\mu\\lambda \\bar F` (chizat-bach, proof of Lemma 3.3), which
    with strong convexity and smoothness gives the Lemma 3.3 bound
    :math:`\\sqrt{\\nu/\\mu}\\, d_0\\, e^{-\\mu\\lambda t}`;
(b) :math:`\\Delta' = C_1/\\alpha + C_2 \\Delta`, :math:`\\Delta(0) = 0` (smith, proof of
    Theorem 2.2);
(c) :math:`h' = K\\sqrt{2h/\\lambda} - 2\\lambda\\mu h`, :math:`h(0) = 0` (chizat-bach, proof
    of Lemma A.1). Its attracting level gives the text's time-uniform bound
    :math:`K\\|\\Sigma_0\\|^{1/2}/(\\lambda^{3/2}\\mu)`; its exact solution gives
    lazycheck's sharper bound, smaller by the factor :math:`1 - e^{-\\lambda\\mu t}`.

It also provides :func:`gronwall_bound`, mathlib's ``gronwallBound``.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from symbolic.core import (
    Derivation, Remark, Statement, Step, all_of, identity, nonnegative, ode_solution, positive, simplify_positive, step,
    zero,
)
from symbolic.symbols import symbols

t, alpha, mu, nu, lam, d0, F0 = symbols("t alpha mu nu lam d0 F0")
K, Sigma0_norm, C1, C2 = symbols("K Sigma0_norm C1 C2")


def gronwall_bound(delta, k, eps, x) -> sp.Expr:
    """mathlib's ``gronwallBound δ K ε x``: the solution of u' = k u + eps, u(0) = delta.

    .. math::

        \\text{gronwall\\_bound}(\\delta, k, \\varepsilon, x) =
        \\begin{cases} \\delta + \\varepsilon x & k = 0 \\\\
        \\delta e^{kx} + \\frac{\\varepsilon}{k}(e^{kx} - 1) & k \\ne 0 \\end{cases}

    Works for numbers and sympy expressions. When sympy cannot decide whether ``k``
    is zero, the result is a ``Piecewise`` with both branches.
    """
    delta, k, eps, x = (sp.sympify(a) for a in (delta, k, eps, x))
    at_zero = delta + eps * x
    general = delta * sp.exp(k * x) + eps / k * (sp.exp(k * x) - 1) if k != 0 else at_zero
    if k.is_zero:
        return at_zero
    if k.is_nonzero:
        return general
    return sp.Piecewise((at_zero, sp.Eq(k, 0)), (general, True))


# (a) Lemma 3.3 ---------------------------------------------------------------------------


def _chain_rule_along_metric_flow() -> Step:
    """d/dt F(y(t)) = -grad F^T Sigma(t) grad F for y' = -Sigma(t) grad F, generic 2-d."""
    y = [sp.Function(f"y{k}")(t) for k in (1, 2)]
    s11, s12, s22 = (sp.Function(name)(t) for name in ("s11", "s12", "s22"))
    sigma = sp.Matrix([[s11, s12], [s12, s22]])
    u = sp.symbols("u1:3")
    loss = sp.Function("F")
    grad = sp.Matrix([sp.diff(loss(*u), uk) for uk in u]).subs(dict(zip(u, y)), simultaneous=True)
    flow = {sp.Derivative(yk, t): -(sigma * grad)[k] for k, yk in enumerate(y)}
    along = sp.diff(loss(*y), t).subs(flow)
    return step("d/dt Fbar(y(t)) = -grad F(y)^T Sigma(t) grad F(y) along y' = -Sigma(t) grad F(y)",
                "chizat-bach, proof of Lemma 3.3", "chain rule (generic F, generic symmetric Sigma(t))",
                identity(along, -(grad.T * sigma * grad)[0]))


def _decay_ode():
    fbar = sp.Function("Fbar")
    return fbar, sp.Eq(fbar(t).diff(t), -2 * mu * lam * fbar(t))


@cache
def gronwall_decay() -> Derivation:
    """Fbar(t) <= Fbar(0) exp(-2 mu lam t), chizat-bach proof of Lemma 3.3."""
    fbar, ode = _decay_ode()
    solution = sp.dsolve(ode, ics={fbar(0): F0})
    x = sp.Symbol("x", real=True)
    steps = (
        _chain_rule_along_metric_flow(),
        step("grad F^T Sigma grad F >= lam ||grad F||^2 (tight for Sigma = lam Id, equality on a 1-d F)",
             "chizat-bach, proof of Lemma 3.3", "Sigma(t) >= lam Id (Rayleigh quotient)",
             identity((lam * x) * x, lam * x**2)),
        step("||grad F(y)||^2 >= 2 mu Fbar(y) (tight: equality for F(y) = mu y^2/2)",
             "chizat-bach, proof of Lemma 3.3", "strong convexity (Polyak-Lojasiewicz inequality)",
             identity((mu * x) ** 2, 2 * mu * (mu * x**2 / 2))),
        step("comparison equation Fbar' = -2 mu lam Fbar, Fbar(0) = F0 solved by dsolve",
             "chizat-bach, proof of Lemma 3.3", "Gronwall's lemma", ode_solution(ode, solution, {fbar(0): F0})),
        step("Fbar(t) -> 0 as t -> oo", "lazycheck", "limit", identity(sp.limit(solution.rhs, t, sp.oo), 0)),
    )
    return Derivation(
        name="gronwall_decay",
        title="Gronwall decay of the suboptimality Fbar(y(t)) = F(y(t)) - F(y*) along y' = -Sigma(t) grad F(y)",
        expression=solution.rhs,
        steps=steps,
        defining_residual=lambda cand: sp.Matrix([cand.diff(t) + 2 * mu * lam * cand, cand.subs(t, 0) - F0]),
        statements=(
            Statement("chizat-bach", "proof of Lemma 3.3", "Fbar(y(t)) <= exp(-2 mu lambda) Fbar(y(0))",
                      F0 * sp.exp(-2 * mu * lam), reading=F0 * sp.exp(-2 * mu * lam * t),
                      note="The text drops t from the exponent, here and in the last display of the proof. "
                           "We read it as exp(-2 mu lambda t), a typo: the lemma's statement has the t."),
        ),
    )


@cache
def lemma_3_3_bound() -> Derivation:
    """||y(t) - y*|| <= sqrt(nu/mu) d0 exp(-mu lam t), chizat-bach Lemma 3.3 = smith Lemma B.1."""
    decay = gronwall_decay().expression
    x = sp.Symbol("x", real=True)
    squared = (2 / mu) * decay.subs(F0, nu * d0**2 / 2)
    bound = sp.sqrt(squared)
    slack = sp.Symbol("slack", nonnegative=True)
    steps = (
        step("Fbar(y(t)) <= Fbar(y(0)) exp(-2 mu lam t)", "chizat-bach, proof of Lemma 3.3", "gronwall_decay",
             gronwall_decay().verify(decay)),
        step("Fbar(y(0)) <= (nu/2) ||y(0) - y*||^2 (tight: equality for F(y) = nu y^2/2)",
             "chizat-bach, proof of Lemma 3.3", "smoothness, grad F(y*) = 0",
             identity(nu * x**2 / 2, (nu / 2) * x**2)),
        step("||y - y*||^2 <= (2/mu) Fbar(y) (tight: equality for F(y) = mu y^2/2)",
             "chizat-bach, proof of Lemma 3.3", "strong convexity",
             identity((2 / mu) * (mu * x**2 / 2), x**2)),
        step("||y(t) - y*||^2 <= (nu/mu) d0^2 exp(-2 mu lam t)", "chizat-bach, proof of Lemma 3.3",
             "combining the three inequalities", identity(squared, (nu / mu) * d0**2 * sp.exp(-2 * mu * lam * t))),
        step("square root: bound = sqrt(nu/mu) d0 exp(-mu lam t)", "chizat-bach Lemma 3.3", "monotonicity of sqrt",
             identity(bound**2, squared)),
        step("at t = 0 the bound is sqrt(kappa) d0 >= d0, as kappa = nu/mu >= 1", "lazycheck", "mu <= nu",
             nonnegative((bound.subs(t, 0) ** 2 - d0**2).subs(nu, mu + slack))),
    )
    stated = sp.sqrt(nu / mu) * d0 * sp.exp(-mu * lam * t)
    return Derivation(
        name="lemma_3_3_bound",
        title="Lemma 3.3: strongly convex gradient flow in a time-dependent metric Sigma(t) >= lam Id",
        expression=simplify_positive(bound),
        steps=steps,
        defining_residual=lambda cand: cand - sp.sqrt((2 / mu) * decay.subs(F0, nu * d0**2 / 2)),
        statements=(
            Statement("chizat-bach", "Lemma 3.3", "||y(t) - y*|| <= (nu/mu)^{1/2} ||y(0) - y*|| exp(-mu lambda t)",
                      stated),
            Statement("smith", "Lemma B.1", "||y(t) - y*|| <= (M/m)^{1/2} ||y(0) - y*|| exp(-m lambda t)", stated),
        ),
        remarks=(
            Remark("chizat-bach", "proof of Lemma 3.3, last display",
                   "||y(t) - y*||^2 <= (nu/mu) exp(-2 mu lambda) ||y(0) - y*||^2",
                   (nu / mu) * sp.exp(-2 * mu * lam) * d0**2, squared,
                   "t is dropped from the exponent (typo, also in the Gronwall line); the statement has it."),
        ),
    )




# (b) smith Theorem 2.2 ----------------------------------------------------------------------


@cache
def gronwall_linear() -> Derivation:
    """Delta(t) <= C1 (exp(C2 t) - 1)/(C2 alpha), smith proof of Theorem 2.2."""
    delta = sp.Function("Delta")
    ode = sp.Eq(delta(t).diff(t), C1 / alpha + C2 * delta(t))
    solution = sp.dsolve(ode, ics={delta(0): 0})
    steps = (
        step("comparison equation u' = C1/alpha + C2 u, u(0) = 0 solved by dsolve", "smith, proof of Theorem 2.2",
             "integrating factor", ode_solution(ode, solution, {delta(0): 0})),
        step("the solution is mathlib's gronwallBound(0, C2, C1/alpha, t)", "lazycheck", "gronwall_bound",
             identity(solution.rhs, gronwall_bound(0, C2, C1 / alpha, t))),
        step("u is increasing, so sup over [0, T] is u(T)", "smith, proof of Theorem 2.2", "u' > 0",
             positive(solution.rhs.diff(t))),
        step("C2 -> 0 limit is C1 t/alpha, the k = 0 branch of gronwallBound", "lazycheck", "limit",
             identity(sp.limit(solution.rhs, C2, 0), gronwall_bound(0, 0, C1 / alpha, t))),
    )
    return Derivation(
        name="gronwall_linear",
        title="smith's Gronwall comparison for Delta(t) = ||y(t) - ybar(t)||: Delta' <= C1/alpha + C2 Delta",
        expression=simplify_positive(solution.rhs),
        steps=steps,
        defining_residual=lambda cand: sp.Matrix([cand.diff(t) - C1 / alpha - C2 * cand, cand.subs(t, 0)]),
        statements=(
            Statement("smith", "proof of Theorem 2.2", "u(t) = (C1/(C2 alpha)) (exp(C2 t) - 1)",
                      C1 / (C2 * alpha) * (sp.exp(C2 * t) - 1)),
        ),
    )


# (c) Lemma A.1 ------------------------------------------------------------------------------


def stability_rate(h: sp.Expr) -> sp.Expr:
    """Right-hand side of the comparison equation of chizat-bach A.1: K sqrt(2h/lam) - 2 lam mu h."""
    return K * sp.sqrt(2 * h / lam) - 2 * lam * mu * h


@cache
def stability_level() -> sp.Expr:
    """The positive zero h* of :func:`stability_rate`, found by ``solve``."""
    h = sp.Symbol("h", positive=True)
    (level,) = sp.solve(sp.Eq(stability_rate(h), 0), h)
    return level


def _bernoulli_general_solution():
    """dsolve's general solution of h' = stability_rate(h), with its constant renamed."""
    h = sp.Function("h")
    ode = sp.Eq(h(t).diff(t), stability_rate(h(t)))
    solution = sp.dsolve(ode, hint="Bernoulli")
    constant = sp.Symbol("C", real=True)
    return ode, solution.rhs.subs(sp.Symbol("C1"), constant), constant


@cache
def stability_bound() -> Derivation:
    """||y(t) - ybar(t)|| <= K ||Sigma0||^{1/2} / (lam^{3/2} mu), chizat-bach Lemma A.1 = smith Lemma B.2."""
    e, s, z = sp.Symbol("e", positive=True), sp.Symbol("s", positive=True), sp.Symbol("z", real=True)
    h = sp.Symbol("h", positive=True)
    level = stability_level()
    _, general, constant = _bernoulli_general_solution()
    branch = constant * sp.exp(-lam * mu * t) + K / (sp.sqrt(2) * lam**sp.Rational(3, 2) * mu)
    bound = sp.sqrt(Sigma0_norm) * sp.sqrt(2 * level)
    steps = (
        step("z -> R(Sigma0^{1/2} z) is mu*lam-strongly convex: equality for R(y) = mu y^2/2, Sigma0 = lam",
             "chizat-bach, proof of Lemma A.1 (A(t) <= -2 lam mu h)", "Sigma(0) >= lam Id",
             identity(sp.diff(mu * (sp.sqrt(lam) * z) ** 2 / 2, z, 2), mu * lam)),
        step("|B(t)| <= K ||z - zbar|| / sqrt(lam) = K sqrt(2h/lam) with h = ||z - zbar||^2/2",
             "chizat-bach, proof of Lemma A.1", "Cauchy-Schwarz, ||Sigma0^{-1/2}|| <= lam^{-1/2}",
             identity(K * e / sp.sqrt(lam), K * sp.sqrt(2 * (e**2 / 2) / lam))),
        step("the right-hand side g(h) = K sqrt(2h/lam) - 2 lam mu h is concave on h > 0", "chizat-bach A.1",
             "g'' < 0", positive(-sp.diff(stability_rate(h), h, 2))),
        step("g has the unique positive zero h* = K^2/(2 lam^3 mu^2)", "chizat-bach A.1", "solve",
             identity(stability_rate(level), 0)),
        step("g < 0 above h*, so h(0) = 0 gives h(t) <= h* for all t", "chizat-bach A.1",
             "comparison (g(h*(1+s)^2) < 0 for s > 0)", positive(-stability_rate(level * (1 + s) ** 2))),
        step("dsolve's general solution is v(t)^2 with v = C exp(-lam mu t) + K/(sqrt(2) lam^{3/2} mu)",
             "lazycheck", "Bernoulli substitution", identity(general, branch**2)),
        step("v^2 solves h' = g(h) wherever v >= 0 (residual after dividing by v)", "lazycheck",
             "h = v^2, h' = 2 v v', sqrt(v^2) = v",
             identity(2 * branch.diff(t), K * sp.sqrt(2 / lam) - 2 * lam * mu * branch)),
        step("every solution tends to h* as t -> oo", "lazycheck", "limit",
             identity(sp.limit(general, t, sp.oo), level)),
        step("||y - ybar|| <= ||Sigma0||^{1/2} sqrt(2h) <= K ||Sigma0||^{1/2}/(lam^{3/2} mu)",
             "chizat-bach A.1, last line", "y = Sigma0^{1/2} z",
             identity(bound, K * sp.sqrt(Sigma0_norm) / (lam ** sp.Rational(3, 2) * mu))),
    )
    stated = K * sp.sqrt(Sigma0_norm) / (lam ** sp.Rational(3, 2) * mu)
    return Derivation(
        name="stability_bound",
        title="Lemma A.1 (stability lemma): time-uniform bound on ||y(t) - ybar(t)||",
        expression=simplify_positive(bound),
        steps=steps,
        defining_residual=lambda cand: cand - sp.sqrt(2 * Sigma0_norm * stability_level()),
        statements=(
            Statement("chizat-bach", "Lemma A.1", "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2} / (lambda^{3/2} mu)",
                      stated),
            Statement("smith", "Lemma B.2", "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2} / (lambda^{3/2} m)", stated),
        ),
        notes=(
            "Reading of garbled text (chizat-bach, proof of A.1): 'z -> R(Sigma0^{1/2} z) is mu sqrt(lambda)-strongly "
            "convex' and 'A(t) <= -2 sqrt(lambda) mu h(t)' are read as mu*lambda and -2 lambda mu h(t); the square "
            "roots belong to the neighbouring bound on B(t). The next display, h' <= K sqrt(2h/lambda) - 2 lambda mu h, "
            "confirms this reading.",
        ),
    )


def _error_ode():
    """e' = K/sqrt(lam) - lam mu e for e = ||z - zbar|| = sqrt(2h)."""
    err = sp.Function("e")
    return err, sp.Eq(err(t).diff(t), K / sp.sqrt(lam) - lam * mu * err(t))


@cache
def stability_bound_time_dependent() -> Derivation:
    """lazycheck's sharper stability bound: the uniform one times (1 - exp(-lam mu t))."""
    err, ode = _error_ode()
    solution = sp.dsolve(ode, ics={err(0): 0})
    e_t = solution.rhs
    e_pos = sp.Symbol("e", positive=True)
    bound = sp.sqrt(Sigma0_norm) * e_t
    uniform = stability_bound().expression
    # g(e^2/2) is computed for a positive e (so sqrt(e^2) = e) and then evaluated on e(t) >= 0.
    comparison_residual = sp.diff(e_t**2 / 2, t) - stability_rate(e_pos**2 / 2).subs(e_pos, e_t)
    steps = (
        step("e = ||z - zbar|| = sqrt(2h) satisfies e' <= K/sqrt(lam) - lam mu e where e > 0 "
             "(avoids the non-Lipschitz point of sqrt(h) at 0)",
             "lazycheck (from chizat-bach A.1)", "h' = e e', divide by e > 0",
             identity(stability_rate(e_pos**2 / 2) / e_pos, K / sp.sqrt(lam) - lam * mu * e_pos)),
        step("linear comparison equation e' = K/sqrt(lam) - lam mu e, e(0) = 0 solved by dsolve", "lazycheck",
             "Gronwall (linear, Lipschitz right-hand side)", ode_solution(ode, solution, {err(0): 0})),
        step("e(t) >= 0 for t >= 0: e(0) = 0 and e' > 0", "lazycheck", "monotonicity",
             all_of(identity(e_t.subs(t, 0), 0), positive(e_t.diff(t)))),
        step("h = e^2/2 solves the text's comparison equation h' = K sqrt(2h/lam) - 2 lam mu h", "chizat-bach A.1",
             "sqrt(e^2) = e since e >= 0", zero(comparison_residual)),
        step("the bound tends to the text's uniform bound as t -> oo", "chizat-bach Lemma A.1", "limit",
             identity(sp.limit(bound, t, sp.oo), uniform)),
        step("the bound is 0 at t = 0", "lazycheck", "ybar(0) = y(0)", identity(bound.subs(t, 0), 0)),
        step("it is strictly below the uniform bound for every t: the gap is uniform * exp(-lam mu t) > 0",
             "lazycheck", "comparison", positive(uniform - bound)),
    )
    return Derivation(
        name="stability_bound_time_dependent",
        title="stability bound from the exact solution of the A.1 comparison equation (lazycheck's claim)",
        expression=sp.factor_terms(sp.expand(bound)),
        steps=steps,
        defining_residual=lambda cand: sp.Matrix([
            (cand / sp.sqrt(Sigma0_norm)).diff(t) - K / sp.sqrt(lam) + lam * mu * cand / sp.sqrt(Sigma0_norm),
            cand.subs(t, 0),
        ]),
        notes=(
            "No text states this bound; it is lazycheck's own claim. It is smaller than the time-uniform bound of "
            "Lemma A.1 by the factor 1 - exp(-lam mu t) and agrees with it as t -> oo.",
        ),
    )
