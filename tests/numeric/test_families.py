"""The shared constructions of numeric.families: what each builder certifies about the instance it builds."""

import numpy as np
import pytest

from numeric.families import MIN_PIECE_FRACTION, log_cosh_from, piecewise_from, rotating_from, sine_model_from


def test_builders_certify_their_constants():
    loss = log_cosh_from(np.eye(2), np.array([0.5, 1.0]), np.zeros(2), np.zeros((2, 2)), 3.0)
    assert loss.mu == pytest.approx(0.5) and 1.0 < loss.nu <= 3.0 * (1 + 1e-12)  # at most the nu asked for
    assert rotating_from(0.4, 2.0, [0.5], np.ones((2, 2))).lam == pytest.approx(0.4)
    model = sine_model_from(np.ones((2, 3)), 0.3, [0.0, 0.5], np.eye(2), np.eye(3))
    assert np.linalg.svd(model.J0, compute_uv=False).min() > 0.3 * np.linalg.norm(np.ones((2, 3)), 2)


def test_a_piece_shorter_than_the_minimum_is_dropped_with_its_factor():
    metric = piecewise_from(0.5, 10.0, [0.3, 0.3 + MIN_PIECE_FRACTION / 10], [np.eye(2), 2 * np.eye(2), 3 * np.eye(2)])
    assert metric.switch_times.tolist() == [0.0, 3.0] and len(metric.sigmas) == 2
