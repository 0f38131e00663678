"""chizat-bach's remarks on two-layer and wide networks (Section 2.1, footnote 5, Section 4.2.2), checked numerically.

- Section 2.1: the doubling trick gives f(w0, .) = 0 for any activation (ReLU, tanh, softplus here);
- footnote 5 and Section 4.2.2: with lengths on R^p scaled by 1/sqrt(m) (inner product / m) the model scale 1/m has
  the tangent kernel of the Euclidean 1/sqrt(m) model: the kernel factor s^2/c comes from ``metric_model_scale``;
- Section 4.2.2: E||Df_w0||^2 = m alpha^2 E||DPhi||^2 holds for the Hilbert-Schmidt norm, not for the operator norm
  (Phi(theta) = ((theta_1^2 - 1)/2, (theta_2^2 - 1)/2), where E||DPhi||_op^2 = 1 + 2/pi while ||Df||_op^2 ~ m alpha^2);
- Section 4.2.2: L_Df = alpha L_DPhi, bounded on random pairs and attained by moving one theta_i (``wide_lipschitz``).
"""

from __future__ import annotations

import numpy as np

from numeric.networks import TwoLayerNetwork, doubled_parameters
from proofs_check.results import CheckResult, ranges_of
from proofs_check.settings import RATIO_TOLERANCE, RunConfig
from symbolic import derive

#: f(w0, x) counts as 0 below this fraction of sum_j |b_j sigma(a_j . x)| (float64 cancellation).
CANCELLATION = 1e-12
#: Widths of the metric check, and the agreement of two kernels computed in float64.
METRIC_WIDTHS, KERNEL_AGREEMENT = (10, 100, 1000), 1e-12
#: Neurons of the operator-norm check and the tolerance on a ratio of Monte-Carlo averages being 1.
NORM_WIDTHS, MEAN_TOLERANCE = {"ci": 2000, "thorough": 200000}, 0.05
#: Neurons and random pairs of the Lipschitz check.
LIPSCHITZ_WIDTH, LIPSCHITZ_PAIRS = 50, {"ci": 200, "thorough": 20000}


def _evaluate(name: str, **values: float) -> float:
    """The derived expression ``name`` at ``values`` (keyed by symbol name)."""
    expression = derive(name).expression
    return float(expression.subs({s: values[s.name] for s in expression.free_symbols}))


def _inputs(rng: np.random.Generator, n: int = 50) -> np.ndarray:
    return np.hstack([rng.standard_normal((n, 2)), np.ones((n, 1))])


def doubling_claim(config: RunConfig, variant: str = "text") -> CheckResult:
    """chizat-bach Section 2.1: duplicating the neurons with the same input weights and opposite output weights gives
    f(w0, .) = 0 (variant "opposite-inputs": same output weights and opposite input weights)."""
    rng = np.random.default_rng(config.study_seed(11))
    worst = {}
    for activation in ("relu", "tanh", "softplus"):
        network = TwoLayerNetwork(_inputs(rng), 20, activation, "sqrt")
        w0 = doubled_parameters(rng, network.width, network.dim, 1.0)
        if variant == "opposite-inputs":
            a, b = network.unpack(w0)
            half = network.width // 2
            w0 = TwoLayerNetwork.pack(np.vstack([a[:half], -a[:half]]), np.concatenate([b[:half], b[:half]]))
        _, b = network.unpack(w0)
        output_columns = network.jacobian(w0)[:, network.width * network.dim:]  # d f/d b_j = s sigma(a_j . x)
        scale = np.abs(output_columns * b).sum(axis=1)  # s sum_j |b_j sigma(a_j . x)|
        worst[activation] = float(np.abs(network(w0)).max() / scale.max())
    observed = max(worst.values())
    detail = "max |f(w0, x)| / max sum_j |b_j sigma(a_j . x)|: " + ", ".join(f"{k} {v:.1e}" for k, v in worst.items())
    return CheckResult("numeric", observed <= CANCELLATION, detail, ref="doubling trick", observed=observed,
                       bound=CANCELLATION, ratio=observed / CANCELLATION, searched=3,
                       ranges=ranges_of({"activations": "relu, tanh, softplus", "width": 20, "inputs": 50}),
                       counterexample=None if observed <= CANCELLATION else f"variant {variant}: f(w0) != 0 ({detail})")


def metric_kernel_claim(config: RunConfig, variant: str = "text") -> CheckResult:
    """chizat-bach footnote 5 and Section 4.2.2: under the inner product <u, v>/m (lengths scaled by 1/sqrt(m)) the model
    (1/m) sum_j b_j sigma(a_j . x) has the tangent kernel of the Euclidean 1/sqrt(m) model, a non-degenerate limit
    (variants: "inner-product-sqrt", the inner product scaled by 1/sqrt(m); "model-three-quarters", the model scale
    m^(-3/4))."""
    rng = np.random.default_rng(config.study_seed(12))
    gaps = []
    for width in METRIC_WIDTHS:
        inputs = _inputs(rng, 20)
        plain, sqrt_model = TwoLayerNetwork(inputs, width, "relu", "one"), TwoLayerNetwork(inputs, width, "relu", "sqrt")
        w = rng.standard_normal(plain.n_params)
        scale = width ** -0.75 if variant == "model-three-quarters" else 1.0 / width
        metric = width ** -0.5 if variant == "inner-product-sqrt" else 1.0 / width
        factor = _evaluate("metric_model_scale", s_model=scale, c_metric=metric)
        kernel, reference = factor * plain.jacobian(w) @ plain.jacobian(w).T, sqrt_model.jacobian(w) @ sqrt_model.jacobian(w).T
        gaps.append(float(np.abs(kernel - reference).max() / np.abs(reference).max()))
    observed = max(gaps)
    detail = (f"(s^2/c) Df Df^T of the unscaled ReLU network vs the 1/sqrt(m) model's kernel, m = "
              f"{', '.join(map(str, METRIC_WIDTHS))}: relative gaps {', '.join(f'{g:.1e}' for g in gaps)}")
    return CheckResult("numeric", observed <= KERNEL_AGREEMENT, detail, ref="rescaled metric", observed=observed,
                       bound=KERNEL_AGREEMENT, ratio=observed / KERNEL_AGREEMENT, searched=len(gaps),
                       ranges=ranges_of({"m": "10..1000", "inputs": 20}),
                       counterexample=None if observed <= KERNEL_AGREEMENT else f"variant {variant}: kernels differ")


def _quadratic_neurons(rng: np.random.Generator, width: int) -> np.ndarray:
    """theta_i ~ N(0, I_2) of Phi(theta) = ((theta_1^2 - 1)/2, (theta_2^2 - 1)/2), whose DPhi_theta = diag(theta)."""
    return rng.standard_normal((width, 2))


def jacobian_norm_claim(config: RunConfig, norm: str = "hs") -> CheckResult:
    """chizat-bach Section 4.2.2, read with the Hilbert-Schmidt norm: ||Df_w0||^2 = alpha^2 sum_i ||DPhi_i||^2 for each
    draw, hence E||Df_w0||^2 = m alpha^2 E||DPhi||^2 (``wide_jacobian_norm``); norm "op" is the rejected operator-norm
    reading, whose ratio tends to 1/(1 + 2/pi) on Phi(theta) = ((theta_1^2 - 1)/2, (theta_2^2 - 1)/2)."""
    width = NORM_WIDTHS[config.depth]
    theta, alpha = _quadratic_neurons(np.random.default_rng(config.study_seed(13)), width), width ** -0.5
    if norm == "hs":
        total, per_neuron = alpha**2 * np.sum(theta**2), np.sum(theta**2, axis=1)
    else:  # Df = alpha [diag(theta_1) ... diag(theta_m)]: ||Df||_op^2 = alpha^2 max_k sum_i theta_ik^2
        total, per_neuron = alpha**2 * np.max(np.sum(theta**2, axis=0)), np.max(theta**2, axis=1)
    expected = _evaluate("wide_jacobian_norm", m=width, alpha=alpha, E_DPhi2=float(per_neuron.mean()))
    ratio = float(total / expected)
    detail = (f"{'Hilbert-Schmidt' if norm == 'hs' else 'operator'} norm, m = {width}: ||Df_w0||^2 / (m alpha^2 "
              f"mean ||DPhi_i||^2) = {ratio:.4f}")
    ok = abs(ratio - 1) <= (RATIO_TOLERANCE if norm == "hs" else MEAN_TOLERANCE)
    return CheckResult("numeric", ok, detail, ref=f"{norm} norm", observed=float(total), bound=expected, ratio=ratio,
                       tight=True, searched=width, ranges=ranges_of({"m": width, "theta": "N(0, I_2)"}),
                       counterexample=None if ok else f"operator norm: ratio {ratio:.3f}, not 1 (1/(1 + 2/pi) = 0.611)")


def _lipschitz_ratios(rng: np.random.Generator, pairs: int) -> tuple[np.ndarray, float]:
    """||Df(w) - Df(w')||_op / ||w - w'|| on random pairs, and on one pair moving a single theta_i (alpha = 1/sqrt(m))."""
    alpha = LIPSCHITZ_WIDTH ** -0.5
    deltas = rng.standard_normal((pairs, LIPSCHITZ_WIDTH, 2)) * rng.uniform(0.01, 3.0, (pairs, 1, 1))
    ratios = alpha * np.sqrt(np.max(np.sum(deltas**2, axis=1), axis=1)) / np.linalg.norm(deltas.reshape(pairs, -1), axis=1)
    single = np.zeros((LIPSCHITZ_WIDTH, 2))
    single[0, 0] = 0.7
    return ratios, float(alpha * np.sqrt(np.max(np.sum(single**2, axis=0))) / np.linalg.norm(single))


def lipschitz_claim(config: RunConfig, variant: str = "text") -> CheckResult:
    """chizat-bach Section 4.2.2: L_Df = alpha(m) L_DPhi (operator norm), on Phi(theta) = ((theta_1^2 - 1)/2, (theta_2^2 -
    1)/2) with L_DPhi = 1: no pair exceeds the derived constant and moving one theta_i attains it (variant "sqrt-m":
    the constant sqrt(m) alpha L_DPhi, an upper bound that is not attained)."""
    alpha = LIPSCHITZ_WIDTH ** -0.5
    constant = _evaluate("wide_lipschitz", alpha=alpha, L_DPhi=1.0) * (np.sqrt(LIPSCHITZ_WIDTH) if variant == "sqrt-m" else 1.0)
    ratios, attained = _lipschitz_ratios(np.random.default_rng(config.study_seed(14)), LIPSCHITZ_PAIRS[config.depth])
    worst = float(ratios.max() / constant)
    ok = worst <= 1 + RATIO_TOLERANCE and attained / constant >= 1 - RATIO_TOLERANCE
    detail = (f"m = {LIPSCHITZ_WIDTH}: sup over random pairs of ||Df(w) - Df(w')|| / ||w - w'|| = {worst:.4f} x the "
              f"constant; moving one theta_i gives {attained / constant:.4f} x the constant")
    return CheckResult("numeric", ok, detail, ref="Lipschitz constant of Df", observed=float(ratios.max()), bound=constant,
                       ratio=worst, tight=True, witness_ratio=attained / constant, searched=len(ratios) + 1,
                       ranges=ranges_of({"m": LIPSCHITZ_WIDTH, "pairs": len(ratios), "||w - w'||": "random scales"}),
                       counterexample=None if ok else f"variant {variant}: the constant is {1 / (attained / constant):.3g} "
                       "x the attained ratio, not the Lipschitz constant")
