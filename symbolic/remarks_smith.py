"""Derivations behind the ledger entries for smith's remarks (identities and scalings the text states in passing).

Each builder is cached and returns a :class:`~symbolic.core.Derivation`; :data:`BUILDERS` lists them for
:mod:`symbolic.catalog`, in the order of the text:

- ``hidden_layer_hessian`` (Section 1): w -> b tanh(a . x) has an indefinite Hessian at 0;
- ``mse_curvature`` (Section 2): the mean-squared error is 2-strongly convex and 2-smooth on L^2(D_x);
- ``normalized_minimizers`` (Section 2): the factor 1/alpha^2 keeps the minimizers, not the minimum value;
- ``forward_euler_step`` (Section 2): forward Euler on (4) is the gradient-descent update;
- ``circle_flows`` (Section 3.1): two instances of Theorem 2.2 on which t -> oo and alpha -> oo do not commute;
- ``pointwise_from_l2`` (Section 3.1.1): |g(x_i)| <= sqrt(N) ||g||_{L^2(D_x)}, attained;
- ``tangent_map_rank`` (Section 3.2): rank Dh(w0) <= p; sigma_min(Dh^T) > 0 iff Dh(w0) is onto;
- ``strong_convexity_uniqueness`` (Section 3.2): an m-strongly convex R has one minimizer;
- ``nonconvex_lazy_objective`` (Section 3.2): F_alpha need not be convex under Theorem 2.4's hypotheses;
- ``diagonal_tangent_kernel`` (Section 4): the diagonal network's kernel at u = v = alpha 1 is 8 alpha^2 x . x';
- ``relu_one_sided`` (Section 4): b max(a . x, 0) has one-sided derivatives that disagree at a . x = 0.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from symbolic.constants import c0
from symbolic.core import Check, Derivation, Statement, all_of, identity, nonnegative, ode_solution, positive, step
from symbolic.symbols import symbols

alpha, x_norm, dot, r, kappa, sigma_min, Df_norm, lip_Df = symbols(
    "alpha x_norm dot r kappa sigma_min Df_norm lip_Df")
_u, _s, _y = sp.symbols("u s y", real=True)
_j = sp.Symbol("j", nonnegative=True)
_half, _beta = sp.symbols("half beta", positive=True)


def differs(lhs: sp.Basic, rhs: sp.Basic) -> Check:
    """A step whose content is that ``lhs != rhs`` (a rejected reading): ok, residual 0, when they differ."""
    return Check(not identity(lhs, rhs).ok, sp.S.Zero)


@cache
def hidden_layer_hessian() -> Derivation:
    """smith Section 1: one hidden unit, f(a, b) = b tanh(a . x); at (a, b) = 0 the Hessian has eigenvalues
    0, +||x||, -||x||, so f is neither convex nor concave in its parameters at the input x."""
    a1, a2, b, x1, x2 = sp.symbols("a1 a2 b x1 x2", real=True)
    params, origin = (a1, a2, b), {a1: 0, a2: 0, b: 0}
    model = b * sp.tanh(a1 * x1 + a2 * x2)
    hessian = sp.hessian(model, params).subs(origin)
    block = sp.Matrix([[0, 0, x1], [0, 0, x2], [x1, x2, 0]])
    on_axis = {x1: x_norm, x2: 0}  # x along the first axis: the general case follows by rotating a
    form = lambda sign: (sp.Matrix([x1, x2, sign * x_norm]).T * block * sp.Matrix([x1, x2, sign * x_norm]))[0]  # noqa: E731
    tangent = model.subs(origin) + sp.Matrix([model]).jacobian(params).subs(origin).dot(sp.Matrix(params))
    smallest = min(block.subs(on_axis).eigenvals(), key=lambda e: e.subs(x_norm, 1))
    steps = (
        step("D^2 f(0) = [[0, x], [x^T, 0]] in (a, b)", "smith Section 1", "differentiation (tanh(0) = 0, tanh' = 1)",
             identity(hessian, block)),
        step("v = (x, -||x||) gives v^T D^2 f(0) v = -2 ||x||^3 < 0", "lazycheck", "quadratic form",
             positive(-form(-1).subs(on_axis))),
        step("v = (x, +||x||) gives v^T D^2 f(0) v = +2 ||x||^3 > 0: indefinite", "lazycheck", "quadratic form",
             positive(form(1).subs(on_axis))),
        step("the linearized model at 0 is affine (here 0): its Hessian is 0, so it is convex", "smith (1)",
             "affine map", identity(sp.hessian(tangent, params), sp.zeros(3, 3))),
    )
    return Derivation("hidden_layer_hessian", "smallest eigenvalue of the Hessian of b tanh(a . x) at 0", smallest,
                      steps, defining_residual=lambda cand: cand - smallest)


@cache
def mse_curvature() -> Derivation:
    """smith Section 2: R(g) = (1/N) sum_i (y_i - g(x_i))^2 on F = L^2(D_x) (N = 3 points, weights 1/N): its Hessian,
    as an operator of L^2(D_x), is 2 Id, so R is 2-strongly convex and 2-smooth there (kappa = 1)."""
    g, y = sp.Matrix(sp.symbols("g1:4", real=True)), sp.Matrix(sp.symbols("y1:4", real=True))
    n = 3
    loss = sum((y[i] - g[i]) ** 2 for i in range(n)) / n
    coordinates = sp.hessian(loss, list(g))
    gram = sp.eye(n) / n  # <g, g'>_{L^2(D_x)} = (1/N) sum_i g_i g'_i
    operator = gram.inv() * coordinates
    steps = (
        step("the Hessian in the coordinates g(x_i) is (2/N) Id", "smith Section 2", "differentiation",
             identity(coordinates, 2 * sp.eye(n) / n)),
        step("the Gram matrix of L^2(D_x) in those coordinates is (1/N) Id", "smith Section 2",
             "empirical measure with weights 1/N", identity(gram * n, sp.eye(n))),
        step("as an operator on L^2(D_x) the Hessian is 2 Id: m = M = 2", "lazycheck", "Riesz map",
             identity(operator, 2 * sp.eye(n))),
    )
    return Derivation("mse_curvature", "strong convexity = smoothness constant of the MSE on L^2(D_x)",
                      sp.Integer(2), steps, defining_residual=lambda cand: cand * gram - coordinates)


@cache
def normalized_minimizers() -> Derivation:
    """smith Section 2: for alpha > 0, R(alpha h(w))/alpha^2 and R(alpha h(w)) order every pair of parameters alike
    and have proportional gradients, so they have the same minimizers; their minimum values differ by 1/alpha^2."""
    r_u, r_v, r_min = sp.symbols("R_u R_v R_min", real=True)
    grad = sp.Matrix(sp.symbols("g1:3", real=True))
    steps = (
        step("sign((R_u - R_v)/alpha^2) = sign(R_u - R_v): the two objectives order points alike", "smith Section 2",
             "alpha^2 > 0", identity(sp.sign((r_u - r_v) / alpha**2), sp.sign(r_u - r_v))),
        step("grad (R/alpha^2) = grad R/alpha^2 vanishes where grad R does", "smith Section 2", "linearity",
             identity(grad / alpha**2 * alpha**2, grad)),
        step("the minimum values differ unless alpha = 1: 'minima' means minimizers", "smith Section 2",
             "the text's parenthesis", differs(r_min / alpha**2, r_min)),
    )
    return Derivation("normalized_minimizers", "minimum value of R(alpha h(w))/alpha^2 in terms of that of R(alpha h)",
                      r_min / alpha**2, steps, defining_residual=lambda cand: cand * alpha**2 - r_min)


@cache
def forward_euler_step() -> Derivation:
    """smith Section 2: forward Euler with step eta on w' = -grad F_alpha(w) is w_{k+1} = w_k - eta grad F_alpha(w_k),
    one gradient-descent step; it matches the flow to O(eta^2) per step (iterate k approximates the flow at k eta)."""
    eta = sp.Symbol("eta", positive=True)
    w, g = sp.symbols("w g", real=True)
    update = w - eta * g
    steps = (
        step("(w_{k+1} - w_k)/eta = -grad F_alpha(w_k) <=> w_{k+1} = w_k - eta grad F_alpha(w_k)", "smith Section 2",
             "forward Euler", identity((update - w) / eta, -g)),
        step("on F = w^2/2 one step differs from the flow over time eta by O(eta^2): e^{-eta} - (1 - eta) = eta^2/2 "
             "+ O(eta^3)", "lazycheck", "Taylor series",
             identity(sp.series(sp.exp(-eta) - (1 - eta), eta, 0, 3).removeO(), eta**2 / 2)),
        step("the flow at integer times is not the iterate: e^{-1} w != (1 - eta) w for a generic eta", "lazycheck",
             "reading: w_alpha(t) is the t-th iterate, near the flow at t eta", differs(sp.exp(-1) * w, update.subs(g, w))),
    )
    return Derivation("forward_euler_step", "forward-Euler step of the gradient flow (4)", update, steps,
                      defining_residual=lambda cand: (cand - w) / eta + g,
                      statements=(Statement("smith", "Section 2", "w_alpha(t+1) = w_alpha(t) - eta grad F_alpha(w_alpha(t))",
                                            update),))


#: The rows of ``circle_flows``' expression (functions of r = w, the scalar parameter, and alpha).
CIRCLE_ROWS = ("lazy velocity, escaping loss", "lazy velocity, wedge loss", "tangent velocity", "alpha h_1",
               "alpha h_2", "alpha hbar_1", "bracket pi - asin(1/alpha)", "wedge limit acos(1 - 1/alpha)")

#: The hypotheses of smith Theorem 2.2 (Section 2's Assumption and h(w0) = 0) and the step of ``circle_flows`` that
#: proves each on both instances.
CIRCLE_HYPOTHESIS_STEPS = {"h differentiable, h(w0) = 0, Dh locally Lipschitz": 0,
                           "R differentiable with a Lipschitz gradient (hinge part)": 1,
                           "R : F -> R_+ (escaping part)": 2, "R differentiable with a Lipschitz gradient (escaping "
                           "part)": 4, "R : F -> R_+, Lipschitz gradient (wedge part)": 5}


def _circle_instance():
    """h(w) = (sin w, 1 - cos w), w0 = 0; the escaping loss R_A and the wedge loss R_B (smith Theorem 2.2's setting)."""
    hinge = sp.Piecewise(((1 - _y) ** 2 / 2, _y < 1), (0, True))  # (1 - y1)_+^2 / 2
    escape = sp.sqrt(1 + _s**2) - _s  # R_A = hinge(y1) + escape(y2): R_A > 0, no minimizer
    wedge = (_s - 1) ** 2 / 2  # R_B = hinge(y1) + wedge(y2): convex, minimizers {y1 >= 1, y2 = 1}
    model = sp.Matrix([sp.sin(r), 1 - sp.cos(r)])
    return hinge, escape, wedge, model


def _lazy_velocity(second: sp.Expr, model: sp.Matrix) -> sp.Expr:
    """-F_alpha'(w) = -(1/alpha) Dh(w)^T grad R(alpha h(w)), the gradient of the hinge being -(1 - y1)_+."""
    prediction = alpha * model
    grad = sp.Matrix([-sp.Max(0, 1 - prediction[0]), sp.diff(second, _s).subs(_s, prediction[1])])
    return -(model.diff(r).T * grad)[0] / alpha


@cache
def circle_flows() -> Derivation:
    """smith Section 3.1 (before Theorem 2.2 and after its proof): "the t -> oo limit reached by the gradient flow of
    F_alpha is the same as that of Fbar_alpha in the alpha -> oo limit". Two instances of the hypotheses in force
    there (h differentiable with Dh locally Lipschitz, R >= 0 differentiable with grad R Lipschitz, h(w0) = 0):
    h(w) = (sin w, 1 - cos w), w0 = 0, F = R^2, with R_A = (1 - y1)_+^2/2 + sqrt(1 + y2^2) - y2 ("escaping": convex,
    inf 0 not attained) or R_B = (1 - y1)_+^2/2 + (y2 - 1)^2/2 ("wedge": convex, minimizers {y1 >= 1, y2 = 1}).

    Both tangent flows solve wbar' = (1 - alpha wbar)_+/alpha and tend to 1/alpha (predictions (1, 0)). Under R_A the
    lazy flow passes pi - asin(1/alpha) -> pi; under R_B it stops at acos(1 - 1/alpha) -> 0 with alpha h = (sqrt(2
    alpha - 1), 1). The expression lists the rows of :data:`CIRCLE_ROWS` as functions of (r = w, alpha).
    """
    hinge, escape, wedge, model = _circle_instance()
    lazy_a, lazy_b = _lazy_velocity(escape, model), _lazy_velocity(wedge, model)
    tangent = sp.Max(0, 1 - alpha * r) / alpha  # -Fbar_alpha'(w): Dh(0) = (1, 0) sees the hinge only
    bracket, wedge_limit = sp.pi - sp.asin(1 / alpha), sp.acos(1 - 1 / alpha)
    # t = tan(w/2): sin w = 2t/(1 + t^2), cos w = (1 - t^2)/(1 + t^2); t = 1/(1 + j) covers w in (0, pi/2]
    sin_t, cos_t = 2 * _half / (1 + _half**2), (1 - (1 / (1 + _j)) ** 2) / (1 + (1 / (1 + _j)) ** 2)
    time, path = sp.Symbol("t", nonnegative=True), sp.Function("wbar")
    escape_prime = sp.diff(escape, _s)
    hinge_part = sp.Max(0, 1 - alpha * sp.sin(r)) * sp.cos(r) / alpha
    steps = (
        step("h(0) = 0 and ||h''(w)|| = 1: Dh is 1-Lipschitz", "smith, Assumption and Theorem 2.2", "differentiation",
             identity(model.subs(r, 0).col_join(sp.Matrix([model.diff(r, 2).norm() ** 2])), sp.Matrix([0, 0, 1]))),
        step("d/dy (1 - y)_+^2/2 = -(1 - y)_+ (a 1-Lipschitz gradient); both losses are >= 0", "smith, Assumption",
             "differentiation by cases", identity(sp.diff(hinge, _y), -sp.Max(0, 1 - _y).rewrite(sp.Piecewise))),
        step("R_A: sqrt(1 + s^2) - s = e^{-u} > 0 at s = sinh u", "smith, Assumption (R : F -> R_+)", "s = sinh u",
             positive(escape.subs(_s, sp.sinh(_u)))),
        step("R_A: its y2-derivative is tanh u - 1 = -2/(e^{2u} + 1) < 0: R_A decreases in y2", "lazycheck",
             "s = sinh u", positive(-sp.simplify(escape_prime.subs(_s, sp.sinh(_u))).rewrite(sp.exp))),
        step("R_A: 0 < d^2/ds^2 = (1 + s^2)^{-3/2} <= 1 (1 + s^2 = (1 + j)^2): grad R_A is 1-Lipschitz",
             "smith, Assumption", "second derivative", nonnegative(1 - ((1 + _j) ** 2) ** sp.Rational(-3, 2))),
        step("R_B: (y2 - 1)^2/2 >= 0 with second derivative 1: grad R_B is 1-Lipschitz", "smith, Assumption",
             "second derivative", all_of(nonnegative(wedge.subs(_s, 1 + _u)), identity(sp.diff(wedge, _s, 2), 1))),
        step("sin w > 0 on (0, pi) and cos w >= 0 on (0, pi/2] (t = tan(w/2) = 1/(1 + j))", "lazycheck",
             "half-angle formulas", all_of(positive(sin_t), nonnegative(cos_t))),
        step("(1 - alpha sin w)_+ = 0 at w = pi - asin(1/alpha), hence on [pi/2, pi - asin(1/alpha)]: with the two "
             "previous steps the R_A lazy velocity is > 0 on (0, pi - asin(1/alpha)]", "lazycheck", "signs",
             identity(sp.Max(0, 1 - alpha * sp.sin(bracket)), 0)),
        step("the R_A lazy velocity at pi is -1/alpha < 0: its limit lies in (pi - asin(1/alpha), pi)", "lazycheck",
             "intermediate values", identity(lazy_a.subs(r, sp.pi), -1 / alpha)),
        step("pi - asin(1/alpha) -> pi as alpha -> oo: lim_t w_alpha does not tend to lim_t wbar_alpha", "lazycheck",
             "limit", identity(sp.limit(bracket - 1 / alpha, alpha, sp.oo), sp.pi)),
        step("wbar(t) = (1 - e^{-t})/alpha solves wbar' = (1 - alpha wbar)/alpha, wbar(0) = 0; it tends to 1/alpha",
             "smith (4) for hbar", "linear ODE", ode_solution(
                 sp.Eq(path(time).diff(time), (1 - alpha * path(time)) / alpha),
                 sp.Eq(path(time), (1 - sp.exp(-time)) / alpha), {path(0): 0})),
        step("R_B: the lazy velocity is (1 - alpha sin w)_+ cos(w)/alpha - (alpha (1 - cos w) - 1) sin(w)/alpha: both "
             "terms are >= 0 on (0, acos(1 - 1/alpha))", "lazycheck", "chain rule, signs",
             identity(lazy_b, hinge_part - (alpha * (1 - sp.cos(r)) - 1) * sp.sin(r) / alpha)),
        step("R_B: at w = acos(1 - 1/alpha), alpha h_2 = 1 and (alpha h_1)^2 - 1 = 2 alpha - 2 >= 0 (alpha = 1 + beta):"
             " both terms vanish, R_B(alpha h) = 0; this minimizer of R_B is the lazy limit", "lazycheck",
             "trigonometry", all_of(identity(alpha * (1 - sp.cos(wedge_limit)), 1), nonnegative(
                 ((alpha * sp.sin(wedge_limit)) ** 2 - 1).subs(alpha, 1 + _beta)))),
        step("R_B: the parameter limits agree as alpha -> oo, the predictions do not: alpha h_2 = 1 != 0 = alpha "
             "hbar_2", "lazycheck", "limit", identity(sp.Matrix([sp.limit(wedge_limit - 1 / alpha, alpha, sp.oo),
                                                                   sp.simplify(alpha * (1 - sp.cos(wedge_limit)))]),
                                                        sp.Matrix([0, 1]))),
    )
    expression = sp.ImmutableMatrix([lazy_a, lazy_b, tangent, alpha * model[0], alpha * model[1], alpha * r,
                                     bracket, wedge_limit])
    return Derivation("circle_flows", "lazy and tangent flows of two instances of smith Theorem 2.2 (rows: "
                      + "; ".join(CIRCLE_ROWS) + ")", expression, steps,
                      defining_residual=lambda cand: sp.Matrix(cand) - expression)


@cache
def pointwise_from_l2() -> Derivation:
    """smith Section 3.1.1: on the empirical measure of N points, |g(x_i)| <= sqrt(N) ||g||_{L^2(D_x)}, with
    equality for g = 1 at x_i and 0 elsewhere: an O(1/alpha) gap in F is O(sqrt(N)/alpha) at each training point."""
    n = sp.Symbol("n_points", positive=True, integer=True)
    g = sp.symbols("g1:4", real=True)
    l2_squared = lambda values, count: sum(v**2 for v in values) / count  # noqa: E731
    factor = sp.sqrt(n)
    steps = (
        step("N ||g||^2 - g_1^2 = g_2^2 + g_3^2 >= 0 (N = 3)", "smith Section 3.1.1", "sum of squares",
             nonnegative(3 * l2_squared(g, 3) - g[0] ** 2)),
        step("g = (1, 0, ..., 0) attains it: |g(x_1)| / ||g|| = sqrt(N)", "lazycheck", "tightness",
             identity(1 / sp.sqrt(1 / n), factor)),
    )
    return Derivation("pointwise_from_l2", "factor from the L^2(D_x) norm to the value at a training point", factor,
                      steps, defining_residual=lambda cand: cand - 1 / sp.sqrt(1 / n))


@cache
def tangent_map_rank() -> Derivation:
    """smith Section 3.2: Dh(w0): R^p -> F has rank <= p, so it is onto only if dim F <= p; for dim F = n <= p,
    sigma_min(Dh(w0)^T)^2 = lambda_min(Dh Dh^T) > 0 exactly when Dh(w0) has rank n (Cauchy-Binet), whereas the
    p x p Gram Dh^T Dh is singular as soon as p > n: the transpose matters."""
    tall = sp.Matrix(3, 2, sp.symbols("a1:7", real=True))  # N = 3 points > p = 2 parameters
    wide = tall.T  # n = 2 outputs < p = 3 parameters
    minors = sum(wide[:, list(cols)].det() ** 2 for cols in ((0, 1), (0, 2), (1, 2)))
    steps = (
        step("N = 3 > p = 2: det(Dh Dh^T) = 0 for every Dh: not onto R^N", "smith Section 3.2", "rank <= p",
             identity((tall * tall.T).det(), 0)),
        step("n = 2 <= p = 3: det(Dh Dh^T) = sum of the squared 2 x 2 minors, > 0 iff rank n", "smith Theorem 2.4",
             "Cauchy-Binet", identity((wide * wide.T).det(), minors)),
        step("n = 2 < p = 3: det(Dh^T Dh) = 0: the smallest singular value of Dh as a map of R^p vanishes",
             "lazycheck", "rank <= n", identity((wide.T * wide).det(), 0)),
    )
    return Derivation("tangent_map_rank", "det of the Gram of Dh(w0) on more points than parameters",
                      sp.Integer(0), steps, defining_residual=lambda cand: cand - (tall * tall.T).det())


@cache
def strong_convexity_uniqueness() -> Derivation:
    """smith Section 3.2: an m-strongly convex R has R((y1 + y2)/2) <= (R(y1) + R(y2))/2 - (m/8)||y1 - y2||^2 (equality
    for R = m ||y - c||^2/2), so two minimizers coincide; R = (y_1 - 1)^2/2 (m = 0) has a line of minimizers."""
    m = sp.Symbol("m", positive=True)
    y1, y2, center = (sp.Matrix(sp.symbols(f"{p}1:3", real=True)) for p in ("u", "v", "c"))
    loss = lambda y: m * (y - center).dot(y - center) / 2  # noqa: E731
    gap = (loss(y1) + loss(y2)) / 2 - loss((y1 + y2) / 2)
    separation = m * (y1 - y2).dot(y1 - y2) / 8
    s, distance = sp.Symbol("s", real=True), sp.Symbol("D", positive=True)
    flat = (y1[0] - 1) ** 2 / 2
    steps = (
        step("(R(y1) + R(y2))/2 - R((y1 + y2)/2) = (m/8)||y1 - y2||^2 for the extremal quadratic", "smith Section 3.2",
             "m-strong convexity at the midpoint", identity(gap, separation)),
        step("two minimizers: R* <= R((y1 + y2)/2) <= R* - (m/8)||y1 - y2||^2, so ||y1 - y2|| = 0", "smith Section 3.2",
             "m > 0 and D = ||y1 - y2||^2 > 0 would give R((y1 + y2)/2) < R*", positive(m * distance / 8)),
        step("m = 0 fails: R = (y_1 - 1)^2/2 vanishes on the whole line (1, s)", "lazycheck", "convex, not strongly",
             identity(flat.subs({y1[0]: 1, y1[1]: s}), 0)),
    )
    return Derivation("strong_convexity_uniqueness", "midpoint gap of an m-strongly convex function", separation,
                      steps, defining_residual=lambda cand: cand - gap)


@cache
def nonconvex_lazy_objective() -> Derivation:
    """smith Section 3.2: "the objective F_alpha is not necessarily convex" under Theorem 2.4's hypotheses. h(w) = w +
    sin(w)/2, w0 = 0 (h(w0) = 0, sigma_min = ||Dh(w0)|| = 3/2, Lip(Dh) = 1/2), R = (y - 1)^2/2 (m = M = 1), alpha = 8
    > ||y*||/C0 = 64/9: F_alpha''(5 pi/2) = 1 - (5 pi/2 + 1/2 - 1/8)/2 < 0, while Fbar_alpha'' = 9/4 > 0."""
    w = sp.Symbol("w", real=True)
    h = w + sp.sin(w) / 2
    level = c0().specialized.subs({sigma_min: sp.Rational(3, 2), Df_norm: sp.Rational(3, 2), kappa: 1,
                                   lip_Df: sp.Rational(1, 2)})
    objective = (8 * h - 1) ** 2 / (2 * 8**2)
    curvature = sp.diff(objective, w, 2).subs(w, 5 * sp.pi / 2)
    tangent = (8 * sp.diff(h, w).subs(w, 0) * w - 1) ** 2 / (2 * 8**2)
    steps = (
        step("Dh = 1 + cos(w)/2: sigma_min = ||Dh(w0)|| = 3/2 and |h''| <= 1/2 = Lip(Dh)", "smith Theorem 2.4",
             "hypotheses", identity(sp.Matrix([sp.diff(h, w).subs(w, 0), h.subs(w, 0), sp.diff(h, w, 2)]),
                                    sp.Matrix([sp.Rational(3, 2), 0, -sp.sin(w) / 2]))),
        step("C0 = sigma_min^3/(32 kappa^{3/2} ||Dh(w0)|| Lip(Dh)) = 9/64, and alpha = 8 > ||y*||/C0 = 64/9",
             "smith Theorem 2.4", "c0", positive(8 - 1 / level)),
        step("F_alpha''(5 pi/2) = 1 - (5 pi/2 + 3/8)/2 < 0: F_alpha is not convex", "smith Section 3.2",
             "second derivative", positive(-curvature)),
        step("Fbar_alpha'' = Dh(w0)^2 = 9/4 > 0: the tangent objective is convex", "smith (3)", "affine model",
             positive(sp.diff(tangent, w, 2))),
    )
    return Derivation("nonconvex_lazy_objective", "F_alpha'' at w = 5 pi/2 for h = w + sin(w)/2, R = (y - 1)^2/2, "
                      "alpha = 8", curvature, steps, defining_residual=lambda cand: cand - curvature)


@cache
def diagonal_tangent_kernel() -> Derivation:
    """smith Section 4: for beta = u*u - v*v (Woodworth et al.) at u = v = alpha 1, grad_w <x, beta> = (2u x, -2v x),
    so K(x, x') = 8 alpha^2 x . x': proportional to the l^2 kernel."""
    u, v, x, xp = (sp.Matrix(sp.symbols(f"{p}1:4", real=True)) for p in ("u", "v", "x", "xp"))
    params = list(u) + list(v)
    feature = lambda z: sp.Matrix([sum(z[i] * (u[i] ** 2 - v[i] ** 2) for i in range(3))]).jacobian(params)  # noqa: E731
    uniform = {**{ui: alpha for ui in u}, **{vi: alpha for vi in v}}
    kernel = (feature(x) * feature(xp).T)[0].subs(uniform)
    steps = (
        step("grad_w <x, u*u - v*v> = (2 u x, -2 v x)", "smith Section 4", "differentiation",
             identity(feature(x).T, sp.Matrix([2 * u[i] * x[i] for i in range(3)]
                                              + [-2 * v[i] * x[i] for i in range(3)]))),
        step("at u = v = alpha 1: K(x, x') = 8 alpha^2 x . x'", "smith Section 4", "inner product",
             identity(kernel, 8 * alpha**2 * x.dot(xp))),
    )
    return Derivation("diagonal_tangent_kernel", "tangent kernel of the diagonal network at u = v = alpha 1",
                      8 * alpha**2 * dot, steps,
                      defining_residual=lambda cand: cand.subs(dot, x.dot(xp)) - kernel)


@cache
def relu_one_sided() -> Derivation:
    """smith Section 4: f(a) = b max(a . x, 0) at a = 0 has directional derivatives b ||x||^2 along x and 0 along -x;
    they do not sum to 0, so f is not differentiable there (tanh gives b ||x||^2 - b ||x||^2 = 0)."""
    eps, b = sp.Symbol("epsilon", positive=True), sp.Symbol("b", positive=True)
    one_sided = lambda activation, sign: sp.limit(b * activation(sign * eps * x_norm**2) / eps, eps, 0)  # noqa: E731
    relu = lambda z: sp.Max(z, 0)  # noqa: E731
    relu_sum = one_sided(relu, 1) + one_sided(relu, -1)
    steps = (
        step("d/de f(e x) at 0+ is b ||x||^2 and d/de f(-e x) at 0+ is 0", "smith Section 4", "one-sided limits",
             identity(sp.Matrix([one_sided(relu, 1), one_sided(relu, -1)]), sp.Matrix([b * x_norm**2, 0]))),
        step("a differentiable f has D_v f + D_{-v} f = 0; here the sum is b ||x||^2 != 0", "lazycheck",
             "linearity of the differential", positive(relu_sum)),
        step("with tanh the sum is 0", "lazycheck", "tanh is differentiable",
             identity(one_sided(sp.tanh, 1) + one_sided(sp.tanh, -1), 0)),
    )
    return Derivation("relu_one_sided", "D_x f + D_{-x} f for f(a) = b max(a . x, 0) at a = 0", relu_sum, steps,
                      defining_residual=lambda cand: cand - relu_sum)


#: The builders of this module, in display order.
BUILDERS: tuple = (hidden_layer_hessian, mse_curvature, normalized_minimizers, forward_euler_step, circle_flows,
                   pointwise_from_l2, tangent_map_rank, strong_convexity_uniqueness, nonconvex_lazy_objective,
                   diagonal_tangent_kernel, relu_one_sided)
