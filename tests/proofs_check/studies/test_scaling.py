"""chizat-bach Section 4 and smith Section 2 on networks (proofs_check.studies.scaling, numeric.networks)."""

import numpy as np
import pytest
import sympy as sp

from numeric.networks import TwoLayerNetwork, hessian_norm_bound
from proofs_check.settings import RunConfig
from proofs_check.studies.scaling import (TIME_CHANGE_RTOL, criterion_claim, homogeneity_claim, homogeneity_study,
                                          equal_times_claim, time_change_claim, time_change_study,
                                          width_claim)
from proofs_check.studies.sweeps import grid
from symbolic import derive
from symbolic.symbols import symbols

CONFIG = RunConfig()
ALPHAS = grid("time-change-alphas", "ci")


def test_hessian_norm_bound_matches_finite_differences_of_the_jacobian():
    rng = np.random.default_rng(2)
    model = TwoLayerNetwork(rng.normal(size=(3, 2)), 5, "tanh", "sqrt")
    w = rng.normal(size=model.n_params)
    bound = hessian_norm_bound(model, w)
    for _ in range(50):  # directional second differences of Df never exceed the bound
        v = rng.normal(size=w.size)
        v /= np.linalg.norm(v)
        step = 1e-5
        quotient = np.linalg.norm(model.jacobian(w + step * v) - model.jacobian(w - step * v), 2) / (2 * step)
        assert quotient <= bound * (1 + 1e-6)


def test_width_statements():
    for scaling, slope in (("sqrt", 0.5), ("mean", 0.0)):
        result = width_claim(CONFIG, scaling, slope)
        assert result.ok, result.detail


@pytest.mark.parametrize("scaling,slope", [("mean", 0.5), ("sqrt", 0.0)])
def test_swapped_width_statements_are_refuted(scaling, slope):
    assert not width_claim(CONFIG, scaling, slope).ok


def test_criterion_predicts_laziness():
    result = criterion_claim(CONFIG)
    assert result.ok, result.detail


def test_homogeneity_factor_is_lam_squared_and_not_lam():
    assert homogeneity_claim(CONFIG).ok
    data = homogeneity_study(0)
    assert not np.allclose(data["measured"], data["scales"])  # the variant lam^(q-1) is refuted


def test_time_change_factor_is_derived_as_alpha_to_two_over_q():
    q, alpha = symbols("q alpha")
    derivation = derive("homogeneous_time_change")
    assert sp.simplify(derivation.expression.subs(q, 2) - alpha) == 0
    assert derivation.agrees_with == {}  # smith states no time factor: "equivalent" is read as the same path


def test_flows_coincide_after_the_derived_time_change():
    result = time_change_claim(CONFIG)
    assert result.ok and result.ratio < 1, result.detail
    assert max(time_change_study(ALPHAS)["gaps"]) < 1e-9


def test_equal_time_reading_is_refuted_with_a_gap_of_order_one():
    assert not time_change_claim(CONFIG, 1.0).ok
    assert min(time_change_study(ALPHAS, factor=1.0)["gaps"]) > 1e3 * TIME_CHANGE_RTOL


def test_the_flows_differ_at_equal_times_and_the_check_rejects_the_time_changed_flows():
    """lazycheck/homogeneous-scaling-equal-times, and its falsified variant (the derived time change)."""
    assert equal_times_claim(CONFIG).ok
    assert not equal_times_claim(CONFIG, None).ok
