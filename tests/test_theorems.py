"""Theorem 3.2 / 2.4 on a two-layer tanh network (proofs_check.theorems, numeric.parameter_flows)."""

import numpy as np
import pytest

from numeric import parameter_flows
from numeric.parameter_flows import tangent_flow, tangent_flow_closed_form
from proofs_check.theorems import (doubling_claim, finite_horizon_claim, held_out_claim, network_case,
                                   own_constants_claim, rate_claim, tangent_laziness_claim)


def test_closed_form_tangent_flow_matches_the_integrated_one():
    model, loss, w0, horizon = network_case()
    ts = np.linspace(0.0, horizon / 10, 21)
    w_bar, y_bar = tangent_flow_closed_form(model, loss.y_star, w0, 10.0, ts, normalization=1.0)
    integrated = tangent_flow(model, loss, w0, 10.0, ts).y
    assert np.allclose(w_bar, integrated, rtol=1e-7, atol=1e-9)
    jacobian = model.jacobian(w0)
    assert np.allclose(y_bar, 10.0 * (model(w0) + (integrated - w0) @ jacobian.T), atol=1e-7)


def test_a_negative_eigenvalue_is_an_error_not_clipped(monkeypatch):
    model, loss, w0, _ = network_case()
    real_eigh = np.linalg.eigh

    def broken(matrix):
        values, vectors = real_eigh(matrix)
        values[0] = -1e-3 * values[-1]
        return values, vectors

    monkeypatch.setattr(parameter_flows.np.linalg, "eigh", broken)
    with pytest.raises(ValueError, match="negative eigenvalue"):
        tangent_flow_closed_form(model, loss.y_star, w0, 10.0, [0.0, 1.0])


@pytest.mark.parametrize("name", ["displacement", "prediction_gap", "parameter_gap"])
def test_the_texts_rates_hold_and_are_tight_on_a_generic_network(name):
    ok, detail = rate_claim(name)
    assert ok, detail
    assert "slope -" in detail


def test_a_falsified_rate_is_refuted():
    assert not rate_claim("displacement", expected=-2.0)[0]  # "sup ||w - w0|| = O(1/alpha^2)" is false


def test_the_bound_with_the_models_own_constants():
    ok, detail = own_constants_claim()
    assert ok, detail


def test_tangent_laziness_and_the_doubling_observation():
    assert tangent_laziness_claim()[0]
    assert doubling_claim()[0]


def test_theorem_2_2_energy_bound_and_rates_on_the_network():
    ok, detail = finite_horizon_claim()
    assert ok, detail


def test_theorem_2_2_falsified_variants_are_refuted():
    assert not finite_horizon_claim(bound_factor=0.5)[0]  # half the energy bound: the measured ratio is about 0.75
    assert not finite_horizon_claim(expected={"displacement": -2.0})[0]


def test_proposition_a1_on_held_out_inputs():
    ok, detail = held_out_claim()
    assert ok, detail


def test_proposition_a1_falsified_rate_is_refuted():
    assert not held_out_claim(expected_slope=-2.0)[0]  # "the held-out gap is O(1/alpha^2)" is false
