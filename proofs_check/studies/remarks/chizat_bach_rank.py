"""chizat-bach Section 3.3 on the rank of Df: under-parameterization, genericity of a locally constant rank, and the
"probability 1" remark, which fails for a C^1 model with Lipschitz Df and holds for analytic models.

The counterexample (Assumption 3.1 holds; w0 uniform on [0, 1], an absolutely continuous law):

    f(w) = int_0^w min(dist(s, K), 1)^2 ds,  so  Df(w) = min(dist(w, K), 1)^2,

K the Smith-Volterra-Cantor set (the fat Cantor set K_b of ``symbolic.remarks_chizat_bach`` at b = 4). Df is
2-Lipschitz on R (1/4 on [0, 1]), rank Df_w = 0 exactly on K and 1 off K. K is closed and nowhere dense, so at every
w0 in K each neighbourhood contains points of rank 1: the rank is locally constant at w0 iff w0 is not in K, which has
probability |K| = 1/2 (derivation ``fat_cantor_measure``). The numeric side builds K_b's level-N pieces by its
construction, checks them against the derived piece length, and shows the rank jump next to sampled points of K_N.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy as sp

from numeric.losses import StronglyConvexQuadratic
from numeric.networks import TwoLayerNetwork, doubled_parameters
from proofs_check.results import CheckResult, Witness, ranges_of
from proofs_check.settings import RunConfig
from symbolic import derive
from symbolic.remarks_chizat_bach import cantor_base, cantor_level, cantor_piece

#: The level N of the finite Cantor construction K_N, and the samples of w0 (uniform on [0, 1]).
CANTOR_LEVEL, CANTOR_SAMPLES = 12, {"ci": 4000, "thorough": 100000}
#: Pairs of points sampled to check the Lipschitz constant of Df (a sampled check: the proof is the chain rule step
#: of ``fat_cantor_measure``), over [-1, 2], which contains [0, 1] and the region where min(d, 1) saturates.
LIPSCHITZ_PAIRS = 20000
#: Numerical rank: singular values above RANK_TOLERANCE times the largest count.
RANK_TOLERANCE = 1e-8
#: Random initializations of the tanh network and perturbations (of radius PERTURBATION) around each.
NETWORK_DRAWS, PERTURBATIONS, PERTURBATION = {"ci": 20, "thorough": 400}, 8, 1e-4
CLAIM = "rank Df_w locally constant near w0 with probability 1 for an absolutely continuous law of w0"


def _derived(expression: sp.Expr, base: float, level: int | None = None) -> float:
    values = {cantor_base: sp.Integer(base)} | ({} if level is None else {cantor_level: sp.Integer(level)})
    return float(expression.subs(values))


@lru_cache(maxsize=8)
def cantor_pieces(level: int, base: int = 4) -> np.ndarray:
    """The 2^level closed intervals of K_b at ``level``: each step removes the open middle interval of length b^(-n)."""
    pieces = np.array([[0.0, 1.0]])
    for n in range(1, level + 1):
        middle, half_gap = pieces.mean(axis=1), base ** (-n) / 2
        pieces = np.stack([np.stack([pieces[:, 0], middle - half_gap], 1), np.stack([middle + half_gap, pieces[:, 1]], 1)],
                          1).reshape(-1, 2)
    pieces.flags.writeable = False
    return pieces


def distance_to(pieces: np.ndarray, w) -> np.ndarray:
    """dist(w, union of the sorted disjoint ``pieces``), vectorized over w."""
    w = np.asarray(w, dtype=float)
    index = np.clip(np.searchsorted(pieces[:, 0], w, side="right") - 1, 0, len(pieces) - 1)
    left = np.maximum(pieces[index, 0] - w, 0.0) + np.maximum(w - pieces[index, 1], 0.0)
    following = np.minimum(index + 1, len(pieces) - 1)
    right = np.where(index + 1 < len(pieces), np.maximum(pieces[following, 0] - w, 0.0), np.inf)
    return np.minimum(left, right)


def cantor_jacobian(w, level: int = CANTOR_LEVEL, base: int = 4) -> np.ndarray:
    """Df(w) = min(dist(w, K_N), 1)^2 of the model f(w) = int_0^w min(dist(s, K_N), 1)^2 ds (its derivative exactly)."""
    return np.minimum(distance_to(cantor_pieces(level, base), w), 1.0) ** 2


def cantor_case_hypotheses(base: int = 4, level: int = CANTOR_LEVEL) -> dict[str, bool]:
    """Every hypothesis of chizat-bach's "probability 1" remark, on f(w) = int_0^w min(dist(s, K_b), 1)^2 ds, R = y^2/2,
    w0 ~ Uniform[0, 1] (the instance that refutes it at b = 4), and the facts the refutation uses."""
    derivation, pieces = derive("fat_cantor_measure"), cantor_pieces(level, base)
    rng = np.random.default_rng(level)
    left, right = rng.uniform(-1.0, 2.0, LIPSCHITZ_PAIRS), rng.uniform(-1.0, 2.0, LIPSCHITZ_PAIRS)
    slopes = np.abs(cantor_jacobian(left, level, base) - cantor_jacobian(right, level, base)) / np.abs(left - right)
    loss = StronglyConvexQuadratic(np.eye(1), np.zeros(1))
    piece = _derived(cantor_piece(), base, level)
    return {
        "f differentiable with Df = min(dist(., K), 1)^2 continuous (Assumption 3.1)": bool(derivation.ok),
        "Df L_Df-Lipschitz with L_Df = 2 (sampled on [-1, 2]; proof: derivation step)": bool(slopes.max() <= 2.0 + 1e-12),
        "R mu-strongly convex with nu-Lipschitz gradient (R = y^2/2, mu = nu = 1)": loss.mu == loss.nu == 1.0,
        "w0 ~ Uniform[0, 1], an absolutely continuous probability measure": True,
        "K_N built by the construction (pieces of the derived length)": bool(np.allclose(np.diff(pieces, axis=1), piece)),
        "K nowhere dense (derived piece length -> 0)": piece < 2.0 ** -level,
    }


def rank_jump_fraction(samples: int, seed: int, level: int = CANTOR_LEVEL, base: int = 4) -> tuple[float, float]:
    """(fraction of uniform w0 in K_N, fraction of those with rank 0 at w0 and rank 1 within one piece length)."""
    pieces = cantor_pieces(level, base)
    w0 = np.random.default_rng(seed).uniform(0.0, 1.0, samples)
    inside = distance_to(pieces, w0) == 0.0
    index = np.searchsorted(pieces[:, 0], w0[inside], side="right") - 1
    neighbour = pieces[index].mean(axis=1)  # the middle of w0's piece: removed at level N + 1
    jumps = (cantor_jacobian(w0[inside], level, base) == 0.0) & (cantor_jacobian(neighbour, level + 1, base) > 0.0)
    return float(inside.mean()), float(jumps.mean()) if inside.any() else 1.0


def rank_probability_claim(config: RunConfig, base: int = 4) -> CheckResult:
    """chizat-bach Section 3.3: "it holds with probability 1 if w0 is randomly chosen according to an absolutely
    continuous probability measure", tested on f(w) = int_0^w min(dist(s, K_b), 1)^2 ds with w0 ~ Uniform[0, 1].

    At b = 4 the rank is not locally constant on K_4, of measure 1/2: a counterexample (validated against every
    hypothesis). At b = 3 (middle thirds, measure 0) the same model satisfies the claim: no counterexample.
    """
    hypotheses = cantor_case_hypotheses(base)
    broken = [name for name, holds in hypotheses.items() if not holds]
    if broken:
        return CheckResult.crash("numeric", "fat Cantor model", f"the instance violates {', '.join(broken)}")
    failure = _derived(derive("fat_cantor_measure").expression, base)
    level_measure = _derived(2**cantor_level * cantor_piece(), base, CANTOR_LEVEL)
    inside, jumps = rank_jump_fraction(CANTOR_SAMPLES[config.depth], config.study_seed(7), base=base)
    detail = (f"b = {base}: rank Df = 0 on K_b and 1 off it; P(w0 in K_b) = |K_b| = {failure:g} (derived), "
              f"P(w0 in K_{CANTOR_LEVEL}) = {inside:.4f} sampled vs {level_measure:.4f} derived; at {jumps:.0%} of those the "
              f"rank is 0 at w0 and 1 within {_derived(cantor_piece(), base, CANTOR_LEVEL):.1e}")
    ok = failure == 0.0
    witness = None if ok else Witness("instance", CLAIM, tuple(hypotheses), validator=f"{__name__}:cantor_case_hypotheses",
                                      arguments=(base, CANTOR_LEVEL))
    return CheckResult("numeric", ok, detail, ref="fat Cantor model", observed=failure, bound=0.0, tight=False,
                       searched=CANTOR_SAMPLES[config.depth], ranges=ranges_of({"w0": "Uniform[0, 1]", "level N": CANTOR_LEVEL,
                                                                                  "Lipschitz pairs": LIPSCHITZ_PAIRS}),
                       counterexample=None if ok else (
                           f"f(w) = int_0^w min(dist(s, K), 1)^2 ds, K the Smith-Volterra-Cantor set (|K| = {failure:g}), "
                           "R(y) = y^2/2, w0 ~ Uniform[0, 1]: Df is 2-Lipschitz, rank Df = 0 on K and 1 on the dense "
                           f"gaps, so the rank is not locally constant with probability {failure:g}"), witness=witness)


def _rank(matrix: np.ndarray) -> int:
    singular = np.linalg.svd(matrix, compute_uv=False)
    return int(np.sum(singular > RANK_TOLERANCE * singular[0]))


def _network(seed: int):
    rng = np.random.default_rng(seed)
    inputs = np.hstack([rng.standard_normal((30, 2)), np.ones((30, 1))])
    return TwoLayerNetwork(inputs, 4, "tanh", "one"), rng  # p = 16 < n = 30


def rank_changes(seed: int, draws: int) -> list[tuple[str, int, int, int]]:
    """(kind, rank at w0, min and max rank over perturbations) for Gaussian w0 and one doubled w0 (tanh network)."""
    network, rng = _network(seed)
    starts = [("gaussian", rng.standard_normal(network.n_params)) for _ in range(draws)]
    starts.append(("doubled", doubled_parameters(rng, network.width, network.dim, 1.0)))
    found = []
    for kind, w0 in starts:
        nearby = [_rank(network.jacobian(w0 + PERTURBATION * rng.standard_normal(w0.size))) for _ in range(PERTURBATIONS)]
        found.append((kind, _rank(network.jacobian(w0)), min(nearby), max(nearby)))
    return found


def rank_generic_claim(config: RunConfig, variant: str = "lower") -> CheckResult:
    """chizat-bach Section 3.3: "The assumption that the rank is locally constant holds generically due to
    lower-semicontinuity of the rank function": nearby ranks never drop, so the points of locally maximal rank form an
    open dense set (variant "upper": the rank upper semicontinuous, which the doubled initialization refutes)."""
    changes = rank_changes(config.study_seed(8), NETWORK_DRAWS[config.depth])
    if variant == "lower":
        violations = [c for c in changes if c[2] < c[1]]
    else:
        violations = [c for c in changes if c[3] > c[1]]
    generic = [c for c in changes if c[0] == "gaussian"]
    maximal = sum(c[1] == c[2] == c[3] for c in generic)
    doubled = next(c for c in changes if c[0] == "doubled")
    detail = (f"rank {'lower' if variant == 'lower' else 'upper'} semicontinuity: {len(violations)} violations over "
              f"{len(changes)} points x {PERTURBATIONS} perturbations of radius {PERTURBATION:g}; {maximal}/{len(generic)} "
              f"Gaussian w0 have a locally constant rank; the doubled w0 has rank {doubled[1]}, {doubled[3]} nearby "
              "(sampled: the proof is that a nonzero minor stays nonzero nearby)")
    return CheckResult("numeric", not violations and maximal == len(generic), detail, ref="tanh network ranks",
                       observed=float(len(violations)), bound=0.0, searched=len(changes) * PERTURBATIONS,
                       ranges=ranges_of({"w0": "N(0, I) and one doubled", "p": 16, "n": 30, "radius": PERTURBATION}),
                       counterexample=None if not violations else f"w0 of kind {violations[0][0]}: rank {violations[0][1]} "
                       f"at w0, {violations[0][2]}..{violations[0][3]} nearby")


def analytic_probability_claim(config: RunConfig, model: str = "tanh") -> CheckResult:
    """lazycheck's corrected chizat-bach Section 3.3 remark: for a real-analytic f (a tanh network) the set
    {rank Df_w < max rank} is a proper analytic set, Lebesgue-null, so the rank is locally constant (and maximal) with
    probability 1 for absolutely continuous w0. Sampled; model "cantor" (C^1, not analytic) is the rejected variant."""
    if model == "tanh":
        generic = [c for c in rank_changes(config.study_seed(9), NETWORK_DRAWS[config.depth]) if c[0] == "gaussian"]
        top = max(c[3] for c in generic)
        exceptional = sum(not (c[1] == c[2] == c[3] == top) for c in generic) / len(generic)
        searched = len(generic)
    else:
        inside, _ = rank_jump_fraction(CANTOR_SAMPLES[config.depth], config.study_seed(9))
        exceptional, searched = inside, CANTOR_SAMPLES[config.depth]
    detail = f"{model}: sampled fraction of w0 without a locally constant maximal rank = {exceptional:.4f}"
    return CheckResult("numeric", exceptional == 0.0, detail + " (sampled: the proof is the analytic-set argument)",
                       ref=f"{model} model", observed=exceptional, bound=0.0, searched=searched,
                       ranges=ranges_of({"w0": "N(0, I)" if model == "tanh" else "Uniform[0, 1]", "samples": searched}),
                       counterexample=None if exceptional == 0.0 else f"{exceptional:.1%} of the sampled w0")


def underparameterized_claim(config: RunConfig, variant: str = "text") -> CheckResult:
    """chizat-bach Section 3.3: without over-parameterization (e.g. the population loss, n = oo) rank Df_w0 <= p < n, so
    Df_w0 is not surjective and sigma_min = 0 (variant "surjective": sigma_min > 0, the hypothesis of Theorem 3.2)."""
    network, rng = _network(config.study_seed(10))
    ranks, smallest = [], []
    for n in (40, 400):
        inputs = np.hstack([rng.standard_normal((n, 2)), np.ones((n, 1))])
        jacobian = network.jacobian_at(rng.standard_normal(network.n_params), inputs)
        ranks.append(_rank(jacobian))
        smallest.append(float(np.concatenate([np.linalg.svd(jacobian, compute_uv=False), np.zeros(n - network.n_params)])[-1]))
    ok = max(ranks) <= network.n_params and (max(smallest) == 0.0) == (variant == "text")
    detail = (f"p = {network.n_params}: rank Df_w0 = {ranks} for n = 40, 400; sigma_n = {smallest} "
              f"({'not surjective' if max(smallest) == 0.0 else 'surjective'})")
    return CheckResult("numeric", ok, detail, ref="rank <= p < n", observed=float(max(ranks)), bound=float(network.n_params),
                       searched=2, ranges=ranges_of({"n": "40, 400", "p": network.n_params}),
                       counterexample=None if ok else "sigma_n(Df_w0) = 0 for n > p: not surjective")
