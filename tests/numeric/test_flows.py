"""Integrator trust tests (numeric.integrate, numeric.flows, numeric.reference).

Run before any lemma test relies on the flows: the Dormand-Prince tableau satisfies its
order conditions; at t = 0 the flow is the identity; a constant Sigma matches the
closed form; an array of times equals a loop over single times; the fast paths match
the 30-digit mpmath reference; the error estimate covers the true error; and an
unreachable tolerance raises instead of returning a trajectory.
"""

import numpy as np
import pytest
from scipy.linalg import expm

from numeric import integrate
from numeric.flows import IntegrationError, batched_flow, predictor_flow, solve, stability_pair
from numeric.losses import LogCoshQuadratic, StronglyConvexQuadratic
from numeric.metrics import ConstantMetric, FloorPlusGram, PiecewiseConstant, RotatingSpectrum
from numeric.reference import reference_flow, to_float

SEED = 11
#: Agreement demanded of the fast paths with the mpmath reference (relative, per state).
REFERENCE_RTOL = 1e-8


@pytest.fixture
def rng():
    return np.random.default_rng(SEED)


def _order_conditions(b, c, a):
    """Residuals of the Butcher order conditions up to order 5 for weights b."""
    A = np.zeros((7, 7))
    for i, row in enumerate(a):
        A[i, : len(row)] = row
    ac = A @ c
    return [b.sum() - 1, b @ c - 1 / 2, b @ c**2 - 1 / 3, b @ ac - 1 / 6, b @ c**3 - 1 / 4, b @ (c * ac) - 1 / 8,
            b @ (A @ c**2) - 1 / 12, b @ (A @ ac) - 1 / 24, b @ c**4 - 1 / 5, b @ (A @ c**3) - 1 / 20,
            b @ (A @ (A @ ac)) - 1 / 120]


def test_dormand_prince_tableau_orders():
    rows = [np.sum(row) for row in integrate.A]
    assert np.allclose(rows, integrate.C, atol=1e-15)
    fifth = _order_conditions(integrate.B5, integrate.C, integrate.A)
    fourth = _order_conditions(integrate.B4, integrate.C, integrate.A)[:8]
    assert np.max(np.abs(fifth)) < 1e-14 and np.max(np.abs(fourth)) < 1e-14
    assert np.max(np.abs(_order_conditions(integrate.B4, integrate.C, integrate.A))) > 1e-6  # B4 is not 5th order


def _instances(rng):
    loss = StronglyConvexQuadratic.random(rng, 3, 0.5, 3.0)
    generator = rng.normal(size=(3, 3))
    return {
        "gram": (loss, FloorPlusGram(0.5, rng.normal(size=(3, 3)) / 2, rng.normal(size=(3, 3)) / 2, 1.3)),
        "rotating": (loss, RotatingSpectrum([0.5, 1.0, 2.0], generator - generator.T)),
        "logcosh": (LogCoshQuadratic.random(rng, 3, 0.5, 3.0),
                    FloorPlusGram(0.5, rng.normal(size=(3, 3)) / 2, rng.normal(size=(3, 3)) / 2, 0.7)),
        "piecewise": (loss, PiecewiseConstant([0.0, 0.4, 1.1], [0.5 * np.eye(3) + g @ g.T for g in rng.normal(size=(3, 3, 3))])),
    }


@pytest.mark.parametrize("name", ["gram", "rotating", "logcosh", "piecewise"])
def test_flow_at_zero_is_the_identity(rng, name):
    loss, metric = _instances(rng)[name]
    y0 = rng.normal(size=3)
    assert np.array_equal(predictor_flow(loss, metric, y0, [0.0])[0], y0)
    assert np.allclose(predictor_flow(loss, metric, y0, [0.0, 1e-12])[1], y0, atol=1e-10)


def test_constant_metric_matches_the_matrix_exponential(rng):
    loss = StronglyConvexQuadratic.random(rng, 4, 0.3, 5.0)
    sigma = 0.5 * np.eye(4) + (g := rng.normal(size=(4, 4))) @ g.T
    y0, ts = rng.normal(size=4), np.linspace(0, 3, 7)
    closed = np.array([loss.y_star + expm(-t * sigma @ loss.H) @ (y0 - loss.y_star) for t in ts])
    exact = solve(loss, ConstantMetric(sigma), y0, ts)
    adaptive = batched_flow([loss], [ConstantMetric(sigma)], y0[None], ts)
    assert exact.method == "exact" and np.allclose(exact.y, closed, rtol=1e-12, atol=1e-13)
    assert adaptive.method == "adaptive" and np.allclose(adaptive.y[0], closed, rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize("name", ["gram", "piecewise"])
def test_array_of_times_equals_loop_over_single_times(rng, name):
    loss, metric = _instances(rng)[name]
    y0, ts = rng.normal(size=3), np.array([0.0, 0.2, 0.9, 1.7, 3.0])
    together = predictor_flow(loss, metric, y0, ts)
    one_by_one = np.array([predictor_flow(loss, metric, y0, [0.0, t])[-1] for t in ts[1:]])
    assert np.allclose(together[1:], one_by_one, rtol=1e-9, atol=1e-11)


def test_batch_equals_single_instances(rng):
    instances = [_instances(rng)["gram"] for _ in range(3)]
    y0s, ts = rng.normal(size=(3, 3)), np.linspace(0, 4, 5)
    batch = batched_flow([i[0] for i in instances], [i[1] for i in instances], y0s, ts)
    for k, (loss, metric) in enumerate(instances):
        assert np.allclose(batch.y[k], predictor_flow(loss, metric, y0s[k], ts), rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize("name", ["gram", "rotating", "logcosh", "piecewise"])
def test_fast_paths_match_the_mpmath_reference_and_the_error_estimate_covers_it(rng, name):
    loss, metric = _instances(rng)[name]
    y0, ts = rng.normal(size=3), np.array([0.0, 0.5, 1.5, 3.0])
    reference = np.array(to_float(reference_flow(loss, metric, y0, ts, step=0.25)))
    result = solve(loss, metric, y0, ts)
    true_error = np.linalg.norm(result.y - reference, axis=-1)
    assert np.all(true_error <= REFERENCE_RTOL * np.linalg.norm(reference, axis=-1))
    assert np.all(true_error <= result.error + 1e-15)


def test_stability_pair_starts_together_and_uses_the_frozen_metric(rng):
    loss, metric = _instances(rng)["gram"]
    y0, ts = rng.normal(size=3), np.linspace(0, 2, 5)
    y, y_bar = stability_pair(loss, metric, y0, ts)
    assert np.array_equal(y[0], y_bar[0])
    assert np.allclose(y_bar, predictor_flow(loss, ConstantMetric(metric(0.0)), y0, ts))


def test_an_unreachable_tolerance_raises_instead_of_returning(rng, monkeypatch):
    loss, metric = _instances(rng)["gram"]
    monkeypatch.setattr(integrate, "MAX_STEPS", 5)
    with pytest.raises(IntegrationError, match="more than 5 steps"):
        integrate.dormand_prince(lambda t, y: -y, np.ones((3, 1)), np.array([0.0, 10.0]), rtol=1e-12, atol=1e-14,
                                 max_steps=integrate.MAX_STEPS)
    with pytest.raises(IntegrationError, match="non-finite|underflow"):
        integrate.dormand_prince(lambda t, y: y * y, np.ones((1, 1)), np.array([0.0, 2.0]), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("call,message", [
    (lambda l, m: solve(l, m, np.ones(2), [0.0, 1.0]), "shape"),
    (lambda l, m: solve(l, m, np.ones(3), [1.0, 2.0]), "start at 0"),
    (lambda l, m: solve(l, m, np.ones(3), [0.0, 2.0, 1.0]), "nondecreasing"),
    (lambda l, m: solve(l, m, [np.nan, 0, 0], [0.0, 1.0]), "NaN or inf"),
    (lambda l, m: solve(l, ConstantMetric(np.eye(2)), np.ones(3), [0.0, 1.0]), "dimension"),
    (lambda l, m: solve(None, m, np.ones(3), [0.0, 1.0]), "loss must be a loss with"),
    (lambda l, m: solve(l, m, np.ones(3), [0.0, 1.0], rtol=0), "rtol must be a finite number > 0, got 0"),
    (lambda l, m: solve(l, m, np.ones(3), [0.0, 1.0], rtol=-1), "rtol must be"),
    (lambda l, m: solve(l, m, np.ones(3), [0.0, 1.0], atol=np.inf), "atol must be"),
    (lambda l, m: batched_flow([l], [m], [np.ones(3)], [0.0, 1.0], rtol=np.nan), "rtol must be"),
])
def test_bad_flow_input_is_a_value_error(rng, call, message):
    loss, metric = _instances(rng)["gram"]
    with pytest.raises(ValueError, match=message):
        call(loss, metric)


def test_a_state_near_zero_with_a_real_velocity_starts_with_a_sane_step():
    """Found by the thorough search: y0 = 1e-17 (y* = -0.1) once gave a first step of 8e-16 and a false underflow."""
    loss = StronglyConvexQuadratic(0.1 * np.eye(4), [-0.10000000000000009, 0.0, 0.0, 0.0])
    metric = FloorPlusGram(0.1, np.zeros((4, 3)), np.zeros((4, 3)), 0.0)
    y0 = np.array([-8.326672684688674e-17, 0.0, 0.0, 0.0])
    ts = np.linspace(0.0, 10.0, 11)
    result = batched_flow([loss], [metric], y0[None], ts)
    closed = loss.y_star + np.exp(-0.01 * ts)[:, None] * (y0 - loss.y_star)
    assert np.allclose(result.y[0], closed, rtol=1e-9, atol=1e-12)
