"""Plain numpy samplers of the analytic proof steps' instance spaces, for screening many instances quickly.

Each sampler draws one instance from the same space as the hypothesis strategy of :mod:`numeric.strategies` it is
named after, with a ``numpy.random.Generator`` (no shrinking, no targeting: hypothesis does that afterwards):

- :func:`loss_point`: (loss, y), the loss quadratic or log-cosh (even odds), n in 1..4, mu in [0.1, 1],
  kappa in [1, 100], ||y - y*|| in [0.1, 5] (as ``loss_points``);
- :func:`matrix_pair`: (A, E) of one shape, rows 1..4, columns 1..5, entries in [-3, 3] (as ``matrix_pairs``);
- :func:`taylor_point`: (model, w) for h(w) = J0 w + eps sin(C w), n 1..3, p in n..n+2, eps in [0, 0.5], or for
  f(w) = c + s w - L w^2/2 on R (``concave_scalars``), ||w|| in [0.1, 5] (as ``initial_points``);
- :func:`lazy_instance`: (model, y*, alpha), the same models, ||y*|| in [0.1, 5], alpha in [1, 50];
- :func:`metric_sample`: (metric, t, v), the rotating, floor-plus-Gram and piecewise families of
  ``time_varying_metrics`` (n 1..4, lam [0.1, 2], t in [0, 10], ||v|| in [0.1, 5]); not the model-induced family,
  whose construction integrates a flow;
- :func:`exact_flow_instance`: (loss, metric, y0), a quadratic loss (n 1..4, mu [0.1, 1], kappa [1, 100]) under a
  piecewise-constant metric (1..4 pieces, lam [0.1, 2], switches in [0, 10]), ||y0 - y*|| in [0.1, 5]: the part of
  ``flow_instances`` whose flows are exact (eigendecompositions, no integrator).
"""

from __future__ import annotations

import numpy as np

from numeric.losses import StronglyConvexQuadratic, random_rotation, spectrum_with_ends
from numeric.metrics import FloorPlusGram, PiecewiseConstant, RotatingSpectrum
from numeric.models import ConcaveScalar, SineTiltedLinear
from numeric.families import log_cosh_from, piecewise_from, rotating_from, sine_model_from

#: The horizon of the metric families (``time_varying_metrics``' default).
HORIZON = 10.0


def _point(rng: np.random.Generator, center: np.ndarray, low: float = 0.1, high: float = 5.0) -> np.ndarray:
    direction = rng.standard_normal(center.size)
    return center + rng.uniform(low, high) * direction / np.linalg.norm(direction)


def loss_point(rng: np.random.Generator) -> tuple:
    """(loss, y) as numeric.strategies.loss_points draws them."""
    loss = strongly_convex_loss(rng, min_dim=1, max_dim=4, min_mu=0.1, max_kappa=100.0)
    return loss, _point(rng, loss.y_star)


def matrix_pair(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(A, E) as numeric.strategies.matrix_pairs draws them."""
    shape = (int(rng.integers(1, 5)), int(rng.integers(1, 6)))
    return rng.uniform(-3.0, 3.0, shape), rng.uniform(-3.0, 3.0, shape)


def sine_model(rng: np.random.Generator) -> SineTiltedLinear:
    """h(w) = J0 w + eps sin(C w) as numeric.strategies.sine_models draws it."""
    outputs = int(rng.integers(1, 4))
    params = outputs + int(rng.integers(0, 3))
    coupling, eps = rng.uniform(-1.0, 1.0, (outputs, params)), rng.uniform(0.0, 0.5)
    return sine_model_from(coupling, eps, rng.uniform(0.0, 1.0, outputs), random_rotation(rng, outputs),
                           random_rotation(rng, params))


def concave_scalar(rng: np.random.Generator) -> ConcaveScalar:
    """f(w) = offset + sigma_min w - lip_Df w^2/2 as numeric.strategies.concave_scalars draws it."""
    return ConcaveScalar(rng.uniform(0.1, 2.0), rng.uniform(0.1, 5.0), rng.uniform(-2.0, 2.0))


def taylor_point(rng: np.random.Generator) -> tuple:
    """(model, w): a sine model or a concave scalar (equally likely) with a point w, ||w|| in [0.1, 5]."""
    model = sine_model(rng) if rng.random() < 0.5 else concave_scalar(rng)
    return model, _point(rng, np.zeros(model.n_params))


def lazy_instance(rng: np.random.Generator) -> tuple:
    """(model, y*, alpha): a sine model, a target at distance [0.1, 5] from 0 and alpha in [1, 50]."""
    model = sine_model(rng)
    return model, _point(rng, np.zeros(model.n_outputs)), rng.uniform(1.0, 50.0)


def _rotating(rng: np.random.Generator, dim: int, lam: float) -> RotatingSpectrum:
    return rotating_from(lam, rng.uniform(0.0, 10.0), rng.uniform(0.0, 1.0, dim - 1), rng.uniform(-1.0, 1.0, (dim, dim)))


def _floor_plus_gram(rng: np.random.Generator, dim: int, lam: float) -> FloorPlusGram:
    return FloorPlusGram(lam, rng.uniform(-1.5, 1.5, (dim, dim)), rng.uniform(-1.5, 1.5, (dim, dim)),
                         rng.uniform(0.0, 3.0))


def _piecewise(rng: np.random.Generator, dim: int, lam: float) -> PiecewiseConstant:
    """1..4 pieces switching at uniform times of [0, HORIZON] (numeric.families.piecewise_from)."""
    pieces = int(rng.integers(1, 5))
    return piecewise_from(lam, HORIZON, rng.uniform(0.0, 1.0, pieces - 1), rng.uniform(-1.5, 1.5, (pieces, dim, dim)))


def metric_sample(rng: np.random.Generator) -> tuple:
    """(metric, t, v) as numeric.strategies.metric_samples draws them, without the model-induced family."""
    dim, lam = int(rng.integers(1, 5)), rng.uniform(0.1, 2.0)
    family = (_rotating, _floor_plus_gram, _piecewise)[int(rng.integers(0, 3))]
    return family(rng, dim, lam), rng.uniform(0.0, HORIZON), _point(rng, np.zeros(dim))


def exact_flow_instance(rng: np.random.Generator) -> tuple:
    """(loss, metric, y0): a quadratic loss of numeric.strategies.flow_instances under its piecewise family."""
    loss = strongly_convex_loss(rng, min_dim=1, max_dim=4, min_mu=0.1, max_kappa=100.0, kinds=("quadratic",))
    return loss, _piecewise(rng, loss.dim, rng.uniform(0.1, 2.0)), _point(rng, loss.y_star)


def strongly_convex_loss(rng: np.random.Generator, *, min_dim: int, max_dim: int, min_mu: float, max_kappa: float,
                         kinds=("quadratic", "logcosh")):
    """A loss as numeric.strategies.strongly_convex_losses draws it (``kappa_one`` off).

    n in min_dim..max_dim and the kind (``"quadratic"`` or ``"logcosh"``) with even odds, mu uniform in
    [min_mu, 10 min_mu], kappa = nu/mu uniform in [1, max_kappa], y* uniform in [-2, 2]^n, a Haar rotation Q. A
    quadratic has H = Q diag(spectrum) Q^T, the spectrum [mu, nu] with both ends attained; a log-cosh loss has that
    base on [mu, (mu + nu)/2] and 1 or 2 terms (numeric.families.log_cosh_from), so its certified smoothness is nu.
    """
    if not (isinstance(min_dim, int) and isinstance(max_dim, int) and 1 <= min_dim <= max_dim):
        raise ValueError(f"need integers 1 <= min_dim <= max_dim, got min_dim={min_dim!r}, max_dim={max_dim!r}")
    if not (min_mu > 0 and max_kappa >= 1 and kinds and set(kinds) <= {"quadratic", "logcosh"}):
        raise ValueError(f"need min_mu > 0, max_kappa >= 1 and kinds in ('quadratic', 'logcosh'), got "
                         f"min_mu={min_mu!r}, max_kappa={max_kappa!r}, kinds={kinds!r}")
    dim, kind = int(rng.integers(min_dim, max_dim + 1)), kinds[int(rng.integers(len(kinds)))]
    mu = rng.uniform(min_mu, 10 * min_mu)
    nu = mu * rng.uniform(1.0, max_kappa)
    rotation, y_star = random_rotation(rng, dim), rng.uniform(-2.0, 2.0, dim)
    if kind == "quadratic":
        return StronglyConvexQuadratic.from_spectrum(spectrum_with_ends(rng, dim, mu, nu), rotation, y_star)
    terms = int(rng.integers(1, 3))
    return log_cosh_from(rotation, spectrum_with_ends(rng, dim, mu, (mu + nu) / 2), y_star,
                         rng.uniform(-1.0, 1.0, (terms, dim)), nu)
