"""chizat-bach Theorem 3.4 (proofs_check.studies.underparameterized, numeric.models.ReturningCurve)."""

import numpy as np
import pytest

from numeric.losses import StronglyConvexQuadratic
from numeric.models import ReturningCurve
from numeric.parameter_flows import lazy_objective_hessian, lazy_velocity
from proofs_check.settings import RunConfig
from proofs_check.studies.underparameterized import (convergence_claim, curve_case, far_point, measurements,
                                                     network_case, not_global_claim, rate_independence_claim)

CONFIG = RunConfig()


def test_the_returning_curve_derivatives_are_exact():
    curve, step = ReturningCurve(), 1e-6
    for w in np.linspace(-4.0, 4.0, 17):
        point = np.array([w])
        assert np.allclose((curve(point + step) - curve(point - step)) / (2 * step), curve.jacobian(point)[:, 0],
                           atol=1e-9)
        assert np.allclose((curve.jacobian(point + step) - curve.jacobian(point - step))[:, 0] / (2 * step),
                           curve.hessian(point)[:, 0, 0], atol=1e-9)
        assert np.linalg.norm(curve.jacobian(point)) >= 1 / np.pi  # rank 1 everywhere


def test_the_curve_returns_through_zero_along_the_diagonal():
    curve = ReturningCurve()
    assert np.allclose(curve(np.array([0.0])), 0.0) and np.allclose(curve(np.array([np.pi])), 0.0)
    assert np.allclose(curve.jacobian(np.array([np.pi]))[:, 0], [-1.0, -1.0])
    alpha = 50.0
    assert np.isclose((alpha * curve(far_point(alpha)))[0], 1.0)


@pytest.mark.parametrize("case", [curve_case, network_case])
def test_the_objective_hessian_matches_finite_differences_of_the_gradient(case):
    model, loss, w0 = case()
    w, alpha, step = w0 + 0.1, 7.0, 1e-6
    gradient = lambda v: -lazy_velocity(model, loss, alpha, v)[0]  # noqa: E731
    numeric = np.stack([(gradient(w + step * e) - gradient(w - step * e)) / (2 * step) for e in np.eye(w.size)], 1)
    exact = lazy_objective_hessian(model, loss, alpha, w)
    assert np.linalg.norm(exact - numeric) <= 1e-6 * np.linalg.norm(exact)


def test_the_objective_hessian_tends_to_the_tangent_gram():
    model, loss, w0 = network_case()
    jacobian = model.jacobian(w0)
    gaps = [np.linalg.norm(lazy_objective_hessian(model, loss, alpha, w0) - jacobian.T @ jacobian)
            for alpha in (10.0, 100.0)]
    assert np.isclose(gaps[1], gaps[0] / 10)  # at w0 the second term is exactly (1/alpha) sum_i (-y*_i) D^2 f_i


@pytest.mark.parametrize("case", ["curve", "network"])
def test_geometric_convergence_to_a_strict_local_minimum(case):
    result = convergence_claim(CONFIG, case)
    assert result.ok and result.kind == "measured", result.detail


@pytest.mark.parametrize("case", ["curve", "network"])
def test_the_rate_tends_to_its_alpha_free_limit(case):
    result = rate_independence_claim(CONFIG, case)
    assert result.ok and result.slopes[0].value < -0.9, result.detail
    assert not rate_independence_claim(CONFIG, case, expected_slope=-2.0).ok


def test_below_alpha0_the_network_does_not_converge_in_the_horizon():
    assert not convergence_claim(CONFIG, "network", alphas=(3.0,)).ok


def test_the_lazy_limit_is_not_global_and_the_falsified_variant_is_refuted():
    assert not_global_claim(CONFIG).ok
    assert not not_global_claim(CONFIG, lazy_is_global=True).ok


def test_the_network_is_the_best_conditioned_of_its_candidate_draws():
    """The derandomized run draws the network of seed 26 (the best conditioned of seeds 0..39); another run's seed
    draws another one, by the same rule."""
    _, loss, w0 = network_case(0)
    assert np.allclose(w0, network_case(0)[2]) and not np.allclose(w0, network_case(RunConfig(seed=1).study_seed(0))[2])
    with pytest.raises(ValueError):
        measurements("curve", 10.0).w_inf[0] = 0.0


def test_with_a_target_on_the_tangent_line_the_far_point_no_longer_wins():
    """Structure check: with y* = (c, 0) the tangent line (nearly) reaches y*, and the far point loses."""
    model, loss = ReturningCurve(), StronglyConvexQuadratic(np.eye(2), np.array([1.0, 0.0]))
    alpha = 100.0
    assert loss.value(alpha * model(far_point(alpha))) > loss.value(alpha * model(np.array([np.arcsin(1 / alpha)])))
