"""Losses (numeric.losses): certified constants, gradients, and bad input."""

import numpy as np
import pytest

from numeric.losses import LogCoshQuadratic, StronglyConvexQuadratic, random_rotation

RNG_SEED = 20261122


@pytest.fixture
def rng():
    return np.random.default_rng(RNG_SEED)


def finite_difference_gradient(loss, y, step=1e-6):
    basis = np.eye(y.size)
    return np.array([(loss.value(y + step * e) - loss.value(y - step * e)) / (2 * step) for e in basis])


def test_quadratic_constants_are_the_exact_extreme_eigenvalues(rng):
    spectrum = np.array([0.25, 1.0, 3.0, 8.0])
    loss = StronglyConvexQuadratic.from_spectrum(spectrum, random_rotation(rng, 4), np.zeros(4))
    assert loss.mu == pytest.approx(0.25, rel=1e-13) and loss.nu == pytest.approx(8.0, rel=1e-13)


@pytest.mark.parametrize("dim", [1, 2, 5])
def test_random_quadratic_attains_both_ends(rng, dim):
    loss = StronglyConvexQuadratic.random(rng, dim, 0.5, 4.0)
    assert loss.mu == pytest.approx(0.5, rel=1e-12)
    assert loss.nu == pytest.approx(4.0 if dim > 1 else 0.5, rel=1e-12)


@pytest.mark.parametrize("make", [
    lambda rng: StronglyConvexQuadratic.random(rng, 3, 0.5, 4.0),
    lambda rng: LogCoshQuadratic.random(rng, 3, 0.5, 4.0),
], ids=["quadratic", "logcosh"])
def test_gradient_matches_finite_differences_and_vanishes_at_y_star(rng, make):
    loss = make(rng)
    y = rng.normal(size=3)
    assert np.allclose(loss.grad(y), finite_difference_gradient(loss, y), rtol=1e-6, atol=1e-7)
    assert np.allclose(loss.grad(loss.y_star), 0, atol=1e-14)
    assert loss.grad(np.stack([y, 2 * y])).shape == (2, 3)


def test_logcosh_constants_are_certified_by_sampled_hessians(rng):
    loss = LogCoshQuadratic.random(rng, 4, 0.3, 6.0, terms=3)
    points = loss.y_star + 3 * rng.normal(size=(500, 4))
    eigenvalues = np.linalg.eigvalsh(loss.hessian(points))
    assert eigenvalues.min() >= loss.mu * (1 - 1e-12)
    assert eigenvalues.max() <= loss.nu * (1 + 1e-12)
    assert loss.nu <= 6.0 * (1 + 1e-12)


def test_logcosh_hessian_matches_finite_differences_of_the_gradient(rng):
    loss = LogCoshQuadratic.random(rng, 3, 0.5, 4.0)
    y, step = rng.normal(size=3), 1e-6
    columns = [(loss.grad(y + step * e) - loss.grad(y - step * e)) / (2 * step) for e in np.eye(3)]
    assert np.allclose(loss.hessian(y), np.array(columns).T, atol=1e-7)


@pytest.mark.parametrize("arguments,message", [
    (([[1.0, 2.0], [0.0, 1.0]], [0, 0]), "not symmetric"),
    (([[1.0, 0.0], [0.0, -1.0]], [0, 0]), "not positive definite"),
    (([[1.0, np.nan], [np.nan, 1.0]], [0, 0]), "NaN or inf"),
    (([[1.0, 0.0], [0.0, 1.0]], [0, 0, 0]), "shape"),
    (([[1.0, 0.0], [0.0, 1.0]], [np.inf, 0]), "NaN or inf"),
])
def test_bad_quadratic_input_is_a_value_error(arguments, message):
    with pytest.raises(ValueError, match=message):
        StronglyConvexQuadratic(*arguments)


@pytest.mark.parametrize("mu,nu,message", [(0.0, 1.0, "mu must be"), (-1.0, 1.0, "mu must be"),
                                          (2.0, 1.0, "nu must be >= mu"), (1.0, np.nan, "nu must be")])
def test_bad_constants_are_value_errors(rng, mu, nu, message):
    with pytest.raises(ValueError, match=message):
        StronglyConvexQuadratic.random(rng, 2, mu, nu)


def test_repr_replays_exactly(rng):
    loss = LogCoshQuadratic.random(rng, 2, 0.5, 2.0)
    replayed = eval(repr(loss), {"LogCoshQuadratic": LogCoshQuadratic})
    y = rng.normal(size=2)
    assert np.array_equal(replayed.grad(y), loss.grad(y)) and replayed.mu == loss.mu
