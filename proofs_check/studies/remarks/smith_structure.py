"""smith's structural remarks, checked numerically against their derivations in :mod:`symbolic.remarks_smith`.

- Section 1: the one-hidden-layer network is nonconvex in its parameters at each fixed input (``hidden_layer_hessian``);
- Section 3.2: Dh(w0) can be onto F only if dim F <= p, and sigma_min(Dh(w0)^T) > 0 exactly when it is onto
  (``tangent_map_rank``);
- Section 4: the diagonal network's tangent kernel at u = v = alpha 1 is 8 alpha^2 x . x' (``diagonal_tangent_kernel``).
"""

from __future__ import annotations

import numpy as np

from numeric.networks import TwoLayerNetwork
from numeric.sparse import DiagonalNetwork
from proofs_check.results import CheckResult, ranges_of
from proofs_check.settings import RunConfig
from symbolic import formula

#: Random instances of each check (the draws come from the run's study seed, these defaults).
HESSIAN_SEED, RANK_SEED, KERNEL_SEED = 23, 29, 31
INPUTS, INPUT_DIM = 5, 3
#: Relative tolerance of a numeric value against its derived formula, and the rank threshold on singular values.
FORMULA_RTOL, RANK_RTOL = 1e-12, 1e-10


def nonconvex_network_claim(config: RunConfig, model: str = "network") -> CheckResult:
    """smith Section 1: f(a, b) = b tanh(a . x) (one hidden unit) has, at each of INPUTS inputs x, an indefinite
    Hessian at (a, b) = 0, with eigenvalues -||x|| and +||x|| (derived). ``model="tangent"`` runs the check on the
    linearized model, which is affine (zero Hessian): it must not be found nonconvex."""
    rng = np.random.default_rng(config.study_seed(HESSIAN_SEED))
    inputs = rng.standard_normal((INPUTS, INPUT_DIM))
    net = TwoLayerNetwork(inputs, 1, "tanh", "one")
    hessians = net.hessian(np.zeros(net.n_params))
    if model == "tangent":
        hessians = np.zeros_like(hessians)  # the linearized model is affine in w
    eigenvalues = np.linalg.eigvalsh(hessians)
    derived = formula("hidden_layer_hessian", "x_norm")(np.linalg.norm(inputs, axis=1))
    indefinite = (eigenvalues[:, 0] < 0) & (eigenvalues[:, -1] > 0)
    error = float(np.abs(eigenvalues[:, 0] - derived).max() / np.abs(derived).max())
    ok = bool(indefinite.all()) and error <= FORMULA_RTOL
    detail = (f"{model}: Hessian at 0 indefinite at {int(indefinite.sum())}/{INPUTS} inputs; smallest eigenvalue "
              f"against the derived -||x||: relative error {error:.1e} (tolerance {FORMULA_RTOL:g})")
    return CheckResult("numeric", ok, detail, ref=f"{model}, one hidden unit", observed=float(eigenvalues[:, 0].max()),
                       bound=0.0, searched=INPUTS, tight=True,
                       ranges=ranges_of({"x": f"N(0, I_{INPUT_DIM})", "seed": config.study_seed(HESSIAN_SEED)}))


def _rank(matrix: np.ndarray) -> int:
    singular = np.linalg.svd(matrix, compute_uv=False)
    return int((singular > RANK_RTOL * singular[0]).sum())


def image_dimension_claim(config: RunConfig, onto_more: bool = False, draws: int = 20) -> CheckResult:
    """smith Section 3.2: Dh(w0): R^p -> F onto requires dim F <= p. Over random tanh networks with p = 6
    parameters (width 2, inputs in R^2) on N = 4 and N = 12 points, rank Dh(w0) = min(N, p): onto for N = 4 <= p,
    never for N = 12 > p (the derived det(Dh Dh^T) = 0). ``onto_more`` tests the false "onto R^12" instead."""
    rng = np.random.default_rng(config.study_seed(RANK_SEED))
    width, dim = 2, 2
    p = width * (dim + 1)
    ranks = {n: [_rank(TwoLayerNetwork(rng.standard_normal((n, dim)), width).jacobian(rng.standard_normal(p)))
                 for _ in range(draws)] for n in (4, 12)}
    onto = {n: sum(r == n for r in values) for n, values in ranks.items()}
    ok = onto[4] == draws and onto[12] == (draws if onto_more else 0)
    claim = "onto R^12" if onto_more else "onto R^N iff N <= p"
    detail = (f"p = {p}: Dh(w0) onto R^4 in {onto[4]}/{draws} draws, onto R^12 in {onto[12]}/{draws} (max rank "
              f"{max(ranks[12])}); claim: {claim}")
    return CheckResult("numeric", ok, detail, ref="tanh networks, rank of Dh(w0)", observed=float(max(ranks[12])),
                       bound=float(p), searched=2 * draws, ranges=ranges_of({"N": "4, 12", "p": p}))


def _smallest_singular_value(operator: np.ndarray) -> float:
    """The smallest singular value of ``operator`` as a map of its whole domain (0 when the domain is larger than
    the range, as for Dh(w0) itself with p > n)."""
    singular = np.linalg.svd(operator, compute_uv=False)
    return 0.0 if operator.shape[1] > singular.size else float(singular[-1])


def _random_jacobian(rng, n: int, p: int, rank: int) -> np.ndarray:
    return rng.standard_normal((n, rank)) @ rng.standard_normal((rank, p))


def sigma_min_claim(config: RunConfig, transpose: bool = True, draws: int = 50) -> CheckResult:
    """smith Theorem 2.4 and Section 3.2: sigma_min(Dh(w0)^T) > 0 iff Dh(w0) is onto, for n = 3 outputs and p = 5
    parameters, over draws of full rank and of rank 2. ``transpose=False`` tests the false reading "the smallest
    singular value of Dh(w0) as a map of R^p", which vanishes whenever p > n."""
    rng = np.random.default_rng(config.study_seed(RANK_SEED + 1))
    n, p = 3, 5
    agree = 0
    for index in range(draws):
        jacobian = _random_jacobian(rng, n, p, n if index % 2 else n - 1)
        operator = jacobian.T if transpose else jacobian
        positive = bool(_smallest_singular_value(operator) > RANK_RTOL * np.linalg.norm(jacobian, 2))
        agree += int(positive == (_rank(jacobian) == n))
    reading = "sigma_min(Dh^T)" if transpose else "sigma_min(Dh) as a map of R^p"
    detail = f"{reading} > 0 agrees with 'Dh onto R^{n}' in {agree}/{draws} draws (p = {p}, half of rank {n - 1})"
    return CheckResult("numeric", agree == draws, detail, ref=reading, observed=float(agree), bound=float(draws),
                       searched=draws, ranges=ranges_of({"n": n, "p": p, "rank": f"{n - 1}, {n}"}))


def diagonal_kernel_claim(config: RunConfig, spread: float = 0.0) -> CheckResult:
    """smith Section 4: at u = v = alpha 1 the diagonal network's tangent kernel Dh Dh^T equals 8 alpha^2 X X^T (the
    derived ``diagonal_tangent_kernel``), proportional to the l^2 kernel. ``spread > 0`` initializes u = v = alpha s
    with s non-uniform (spread around 1): the kernel is then a weighted one, and the check must reject it."""
    rng = np.random.default_rng(config.study_seed(KERNEL_SEED))
    inputs = rng.standard_normal((6, 10))
    model = DiagonalNetwork(inputs)
    worst = 0.0
    for alpha in (0.1, 1.0, 10.0):
        s = 1.0 + spread * rng.uniform(-1.0, 1.0, model.dim)
        jacobian = model.jacobian(np.concatenate([alpha * s, alpha * s]))
        derived = formula("diagonal_tangent_kernel", "alpha dot")(alpha, inputs @ inputs.T)
        worst = max(worst, float(np.abs(jacobian @ jacobian.T - derived).max() / np.abs(derived).max()))
    detail = f"max relative |Dh Dh^T - 8 alpha^2 X X^T| over alpha 0.1, 1, 10: {worst:.1e} (init spread {spread:g})"
    return CheckResult("numeric", worst <= FORMULA_RTOL, detail, ref="diagonal network kernel", observed=worst,
                       bound=FORMULA_RTOL, searched=3, ranges=ranges_of({"alpha": "0.1..10", "n, d": "6, 10"}))
