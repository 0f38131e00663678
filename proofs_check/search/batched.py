"""The batched screening phase of the lemma searches: many instances at once, then local refinement.

Before hypothesis searches a lemma, :func:`screen` evaluates ``RunConfig.batch_instances`` instances of the
lemma's hypotheses in batches: quadratic losses F(y) = (y - y*)^T H (y - y*)/2 under piecewise-constant metrics of
two loss-agnostic families (:data:`FAMILIES`), whose flows are exact (:mod:`numeric.exact_batch`:
eigendecompositions, no integrator error):

- ``gram``: Sigma_k = lam_k Id + s_k^2 G_k G_k^T / n on three pieces of random durations;
- ``pump``: a rotating rank-one pump, Sigma_k = lam Id + s^2 u_k u_k^T for k < PUMP_PIECES, u_k turning at a
  constant rate through a sweep of a random plane, each piece lasting tau, then lam Id. A strong pump moves the
  state along a level set of F at little cost in F (each piece nearly minimizes F on a line), which is how
  Lemma 3.3's bound is approached; the search has to find the plane, the start angle, the sweep and the scales.

Half of the budget is drawn at random from the domain (:data:`BATCH_DOMAIN`, every dimension and family in turn);
the other half refines the worst instances found so far by an evolution strategy (Gaussian perturbations of their
parameters, clipped to the domain, with a shrinking step). The best candidates go back to the claim's own check,
which re-evaluates them with its tolerance policy: a screened ratio is never reported as a verdict by itself.

The screen evaluates each flow on a grid of times per instance (uniform, geometric near 0, and every switch time).
For Lemma A.1 the grid also gives K = sup_t ||(Sigma(t) - Sigma(0)) grad F(y(t))|| from below. A screened ratio can
therefore be off either way (the grid also misses maxima between its points); it only ranks candidates, and the
claim's own check (with its finer grid, local refinement of K and tolerance policy) decides. ``lam`` of
BATCH_DOMAIN is the additive floor of each piece: the floor the bound uses is the smallest eigenvalue over the
pieces, at least that.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from joblib import Parallel, delayed

from numeric.exact_batch import QuadraticPiecewiseBatch, errors
from numeric.losses import StronglyConvexQuadratic
from numeric.metrics import PiecewiseConstant
from proofs_check.search.properties import (DEFAULT_HORIZON, LEMMA_3_3_SYMBOLS, LEMMA_A_1_SYMBOLS, MAX_EFOLDINGS,
                                            bound_expression, evaluate_bound)

#: The batched instance space, as (low, high) of each parameter; logarithmic ranges are sampled log-uniformly.
BATCH_DOMAIN = {"dimension n": (1, 4), "mu": (0.1, 1.0), "kappa = nu/mu": (1.0, 100.0), "lam": (0.1, 2.0),
                "Gram scale s_k": (1e-2, 1e3), "piece durations": (1e-4, 10.0), "||y0 - y*||": (0.1, 5.0),
                "pump scale s": (1.0, 1e3), "pump piece duration tau": (1e-6, 1.0), "pump sweep": (-np.pi, np.pi)}
#: The metric families of the screen (each screened on its own share of the budget).
FAMILIES = ("gram", "pump")
PIECES, PUMP_PIECES = 3, 32
#: Times of the screening grid: uniform and geometric points over each instance's horizon (plus its switch times).
UNIFORM_POINTS, GEOMETRIC_POINTS = 32, 16
#: Generations of the refinement, parents kept per generation, and the first and last step sizes.
GENERATIONS, PARENTS, FIRST_STEP, LAST_STEP = 8, 24, 0.5, 0.05
#: Candidates handed back to the claim's check.
CANDIDATES = 3
_LOG_KEYS = {"log_mu": "mu", "log_kappa": "kappa = nu/mu", "log_lam": "lam", "log_scale": "Gram scale s_k",
             "log_gaps": "piece durations", "log_distance": "||y0 - y*||", "log_pump": "pump scale s",
             "log_tau": "pump piece duration tau"}
_LINEAR_KEYS = {"sweep": "pump sweep"}
#: What-if's rescalings (:mod:`proofs_check.search.scales`): loss a, metric c, distance b, each in
#: [10^-decades, 10^decades]; drawn only when a screen is given ``decades``.
_SCALE_KEYS = {"log_a": "loss scale a", "log_c": "metric scale c", "log_b": "distance scale b"}


@dataclass(frozen=True)
class Screening:
    """What the screen found: how many instances it evaluated, its best screened ratio, and the best candidates as
    the claim's instances (loss, metric, y0), worst first."""

    evaluated: int
    best_ratio: float
    candidates: tuple[tuple, ...]
    decades: float | None = None

    def ranges(self) -> dict[str, str]:
        ranges = {f"screened {name}": f"[{low:g}, {high:g}]" for name, (low, high) in BATCH_DOMAIN.items()}
        if self.decades is not None:
            ranges |= {f"screened {name}": f"[1e-{self.decades:g}, 1e+{self.decades:g}]" for name in _SCALE_KEYS.values()}
        return ranges


def _log_range(key: str, kappa: tuple[float, float] | None) -> tuple[float, float]:
    low, high = kappa if key == "log_kappa" and kappa is not None else BATCH_DOMAIN[_LOG_KEYS[key]]
    return np.log(low), np.log(high)


def draw(rng: np.random.Generator, size: int, dim: int, kappa: tuple[float, float] | None = None,
         family: str = "gram", decades: float | None = None) -> dict:
    """``size`` random parameter sets of dimension ``dim`` and metric ``family`` (log-uniform scales, uniform
    angles, Gaussian directions); with ``decades``, what-if's three rescalings too."""
    shapes = {"log_mu": (size,), "log_kappa": (size,), "log_lam": (size,), "log_distance": (size,)}
    scales = {} if decades is None else {key: rng.uniform(*_scale_range(decades), size) for key in _SCALE_KEYS}
    if family == "gram":
        shapes |= {"log_scale": (size, PIECES), "log_gaps": (size, PIECES - 1)}
    else:
        shapes |= {"log_pump": (size,), "log_tau": (size,)}
    theta = {key: rng.uniform(*_log_range(key, kappa), shape) for key, shape in shapes.items()}
    theta |= {"fractions": rng.uniform(0, 1, (size, dim)), "rotation": rng.normal(size=(size, dim, dim)),
              "direction": rng.normal(size=(size, dim))}
    if family == "gram":
        return theta | scales | {"gram": rng.normal(size=(size, PIECES, dim, dim))}
    return theta | scales | {"start": rng.uniform(0.0, np.pi, size),
                             "sweep": rng.uniform(*BATCH_DOMAIN["pump sweep"], size),
                             "plane": rng.normal(size=(size, 2, dim))}


def _scale_range(decades: float) -> tuple[float, float]:
    return -decades * np.log(10.0), decades * np.log(10.0)


def perturb(rng: np.random.Generator, theta: dict, step: float, kappa=None, decades: float | None = None) -> dict:
    """Each parameter moved by a Gaussian step (relative to its range), clipped back into the domain."""
    moved = {}
    for key, value in theta.items():
        if key in _LOG_KEYS or key in _LINEAR_KEYS or key in _SCALE_KEYS:
            low, high = (_log_range(key, kappa) if key in _LOG_KEYS else _scale_range(decades) if key in _SCALE_KEYS
                         else BATCH_DOMAIN[_LINEAR_KEYS[key]])
            moved[key] = np.clip(value + step * (high - low) * rng.normal(size=value.shape), low, high)
        elif key == "fractions":
            moved[key] = np.clip(value + step * rng.normal(size=value.shape), 0.0, 1.0)
        elif key == "start":
            moved[key] = value + step * np.pi * rng.normal(size=value.shape)
        else:
            moved[key] = value + step * rng.normal(size=value.shape)
    return moved


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=-1, keepdims=True), 1e-300)


def _gram_metrics(theta: dict, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """(starts, sigmas) of the ``gram`` family: Sigma_k = lam Id + s_k^2 G_k G_k^T / n after the first k durations."""
    size = theta["log_lam"].size
    gram = theta["gram"] @ np.swapaxes(theta["gram"], -1, -2) / dim
    sigmas = np.exp(theta["log_lam"])[:, None, None, None] * np.eye(dim) + np.exp(2 * theta["log_scale"])[..., None, None] * gram
    return np.concatenate([np.zeros((size, 1)), np.cumsum(np.exp(theta["log_gaps"]), axis=1)], axis=1), sigmas


def _pump_metrics(theta: dict, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """(starts, sigmas) of the ``pump`` family: lam Id + s^2 u_k u_k^T on [k tau, (k+1) tau) for k < PUMP_PIECES,
    u_k = cos(a_k) e + sin(a_k) f with (e, f) the orthonormalized plane and a_k = start + sweep k/(PUMP_PIECES - 1);
    then lam Id."""
    first = _unit_rows(theta["plane"][:, 0])
    second = theta["plane"][:, 1] - np.einsum("bi,bi->b", theta["plane"][:, 1], first)[:, None] * first
    second = _unit_rows(second)
    angles = theta["start"][:, None] + theta["sweep"][:, None] * np.linspace(0.0, 1.0, PUMP_PIECES)
    pumps = np.cos(angles)[..., None] * first[:, None] + np.sin(angles)[..., None] * second[:, None]  # (B, P, n)
    strength = np.exp(2 * theta["log_pump"])[:, None, None, None] * pumps[..., :, None] * pumps[..., None, :]
    strength = np.concatenate([strength, np.zeros_like(strength[:, :1])], axis=1)
    sigmas = np.exp(theta["log_lam"])[:, None, None, None] * np.eye(dim) + strength
    return np.exp(theta["log_tau"])[:, None] * np.arange(PUMP_PIECES + 1), sigmas


def instances(theta: dict) -> QuadraticPiecewiseBatch:
    """The batch of (H, Sigma pieces, y0) a parameter set stands for (y* = 0: the lemmas are translation invariant).

    H = Q diag(mu kappa^f) Q^T with f_min = 0 and f_max = 1 (so mu and nu = kappa mu are attained; kappa = 1 in one
    dimension); the metric of the parameter set's family (:func:`_gram_metrics` or :func:`_pump_metrics`).
    """
    size, dim = theta["direction"].shape
    mu, kappa = np.exp(theta["log_mu"]), np.exp(theta["log_kappa"])
    fractions = np.sort(theta["fractions"], axis=1)
    if dim > 1:
        fractions[:, 0], fractions[:, -1] = 0.0, 1.0
    else:
        fractions[:] = 0.0
    spectrum = mu[:, None] * kappa[:, None] ** fractions
    rotation, _ = np.linalg.qr(theta["rotation"])
    hessians = (rotation * spectrum[:, None, :]) @ np.swapaxes(rotation, -1, -2)
    starts, sigmas = (_pump_metrics if "log_pump" in theta else _gram_metrics)(theta, dim)
    y0 = np.exp(theta["log_distance"])[:, None] * _unit_rows(theta["direction"])
    if "log_a" in theta:  # the image under (a, c, b): H -> a H, Sigma(t) -> c Sigma(a c t), y0 -> b y0
        a, c, b = (np.exp(theta[key]) for key in ("log_a", "log_c", "log_b"))
        hessians, sigmas = a[:, None, None] * hessians, c[:, None, None, None] * sigmas
        starts, y0 = starts / (a * c)[:, None], b[:, None] * y0
    return QuadraticPiecewiseBatch(0.5 * (hessians + np.swapaxes(hessians, -1, -2)), np.zeros((size, dim)), starts,
                                   0.5 * (sigmas + np.swapaxes(sigmas, -1, -2)), y0)


def _grid(batch: QuadraticPiecewiseBatch, mu: np.ndarray, lam: np.ndarray) -> np.ndarray:
    """Each instance's check times: uniform and geometric over its horizon, and its switch times (B, T)."""
    horizon = np.minimum(DEFAULT_HORIZON, MAX_EFOLDINGS / (mu * lam))[:, None]
    uniform = horizon * np.linspace(0.0, 1.0, UNIFORM_POINTS)
    geometric = horizon * np.geomspace(1e-7, 1.0, GEOMETRIC_POINTS)
    return np.sort(np.concatenate([uniform, geometric, np.minimum(batch.starts, horizon)], axis=1), axis=1)


def _ratios(observed: np.ndarray, bound: np.ndarray) -> np.ndarray:
    """max_t observed/bound per instance; a non-finite value anywhere makes the instance's ratio inf, so that the
    claim's own check sees it."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # an overflow is a ratio of inf, kept
        ratios = np.where(observed > 1e-12 * np.nanmax(observed, axis=1, keepdims=True), observed / bound, 0.0)
    broken = ~np.isfinite(observed) | np.isnan(bound) | np.isnan(ratios)
    return np.where(broken, np.inf, ratios).max(axis=1)


def _parameters(batch: QuadraticPiecewiseBatch) -> dict:
    spectrum = batch.hessian_spectrum()
    return {"mu": spectrum[:, :1], "nu": spectrum[:, -1:], "kappa": spectrum[:, -1:] / spectrum[:, :1],
            "lam": batch.floors()[:, None]}


def lemma_3_3_ratios(batch: QuadraticPiecewiseBatch, bound=None) -> np.ndarray:
    """max_t ||y(t) - y*|| / bound(t) per instance (the derived Lemma 3.3 bound, or a variant)."""
    values = _parameters(batch)
    times = _grid(batch, values["mu"][:, 0], values["lam"][:, 0])
    observed = np.linalg.norm(errors(batch, times), axis=-1)
    values |= {"t": times, "d0": np.linalg.norm(batch.y0 - batch.minimizers, axis=1)[:, None]}
    expression = bound_expression(bound, "lemma_3_3_bound", LEMMA_3_3_SYMBOLS)
    return _ratios(observed, evaluate_bound(expression, LEMMA_3_3_SYMBOLS, values))


def stability_ratios(batch: QuadraticPiecewiseBatch, bound=None, time_dependent: bool = False) -> np.ndarray:
    """max_t ||y(t) - ybar(t)|| / bound(t) per instance, K from the grid (Lemma A.1, or the time-dependent bound)."""
    values = _parameters(batch)
    times = _grid(batch, values["mu"][:, 0], values["lam"][:, 0])
    lazy, tangent = errors(batch, times), errors(batch.frozen(), times)
    gradient = np.einsum("bij,btj->bti", batch.hessians, lazy)
    drift = np.einsum("btij,btj->bti", batch.sigma_at(times) - batch.sigmas[:, None, 0], gradient)
    values |= {"t": times, "K": np.linalg.norm(drift, axis=-1).max(axis=1)[:, None],
               "Sigma0_norm": np.linalg.eigvalsh(batch.sigmas[:, 0])[:, -1:]}
    default = "stability_bound_time_dependent" if time_dependent else "stability_bound"
    expression = bound_expression(bound, default, LEMMA_A_1_SYMBOLS)
    return _ratios(np.linalg.norm(lazy - tangent, axis=-1), evaluate_bound(expression, LEMMA_A_1_SYMBOLS, values))


def _select(theta: dict, index: np.ndarray) -> dict:
    return {key: value[index] for key, value in theta.items()}


def _join(first: dict, second: dict) -> dict:
    return {key: np.concatenate([first[key], second[key]]) for key in first}


def _screen_part(ratio_of, dim: int, family: str, budget: int, seed: int, kappa=None,
                 decades: float | None = None) -> tuple[dict, np.ndarray, int]:
    """Random draws (half the budget), then GENERATIONS of refinement around the PARENTS worst; the pool of the
    worst instances seen and their ratios. Each (dimension, family) draws from its own stream, so the result does
    not depend on which process screens which part."""
    rng = np.random.default_rng([seed, dim, FAMILIES.index(family)])
    theta = draw(rng, max(budget // 2, PARENTS), dim, kappa, family, decades)
    ratios = ratio_of(instances(theta))
    children = max((budget - budget // 2) // GENERATIONS, 1)
    evaluated = ratios.size + GENERATIONS * children
    for generation, step in enumerate(np.geomspace(FIRST_STEP, LAST_STEP, GENERATIONS)):
        keep = np.argsort(ratios)[-PARENTS:]
        parents = _select(theta, keep[rng.integers(0, keep.size, children)])
        offspring = perturb(rng, parents, step, kappa, decades)
        theta, ratios = _join(_select(theta, keep), offspring), np.concatenate([ratios[keep], ratio_of(instances(offspring))])
    return theta, ratios, evaluated


def screen(ratio_of, budget: int, seed: int, kappa: tuple[float, float] | None = None,
           dims: tuple[int, ...] | None = None, jobs: int = 1,
           decades: float | None = None) -> tuple[Screening, QuadraticPiecewiseBatch]:
    """Screen ``budget`` instances (split evenly over the dimensions and FAMILIES) with ``ratio_of(batch) ->
    ratios``; the worst found. With ``decades``, each instance is rescaled by what-if's loss, metric and distance
    scales, each drawn from [10^-decades, 10^decades] (a variant bound need not be scale-invariant).

    The parts are screened as independent joblib tasks (``jobs`` processes; 1 runs them here, in order), so
    joblib's backend decides where they run: ``with joblib.parallel_config(backend="dask"): ...`` sends them to a
    Dask cluster. The same seed gives the same screening whatever the backend and the number of jobs.
    """
    dims = dims or tuple(range(BATCH_DOMAIN["dimension n"][0], BATCH_DOMAIN["dimension n"][1] + 1))
    parts = [(dim, family) for dim in dims for family in FAMILIES]
    pools = Parallel(n_jobs=jobs)(delayed(_screen_part)(ratio_of, dim, family, budget // len(parts), seed, kappa,
                                                        decades) for dim, family in parts)
    best = []
    for theta, ratios, _ in pools:
        order = np.argsort(ratios)[::-1][:CANDIDATES]
        best += [(float(ratios[i]), _select(theta, np.array([i]))) for i in order]
    best.sort(key=lambda pair: -pair[0])
    chosen = best[:CANDIDATES]
    batches = [instances(theta) for _, theta in chosen]
    evaluated = sum(count for _, _, count in pools)
    return Screening(evaluated, chosen[0][0], tuple(as_instance(b, 0) for b in batches), decades), batches[0]


def as_instance(batch: QuadraticPiecewiseBatch, index: int) -> tuple:
    """Instance ``index`` of a batch as the claim's (loss, metric, y0)."""
    loss = StronglyConvexQuadratic(batch.hessians[index], batch.minimizers[index])
    return loss, PiecewiseConstant(batch.starts[index], batch.sigmas[index]), batch.y0[index]
