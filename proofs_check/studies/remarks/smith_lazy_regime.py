"""smith's remarks on the lazy regime, measured on the chains' model case and on the diagonal network.

- Section 2, last paragraph: for a positively homogeneous network, a large initialization scale makes training h
  equivalent to training the linearized model (the diagonal network of Section 4, 2-homogeneous);
- Section 3.1.1: at the training points x_i the gap |alpha f(w(t), x_i) - alpha fbar(wbar(t), x_i)| is small;
- Section 3.2: Theorem 2.4 makes each bound of Theorem 2.2 uniform in t >= 0;
- proof of Theorem 2.4: the flow "remains asymptotically fixed at its initialization w_alpha(0) = alpha w0", read
  as w0 (the display just above bounds ||w_alpha(t) - w0||).

The model case (:func:`proofs_check.studies.chain_instances.model_case`, h(w0) = 0 at w0 = 0, smith Theorem 2.4's
hypotheses) has its flows on [0, 30], by which time both have converged; they are cached per alpha.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from numeric.losses import StronglyConvexQuadratic
from numeric.parameter_flows import lazy_flow, tangent_flow, tangent_predictions
from numeric.sparse import DiagonalNetwork
from proofs_check.results import CheckResult, fit_slope, ranges_of
from proofs_check.settings import RunConfig
from proofs_check.studies.chain_instances import (HORIZON, displacement, flows, model_case, parameter_gap,
                                                 prediction_gap)
from proofs_check.studies.sweeps import span
from symbolic import formula

#: The alphas of the model-case measurements (shared by the entries of this module).
MODEL_ALPHAS = (10.0, 30.0, 100.0)
#: Expected log-log slopes over alpha and the slack each is allowed (the log factor of the parameter gap).
UNIFORM_SLOPES = {"displacement": (-1.0, 0.1), "prediction_gap": (-1.0, 0.1), "parameter_gap": (-2.0, 0.4)}
#: A translation c of the model case (h_c(w) = h(w - c), w0 = c): the literal reading w_alpha(0) = alpha w0 needs w0 != 0.
TRANSLATION = (1.0, -0.5, 0.25)
#: The diagonal network of smith Section 2's remark: n points in R^d, initialization scales lambda.
DIAGONAL_POINTS, DIAGONAL_DIM, DIAGONAL_SEED = 3, 6, 17
LAMBDAS = {"ci": (2.0, 4.0, 8.0, 16.0), "thorough": (2.0, 4.0, 8.0, 16.0, 32.0)}
#: The relative gap is O(1/alpha) = O(lambda^-2) up to a log factor: its slope must be at most LAMBDA_SLOPE.
LAMBDA_SLOPE, EFOLDINGS = -1.8, 8.0


def displacement_bound(alpha: float) -> float:
    """The bound of smith's proof of Theorem 2.4 on sup_t ||w(t) - w0|| (``displacement_radius``, with the kernel
    floor 1/4 that makes it valid) on the model case, d0 = ||alpha h(w0) - y*|| = ||y*||."""
    model, loss, w0 = model_case()
    singular = np.linalg.svd(model.jacobian(w0), compute_uv=False)
    return float(formula("displacement_radius", "alpha kappa Df_norm d0 sigma_min")(
        alpha, loss.nu / loss.mu, singular[0], np.linalg.norm(alpha * model(w0) - loss.y_star), singular[-1]))


def _sup_from(alpha: float, anchor: np.ndarray) -> float:
    """sup_t ||w_c(t) - anchor|| along the flow of the translated model case, w_c(t) = w(t) + c."""
    _, w, _ = flows(alpha, "model", HORIZON)  # the key under which chain_instances caches it
    return float(np.linalg.norm(w + np.asarray(TRANSLATION) - anchor, axis=1).max())


def initialization_claim(config: RunConfig, literal: bool = False) -> CheckResult:
    """smith, proof of Theorem 2.4: w_alpha(t) "remains asymptotically fixed at its initialization". On the translate
    h_c(w) = h(w - c) of the model case (w0 = c; every hypothesis is translation invariant and the flow is w(t) + c),
    sup_t ||w_c(t) - anchor|| is at most the proof's O(1/alpha) bound with the anchor w0 (the reading); with the
    anchor alpha w0 (``literal``) it is not."""
    bounds, sups = [], []
    for alpha in MODEL_ALPHAS:
        anchor = (alpha if literal else 1.0) * np.asarray(TRANSLATION)
        bounds.append(displacement_bound(alpha))
        sups.append(_sup_from(alpha, anchor))
    ratios = [s / b for s, b in zip(sups, bounds)]
    worst = int(np.argmax(ratios))
    anchor = "alpha w0" if literal else "w0"
    detail = (f"model case translated to w0 = {TRANSLATION}: sup_t ||w(t) - {anchor}|| / (8 kappa^(3/2) ||Dh(w0)|| "
              f"||y*||/(alpha sigma_min^2)) = " + ", ".join(f"{r:.3g}" for r in ratios) + " over alpha "
              f"{MODEL_ALPHAS} (must be <= 1)")
    return CheckResult("numeric", max(ratios) <= 1, detail, ref=f"anchor {anchor}", observed=sups[worst],
                       bound=bounds[worst], ratio=ratios[worst], searched=len(MODEL_ALPHAS),
                       ranges=ranges_of({"alpha": span(MODEL_ALPHAS), "t": "0..30"}))


def uniform_extension_claim(config: RunConfig, expected: dict | None = None) -> CheckResult:
    """smith Section 3.2: under Theorem 2.4's hypotheses the bounds hold uniformly in t >= 0: sup over [0, 30] (both
    flows converged) of the displacement, the prediction gap and the parameter gap decay like alpha^-1, alpha^-1 and
    alpha^-2 (up to the log factor). ``expected`` overrides a rate (a falsified variant)."""
    rates = {name: (slope if expected is None or name not in expected else expected[name], slack)
             for name, (slope, slack) in UNIFORM_SLOPES.items()}
    measure = {"displacement": displacement, "prediction_gap": prediction_gap, "parameter_gap": parameter_gap}
    slopes = tuple(fit_slope(f"sup_t {name}", "alpha", MODEL_ALPHAS, [measure[name](a) for a in MODEL_ALPHAS],
                             limit=rate + slack) for name, (rate, slack) in rates.items())
    detail = "model case, sup over t in [0, 30]: " + ", ".join(
        f"{s.name[6:]} slope {s.value:+.2f} (claim <= {s.limit:+.2f})" for s in slopes)
    return CheckResult("measured", all(s.within_limit for s in slopes), detail, ref="model case, t >= 0",
                       slopes=slopes, searched=len(MODEL_ALPHAS), ranges=ranges_of({"alpha": span(MODEL_ALPHAS)}))


def pointwise_gaps(alpha: float) -> np.ndarray:
    """max_t |alpha h_i(w(t)) - alpha hbar_i(wbar(t))| at each training point i of the model case."""
    model, _, w0 = model_case()
    _, w, w_bar = flows(alpha, "model", HORIZON)
    return np.abs(alpha * model(w) - tangent_predictions(model, w0, alpha, w_bar)).max(axis=0)


def training_points_claim(config: RunConfig, expected: float = -1.0) -> CheckResult:
    """smith Section 3.1.1: at each training point the gap between the scaled model and the scaled linearized model
    along their flows is small as alpha -> oo: max_i max_t of it decays like alpha^expected (slope <= expected + 0.1)."""
    gaps = [float(pointwise_gaps(a).max()) for a in MODEL_ALPHAS]
    slope = fit_slope("max_i sup_t pointwise gap", "alpha", MODEL_ALPHAS, gaps, limit=expected + 0.1)
    detail = (f"model case (N = 2 training points): max_i sup_t |alpha h_i - alpha hbar_i| = "
              f"{[float(f'{g:.3g}') for g in gaps]} over alpha {MODEL_ALPHAS}; slope {slope.value:+.2f} "
              f"(claim <= {slope.limit:+.2f})")
    return CheckResult("measured", slope.within_limit, detail, ref="model case, training points", slopes=(slope,),
                       searched=len(MODEL_ALPHAS), ranges=ranges_of({"alpha": span(MODEL_ALPHAS), "t": "0..30"}))


@lru_cache(maxsize=1)
def diagonal_case() -> tuple:
    """(DiagonalNetwork, R(y) = ||y - y*||^2/2): n = 3 Gaussian points in R^6, targets y* Gaussian."""
    rng = np.random.default_rng(DIAGONAL_SEED)
    model = DiagonalNetwork(rng.standard_normal((DIAGONAL_POINTS, DIAGONAL_DIM)))
    return model, StronglyConvexQuadratic(np.eye(DIAGONAL_POINTS), rng.standard_normal(DIAGONAL_POINTS))


@lru_cache(maxsize=16)
def relative_gap(scale: float, balanced: bool = True) -> float:
    """sup_t ||v(t) - vbar(t)|| / sup_t ||v(t) - v0|| for the flows of R(h(v)) and of R(hbar(v)) (h linearized at v0)
    from v0 = scale (1, 1) (balanced: h(v0) = 0) or scale (1, 1/2) (h(v0) != 0), over EFOLDINGS e-foldings."""
    model, loss = diagonal_case()
    v0 = scale * np.concatenate([np.ones(model.dim), np.full(model.dim, 1.0 if balanced else 0.5)])
    jacobian = model.jacobian(v0)
    ts = np.linspace(0.0, EFOLDINGS / np.linalg.eigvalsh(jacobian @ jacobian.T)[0], 201)
    v, v_bar = lazy_flow(model, loss, v0, 1.0, ts).y, tangent_flow(model, loss, v0, 1.0, ts).y
    return float(np.linalg.norm(v - v_bar, axis=1).max() / np.linalg.norm(v - v0, axis=1).max())


def large_initialization_claim(config: RunConfig, balanced: bool = True) -> CheckResult:
    """smith Section 2: for a positively homogeneous network, taking the initialization scale lambda -> oo makes
    gradient flow on h equivalent to gradient flow on the linearized model. On the 2-homogeneous diagonal network
    (alpha = lambda^2) the relative gap between the two flows must vanish like lambda^-2 (slope <= LAMBDA_SLOPE).
    ``balanced=False`` starts where h(v0) != 0, outside smith's hypothesis h(w0) = 0 (a falsified variant)."""
    scales = LAMBDAS[config.depth]
    gaps = [relative_gap(s, balanced) for s in scales]
    slope = fit_slope("relative gap", "lambda", scales, gaps, limit=LAMBDA_SLOPE)
    start = "u = v = lambda 1 (h(v0) = 0)" if balanced else "u = lambda 1, v = lambda 1/2 (h(v0) != 0)"
    detail = (f"diagonal network (n = {DIAGONAL_POINTS}, d = {DIAGONAL_DIM}), {start}: sup||v - vbar||/sup||v - v0|| "
              f"= {[float(f'{g:.3g}') for g in gaps]} over lambda {scales}; slope {slope.value:+.2f} "
              f"(claim <= {LAMBDA_SLOPE:+.2f})")
    return CheckResult("measured", slope.within_limit, detail, ref="diagonal network", slopes=(slope,),
                       searched=len(scales), ranges=ranges_of({"lambda": span(scales), "seed": DIAGONAL_SEED}))
