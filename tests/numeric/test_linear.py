"""The exact flow of z' = -Sigma H z for constant Sigma, H (numeric.linear), against the matrix exponential."""

import numpy as np
import pytest
from scipy.linalg import expm

from numeric.linear import ConstantMetricFlow, sqrtm_spd


def _spd(rng, dim: int, condition: float) -> np.ndarray:
    q, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
    return q @ np.diag(np.geomspace(1.0, condition, dim)) @ q.T


@pytest.mark.parametrize("condition", [1.0, 10.0, 1e3])
def test_the_closed_form_is_the_matrix_exponential_within_its_rounding_bound(condition):
    rng = np.random.default_rng(4)
    sigma, hessian, z0 = _spd(rng, 4, condition), _spd(rng, 4, 5.0), rng.normal(size=4)
    flow = ConstantMetricFlow(sigma, hessian)
    times = np.array([0.0, 0.01, 0.5, 2.0])
    exact = np.stack([expm(-t * sigma @ hessian) @ z0 for t in times])
    computed = flow(z0, times)
    assert np.allclose(computed[0], z0, rtol=1e-13)  # the identity at t = 0
    assert np.all(np.linalg.norm(computed - exact, axis=1) <= flow.rounding_error(np.linalg.norm(z0)) + 1e-12)
    assert np.allclose(flow(z0, 0.5), computed[2])  # a scalar time gives one state


def test_square_roots_of_a_positive_definite_matrix():
    rng = np.random.default_rng(5)
    sigma = _spd(rng, 3, 100.0)
    root, inverse_root, condition = sqrtm_spd(sigma)
    assert np.allclose(root @ root, sigma) and np.allclose(root @ inverse_root, np.eye(3))
    assert condition == pytest.approx(10.0)


def test_an_indefinite_metric_is_refused():
    with pytest.raises(ValueError, match="not positive definite"):
        sqrtm_spd(np.diag([1.0, -1.0]))
