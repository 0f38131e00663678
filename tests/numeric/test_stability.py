"""The quantity K of Lemma A.1 (numeric.stability), computed along the flow over the horizon."""

import numpy as np
import pytest

from numeric.adversarial import ForcingMetric
from numeric.losses import StronglyConvexQuadratic
from numeric.metrics import ConstantMetric, PiecewiseConstant
from numeric.stability import forcing, sup_forcing


def test_k_of_the_forcing_family_is_its_designed_cap():
    loss = StronglyConvexQuadratic(np.diag([1.0, 3.0]), [0.0, 0.0])
    y0 = np.array([1.0, 0.0])
    metric = ForcingMetric(loss, y0, 1.0, 0.02)
    ts = np.linspace(0.0, 10.0, 201)
    assert sup_forcing(loss, metric, y0, ts) == pytest.approx(0.02, rel=1e-6)


def test_k_vanishes_for_a_constant_metric():
    loss = StronglyConvexQuadratic(np.diag([1.0, 3.0]), [0.5, 0.0])
    assert sup_forcing(loss, ConstantMetric(np.diag([2.0, 1.0])), np.ones(2), np.linspace(0, 5, 11)) == 0.0


def test_the_sup_includes_the_switch_times_of_a_piecewise_metric():
    """A jump to a larger metric right after a grid point: the coarse grid alone underestimates K."""
    loss = StronglyConvexQuadratic(np.eye(2), [0.0, 0.0])
    metric = PiecewiseConstant([0.0, 1.01], [np.eye(2), np.diag([5.0, 1.0])])
    y0, coarse = np.array([1.0, 0.0]), np.array([0.0, 1.0, 2.0, 3.0])
    from numeric.flows import predictor_flow

    on_grid = forcing(loss, metric, coarse, predictor_flow(loss, metric, y0, coarse)).max()
    refined = sup_forcing(loss, metric, y0, coarse)
    exact = 4.0 * np.exp(-1.01)  # ||(Sigma - Sigma(0)) grad R|| just after the switch
    assert on_grid < refined and refined == pytest.approx(exact, rel=0.02)


def test_refinement_finds_a_smooth_peak_between_grid_points():
    from numeric.flows import predictor_flow
    from numeric.metrics import FloorPlusGram

    loss = StronglyConvexQuadratic(np.eye(2), [0.0, 0.0])
    metric = FloorPlusGram(1.0, np.zeros((2, 1)), np.array([[2.0], [0.0]]), np.pi)  # peaks near t = 0.5
    y0, coarse = np.array([1.0, 0.0]), np.array([0.0, 1.0, 2.0, 3.0])
    dense = np.linspace(0.0, 3.0, 30001)
    truth = forcing(loss, metric, dense, predictor_flow(loss, metric, y0, dense)).max()
    on_grid = forcing(loss, metric, coarse, predictor_flow(loss, metric, y0, coarse)).max()
    assert on_grid < 0.5 * truth
    assert sup_forcing(loss, metric, y0, coarse) == pytest.approx(truth, rel=1e-3)
