"""chizat-bach's remarks on the tangent model (Sections 1.1, 2.1 and 3.1), checked on concrete models.

- Section 1.1: the tangent kernel is "roughly constant" near w0, ||K(w) - K(w0)|| <= Lip(Sigma) ||w - w0|| with
  Lip(Sigma) = 2 lip_f lip_Df (derivation ``lip_sigma``), tight on f(w) = w - w^2/2;
- Figure 2: alpha f(w0 + u/alpha) lies within lip_Df ||u||^2/(2 alpha) of alpha T_f (derivation ``stretch_bound``);
- Section 2.1: the tangent flow's limit is kernel regression *with an offset*, f(w0, x) + k(x, X) K^-1 (y - f(w0, X));
- Section 3.1: the tangent objective is strongly convex on (ker Df)^perp with constant mu sigma_+^2 (derivation
  ``tangent_rate``), the tangent flow converges there at that rate, and, read in predictor space, its limit does not
  depend on alpha when f(w0) = 0 (derivation ``tangent_limit``).

Each claim takes a ``variant``: "text" is the claim as lazycheck reads it, the others are falsified variants (a
constant too small, a wrong rate, a dropped offset, a literal reading) that the tests show rejected.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from numeric.losses import LogCoshQuadratic, StronglyConvexQuadratic
from numeric.models import ConcaveScalar, SineTiltedLinear
from numeric.networks import CenteredModel, TwoLayerNetwork
from numeric.parameter_flows import tangent_flow_closed_form
from proofs_check.results import CheckResult, ranges_of
from proofs_check.settings import RATIO_TOLERANCE, RunConfig
from symbolic import formula

#: Radii ||w - w0|| of the kernel-drift check, and the number of random directions per radius on the network.
DRIFT_RADII, DRIFT_DIRECTIONS = (1e-3, 1e-2, 1e-1), {"ci": 8, "thorough": 64}
#: Scale factors and directions of the stretch check (||u|| = 1).
STRETCH_ALPHAS, STRETCH_DIRECTIONS = (1.0, 10.0, 100.0, 1000.0), {"ci": 16, "thorough": 256}
#: Agreement of two computations of the same limit (closed forms in float64).
AGREEMENT = 1e-8
#: Scale factors of the tangent-limit check.
LIMIT_ALPHAS = (1.0, 10.0, 100.0)
#: The limit t -> oo is taken at this many e-foldings of the slowest mode.
EFOLDINGS = 60.0


def _network(seed: int, n: int = 8, width: int = 10):
    """A tanh network with p = 5 width > n on inputs (g, 1), g ~ N(0, I_3), and w0 ~ N(0, I)."""
    rng = np.random.default_rng(seed)
    inputs = np.hstack([rng.standard_normal((n, 3)), np.ones((n, 1))])
    network = TwoLayerNetwork(inputs, width, "tanh", "sqrt")
    return network, rng.standard_normal(network.n_params), rng


def _result(ok, detail, ref, observed, bound, searched, ranges, *, tight=None, witness_ratio=None, counterexample=None):
    return CheckResult("numeric", bool(ok), detail, ref=ref, observed=float(observed), bound=float(bound),
                       ratio=float(observed / bound) if bound else None, tight=tight, searched=searched,
                       ranges=ranges_of(ranges), witness_ratio=witness_ratio,
                       counterexample=None if ok else counterexample)


def _kernel_gap(model, w, w0) -> float:
    jacobian, initial = np.atleast_2d(model.jacobian(w)), np.atleast_2d(model.jacobian(w0))
    return float(np.linalg.norm(jacobian @ jacobian.T - initial @ initial.T, 2))


def kernel_drift_ratios(seed: int, directions: int, factor: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """||K(w) - K(w0)|| / (factor Lip(Sigma) ||w - w0||) on f(w) = w - w^2/2 (both signs) and on a tanh network.

    Lip(Sigma) = 2 lip_f lip_Df (``lip_sigma``), with lip_Df certified on the ball and lip_f = ||Df(w0)|| + lip_Df r.
    """
    lip_sigma = formula("lip_sigma", "lip_f lip_Df")
    scalar = ConcaveScalar(1.0, 1.0)
    concave = [_kernel_gap(scalar, np.array([s * r]), np.zeros(1))
               / (factor * lip_sigma(scalar.sigma_min + scalar.lip_jacobian * r, scalar.lip_jacobian) * r)
               for r in DRIFT_RADII for s in (-1.0, 1.0)]
    network, w0, rng = _network(seed)
    ratios = []
    for r in DRIFT_RADII:
        lip_df = network.lip_jacobian_bound(w0, r)
        lip_f = np.linalg.norm(network.jacobian(w0), 2) + lip_df * r
        for _ in range(directions):
            u = rng.standard_normal(network.n_params)
            ratios.append(_kernel_gap(network, w0 + r * u / np.linalg.norm(u), w0) / (factor * lip_sigma(lip_f, lip_df) * r))
    return np.array(concave), np.array(ratios)


def kernel_drift_claim(config: RunConfig, variant: str = "text") -> CheckResult:
    """chizat-bach Section 1.1: near w0 the tangent kernel is roughly constant, ||K(w) - K(w0)|| <= 2 lip_f lip_Df ||w - w0||
    (variant "half": the same bound without its factor 2)."""
    factor = {"text": 1.0, "half": 0.5}[variant]
    seed, directions = config.study_seed(0), DRIFT_DIRECTIONS[config.depth]
    concave, network = kernel_drift_ratios(seed, directions, factor)
    worst = float(max(concave.max(), network.max()))
    detail = (f"||K(w) - K(w0)|| / ({factor:g} x 2 lip_f lip_Df r): worst {worst:.4f} (f(w) = w - w^2/2: {concave.max():.4f}, "
              f"tight as r -> 0; tanh network: {network.max():.4f})")
    return _result(worst <= 1 + RATIO_TOLERANCE, detail, "kernel drift", worst, 1.0, concave.size + network.size,
                   {"r": "1e-3..1e-1", "models": "w - w^2/2 (both signs), tanh network p = 50", "seed": seed},
                   tight=True, witness_ratio=float(concave.max()),
                   counterexample=f"f(w) = w - w^2/2, r = {DRIFT_RADII[0]:g}: ratio {concave.max():.4f} > 1")


def _stretch_models(seed: int):
    rng = np.random.default_rng(seed)
    tilted = SineTiltedLinear(np.eye(2, 3) * 2.0, rng.standard_normal((2, 3)) / 3, 0.2, phase=np.array([0.7, -0.4]))
    return (("w - w^2/2", ConcaveScalar(1.0, 1.0), 1.0), ("sine-tilted", tilted, tilted.lip_jacobian))


def stretch_claim(config: RunConfig, variant: str = "text") -> CheckResult:
    """chizat-bach Section 1.1 and Figure 2: alpha ||f(w0 + u/alpha) - T_f(w0 + u/alpha)|| <= lip_Df ||u||^2/(2 alpha)
    (variants: "quarter", half that bound; "alpha-squared", the rate 1/alpha^2)."""
    bound_of = formula("stretch_bound", "lip_Df r alpha")
    seed, directions = config.study_seed(1), STRETCH_DIRECTIONS[config.depth]
    rng, worst, tight, count = np.random.default_rng(seed), 0.0, 0.0, 0
    for name, model, lip in _stretch_models(seed):
        w0, jacobian = np.zeros(model.n_params), np.atleast_2d(model.jacobian(np.zeros(model.n_params)))
        for alpha in STRETCH_ALPHAS:
            bound = bound_of(lip, 1.0, alpha) * {"text": 1.0, "quarter": 0.5, "alpha-squared": 1.0 / alpha}[variant]
            for _ in range(directions):
                u = rng.standard_normal(model.n_params)
                v = u / np.linalg.norm(u) / alpha
                gap = alpha * np.linalg.norm(np.atleast_1d(model(w0 + v)) - np.atleast_1d(model(w0)) - jacobian @ v)
                worst, count = max(worst, gap / bound), count + 1
                tight = max(tight, gap / bound) if name == "w - w^2/2" else tight
    detail = f"alpha ||f - T_f|| at w0 + u/alpha over the bound: worst ratio {worst:.4f} (w - w^2/2: {tight:.4f})"
    return _result(worst <= 1 + RATIO_TOLERANCE, detail, "Figure 2 stretch", worst, 1.0, count,
                   {"alpha": "1..1000", "||u||": 1, "models": "w - w^2/2 (exact lip_Df), sine-tilted (certified)",
                    "seed": seed}, tight=True, witness_ratio=tight,
                   counterexample=f"worst ratio {worst:.3f} > 1 (variant {variant})")


def _limit(model, targets, w0, alpha: float):
    """(wbar(ts), ybar(ts), ts) of the closed-form tangent flow, ts running to EFOLDINGS of the slowest mode."""
    jacobian = model.jacobian(w0)
    slowest = np.linalg.eigvalsh(jacobian @ jacobian.T)[0] / model.n_outputs
    ts = np.concatenate([np.linspace(0.0, 8.0 / slowest, 200), [EFOLDINGS / slowest]])
    w_bar, y_bar = tangent_flow_closed_form(model, targets, w0, alpha, ts)
    return w_bar, y_bar, ts


def offset_claim(config: RunConfig, variant: str = "text") -> CheckResult:
    """chizat-bach Section 2.1: with the quadratic loss, the tangent flow's limit predicts f(w0, x) + k(x, X) K^-1 (y -
    f(w0, X)) at every x: kernel regression on the outputs shifted by f(w0, .) (variant "unshifted": k(x, X) K^-1 y)."""
    network, w0, rng = _network(config.study_seed(2))
    targets, held_out = rng.standard_normal(network.n_outputs), np.hstack([rng.standard_normal((20, 3)), np.ones((20, 1))])
    w_bar, _, _ = _limit(network, targets, w0, 1.0)
    jacobian, held_jacobian = network.jacobian(w0), network.jacobian_at(w0, held_out)
    flow = network.predict(w0, held_out) + held_jacobian @ (w_bar[-1] - w0)
    shifted = targets - network(w0) if variant == "text" else targets
    kernel = held_jacobian @ jacobian.T @ np.linalg.solve(jacobian @ jacobian.T, shifted)
    regression = kernel + (network.predict(w0, held_out) if variant == "text" else 0.0)
    gap = float(np.abs(flow - regression).max() / np.abs(regression).max())
    detail = (f"tangent-flow limit vs kernel regression {'with' if variant == 'text' else 'without'} the offset "
              f"f(w0, x) at 20 held-out x: relative gap {gap:.2e} (max |f(w0, x)| = {np.abs(network.predict(w0, held_out)).max():.2f})")
    return _result(gap <= AGREEMENT, detail, "offset kernel regression", gap, AGREEMENT, held_out.shape[0],
                   {"n": network.n_outputs, "p": network.n_params, "held-out x": 20}, tight=False,
                   counterexample=f"relative gap {gap:.2e} between the tangent limit and k(x, X) K^-1 y")


def _losses(seed: int, dim: int):
    rng = np.random.default_rng(seed)
    return (StronglyConvexQuadratic.random(rng, dim, 0.5, 2.0), LogCoshQuadratic.random(rng, dim, 0.5, 2.0))


def convexity_claim(config: RunConfig, variant: str = "text") -> CheckResult:
    """chizat-bach Section 3.1: Fbar_alpha is strictly convex on (ker Df_w0)^perp, D^2 Fbar_alpha >= mu sigma_+^2 there
    (variant "whole-space": the same floor on all of R^p)."""
    network, w0, rng = _network(config.study_seed(3))
    jacobian = network.jacobian(w0)
    _, singular, right = np.linalg.svd(jacobian)
    basis = right[: singular.size].T if variant == "text" else np.eye(network.n_params)
    rate = formula("tangent_rate", "mu sigma_min")
    margins = []  # lambda_min(D^2 Fbar on the subspace) / (mu sigma_+^2), >= 1 when the claim holds
    for loss in _losses(config.study_seed(4), network.n_outputs):
        for _ in range(5):
            hessian = jacobian.T @ loss.hessian(loss.y_star + rng.standard_normal(network.n_outputs)) @ jacobian
            margins.append(np.linalg.eigvalsh(basis.T @ hessian @ basis)[0] / rate(loss.mu, singular[-1]))
    least = float(min(margins))
    where = "(ker Df)^perp" if variant == "text" else "R^p"
    detail = (f"lambda_min(Df^T D^2 R Df on {where}) / (mu sigma_+^2) >= {least:.4g} (quadratic and log-cosh R, "
              f"5 points each; p = {network.n_params} > n = {network.n_outputs})")
    return _result(least >= 1 - RATIO_TOLERANCE, detail, "tangent strict convexity", 1.0, max(least, 1e-300),
                   len(margins), {"R": "quadratic, log-cosh (mu = 0.5, nu = 2)", "points": len(margins)}, tight=False,
                   counterexample=f"on {where} the Hessian's smallest eigenvalue is {least:.2e} x mu sigma_+^2")


def convergence_claim(config: RunConfig, variant: str = "text") -> CheckResult:
    """chizat-bach Section 3.1, read: the tangent flow stays in w0 + range Df^T and converges to the minimizer there,
    ||wbar(t) - wbar*|| <= exp(-mu sigma_+^2 t) ||w0 - wbar*|| (variant "unique-on-Rp": that the minimizer is unique
    on R^p, which fails when p > n: wbar* + ker Df are minimizers too)."""
    network, w0, rng = _network(config.study_seed(5))
    targets, alpha = rng.standard_normal(network.n_outputs), 10.0
    w_bar, y_bar, ts = _limit(network, targets, w0, alpha)
    jacobian = network.jacobian(w0)
    _, singular, right = np.linalg.svd(jacobian)
    limit = w0 + np.linalg.pinv(jacobian) @ (targets - alpha * network(w0)) / alpha
    objective = lambda w: np.sum((alpha * (network(w0) + jacobian @ (w - w0)) - targets) ** 2) / (2 * network.n_outputs)  # noqa: E731
    if variant == "unique-on-Rp":
        other = limit + right[-1]  # a unit vector of ker Df
        gap = abs(objective(other) - objective(limit)) / alpha**2
        return _result(gap > AGREEMENT, f"Fbar(wbar* + k) - Fbar(wbar*) = {gap:.2e} for a unit k in ker Df: "
                       "another global minimizer", "uniqueness on R^p", max(gap, 1e-300), AGREEMENT, 1,
                       {"p": network.n_params, "n": network.n_outputs},
                       counterexample=f"wbar* + k, k in ker Df (dim {network.n_params - singular.size}), is a minimizer too")
    rate = formula("tangent_rate", "mu sigma_min")(1.0 / network.n_outputs, singular[-1])
    off_range = np.linalg.norm((w_bar - w0) - (w_bar - w0) @ right[: singular.size].T @ right[: singular.size], axis=1)
    decay = np.linalg.norm(w_bar - limit, axis=1) / (np.exp(-rate * ts) * np.linalg.norm(w0 - limit))
    worst = float(decay[:-1].max())
    ok = worst <= 1 + RATIO_TOLERANCE and off_range.max() <= AGREEMENT * np.linalg.norm(limit - w0)
    detail = (f"||wbar(t) - wbar*|| / (exp(-mu sigma_+^2 t) ||w0 - wbar*||) <= {worst:.4f}; distance of wbar(t) - w0 to "
              f"range Df^T <= {off_range.max():.1e}; ||wbar(end) - wbar*|| = {np.linalg.norm(w_bar[-1] - limit):.1e}")
    return _result(ok, detail, "tangent linear convergence", worst, 1.0, ts.size,
                   {"t": f"0..{ts[-2]:.3g}", "alpha": alpha, "R": "||y - y*||^2/(2n), mu = 1/n"}, tight=False,
                   counterexample=f"decay ratio {worst:.3f} > 1 or the path leaves w0 + range Df^T")


@lru_cache(maxsize=4)
def tangent_limits(seed: int) -> dict[float, tuple[np.ndarray, np.ndarray, float]]:
    """For each alpha of LIMIT_ALPHAS: (wbar* - w0, alpha T_f(wbar*), sup_t ||wbar(t) - w0||), f(w0) = 0 (centered)."""
    network, w0, rng = _network(seed)
    model, targets = CenteredModel(network, w0), rng.standard_normal(network.n_outputs)
    found = {}
    for alpha in LIMIT_ALPHAS:
        w_bar, y_bar, _ = _limit(model, targets, w0, alpha)
        found[alpha] = (w_bar[-1] - w0, y_bar[-1], float(np.linalg.norm(w_bar - w0, axis=1).max()))
    return found


def tangent_limit_claim(config: RunConfig, variant: str = "text") -> CheckResult:
    """chizat-bach Section 3.1, read: if f(w0) = 0, alpha T_f(wbar*) and alpha (wbar* - w0) do not depend on alpha, so
    sup_t ||wbar(t) - w0|| = O(1/alpha) (variants: "literal", wbar* - w0 itself alpha-free; "alpha-squared",
    wbar* - w0 = O(1/alpha^2))."""
    power = {"text": 1.0, "literal": 0.0, "alpha-squared": 2.0}[variant]
    limits = tangent_limits(config.study_seed(6))
    rescaled = {a: a**power * displacement for a, (displacement, _, _) in limits.items()}
    reference = rescaled[LIMIT_ALPHAS[0]]
    spread = max(np.linalg.norm(v - reference) / np.linalg.norm(reference) for v in rescaled.values())
    if variant == "text":
        predictors = [p for _, p, _ in limits.values()]
        sups = [a * s for a, (_, _, s) in limits.items()]
        spread = max(spread, max(np.linalg.norm(p - predictors[0]) / np.linalg.norm(predictors[0]) for p in predictors),
                     (max(sups) - min(sups)) / max(sups))
    detail = (f"alpha^{power:g} (wbar* - w0){', alpha T_f(wbar*) and alpha sup_t ||wbar - w0||' if variant == 'text' else ''}"
              f" over alpha = {', '.join(f'{a:g}' for a in LIMIT_ALPHAS)}: relative spread {spread:.2e}")
    return _result(spread <= AGREEMENT, detail, "tangent limit, f(w0) = 0", spread, AGREEMENT, len(LIMIT_ALPHAS),
                   {"alpha": "1..100", "model": "centered tanh network, p = 50 > n = 8"}, tight=False,
                   counterexample=f"alpha^{power:g} (wbar* - w0) changes by {spread:.2e} (relative) with alpha")
