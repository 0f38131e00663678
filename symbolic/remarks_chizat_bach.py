"""Derivations behind the ledger entries for chizat-bach's remarks (identities and scalings the text states in passing).

Each builder is cached and returns a :class:`~symbolic.core.Derivation`; :data:`BUILDERS` lists them for
:mod:`symbolic.catalog`, in text order (Sections 1 to 4). A step's source is the derivation's location in chizat-bach
unless it says "lazycheck" (a tightness witness or a contrast).
"""

from __future__ import annotations

from functools import cache
from itertools import combinations_with_replacement

import sympy as sp

from symbolic.core import Check, Derivation, Statement, all_of, identity, nonnegative, positive, step, zero
from symbolic.homogeneity import homogeneous_model
from symbolic.symbols import symbols

alpha, mu, sigma_min, Df_norm, lip_Df, r, m, lam, q, t = symbols("alpha mu sigma_min Df_norm lip_Df r m lam q t")
CB = "chizat-bach"
#: The base b of the fat Cantor set K_b (step n removes 2^(n-1) middle intervals of length b^(-n); b = 4 is the
#: Smith-Volterra-Cantor set, b = 3 the null middle-thirds set) and its level N.
cantor_base, cantor_level = sp.Symbol("b", positive=True), sp.Symbol("level", integer=True, nonnegative=True)


def _real(names: str):
    return sp.symbols(names, real=True)


def _norm2(vector: sp.Matrix) -> sp.Expr:
    return (vector.T * vector)[0]


def _vanishes(matrix: sp.Matrix) -> Check:
    return identity(matrix, sp.zeros(*matrix.shape))


def _diverges(expr: sp.Expr, variable: sp.Symbol) -> Check:
    limit = sp.limit(expr, variable, sp.oo)
    return Check(limit is sp.oo, sp.S.Zero if limit is sp.oo else limit)


def _derivation(name, title, expression, residual, steps, location, quote=None, stated=None, **extra) -> Derivation:
    """A Derivation whose steps are (description, grounds, check[, source]), sourced at ``location`` by default."""
    built = tuple(step(s[0], s[3] if len(s) > 3 else f"{CB} {location}", s[1], s[2]) for s in steps)
    stating = {k: extra.pop(k) for k in ("at", "note") if k in extra}
    statements = () if quote is None else (Statement(CB, location, quote, stated, **stating),)
    return Derivation(name, title, expression, built, residual, statements, **extra)


@cache
def nonconvex_network_loss() -> Derivation:
    """chizat-bach Section 1, "highly non-convex": (b tanh(a x) - y)^2/2 has an indefinite Hessian at (a, b) = 0."""
    (a, b), (x, y) = _real("a b"), sp.symbols("x y", positive=True)
    hessian = sp.hessian((b * sp.tanh(a * x) - y) ** 2 / 2, (a, b)).subs({a: 0, b: 0})
    return _derivation("nonconvex_network_loss", "determinant of the loss Hessian of b tanh(a x) at (a, b) = 0",
                       hessian.det(), lambda cand: cand - hessian.det(), (
        ("the Hessian at (a, b) = 0 is -x y [[0, 1], [1, 0]]", "chain rule, tanh(0) = 0, tanh'(0) = 1",
         identity(hessian, -x * y * sp.Matrix([[0, 1], [1, 0]]))),
        ("its determinant -x^2 y^2 < 0: one eigenvalue of each sign", "det = product of the eigenvalues",
         positive(-hessian.det()))), "Section 1")


@cache
def sgd_kernel_step() -> Derivation:
    """chizat-bach Section 1.1: to first order in eta, the SGD step (1) is a kernel step with k = grad f . grad f'."""
    w, (x, x_k, y_k) = _real("w1:4"), _real("x x_k y_k")
    eta, f, ell_prime = sp.Symbol("eta", positive=True), sp.Function("f"), sp.Function("ell_prime")
    grad, slope = (lambda point: sp.Matrix([f(*w, point)]).jacobian(w).T), ell_prime(f(*w, x_k), y_k)
    first_order = sp.diff(f(*[wi - eta * slope * gi for wi, gi in zip(w, grad(x_k))], x), eta).subs(eta, 0).doit()
    kernel_step = -(grad(x).T * grad(x_k))[0] * slope
    return _derivation("sgd_kernel_step", "d/d eta of f(w_{k+1}, x) at eta = 0 under the SGD step (1)", kernel_step,
                       lambda cand: cand - first_order, (
        ("d/d eta f(w - eta ell' grad f(w, x_k), x) at 0 = -ell' grad f(w, x) . grad f(w, x_k)",
         "chain rule (generic f of 3 parameters)", identity(first_order, kernel_step)),), "Section 1.1",
        "f(w_{k+1},x) ~ f(w_k,x) - eta_k grad f(w_k,x)^T grad f(w_k,x_k) ell'(f(w_k,x_k),y_k)", kernel_step)


@cache
def scaled_tangent_model() -> Derivation:
    """chizat-bach Section 1.1: if f(w0) = 0, T_{alpha f}(w0 + u/alpha) = T_f(w0 + u) and ybar' is free of alpha."""
    jacobian, u, f0 = sp.Matrix(2, 3, _real("J1:7")), sp.Matrix(_real("u1:4")), sp.Matrix(_real("f0_1 f0_2"))
    tangent = lambda scale, shift: scale * f0 + scale * jacobian * shift  # noqa: E731  T_{scale f}(w0 + shift)
    gradient, scaled = sp.Matrix(_real("g1 g2")), tangent(alpha, u / alpha)
    return _derivation("scaled_tangent_model", "T_{alpha f}(w0 + u/alpha), the scaled model's tangent model", scaled,
                       lambda cand: sp.Matrix(cand) - scaled, (
        ("T_{alpha f}(w0 + u/alpha) - T_f(w0 + u) = (alpha - 1) f(w0): zero iff f(w0) = 0", "(2)",
         identity(scaled - tangent(1, u), (alpha - 1) * f0)),
        ("ybar = alpha T_f(wbar): ybar' = alpha Df wbar' = -Df Df^T grad R(ybar), free of alpha", "tangent flow (6)",
         identity(alpha * jacobian * (-jacobian.T * gradient / alpha), -jacobian * jacobian.T * gradient))),
        "Section 1.1", "When f(w0, .) ~ 0 ... this scaling does not change the tangent model", tangent(1, u),
        at={f0[0]: 0, f0[1]: 0})


@cache
def stretch_bound() -> Derivation:
    """chizat-bach Section 1.1, Figure 2: alpha f(w0 + u/alpha) lies within lip_Df ||u||^2/(2 alpha) of alpha T_f."""
    s, w = sp.Symbol("s", nonnegative=True), sp.Symbol("w", real=True)
    remainder = sp.integrate(lip_Df * s * r**2, (s, 0, 1))  # int_0^1 ||Df(w0 + s v) - Df(w0)|| ||v|| ds, ||v|| = r
    bound, witness = alpha * remainder.subs(r, r / alpha), sigma_min * w - lip_Df * w**2 / 2
    return _derivation("stretch_bound", "bound on the distance of alpha f(w0 + u/alpha) to alpha T_f, ||u|| = r", bound,
                       lambda cand: cand - bound, (
        ("||f(w0 + v) - T_f(w0 + v)|| <= int_0^1 lip_Df s ||v||^2 ds; at v = u/alpha, times alpha: lip_Df ||u||^2/(2 alpha)",
         "Taylor, Df lip_Df-Lipschitz", identity(bound, lip_Df * r**2 / (2 * alpha))),
        ("attained by f(w) = sigma_min w - lip_Df w^2/2 (Df exactly lip_Df-Lipschitz)", "tightness",
         identity(alpha * sp.Abs(witness - sigma_min * w).subs(w, r / alpha), bound), "lazycheck")), "Figure 2")


def _tangent_gap(model: sp.Expr, w, w0) -> sp.Expr:
    at0 = dict(zip(w, w0))
    return model.subs(at0, simultaneous=True) + sum(
        (wi - w0i) * sp.diff(model, wi).subs(at0, simultaneous=True) for wi, w0i in zip(w, w0)) - model


@cache
def linear_tangent_fixed_point() -> Derivation:
    """chizat-bach Section 2.1: a linear model is its own tangent model (defining residual of a model: T_f - f)."""
    w, w0, features = (sp.Matrix(_real(names)) for names in ("w1:4", "w0_1:4", "phi1:4"))
    linear = (w.T * features)[0] + sp.Symbol("c_x", real=True)
    return _derivation("linear_tangent_fixed_point", "a linear model, its own tangent model", linear,
                       lambda cand: _tangent_gap(cand, w, w0), (
        ("T_f - f = 0 for f(w, x) = w . phi(x) + c(x)", "(2): first-order Taylor is exact", zero(_tangent_gap(linear, w, w0))),),
        "Section 2.1", "if f is already a linear model, then f and T_f are identical", linear)


@cache
def offset_regression() -> Derivation:
    """chizat-bach Section 2.1: for a loss of y - y', training T_f is training v . xtilde on ytilde = y - f(w0, x)."""
    v, features, (f0, y, p) = sp.Matrix(_real("v1:4")), sp.Matrix(_real("xt1:4")), _real("f0 y p")

    def gradient_gap(loss):
        linear = loss.subs({p: (v.T * features)[0], y: y - f0}, simultaneous=True)
        return (sp.Matrix([loss.subs({p: f0 + (v.T * features)[0]})]).jacobian(v) - sp.Matrix([linear]).jacobian(v)).T

    difference = sp.Function("G")(p - y)
    return _derivation("offset_regression", "a loss ell(p, y) under which T_f trains as a linear model on (xtilde, ytilde)",
                       difference, gradient_gap, (
        ("ell(p, y) = G(p - y): grad_v ell(T_f, y) = grad_v ell(v . xtilde, y - f(w0))", "p - y = v . xtilde - ytilde",
         _vanishes(gradient_gap(difference))),), "Section 2.1", "In the case where grad l(y, y') only depends on "
        "y - y', such as the quadratic loss, training the affine model (2) is equivalent to training a linear model",
        (p - y) ** 2 / 2)


@cache
def doubling_trick() -> Derivation:
    """chizat-bach Section 2.1: copies with the same input weights and opposite output weights give f(w0, .) = 0."""
    a, b, x, sigma = _real("a1 a2"), _real("b1 b2"), sp.Symbol("x", real=True), sp.Function("sigma")
    network = sum(bj * sigma(aj * x) for aj, bj in zip(a, b))
    copies = sum(-bj * sigma(aj * x) for aj, bj in zip(a, b))
    return _derivation("doubling_trick", "the copies' output that cancels the network", copies,
                       lambda cand: network + cand, (
        ("sum_j b_j sigma(a_j x) + sum_j (-b_j) sigma(a_j x) = 0 for any sigma", "cancellation", zero(network + copies)),),
        "Section 2.1",
        "the new neurons having the same input weights and opposite output weights", copies)


@cache
def metric_model_scale() -> Derivation:
    """chizat-bach footnote 5, Section 4.2.2: under the inner product c <.,.>, s f has the kernel (s^2/c) Df Df^T."""
    jacobian, gradient, v = sp.Matrix(2, 3, _real("J1:7")), sp.Matrix(_real("g1 g2")), sp.Matrix(_real("v1:4"))
    scale, metric, moment = sp.symbols("s_model c_metric E_DPhi2", positive=True)
    factor, euclid = scale**2 / metric, jacobian.T * gradient
    return _derivation("metric_model_scale", "kernel factor s^2/c of the model s f under the metric c <.,.>", factor,
                       lambda cand: cand - factor, (
        ("the gradient for c <.,.> is grad/c: c <grad/c, v> = <grad, v>", "Riesz representation",
         identity(metric * ((euclid / metric).T * v)[0], (euclid.T * v)[0])),
        ("d/dt s f(w(t)) = s Df (-(s/c) Df^T grad R) = -(s^2/c) Df Df^T grad R", "chain rule",
         identity(scale * jacobian * (-scale * euclid / metric), -factor * jacobian * euclid)),
        ("c = s^2 absorbs the model's scale", "substitution", identity(factor.subs(metric, scale**2), 1)),
        ("lengths / sqrt(m), alpha = 1/m: E||Df||'^2 = m (m alpha^2 E||DPhi||^2) = E||DPhi||^2 (non-degenerate)",
         "the dual norm grows by sqrt(m)", identity(m * m * moment / m**2, moment), f"{CB} Section 4.2.2"),
        ("lengths scaled by c: ||Df||_c = ||Df||/c, L_c = L_Df/c^2, so ||Df||^2/L_Df is invariant", "dual norms",
         identity((Df_norm / sp.sqrt(metric)) ** 2 / (lip_Df / metric), Df_norm**2 / lip_Df), f"{CB} Section 4.2.2")),
        "footnote 5", "Scaling this metric by 1/sqrt(m) ... would call for a scaling of the model by 1/m", 1 / m,
        at={scale: 1 / m, metric: 1 / m}, note="the factor 1/m is the Euclidean 1/sqrt(m) model's, (1/sqrt(m))^2")


@cache
def empirical_risk_convexity() -> Derivation:
    """chizat-bach Section 3.1: if ell'' >= mu_l, (1/n) sum ell(g_i, y_i) is (mu_l/n)-strongly convex (mu_l on L^2)."""
    g, h, y, extra = _real("g1:4"), _real("h1:4"), _real("y1:4"), sp.symbols("e1:4", nonnegative=True)
    weights, (mu_l, nu_l) = sp.symbols("p1:4", positive=True), sp.symbols("mu_l nu_l", positive=True)
    n, ell, uniform = len(g), sp.Function("ell"), [sp.Rational(1, len(g))] * len(g)
    form = lambda curvature, ws: sum(wi * ci * hi**2 for wi, ci, hi in zip(ws, curvature, h))  # noqa: E731
    return _derivation("empirical_risk_convexity", "strong-convexity constant of the empirical risk on R^n (n = 3)",
                       mu_l / n, lambda cand: cand - mu_l / n, (
        ("the Hessian of R on R^n is diag(ell''(g_i, y_i))/n", "differentiation",
         identity(sp.hessian(sum(ell(gi, yi) for gi, yi in zip(g, y)) / n, g),
                  sp.diag(*[sp.Derivative(ell(gi, yi), gi, 2) for gi, yi in zip(g, y)]) / n)),
        ("ell'' = mu_l + e_i (resp. nu_l - e_i), e_i >= 0: (mu_l/n)||h||^2 <= h^T Hess h <= (nu_l/n)||h||^2", "bounds on ell''",
         all_of(nonnegative(form([mu_l + e for e in extra], uniform) - mu_l * form([1] * n, uniform)),
                nonnegative(nu_l * form([1] * n, uniform) - form([nu_l - e for e in extra], uniform)))),
        ("on L^2(rho_X) (weights p_i): E[ell'' h^2] >= mu_l E[h^2]", "ell'' >= mu_l pointwise",
         nonnegative(form([mu_l + e for e in extra], weights) - mu_l * form([1] * n, weights)))), "Section 3.1",
        notes=("silent hypothesis mu_l <= ell'' <= nu_l: Section 1 only says 'smooth and often strongly-convex'",))


@cache
def objective_normalization() -> Derivation:
    """chizat-bach Section 3.1: the factor 1/alpha^2 of (5) makes (alpha f)' free of alpha (residual d(c alpha^2)/d alpha)."""
    (jacobian, slope, w), c = _real("J g w"), sp.Symbol("c_norm", positive=True)
    f, target = sp.Matrix(_real("f1:4")), sp.Matrix(_real("gs1:4"))
    velocity = lambda factor: -factor * alpha**2 * jacobian**2 * slope  # noqa: E731  (alpha f)' under c R(alpha f)
    return _derivation("objective_normalization", "factor c on R(alpha f) keeping the limit alpha -> oo well-behaved",
                       alpha**-2, lambda cand: sp.diff(cand * alpha**2, alpha), (
        ("grad (c G) = c grad G: the same minimizers for any c > 0", "linearity",
         identity(sp.diff(c * sp.Function("G")(w), w), c * sp.diff(sp.Function("G")(w), w))),
        ("w' = -c alpha J R'(alpha f) gives (alpha f)' = -c alpha^2 J^2 R'", "chain rule",
         identity(alpha * jacobian * (-c * alpha * jacobian * slope), velocity(c))),
        ("at c = 1/alpha^2, (alpha f)' = -J^2 R' is free of alpha", "substitution", zero(sp.diff(velocity(alpha**-2), alpha))),
        ("quadratic loss: ||alpha f - g*||^2/alpha^2 = ||f - g*/alpha||^2, a target close to 0", "homogeneity of the norm",
         identity(_norm2(alpha * f - target) / alpha**2, _norm2(f - target / alpha)))),
        "Section 3.1", "we have also multiplied the objective by 1/alpha^2", alpha**-2)


@cache
def tangent_rate() -> Derivation:
    """chizat-bach Section 3.1: D^2 Fbar_alpha = Df^T D^2 R Df >= mu sigma_+^2 on (ker Df)^perp (sigma_min: sigma_+)."""
    jacobian, v, f0 = sp.Matrix(2, 3, _real("J1:7")), sp.Matrix(_real("v1:4")), sp.Matrix(_real("f0_1 f0_2"))
    h11, h12, h22, c1, c2 = _real("H11 H12 H22 c1 c2")
    hess_r = sp.Matrix([[h11, h12], [h12, h22]])  # R's second-order Taylor polynomial at the point
    loss = lambda z: (z.T * hess_r * z / 2)[0] + c1 * z[0] + c2 * z[1]  # noqa: E731
    e1, e2, e3 = sp.symbols("e1 e2 e3", nonnegative=True)
    diagonal, on_range = sp.Matrix([[sigma_min + e1, 0, 0], [0, sigma_min, 0]]), sp.Matrix([v[0], v[1], 0])
    restricted = ((diagonal * on_range).T * (mu * sp.eye(2) + sp.diag(e2, e3)) * (diagonal * on_range))[0]
    rate = mu * sigma_min**2
    return _derivation("tangent_rate", "rate mu sigma_+^2 of the tangent flow on (ker Df)^perp", rate,
                       lambda cand: cand - rate, (
        ("D^2 [R(alpha T_f(w0 + v))/alpha^2] = Df^T D^2 R Df, free of alpha", "chain rule",
         identity(sp.hessian(loss(alpha * (f0 + jacobian * v)) / alpha**2, v), jacobian.T * hess_r * jacobian)),
        ("Df = [diag(sigma_1, sigma_+) 0] up to rotations, v in (ker Df)^perp: v^T Df^T D^2 R Df v >= mu sigma_+^2 ||v||^2",
         "D^2 R >= mu, singular values", nonnegative(restricted - rate * _norm2(on_range)))), "Section 3.1")


@cache
def tangent_limit() -> Derivation:
    """chizat-bach Section 3.1, read: if f(w0) = 0, alpha T_f(wbar*) = ybar* and alpha (wbar* - w0) = Df^+ ybar* are
    alpha-free, so sup_t ||wbar(t) - w0|| = O(1/alpha); the parameter minimizer w0 + Df^+ ybar*/alpha is not."""
    row, y_star = sp.Matrix([_real("j1 j2")]), sp.Symbol("y_star", real=True)
    gram = _norm2(row.T)
    path = row.T * y_star * (1 - sp.exp(-gram * t)) / (alpha * gram)  # wbar(t) - w0 for R(y) = (y - y*)^2/2
    limit = row.T * y_star / (alpha * gram)
    return _derivation("tangent_limit", "alpha (wbar* - w0) for f(w0) = 0 (p = 2, n = 1, R = (y - y*)^2/2)",
                       alpha * limit, lambda cand: sp.Matrix(cand) - alpha * limit, (
        ("wbar(t) - w0 = Df^T y* (1 - exp(-|Df|^2 t))/(alpha |Df|^2) solves the tangent flow", "linear ODE",
         _vanishes(sp.diff(path, t) + row.T * (alpha * (row * path)[0] - y_star) / alpha)),
        ("the limit predictor alpha T_f(wbar*) = y* does not depend on alpha", "f(w0) = 0",
         identity(alpha * (row * limit)[0], y_star)),
        ("alpha (wbar* - w0) = Df^+ y* does not depend on alpha", "f(w0) = 0", _vanishes(sp.diff(alpha * limit, alpha))),
        ("||wbar(t) - w0|| <= ||wbar* - w0|| = O(1/alpha): 1 - exp(-|Df|^2 t) <= 1", "monotone path",
         nonnegative(1 - (1 - sp.exp(-gram * t))))), "Section 3.1",
        "if f(w0) = 0 then this global minimizer does not depend on alpha and sup_t ||wbar(t) - w0|| = O(1/alpha)",
        row.T * y_star / gram, note="read in predictor space: alpha T_f(wbar*) and alpha (wbar* - w0) are alpha-free; the "
                                    "parameter minimizer w0 + Df^+ y*/alpha is not (it tends to w0)")


def cantor_piece(level=cantor_level, base=cantor_base) -> sp.Expr:
    """Length of each of the 2^N pieces of the fat Cantor set K_b at level N: ((b - 3) 2^-N + b^-N)/(b - 2)."""
    return ((base - 3) * 2**-level + base**-level) / (base - 2)


@cache
def fat_cantor_measure() -> Derivation:
    """Against chizat-bach Section 3.3: the fat Cantor set K_b is nowhere dense and has measure (b - 3)/(b - 2) > 0."""
    b, level, beta = cantor_base, cantor_level, sp.Symbol("beta", positive=True)
    removed, measure = (1 - (2 / b) ** level) / (b - 2), (b - 3) / (b - 2)  # removed: sum_{n <= N} 2^(n-1) b^(-n)
    return _derivation("fat_cantor_measure", "measure of the fat Cantor set K_b, where rank Df = 0", measure,
                       lambda cand: cand - measure, (
        ("removed S_N - S_(N-1) = 2^(N-1) b^(-N), S_0 = 0; pieces l_N = (l_(N-1) - b^(-N))/2, l_0 = 1, 2^N l_N = 1 - S_N",
         "geometric sum, construction", _vanishes(sp.Matrix([
             removed - removed.subs(level, level - 1) - 2 ** (level - 1) * b**-level, removed.subs(level, 0),
             cantor_piece() - (cantor_piece(level - 1) - b**-level) / 2, cantor_piece(0) - 1,
             2**level * cantor_piece() - 1 + removed]))),
        ("|K_b| = 1 - lim S_N = (b - 3)/(b - 2) for b > 2", "(2/b)^N -> 0",
         identity(1 - sp.limit(removed.subs(b, 2 + beta), level, sp.oo), measure.subs(b, 2 + beta))),
        ("l_N -> 0: K_b has no interior (nowhere dense)", "limit", zero(sp.limit(cantor_piece(level, 2 + beta), level, sp.oo))),
        ("|(min(d, 1)^2)'| = 2 d |d'| <= 2 for d = dist(., K) (1-Lipschitz); on [0, 1], d <= 1/(2b): <= 1/b",
         "chain rule", identity(2 * (1 / (2 * b)), 1 / b))), "Section 3.3",
        "In particular, it holds with probability 1 if w0 is randomly chosen according to an absolutely continuous "
        "probability measure", sp.S.Zero, at={b: 4}, specialization={b: 4},
        note="the measure of the set where the rank is not locally constant, claimed 0; for f(w) = int_0^w "
             "min(dist(s, K_4), 1)^2 ds it is |K_4| = 1/2")


@cache
def criterion_ratio() -> Derivation:
    """chizat-bach Section 4.1: the conditions leading to (7) compare one ratio; (7)'s right side grows like alpha."""
    ratio, (y_norm, offset) = lip_Df * r / Df_norm, sp.symbols("ybar_norm c_init", positive=True)
    scaled_rhs = (alpha * Df_norm) ** 2 / (alpha * lip_Df)
    return _derivation("criterion_ratio", "right-hand side of criterion (7)", Df_norm**2 / lip_Df,
                       lambda cand: Df_norm * r / cand - ratio, (
        ("lip_Df r^2 << Df_norm r, r << Df_norm/lip_Df and Df_norm r << Df_norm^2/lip_Df compare lip_Df r/Df_norm",
         "division", _vanishes(sp.Matrix([lip_Df * r**2 / (Df_norm * r), r / (Df_norm / lip_Df),
                                          Df_norm * r / (Df_norm**2 / lip_Df)]) - ratio * sp.ones(3, 1))),
        ("scaling factor: D(alpha f) = alpha Df, L_D(alpha f) = alpha L_Df, so the right side is alpha ||Df||^2/L_Df",
         "homogeneity", identity(scaled_rhs, alpha * Df_norm**2 / lip_Df)),
        ("||f(w0)|| = c/alpha: left side <= ||ybar*|| + c, so left/right -> 0 (lazy for large alpha)", "limit",
         zero(sp.limit((y_norm + offset) / scaled_rhs, alpha, sp.oo)))), "Section 4.1",
        "||T_f(w*) - f(w0)|| << ||Df_w0||^2/L_Df", Df_norm**2 / lip_Df)


@cache
def derivative_homogeneity() -> Derivation:
    """chizat-bach Section 4.2.1: the i-th derivative of a q-homogeneous f is (q - i)-homogeneous (i <= 3)."""
    w1, w2, order = *sp.symbols("w1 w2", positive=True), sp.Symbol("i", integer=True)
    model = homogeneous_model(w1, w2)
    partials = [(k, sp.diff(model, *c)) for k in (1, 2, 3) for c in combinations_with_replacement((w1, w2), k)]

    def residual(cand):  # the factor each partial derivative of order k takes under w -> lam w, minus lam^cand(k)
        return sp.Matrix([sp.cancel(partial.subs({w1: lam * w1, w2: lam * w2}, simultaneous=True) / partial)
                          - lam ** cand.subs(order, k) for k, partial in partials])

    return _derivation("derivative_homogeneity", "degree of homogeneity of the i-th derivative", q - order, residual, (
        ("every partial derivative of order i = 1, 2, 3 scales by lam^(q - i)", "chain rule", _vanishes(residual(q - order))),),
        "Section 4.2.1", "the i-th derivative of a q-homogeneous function is (q - i)-homogeneous", q - order)


@cache
def relu_tau_squared() -> Derivation:
    """chizat-bach Figure 5: b max(a . x, 0) is 2-homogeneous, so an initialization scale tau is alpha = tau^2."""
    b, above, below = sp.Symbol("b", real=True), sp.Symbol("s_pos", positive=True), sp.Symbol("s_neg", negative=True)
    neuron = lambda scale, pre: scale * b * sp.Max(scale * pre, 0)  # noqa: E731  (a, b) -> (scale a, scale b)
    residual = lambda cand: sp.Matrix([neuron(lam, s) - cand * neuron(1, s) for s in (above, below)])  # noqa: E731
    return _derivation("relu_tau_squared", "alpha = tau^q (q = 2) of a ReLU network initialized at scale tau", lam**2,
                       residual, (("lam b max(lam s, 0) = lam^2 b max(s, 0), s = a . x of either sign",
                                   "positive homogeneity of max(., 0)", _vanishes(residual(lam**2))),), "Figure 5",
                       "changing tau^2 is equivalent to changing alpha by the same amount", lam**2)


@cache
def wide_init_variance() -> Derivation:
    """chizat-bach Section 4.2.2: E||f(w0)||^2 = alpha^2 (m E||Phi||^2 + m (m - 1) ||E Phi||^2), i.i.d. theta_i."""
    moment, mean2 = sp.Symbol("E_Phi2", positive=True), sp.Symbol("EPhi_norm2", nonnegative=True)
    phis = [sp.Matrix(_real(f"phi{i}_1:3")) for i in range(3)]
    cross = sum((phis[i].T * phis[k])[0] for i in range(3) for k in range(3) if i != k)
    variance = alpha**2 * (m * moment + m * (m - 1) * mean2)
    return _derivation("wide_init_variance", "E||f(w0)||^2 for f = alpha sum_i Phi(theta_i)", variance,
                       lambda cand: cand - variance, (
        ("||sum_i Phi_i||^2 = sum_i ||Phi_i||^2 + sum_{i != k} <Phi_i, Phi_k> (m = 3)", "expansion",
         identity(_norm2(sum(phis, sp.zeros(2, 1))), sum(_norm2(p) for p in phis) + cross)),), "Section 4.2.2",
        "E||f(w0)||^2 = m alpha(m)^2 E||Phi(theta)||^2", m * alpha**2 * moment, at={mean2: 0}, specialization={mean2: 0})


@cache
def wide_jacobian_norm() -> Derivation:
    """chizat-bach Section 4.2.2: E||Df_w0||_HS^2 = m alpha^2 E||DPhi||_HS^2, which vanishes for alpha = 1/m."""
    moment, blocks = sp.Symbol("E_DPhi2", positive=True), [sp.Matrix(2, 2, _real(f"B{i}_1:5")) for i in range(3)]
    jacobian, expected = alpha * sp.Matrix.hstack(*blocks), m * alpha**2 * moment
    return _derivation("wide_jacobian_norm", "E||Df_w0||_HS^2 for f = alpha sum_i Phi(theta_i)", expected,
                       lambda cand: cand - expected, (
        ("Df = alpha [DPhi_1 ... DPhi_m]: ||Df||_HS^2 = alpha^2 sum ||DPhi_i||_HS^2 (m = 3)", "block row",
         identity((jacobian * jacobian.T).trace(), alpha**2 * sum((b * b.T).trace() for b in blocks))),
        ("alpha = 1/m: E||Df||^2 = E||DPhi||^2/m -> 0 (vanishing derivative)", "limit",
         zero(sp.limit(expected.subs(alpha, 1 / m), m, sp.oo)))), "Section 4.2.2",
        "E||Df_w0||^2 = m alpha(m)^2 E||DPhi_theta||^2", expected,
        note="read with the Hilbert-Schmidt norm; with the operator norm it is only an upper bound")


@cache
def wide_lipschitz() -> Derivation:
    """chizat-bach Section 4.2.2: L_Df = alpha L_DPhi for f = alpha sum_i Phi(theta_i) (operator norm, Euclidean w)."""
    (b1, b2, u1, u2, d1, d2), lip_phi = _real("beta1 beta2 u1 u2 delta1 delta2"), sp.Symbol("L_DPhi", positive=True)
    return _derivation("wide_lipschitz", "Lipschitz constant of Df for f = alpha sum_i Phi(theta_i)", alpha * lip_phi,
                       lambda cand: cand - alpha * lip_phi, (
        ("||sum B_i u_i||^2 <= (sum ||B_i||^2) ||u||^2 by Lagrange's identity", "Cauchy-Schwarz",
         identity((b1**2 + b2**2) * (u1**2 + u2**2) - (b1 * u1 + b2 * u2) ** 2, (b1 * u2 - b2 * u1) ** 2)),
        ("||B_i|| <= alpha L_DPhi ||delta_i||: sum ||B_i||^2 <= alpha^2 L_DPhi^2 ||delta||^2", "Df = alpha [DPhi_i]",
         identity((alpha * lip_phi * d1) ** 2 + (alpha * lip_phi * d2) ** 2, (alpha * lip_phi) ** 2 * (d1**2 + d2**2))),
        ("moving one theta_i alone attains the ratio alpha L_DPhi", "tightness",
         identity(sp.sqrt((alpha * lip_phi * d1) ** 2) / sp.sqrt(d1**2), alpha * lip_phi), "lazycheck")),
        "Section 4.2.2", "L_Df = alpha(m) L_DPhi", alpha * lip_phi)


@cache
def wide_criterion_exponent() -> Derivation:
    """chizat-bach Section 4.2.2: (7) holds as m -> oo iff alpha(m) = m^(-s) with s < 1, i.e. m alpha(m) -> oo."""
    s, e, moment = sp.Symbol("s", positive=True), sp.Symbol("e", positive=True), sp.Symbol("E_Phi2", positive=True)
    theta1, theta2 = sp.symbols("theta1 theta2", positive=True)
    phi = homogeneous_model(theta1, theta2).subs(q, 1)  # a generic 1-homogeneous Phi
    return _derivation("wide_criterion_exponent", "critical exponent s* (lazy iff alpha(m) = m^(-s) with s < s*)",
                       sp.S.One, lambda cand: cand - 1, (
        ("E||f(w0)|| <= (E||f(w0)||^2)^{1/2} = sqrt(m) alpha E||Phi||^2^{1/2}", "Jensen",
         identity(sp.sqrt(wide_init_variance().specialized), sp.sqrt(m) * alpha * sp.sqrt(moment))),
        ("s <= 1/2 (sqrt(m) alpha >= 1): the ratio is m alpha/(sqrt(m) alpha) = sqrt(m) -> oo", "max = sqrt(m) alpha",
         _diverges(m * alpha / (sp.sqrt(m) * alpha), m)),
        ("s = 1 - e, 0 < e <= 1/2: the ratio m alpha = m^e -> oo", "limit", _diverges(m * m ** -(1 - e), m)),
        ("s = 1: the ratio m alpha = 1 stays bounded (not lazy)", "substitution", identity((m * m**-s).subs(s, 1), 1)),
        ("Li et al.: a 1-homogeneous Phi at standard deviation 1/sqrt(m) is alpha(m) = 1/sqrt(m) (s = 1/2 < 1: lazy)",
         "homogeneity", identity(phi.subs({theta1: theta1 / sp.sqrt(m), theta2: theta2 / sp.sqrt(m)}), phi / sp.sqrt(m)))),
        "Section 4.2.2", "the criterion to obtain lazy training is satisfied when m grows if m alpha(m) -> oo", sp.S.One,
        note="m alpha(m) = m^(1 - s) -> oo iff s < 1")


#: The builders of this module, in display order.
BUILDERS: tuple = (
    nonconvex_network_loss, sgd_kernel_step, scaled_tangent_model, stretch_bound, linear_tangent_fixed_point,
    offset_regression, doubling_trick, metric_model_scale, empirical_risk_convexity, objective_normalization,
    tangent_rate, tangent_limit, fat_cantor_measure, criterion_ratio, derivative_homogeneity, relu_tau_squared,
    wide_init_variance, wide_jacobian_norm, wide_lipschitz, wide_criterion_exponent,
)
