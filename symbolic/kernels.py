"""The ReLU limit kernels of chizat-bach (4), derived by integrating over the Gaussian weights.

For a rotation-invariant weight a in R^d (a = rho u with u uniform on the sphere), only its
projection on the plane of x and x' matters. With a standard Gaussian in that plane, in
polar coordinates g = r (cos theta, sin theta), a . x = ||x|| r cos(theta) and
a . x' = ||x'|| r cos(theta - phi), phi the angle between x and x'. Steps:

1. P(a . x > 0, a . x' > 0) = (1/2pi) |{theta : cos theta > 0, cos(theta - phi) > 0}|: the
   integral of 1/(2pi) over theta in (phi - pi/2, pi/2) is (pi - phi)/(2pi);
2. the radial moment int_0^oo r^3 e^{-r^2/2} dr / (2pi) = 1/pi;
3. the angular integral int cos(theta) cos(theta - phi) over the same wedge;
4. a general rotation-invariant law has E||a||^2 in place of the Gaussian's d: the factor
   E||a||^2 / d.

Then k^(a) = (x . x') E(b^2) E[sigma'(a.x) sigma'(a.x')] and k^(b) = E[sigma(a.x) sigma(a.x')].
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from symbolic.core import Derivation, Statement, identity, step
from symbolic.symbols import symbols

phi, x_norm, xp_norm, dot, d, E_b2, E_a2 = symbols("phi x_norm xp_norm dot d E_b2 E_a2")
_theta, _r = sp.Symbol("theta", real=True), sp.Symbol("r", positive=True)
_WEDGE = (_theta, phi - sp.pi / 2, sp.pi / 2)


def _orthant_probability() -> sp.Expr:
    return sp.integrate(1 / (2 * sp.pi), _WEDGE)


def _radial_moment() -> sp.Expr:
    return sp.integrate(_r**3 * sp.exp(-_r**2 / 2), (_r, 0, sp.oo)) / (2 * sp.pi)


def _angular_integral() -> sp.Expr:
    return sp.simplify(sp.integrate(sp.cos(_theta) * sp.cos(_theta - phi), _WEDGE))


@cache
def relu_kernel_a() -> Derivation:
    """k^(a)(x, x') = (x . x') E(b^2) (pi - phi) / (2 pi), chizat-bach (4)."""
    probability = _orthant_probability()
    expression = dot * E_b2 * probability
    steps = (
        step("P(a.x > 0, a.x' > 0) = int over the wedge (phi - pi/2, pi/2) of dtheta/(2 pi) = (pi - phi)/(2 pi)",
             "chizat-bach (4) (Cho & Saul)", "rotation invariance, polar coordinates",
             identity(probability, (sp.pi - phi) / (2 * sp.pi))),
        step("at phi = 0 the probability is 1/2 (a.x > 0 half the time)", "lazycheck", "limit",
             identity(probability.subs(phi, 0), sp.Rational(1, 2))),
        step("k^(a) = (x . x') E(b^2) P(a.x > 0, a.x' > 0)", "chizat-bach 2.2", "independence of a and b",
             identity(expression, dot * E_b2 * (sp.pi - phi) / (2 * sp.pi))),
    )
    stated = dot * E_b2 * (sp.pi - phi) / (2 * sp.pi)
    return Derivation(
        name="relu_kernel_a", title="limit kernel of the input layer, ReLU, rotation-invariant weights",
        expression=sp.simplify(expression), steps=steps,
        defining_residual=lambda cand: cand - dot * E_b2 * _orthant_probability(),
        statements=(Statement("chizat-bach", "(4)", "k^(a)(x, x') = (x . x') E(b^2) (pi - phi) / (2 pi)", stated),),
    )


@cache
def relu_kernel_b() -> Derivation:
    """k^(b)(x, x') = ||x|| ||x'|| E||a||^2 ((pi - phi) cos phi + sin phi) / (2 pi d), chizat-bach (4)."""
    radial, angular = _radial_moment(), _angular_integral()
    gaussian = x_norm * xp_norm * radial * angular
    expression = sp.simplify(gaussian * E_a2 / d)
    steps = (
        step("int_0^oo r^3 exp(-r^2/2) dr / (2 pi) = 1/pi", "lazycheck", "Gaussian moment", identity(radial, 1 / sp.pi)),
        step("int over the wedge of cos(theta) cos(theta - phi) = ((pi - phi) cos phi + sin phi)/2", "lazycheck",
             "trigonometric integral", identity(angular, ((sp.pi - phi) * sp.cos(phi) + sp.sin(phi)) / 2)),
        step("at phi = 0, k^(b) = ||x||^2 E||a||^2/(2d) = E[relu(a.x)^2]", "lazycheck", "E relu(g)^2 = 1/2",
             identity(expression.subs({phi: 0, xp_norm: x_norm}), x_norm**2 * E_a2 / (2 * d))),
        step("a general rotation-invariant law scales the Gaussian value by E||a||^2/d", "chizat-bach (4)",
             "a = rho u with u uniform on the sphere", identity(expression, gaussian * E_a2 / d)),
    )
    stated = x_norm * xp_norm * E_a2 * ((sp.pi - phi) * sp.cos(phi) + sp.sin(phi)) / (2 * sp.pi * d)
    return Derivation(
        name="relu_kernel_b", title="limit kernel of the output layer, ReLU, rotation-invariant weights",
        expression=expression, steps=steps,
        defining_residual=lambda cand: cand - x_norm * xp_norm * _radial_moment() * _angular_integral() * E_a2 / d,
        statements=(Statement("chizat-bach", "(4)", "k^(b)(x, x') = ||x|| ||x'|| E(||a||^2) ((pi - phi) cos phi + "
                              "sin phi) / (2 pi d)", stated),),
    )
