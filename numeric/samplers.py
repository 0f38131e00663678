"""Plain numpy samplers of the analytic proof steps' instance spaces, for screening many instances quickly.

Each sampler draws one instance from the same space as the hypothesis strategy of :mod:`numeric.strategies` it is
named after, with a ``numpy.random.Generator`` (no shrinking, no targeting: hypothesis does that afterwards):

- :func:`loss_point`: (loss, y), the loss quadratic or log-cosh (even odds), n in 1..4, mu in [0.1, 1],
  kappa in [1, 100], ||y - y*|| in [0.1, 5] (as ``loss_points``);
- :func:`matrix_pair`: (A, E) of one shape, rows 1..4, columns 1..5, entries in [-3, 3] (as ``matrix_pairs``);
- :func:`taylor_point`: (model, w) for h(w) = J0 w + eps sin(C w), n 1..3, p in n..n+2, eps in [0, 0.5],
  ||w|| in [0.1, 5] (as ``sine_models`` with ``initial_points``).
"""

from __future__ import annotations

import numpy as np

from numeric.losses import LogCoshQuadratic, StronglyConvexQuadratic, random_rotation
from numeric.models import SineTiltedLinear


def _point(rng: np.random.Generator, center: np.ndarray, low: float = 0.1, high: float = 5.0) -> np.ndarray:
    direction = rng.standard_normal(center.size)
    return center + rng.uniform(low, high) * direction / np.linalg.norm(direction)


def loss_point(rng: np.random.Generator) -> tuple:
    """(loss, y) as numeric.strategies.loss_points draws them."""
    dim, mu = int(rng.integers(1, 5)), rng.uniform(0.1, 1.0)
    nu = mu * rng.uniform(1.0, 100.0)
    if rng.random() < 0.5:
        loss = StronglyConvexQuadratic.random(rng, dim, mu, nu)
    else:
        loss = LogCoshQuadratic.random(rng, dim, mu, nu, terms=int(rng.integers(1, 3)))
    return loss, _point(rng, loss.y_star)


def matrix_pair(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(A, E) as numeric.strategies.matrix_pairs draws them."""
    shape = (int(rng.integers(1, 5)), int(rng.integers(1, 6)))
    return rng.uniform(-3.0, 3.0, shape), rng.uniform(-3.0, 3.0, shape)


def taylor_point(rng: np.random.Generator) -> tuple:
    """(model, w) as numeric.strategies.sine_models with initial_points draw them."""
    outputs = int(rng.integers(1, 4))
    params = outputs + int(rng.integers(0, 3))
    coupling, eps = rng.uniform(-1.0, 1.0, (outputs, params)), rng.uniform(0.0, 0.5)
    singular = 1 + 2 * rng.uniform(0.0, 1.0, outputs) + eps * np.linalg.norm(coupling, 2)
    stretch = np.zeros((outputs, params))
    stretch[:, :outputs] = np.diag(singular)
    jacobian = random_rotation(rng, outputs) @ stretch @ random_rotation(rng, params).T
    return SineTiltedLinear(jacobian, coupling, eps), _point(rng, np.zeros(params))
