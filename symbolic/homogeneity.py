"""Positive homogeneity: smith Section 2 (output scale as weight scale) and chizat-bach 4.2.1 (criterion (7)).

Every q-positively-homogeneous function of two positive variables has the form
w2^q phi(w1/w2) (:func:`homogeneous_model`), so a derivation on that generic form holds for
every such model:

- ``homogeneous_time_change``: alpha^(1/q) w(t) = vtilde(alpha^(2/q) t), the flows of
  R(alpha h(w))/alpha^2 and R(h(v))/alpha^2 trace the same path at different speeds;
- ``criterion_homogeneity``: scaling the initialization by lam multiplies the ratio of
  criterion (7) by lam^q.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from symbolic.core import Derivation, Statement, identity, simplify_positive, step
from symbolic.symbols import symbols

alpha, lam, q = symbols("alpha lam q")
w1, w2 = sp.symbols("w1 w2", positive=True)


def homogeneous_model(first: sp.Expr, second: sp.Expr) -> sp.Expr:
    """The generic q-homogeneous model second^q phi(first/second) of two positive variables.

    Every q-positively-homogeneous function of (w1, w2) with w2 > 0 has this form, with
    phi(s) = h(s, 1): so an identity proved for it holds for every such h.
    """
    return second**q * sp.Function("phi")(first / second)


@cache
def homogeneous_time_change() -> Derivation:
    """smith Section 2: for a q-homogeneous h, scaling the output by alpha is scaling the weights by alpha^(1/q),
    up to a change of time.

    Steps: (1) h(alpha^(1/q) w) = alpha h(w); (2) F_alpha(w) = G_alpha(alpha^(1/q) w) with
    G_alpha(v) = R(h(v))/alpha^2; (3) grad F_alpha(w) = alpha^(1/q) grad G_alpha(alpha^(1/q) w), chain rule;
    (4) along w' = -grad F_alpha(w), v = alpha^(1/q) w has v' = -alpha^(2/q) grad G_alpha(v); (5) so
    v(t) = vtilde(c t) for the flow vtilde of G_alpha exactly when c = alpha^(2/q): the derived expression.
    """
    loss = sp.Function("R")
    model = homogeneous_model
    scale = alpha ** (1 / q)
    objective = loss(alpha * model(w1, w2)) / alpha**2  # F_alpha
    rescaled = lambda a, b: loss(model(a, b)) / alpha**2  # G_alpha  # noqa: E731
    v1, v2 = sp.symbols("v1 v2", positive=True)
    grad_rescaled = sp.Matrix([sp.diff(rescaled(v1, v2), v) for v in (v1, v2)])
    at_scaled = {v1: scale * w1, v2: scale * w2}
    grad_objective = sp.Matrix([sp.diff(objective, w) for w in (w1, w2)])
    # Step 4: the velocity of v = scale w(t) when w' = -grad F_alpha(w), in terms of v.
    velocity_of_v = (-scale * grad_objective).subs({w1: v1 / scale, w2: v2 / scale}, simultaneous=True)
    # Step 5: v(t) = vtilde(c t) has velocity -c grad G_alpha(v); match it with step 4.
    c = sp.Symbol("c", positive=True)
    (factor,) = sp.solve(sp.Eq(-c * grad_rescaled[0], velocity_of_v[0]), c)
    steps = (
        step("h(alpha^(1/q) w) = alpha h(w) for h = w2^q phi(w1/w2)", "smith Section 2", "q-homogeneity",
             identity(model(scale * w1, scale * w2), alpha * model(w1, w2))),
        step("F_alpha(w) = R(alpha h(w))/alpha^2 = G_alpha(alpha^(1/q) w), G_alpha(v) = R(h(v))/alpha^2",
             "smith Section 2", "step 1", identity(objective, rescaled(scale * w1, scale * w2))),
        step("grad F_alpha(w) = alpha^(1/q) grad G_alpha(alpha^(1/q) w)", "smith Section 2", "chain rule",
             identity(grad_objective, scale * grad_rescaled.subs(at_scaled, simultaneous=True))),
        step("v = alpha^(1/q) w(t) satisfies v' = -alpha^(2/q) grad G_alpha(v)", "smith Section 2",
             "gradient flow w' = -grad F_alpha(w), step 3", identity(velocity_of_v, -scale**2 * grad_rescaled)),
        step("v(t) = vtilde(c t), vtilde' = -grad G_alpha(vtilde), solves step 4 iff c = alpha^(2/q)",
             "smith Section 2", "chain rule in t; solving for c", identity(-factor * grad_rescaled, velocity_of_v)),
    )
    return Derivation(
        name="homogeneous_time_change",
        title="time factor c in alpha^(1/q) w(t) = vtilde(c t) (q-homogeneous h; vtilde the flow of R(h(v))/alpha^2)",
        expression=factor,
        steps=steps,
        defining_residual=lambda candidate: (-candidate * grad_rescaled - velocity_of_v)[0],
        notes=("smith writes m for the degree of homogeneity; lazycheck writes q (m is a width elsewhere). "
               "The two flows trace the same path after w -> alpha^(1/q) w; at equal times they differ unless "
               "alpha = 1 (smith's 'equivalent' is read as the same path; no text says equal times). Numeric check: "
               "proofs_check.studies.scaling.time_change_claim.",),
    )


@cache
def criterion_homogeneity() -> Derivation:
    """Scaling a q-homogeneous model's initialization by lam multiplies criterion (7)'s ratio by lam^q."""
    model = homogeneous_model(w1, w2)
    scaled = lambda expr: expr.subs({w1: lam * w1, w2: lam * w2}, simultaneous=True)  # noqa: E731
    gradient = sp.Matrix([sp.diff(model, w) for w in (w1, w2)])
    hessian = sp.hessian(model, (w1, w2))
    degree = lambda expr: simplify_positive(sp.expand_log(sp.log(scaled(expr) / expr), force=True) / sp.log(lam))  # noqa: E731
    deg_df, deg_d2f = degree(gradient[0]), degree(hessian[0, 0])
    factor = simplify_positive(lam ** (2 * deg_df) / lam**deg_d2f)
    steps = (
        step("f(lam w) = lam^q f(w) for f = w2^q phi(w1/w2)", "chizat-bach 4.2.1", "q-homogeneity",
             identity(scaled(model), lam**q * model)),
        step("Df is (q-1)-homogeneous: Df(lam w) = lam^(q-1) Df(w)", "chizat-bach 4.2.1", "chain rule",
             identity(scaled(gradient), lam**deg_df * gradient)),
        step("D^2 f is (q-2)-homogeneous, so L_Df on the scaled ball scales by lam^(q-2)", "chizat-bach 4.2.1",
             "chain rule", identity(scaled(hessian), lam**deg_d2f * hessian)),
        step("||Df||^2/L_Df scales by lam^(2(q-1))/lam^(q-2); the left side of (7) is held fixed",
             "chizat-bach 4.2.1", "homogeneity of norms", identity(factor, lam ** (2 * deg_df - deg_d2f))),
    )
    return Derivation(
        name="criterion_homogeneity",
        title="factor on the ratio of criterion (7) when a q-homogeneous model's initialization is scaled by lam",
        expression=factor,
        steps=steps,
        defining_residual=lambda cand: cand * lam**deg_d2f - lam ** (2 * deg_df),
        statements=(
            Statement("chizat-bach", "Section 4.2.1", "the ratio of Eq. (7) is multiplied by "
                      "lambda^{2q-2}/lambda^{q-2} = lambda^q", lam**q),
        ),
        notes=("Here lam is the initialization scale of chizat-bach 4.2.1 (the text reuses the letter lambda). "
               "Assumption, as in the text: the left side of (7), ||T_f(w*) - f(w0)||, does not change "
               "(f(w0) close to 0 and a fixed target).",),
    )
