"""The numpy samplers (numeric.samplers) draw from the spaces their hypothesis strategies cover."""

import numpy as np

from numeric import samplers
from numeric.losses import LogCoshQuadratic, StronglyConvexQuadratic


def test_loss_points_lie_in_the_stated_ranges():
    rng, kinds = np.random.default_rng(0), set()
    for _ in range(200):
        loss, y = samplers.loss_point(rng)
        kinds.add(type(loss))
        assert 1 <= loss.dim <= 4 and 0.1 <= loss.mu <= 1.0 + 1e-12 and loss.nu / loss.mu <= 100 * (1 + 1e-9)
        assert 0.1 - 1e-12 <= np.linalg.norm(y - loss.y_star) <= 5 + 1e-12
    assert kinds == {StronglyConvexQuadratic, LogCoshQuadratic}


def test_matrix_pairs_and_taylor_points_lie_in_the_stated_ranges():
    rng = np.random.default_rng(1)
    for _ in range(200):
        a, e = samplers.matrix_pair(rng)
        assert a.shape == e.shape and 1 <= a.shape[0] <= 4 and 1 <= a.shape[1] <= 5
        assert np.abs(a).max() <= 3 and np.abs(e).max() <= 3
        model, w = samplers.taylor_point(rng)
        outputs, params = model.J0.shape
        assert 1 <= outputs <= 3 and outputs <= params <= outputs + 2 and 0 <= model.eps <= 0.5
        assert 0.1 - 1e-12 <= np.linalg.norm(w) <= 5 + 1e-12 and w.shape == (params,)
