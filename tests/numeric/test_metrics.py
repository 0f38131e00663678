"""Metric families (numeric.metrics, numeric.adversarial): certified floors and bad input."""

import numpy as np
import pytest

from numeric.adversarial import ForcingMetric, LevelSetTransport
from numeric.flows import predictor_flow
from numeric.losses import StronglyConvexQuadratic
from numeric.parameter_flows import ModelInducedMetric
from numeric.metrics import (CallableMetric, ConstantMetric, FloorPlusGram, PiecewiseConstant,
                             RotatingSpectrum)
from numeric.models import SineTiltedLinear

SEED = 7


@pytest.fixture
def rng():
    return np.random.default_rng(SEED)


def _families(rng):
    dim, lam = 3, 0.4
    generator = rng.normal(size=(dim, dim))
    loss = StronglyConvexQuadratic.random(rng, dim, 0.5, 5.0)
    model = SineTiltedLinear(np.hstack([np.diag([1.0, 1.5, 2.0]), rng.normal(size=(dim, 1))]),
                             rng.uniform(-1, 1, (dim, dim + 1)), 0.1)
    return {
        "rotating": RotatingSpectrum([lam, 1.0, 3.0], generator - generator.T),
        "floor_plus_gram": FloorPlusGram(lam, rng.normal(size=(dim, 2)), rng.normal(size=(dim, 2)), 1.7),
        "piecewise": PiecewiseConstant([0.0, 1.0, 2.5], [lam * np.eye(dim) + g @ g.T for g in rng.normal(size=(3, dim, dim))]),
        "model_induced": ModelInducedMetric(model, loss, rng.normal(size=dim + 1), 2.0, horizon=5.0),
        "level_set_transport": LevelSetTransport(loss, loss.y_star + rng.normal(size=dim), lam),
        "forcing": ForcingMetric(loss, loss.y_star + loss.eigenvectors[:, 0], lam, 0.05),
    }


@pytest.mark.parametrize("family", ["rotating", "floor_plus_gram", "piecewise", "model_induced",
                                    "level_set_transport", "forcing"])
def test_every_family_keeps_its_floor_and_is_symmetric(rng, family):
    metric = _families(rng)[family]
    metric.check_floor(horizon=6.0, samples=97)
    sigma = metric(np.linspace(0, 6, 13))
    assert sigma.shape == (13, metric.dim, metric.dim)
    assert np.allclose(sigma, np.swapaxes(sigma, -1, -2))


def test_array_of_times_equals_loop(rng):
    for metric in _families(rng).values():
        ts = np.array([0.0, 0.3, 2.0])
        assert np.allclose(metric(ts), np.stack([metric(float(t)) for t in ts]), atol=1e-13)


def test_rotating_spectrum_is_exactly_its_spectrum_and_floor_attained(rng):
    metric = _families(rng)["rotating"]
    for t in (0.0, 0.7, 5.0):
        assert np.allclose(np.linalg.eigvalsh(metric(t)), [0.4, 1.0, 3.0], atol=1e-12)
    q = metric.rotation(1.3)
    assert np.allclose(q @ q.T, np.eye(3), atol=1e-13)


def test_model_induced_metric_floor_is_the_models_certified_bound(rng):
    metric = _families(rng)["model_induced"]
    jacobians = metric.model.jacobian(rng.normal(size=(200, 4)) * 5)
    smallest = np.linalg.svd(jacobians, compute_uv=False)[:, -1] ** 2
    assert smallest.min() >= metric.lam


def test_predictor_flow_with_the_induced_metric_is_the_models_own_trajectory(rng):
    """chizat-bach's predictor ODE, numerically: alpha h(w(t)) solves y' = -Sigma(w(t)) grad R(y)."""
    metric = _families(rng)["model_induced"]
    ts = np.linspace(0, 5, 21)
    y = predictor_flow(metric.loss, metric, metric.y0, ts)
    assert np.allclose(y, metric.alpha * metric.model(metric.parameters(ts)), atol=1e-8)


def test_callable_metric_rejects_a_false_floor():
    with pytest.raises(ValueError, match="declared floor lam=1.5 is false"):
        CallableMetric(lambda t: np.diag([1.0 + np.sin(t) ** 2, 2.0]), lam=1.5)
    metric = CallableMetric(lambda t: np.diag([1.0 + np.sin(t) ** 2, 2.0]), lam=1.0)
    assert metric.dim == 2 and metric(0.5).shape == (2, 2)


@pytest.mark.parametrize("build,message", [
    (lambda: CallableMetric(lambda t: np.eye(2), lam=0.0), "lam must be"),
    (lambda: CallableMetric(lambda t: np.array([[1.0, 0.5], [0.0, 1.0]]), lam=0.1), "not symmetric"),
    (lambda: ConstantMetric(np.eye(2), lam=2.0), "exceeds"),
    (lambda: PiecewiseConstant([0.0, 1.0], [np.eye(2), 0.5 * np.eye(2)], lam=1.0), "exceeds"),
    (lambda: PiecewiseConstant([0.5], [np.eye(2)]), "start at 0"),
    (lambda: FloorPlusGram(-1.0, np.eye(2), np.eye(2), 1.0), "lam must be"),
    (lambda: RotatingSpectrum([1.0, 2.0], np.eye(2)), "skew-symmetric"),
    (lambda: SineTiltedLinear(np.eye(2), np.eye(2), 2.0), "must be below"),
])
def test_bad_metric_input_is_a_value_error(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_adversarial_families_need_a_quadratic_loss(rng):
    from numeric.losses import LogCoshQuadratic

    loss = LogCoshQuadratic.random(rng, 2, 0.5, 2.0)
    with pytest.raises(ValueError, match="StronglyConvexQuadratic"):
        LevelSetTransport(loss, np.ones(2), 1.0)


def test_forcing_metric_starts_at_the_floor_and_caps_the_forcing(rng):
    metric = _families(rng)["forcing"]
    assert np.allclose(metric(0.0), metric.lam * np.eye(3))
    assert metric.t_cap > 0 and metric.amplitude(metric.t_cap) == pytest.approx(1e-3 * metric.a0, rel=1e-6)


def test_mpmath_application_matches_numpy(rng):
    import mpmath

    for family in ("rotating", "floor_plus_gram", "piecewise"):
        metric = _families(rng)[family]
        v = rng.normal(size=3)
        with mpmath.workdps(30):
            applied = metric.apply_mp(mpmath.mpf("0.7"), [mpmath.mpf(x) for x in v], mpmath.mp)
        assert np.allclose([float(x) for x in applied], metric(0.7) @ v, atol=1e-13)


def test_model_induced_metric_with_a_subnormal_initial_point():
    """Found by the thorough search: scipy's DOP853 failed on w0 with a subnormal entry."""
    model = SineTiltedLinear(np.hstack([np.sqrt(0.1) * np.eye(4)]), np.zeros((4, 4)), 0.0)
    loss = StronglyConvexQuadratic(np.diag([0.5, 1.0, 1.5, 2.0]), np.zeros(4))
    metric = ModelInducedMetric(model, loss, [0.0, 0.0, 0.0, 1.466446160666202e-160], 1.0)
    metric.check_floor(horizon=10.0, samples=33)
    assert np.allclose(metric(3.0), 0.1 * np.eye(4))
