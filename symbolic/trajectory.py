"""Sharper constants of Theorem 3.2 (smith Theorem 2.4) along the trajectory: a floor needed only where the flow goes.

Both texts bound the kernel on the whole ball B(w0, r0) and let the flow roam it. Under the theorem's own
hypotheses (||f(w0)|| <= C0, alpha > ||f*||/C0, so ||alpha f(w0) - f*|| < 2 alpha C0) the flow goes much less far,
and a bootstrap shows it, in steps (``trajectory_floor``):

1. On the ball of radius rho = u sigma_min/L_Df (0 < u < 1), Weyl's inequality gives the kernel floor
   c(u) = (1 - u)^2 and the growth ||Df_w|| <= ||Df(w0)|| + L_Df rho <= (1 + u) ||Df(w0)||.
2. While w stays there, Lemma 3.3 and the speed bound integrate to the displacement ``displacement_integral``
   with growth 1 + u and floor c(u); at ||alpha f(w0) - f*|| = 2 alpha C0 it is D(u) sigma_min/L_Df.
3. If D(u) < u, the flow never reaches the sphere of radius rho (continuity): the smallest positive root u*
   of D(u) = u is the radius (over sigma_min/L_Df) the flow stays within, and c* = (1 - u*)^2 is the floor
   it sees: the convergence rate of Theorem 3.2 is c* mu sigma_min^2, not only mu sigma_min^2/4.

C0 is the derived ``c0``, so the whole chain follows :data:`symbolic.constants.SINGULAR_FLOOR`.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from symbolic.constants import TEXT_C0, c, c0, displacement_integral, r0
from symbolic.core import Check, Derivation, identity, nonnegative, positive, step
from symbolic.symbols import symbols

alpha, d0, sigma_min, lip_Df, Df_norm = symbols("alpha d0 sigma_min lip_Df Df_norm")
u = sp.Symbol("u", positive=True)
_slack, _v = sp.Symbol("slack", nonnegative=True), sp.Symbol("v", positive=True)


@cache
def bootstrap_ratio() -> sp.Expr:
    """D(u): the displacement bound over sigma_min/L_Df on the ball of radius u sigma_min/L_Df, at
    ||alpha f(w0) - f*|| = 2 alpha C0 (its supremum under the theorem's hypotheses)."""
    radius = displacement_integral(1 + u).subs(c, (1 - u) ** 2)
    return sp.simplify(radius.subs(d0, 2 * alpha * c0().specialized) * lip_Df / sigma_min)


def _fixed_point_polynomial() -> sp.Poly:
    """The numerator of D(u) - u, a polynomial in u."""
    numerator, _ = sp.fraction(sp.together(bootstrap_ratio() - u))
    return sp.Poly(sp.expand(numerator), u)


@cache
def radius_root() -> sp.Expr:
    """u*: the smallest positive root of D(u) = u, an algebraic number (exact)."""
    roots = sorted(_fixed_point_polynomial().real_roots(), key=lambda root: float(root))
    return next(root for root in roots if float(root) > 0)


def _root_of(polynomial: sp.Poly, root) -> Check:
    """``root`` is a root of ``polynomial``: the minimal polynomial of ``root`` divides it (the residual is the
    remainder)."""
    minimal = sp.Poly(sp.minimal_polynomial(root, u), u)
    remainder = polynomial.rem(minimal)
    return Check(remainder.is_zero, remainder.as_expr())


def _is_true(relation) -> Check:
    """An exact decision of a relation between real algebraic numbers."""
    value = sp.simplify(relation)
    return Check(value is sp.true, sp.S.Zero if value is sp.true else relation)


@cache
def trajectory_floor() -> Derivation:
    """c* = (1 - u*)^2 ~ 0.847: the kernel floor along every trajectory allowed by Theorem 3.2's hypotheses."""
    ratio, root = bootstrap_ratio(), radius_root()
    floor = (1 - root) ** 2
    after = (root + sp.Rational(1, 2)) / 2  # a radius between u* and 1/2, below the next root of D(u) = u
    steps = (
        step("on the ball of radius u sigma_min/L_Df: ||Df_w|| <= ||Df(w0)|| + u sigma_min <= (1 + u) ||Df(w0)||",
             "lazycheck (sharpening chizat-bach, proof of Theorem 3.2)", "Lipschitz Df, sigma_min <= ||Df(w0)||",
             nonnegative(((1 + u) * Df_norm - (Df_norm + u * sigma_min)).subs(Df_norm, sigma_min + _slack))),
        step("there the displacement is at most D(u) sigma_min/L_Df (displacement_integral with growth 1 + u and "
             "floor (1 - u)^2, at ||alpha f(w0) - f*|| = 2 alpha C0), and D grows with u on (0, 1)", "lazycheck",
             "Lemma 3.3, the speed bound, C0; u = v/(1 + v) maps v > 0 onto (0, 1)",
             positive(sp.diff(ratio, u).subs(u, _v / (1 + _v)))),
        step("u* is the smallest positive root of D(u) = u (the numerator of D(u) - u vanishes there)", "lazycheck",
             "real roots of a polynomial", _root_of(_fixed_point_polynomial(), root)),
        step("just above u*, D(u) < u: the flow cannot reach the sphere of that radius, so it stays within "
             "u* sigma_min/L_Df", "lazycheck", "continuity of ||w(t) - w0||",
             _is_true(sp.Lt(ratio.subs(u, after), after))),
        step("the floor along the trajectory c* = (1 - u*)^2 exceeds smith's 3/4 and chizat-bach's 1/4",
             "lazycheck", "Weyl's inequality at u*",
             _is_true(sp.And(sp.Gt(floor, sp.Rational(3, 4)), sp.Gt(floor, sp.Rational(1, 4))))),
        step("u* < 1/2: the trajectory stays inside B(w0, r0), as the theorem needs", "lazycheck", "r0 = sigma_min/(2 L)",
             positive(sp.Rational(1, 2) - root)),
    )
    return Derivation(
        name="trajectory_floor",
        title="kernel floor c* along the lazy flow under Theorem 3.2's hypotheses (rate c* mu sigma_min^2)",
        expression=floor,
        steps=steps,
        defining_residual=lambda cand: cand - (1 - radius_root()) ** 2,
        notes=(f"u* = {sp.N(root, 6)}: the flow stays within {sp.N(2 * root, 4)} r0 of w0, where the floor is "
               f"c* = {sp.N(floor, 6)} sigma_min^2. So the convergence rate of Theorem 3.2 (smith 2.4) is at least "
               f"{sp.N(floor, 4)} mu sigma_min^2: smith's displayed 3 m sigma_min^2/4 holds, though his reason (a "
               "floor of 3/4 on all of B(w0, r0)) is false, and chizat-bach's mu sigma_min^2/4 is loose by a "
               f"factor {sp.N(4 * floor, 4)}.",),
    )


@cache
def c0_sharp_growth() -> Derivation:
    """C0' = sigma_min^3/(24 kappa^{3/2} ||Df(w0)|| L_Df): the proof of Theorem 3.2 with the growth 3/2 it can have.

    Both texts bound ||Df_w|| by 2 ||Df(w0)|| on B(w0, r0) (a gap: neither says why); the Lipschitz bound gives
    ||Df(w0)|| + L_Df r0 = ||Df(w0)|| + sigma_min/2 <= (3/2) ||Df(w0)||, and the same chain then allows a C0 larger
    by 4/3 (at the texts' floor 1/4).
    """
    floor = {c: sp.Rational(1, 4)}
    radius = displacement_integral(sp.Rational(3, 2)).subs(floor)
    level = sp.Symbol("C0", positive=True)
    (value,) = sp.solve(sp.Eq(radius.subs(d0, 2 * alpha * level), r0().expression), level)
    steps = (
        step("on B(w0, r0): ||Df_w|| <= ||Df(w0)|| + L_Df r0 = ||Df(w0)|| + sigma_min/2 <= (3/2) ||Df(w0)||",
             "lazycheck (sharpening chizat-bach, proof of Theorem 3.2)", "Lipschitz Df, sigma_min <= ||Df(w0)||",
             nonnegative((sp.Rational(3, 2) * Df_norm - (Df_norm + sigma_min / 2)).subs(Df_norm, sigma_min + _slack))),
        step("the displacement with growth 3/2 at ||alpha f(w0) - f*|| = 2 alpha C0' equals r0", "lazycheck",
             "displacement_integral, solve", identity(radius.subs(d0, 2 * alpha * value), r0().expression)),
        step("C0' = (4/3) C0 (the texts' 32 becomes 24)", "lazycheck", "divide",
             identity(value / TEXT_C0, sp.Rational(4, 3))),
    )
    return Derivation(
        name="c0_sharp_growth",
        title="C0 with the growth factor 3/2 that the hypotheses give (the texts use 2): sigma_min^3/(24 ...)",
        expression=value,
        steps=steps,
        defining_residual=lambda cand: radius.subs(d0, 2 * alpha * cand) - r0().expression,
    )
