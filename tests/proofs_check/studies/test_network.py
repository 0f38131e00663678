"""Theorem 3.2 / 2.4 on a two-layer tanh network (proofs_check.studies.network, numeric.parameter_flows)."""

import numpy as np
import pytest

from numeric import parameter_flows
from numeric.parameter_flows import tangent_flow, tangent_flow_closed_form
from proofs_check.settings import RunConfig
from proofs_check.studies.network import (doubling_claim, measurements, network_case, own_constants_claim, rate_claim,
                                          tangent_laziness_claim)

CONFIG = RunConfig()


def test_closed_form_tangent_flow_matches_the_integrated_one():
    net = network_case()
    ts = np.linspace(0.0, net.horizon / 10, 21)
    w_bar, y_bar = tangent_flow_closed_form(net.model, net.loss.y_star, net.w0, 10.0, ts, normalization=1.0)
    integrated = tangent_flow(net.model, net.loss, net.w0, 10.0, ts).y
    assert np.allclose(w_bar, integrated, rtol=1e-7, atol=1e-9)
    jacobian = net.model.jacobian(net.w0)
    assert np.allclose(y_bar, 10.0 * (net.model(net.w0) + (integrated - net.w0) @ jacobian.T), atol=1e-7)


def test_a_negative_eigenvalue_is_an_error_not_clipped(monkeypatch):
    net = network_case()
    real_eigh = np.linalg.eigh

    def broken(matrix):
        values, vectors = real_eigh(matrix)
        values[0] = -1e-3 * values[-1]
        return values, vectors

    monkeypatch.setattr(parameter_flows.np.linalg, "eigh", broken)
    with pytest.raises(ValueError, match="negative eigenvalue"):
        tangent_flow_closed_form(net.model, net.loss.y_star, net.w0, 10.0, [0.0, 1.0])


def test_cached_cases_and_measurements_are_read_only():
    net = network_case()
    with pytest.raises(ValueError):
        net.w0[0] = 1.0
    with pytest.raises(TypeError):
        measurements(10.0)["displacement"] = 0.0


@pytest.mark.parametrize("name", ["displacement", "prediction_gap", "parameter_gap"])
def test_the_texts_rates_hold_and_are_tight_on_a_generic_network(name):
    result = rate_claim(CONFIG, name)
    assert result.ok and result.kind == "measured", result.detail
    (slope,) = result.slopes
    assert slope.value < 0 and slope.error < 0.05 and slope.within_limit
    assert dict(result.ranges)["alpha"] == "3..300 (5 values)"


def test_a_falsified_rate_is_refuted():
    assert not rate_claim(CONFIG, "displacement", expected=-2.0).ok  # "sup ||w - w0|| = O(1/alpha^2)" is false


def test_another_seed_draws_another_network_and_the_rates_still_hold():
    seeded = RunConfig(seed=3)
    result = rate_claim(seeded, "displacement")
    assert result.ok and result.slopes != rate_claim(CONFIG, "displacement").slopes
    assert dict(result.ranges)["seed"] == str(seeded.study_seed(5))


def test_the_bound_with_the_models_own_constants():
    result = own_constants_claim(CONFIG)
    assert result.ok and 0 < result.ratio <= 1 and result.observed <= result.bound, result.detail


def test_tangent_laziness_and_the_doubling_observation():
    assert tangent_laziness_claim(CONFIG).ok
    assert doubling_claim(CONFIG).ok
