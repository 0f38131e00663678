"""Two-layer networks (numeric.networks): exact Jacobians, the doubling trick, kernel parts."""

import numpy as np
import pytest
import sympy as sp

from numeric.networks import CenteredModel, TwoLayerNetwork, doubled_parameters

SEED = 3
#: Relative error allowed between the exact Jacobian and central finite differences.
FD_RTOL = 1e-6


@pytest.fixture
def rng():
    return np.random.default_rng(SEED)


def _finite_difference(model, w, step=1e-6):
    columns = [(model(w + step * e) - model(w - step * e)) / (2 * step) for e in np.eye(w.size)]
    return np.array(columns).T


@pytest.mark.parametrize("activation", ["tanh", "softplus", "relu"])
@pytest.mark.parametrize("scaling", ["one", "sqrt", "mean"])
def test_jacobian_matches_finite_differences(rng, activation, scaling):
    model = TwoLayerNetwork(rng.normal(size=(5, 3)), 4, activation, scaling)
    w = rng.normal(size=model.n_params)
    exact, numeric = model.jacobian(w), _finite_difference(model, w)
    assert np.linalg.norm(exact - numeric) <= FD_RTOL * np.linalg.norm(exact)


def test_jacobian_matches_sympy_for_a_small_network(rng):
    inputs = rng.normal(size=(2, 2))
    model = TwoLayerNetwork(inputs, 2, "tanh", "sqrt")
    symbols = sp.symbols("a11 a12 a21 a22 b1 b2")
    a, b = sp.Matrix(2, 2, symbols[:4]), sp.Matrix(symbols[4:])
    outputs = [sum(b[j] * sp.tanh((a.row(j) * sp.Matrix(x)).trace()) for j in range(2)) / sp.sqrt(2)
               for x in inputs.tolist()]
    w = rng.normal(size=6)
    jacobian = sp.Matrix([[sp.diff(o, s) for s in symbols] for o in outputs]).subs(dict(zip(symbols, w)))
    assert np.allclose(np.array(jacobian, dtype=float), model.jacobian(w), atol=1e-12)


@pytest.mark.parametrize("activation", ["tanh", "softplus"])
def test_hessian_matches_finite_differences_of_the_jacobian(rng, activation):
    model = TwoLayerNetwork(rng.normal(size=(5, 3)), 4, activation, "sqrt")
    w, step = rng.normal(size=model.n_params), 1e-6
    numeric = np.stack([(model.jacobian(w + step * e) - model.jacobian(w - step * e)) / (2 * step)
                        for e in np.eye(w.size)], axis=-1)
    exact = model.hessian(w)
    assert np.allclose(exact, np.swapaxes(exact, 1, 2))
    assert np.linalg.norm(exact - numeric) <= FD_RTOL * np.linalg.norm(exact)


def test_relu_has_no_hessian(rng):
    model = TwoLayerNetwork(rng.normal(size=(3, 2)), 2, "relu")
    with pytest.raises(ValueError, match="twice differentiable"):
        model.hessian(rng.normal(size=model.n_params))


def test_centering_keeps_derivatives_and_zeroes_the_output(rng):
    network = TwoLayerNetwork(rng.normal(size=(4, 3)), 3, "tanh")
    w0, w = rng.normal(size=(2, network.n_params))
    centered = CenteredModel(network, w0)
    assert np.allclose(centered(w0), 0.0)
    assert np.allclose(centered(w), network(w) - network(w0))
    assert np.array_equal(centered.jacobian(w), network.jacobian(w))
    assert (centered.n_outputs, centered.n_params) == (network.n_outputs, network.n_params)


def test_doubling_trick_gives_zero_output(rng):
    model = TwoLayerNetwork(rng.normal(size=(7, 3)), 6, "relu", "one")
    w0 = doubled_parameters(rng, 6, 3, 2.0)
    assert np.allclose(model(w0), 0.0) and np.linalg.matrix_rank(model.jacobian(w0)) > 0


def test_kernel_parts_sum_to_the_jacobian_gram(rng):
    """chizat-bach 2.2: k_m = k^(a) + k^(b) = grad f(x) . grad f(x')."""
    for activation in ("relu", "tanh"):
        model = TwoLayerNetwork(rng.normal(size=(4, 3)), 10, activation, "sqrt")
        w, other = rng.normal(size=model.n_params), rng.normal(size=(5, 3))
        k_a, k_b = model.kernel_parts(w, model.inputs, other)
        assert np.allclose(k_a + k_b, model.jacobian(w) @ model.jacobian_at(w, other).T)


def test_certified_lipschitz_bound_dominates_sampled_differences(rng):
    model = TwoLayerNetwork(rng.normal(size=(4, 2)), 6, "tanh", "sqrt")
    w0, radius = rng.normal(size=model.n_params), 0.5
    bound = model.lip_jacobian_bound(w0, radius)
    for _ in range(200):
        u, v = (w0 + radius * x / max(1.0, np.linalg.norm(x)) for x in rng.normal(size=(2, model.n_params)))
        assert np.linalg.norm(model.jacobian(u) - model.jacobian(v), 2) <= bound * np.linalg.norm(u - v) + 1e-12


@pytest.mark.parametrize("build,message", [
    (lambda: TwoLayerNetwork(np.ones((2, 2)), 3, "sigmoid"), "activation must be"),
    (lambda: TwoLayerNetwork(np.ones((2, 2)), 3, "tanh", "log"), "scaling must be"),
    (lambda: TwoLayerNetwork(np.ones((2, 2)), 0), "width must be"),
    (lambda: TwoLayerNetwork(np.ones((2, 2)), 2.5), "width must be a positive integer, got 2.5"),
    (lambda: TwoLayerNetwork(np.ones(2), 2), "inputs must have 2 dimension"),
    (lambda: TwoLayerNetwork(np.ones((2, 2)), 2).jacobian(np.ones(7)), r"w must have 6 = width \* \(dim \+ 1\)"),
    (lambda: TwoLayerNetwork(np.ones((2, 2)), 2).hessian(np.ones(7)), "w must have 6"),
    (lambda: TwoLayerNetwork(np.ones((2, 2)), 2).predict(np.ones(7), np.ones((3, 2))), "w must have 6"),
    (lambda: TwoLayerNetwork(np.ones((2, 2)), 2).jacobian_at(np.ones(7), np.ones((3, 2))), "w must have 6"),
    (lambda: TwoLayerNetwork(np.ones((2, 2)), 2).jacobian_at(np.ones(6), np.ones((3, 3))), r"inputs must have shape \(n, 2\)"),
    (lambda: doubled_parameters(np.random.default_rng(0), 3, 2, 1.0), "even width"),
    (lambda: TwoLayerNetwork(np.ones((2, 2)), 2, "relu").lip_jacobian_bound(np.zeros(6), 1.0), "not Lipschitz"),
])
def test_bad_network_input(build, message):
    with pytest.raises(ValueError, match=message):
        build()
