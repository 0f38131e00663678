"""smith Section 4 (numeric.sparse, proofs_check.studies.sparse): lazy -> min-l2, rich -> min-l1, generalization."""

import numpy as np
import pytest

from numeric.sparse import DiagonalNetwork, minimum_l1, minimum_l2, sparse_problem
from proofs_check.settings import RunConfig
from proofs_check.studies.sparse import generalization_claim, limit_claim

CONFIG = RunConfig()


def test_diagonal_network_jacobian_matches_finite_differences():
    rng = np.random.default_rng(1)
    model = DiagonalNetwork(rng.normal(size=(4, 3)))
    w, step = rng.normal(size=6), 1e-6
    numeric = np.array([(model(w + step * e) - model(w - step * e)) / (2 * step) for e in np.eye(6)]).T
    assert np.allclose(model.jacobian(w), numeric, rtol=1e-6, atol=1e-8)


def test_interpolators():
    inputs, targets, beta_star = sparse_problem(np.random.default_rng(0))
    l1, l2 = minimum_l1(inputs, targets), minimum_l2(inputs, targets)
    assert np.allclose(inputs @ l1, targets) and np.allclose(inputs @ l2, targets)
    assert np.abs(l1).sum() <= np.abs(l2).sum() + 1e-9 and np.linalg.norm(l2) <= np.linalg.norm(l1) + 1e-9
    assert np.allclose(l1, beta_star, atol=1e-8)  # 20 measurements recover a 3-sparse vector


@pytest.mark.parametrize("norm,regime", [("l2", "lazy"), ("l1", "rich")])
def test_the_texts_limits_hold(norm, regime):
    result = limit_claim(CONFIG, norm, regime)
    assert result.ok and result.observed <= result.bound, result.detail


@pytest.mark.parametrize("norm,regime", [("l2", "rich"), ("l1", "lazy")])
def test_swapped_limits_are_refuted(norm, regime):
    """Falsified variants: 'as alpha -> 0 the limit is min-l2' and 'as alpha -> oo it is min-l1'."""
    assert not limit_claim(CONFIG, norm, regime).ok


def test_lazy_training_generalizes_poorly_on_sparse_truth():
    result = generalization_claim(CONFIG)
    assert result.ok, result.detail
