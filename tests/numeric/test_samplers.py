"""The numpy samplers (numeric.samplers) draw from the spaces their hypothesis strategies cover."""

import numpy as np
import pytest

from numeric import samplers
from numeric.losses import LogCoshQuadratic, StronglyConvexQuadratic
from numeric.models import ConcaveScalar
from numeric.strategies import LOSS_KINDS


def test_loss_points_lie_in_the_stated_ranges():
    rng, kinds = np.random.default_rng(0), set()
    for _ in range(200):
        loss, y = samplers.loss_point(rng)
        kinds.add(type(loss))
        assert 1 <= loss.dim <= 4 and 0.1 <= loss.mu <= 1.0 + 1e-12 and loss.nu / loss.mu <= 100 * (1 + 1e-9)
        assert 0.1 - 1e-12 <= np.linalg.norm(y - loss.y_star) <= 5 + 1e-12
    assert kinds == {StronglyConvexQuadratic, LogCoshQuadratic}


def test_matrix_pairs_and_taylor_points_lie_in_the_stated_ranges():
    rng, kinds = np.random.default_rng(1), set()
    for _ in range(200):
        a, e = samplers.matrix_pair(rng)
        assert a.shape == e.shape and 1 <= a.shape[0] <= 4 and 1 <= a.shape[1] <= 5
        assert np.abs(a).max() <= 3 and np.abs(e).max() <= 3
        model, w = samplers.taylor_point(rng)
        kinds.add(type(model).__name__)
        if isinstance(model, ConcaveScalar):
            assert 0.1 <= model.sigma_min <= 2 and 0.1 <= model.lip_jacobian <= 5 and -2 <= model.offset <= 2
        else:
            outputs, params = model.J0.shape
            assert 1 <= outputs <= 3 and outputs <= params <= outputs + 2 and 0 <= model.eps <= 0.5
        assert 0.1 - 1e-12 <= np.linalg.norm(w) <= 5 + 1e-12 and w.shape == (model.n_params,)
    assert kinds == {"ConcaveScalar", "SineTiltedLinear"}


def test_strongly_convex_losses_lie_in_the_ranges_of_the_strategy():
    rng, kinds, terms = np.random.default_rng(2), set(), set()
    for _ in range(300):
        loss = samplers.strongly_convex_loss(rng, min_dim=2, max_dim=3, min_mu=0.5, max_kappa=4.0)
        kinds.add(loss.kind)
        assert 2 <= loss.dim <= 3 and 0.5 <= loss.mu <= 5.0 and loss.mu <= loss.nu <= 4.0 * loss.mu * (1 + 1e-12)
        assert np.abs(loss.y_star).max() <= 2.0 and np.allclose(loss.H, loss.H.T)
        if loss.kind == "logcosh":
            terms.add(loss.weights.size)
            assert np.allclose(np.linalg.norm(loss.directions, axis=1), 1.0) and np.all(loss.weights >= 0)
            assert np.linalg.eigvalsh(loss.H)[-1] <= (loss.mu + loss.nu) / 2 * (1 + 1e-12) + loss.weights.sum()
    assert kinds == set(LOSS_KINDS) and terms == {1, 2}


def test_a_one_dimensional_loss_and_the_kinds_asked_for():
    rng = np.random.default_rng(3)
    for _ in range(50):
        loss = samplers.strongly_convex_loss(rng, min_dim=1, max_dim=1, min_mu=0.1, max_kappa=10.0, kinds=("logcosh",))
        assert loss.kind == "logcosh" and loss.dim == 1 and np.allclose(np.abs(loss.directions), 1.0)


def test_the_loss_sampler_is_deterministic_for_a_seed_and_validates_its_arguments():
    def draw(seed):
        rng = np.random.default_rng(seed)
        return [repr(samplers.strongly_convex_loss(rng, min_dim=1, max_dim=3, min_mu=0.5, max_kappa=4.0))
                for _ in range(5)]

    assert draw(7) == draw(7) != draw(8)
    with pytest.raises(ValueError, match="min_dim"):
        samplers.strongly_convex_loss(np.random.default_rng(0), min_dim=3, max_dim=2, min_mu=0.5, max_kappa=4.0)
    with pytest.raises(ValueError, match="kinds"):
        samplers.strongly_convex_loss(np.random.default_rng(0), min_dim=1, max_dim=2, min_mu=0.5, max_kappa=4.0,
                                      kinds=("cubic",))


def test_flow_metric_and_lazy_samplers_lie_in_the_stated_ranges():
    from numeric.flows import solve
    from numeric.metrics import PiecewiseConstant

    rng, families = np.random.default_rng(2), set()
    for _ in range(100):
        loss, metric, y0 = samplers.exact_flow_instance(rng)
        assert isinstance(loss, StronglyConvexQuadratic) and isinstance(metric, PiecewiseConstant)
        assert 1 <= loss.dim <= 4 and 0.1 <= loss.mu <= 1 + 1e-12 and loss.nu / loss.mu <= 100 * (1 + 1e-9)
        assert 0.1 <= metric.lam <= 2 and np.linalg.eigvalsh(metric.sigmas).min() >= metric.lam * (1 - 1e-12)
        assert 1 <= metric.switch_times.size <= 4 and metric.switch_times.max() <= samplers.HORIZON
        assert 0.1 - 1e-12 <= np.linalg.norm(y0 - loss.y_star) <= 5 + 1e-12
        assert solve(loss, metric, y0, [0.0, 1.0]).method == "exact"
        metric, t, v = samplers.metric_sample(rng)
        families.add(metric.family)
        assert 1 <= metric.dim <= 4 and 0.1 <= metric.lam <= 2 and 0 <= t <= 10 and 0.1 - 1e-12 <= np.linalg.norm(v) <= 5
        model, y_star, alpha = samplers.lazy_instance(rng)
        assert 1 <= model.n_outputs <= 3 and model.n_outputs <= model.n_params <= model.n_outputs + 2
        assert 0.1 - 1e-12 <= np.linalg.norm(y_star) <= 5 + 1e-12 and 1 <= alpha <= 50
    assert families == {"rotating", "floor_plus_gram", "piecewise"}

