"""Batched training of two-layer ReLU networks (numeric.training): data, gradients, kernels."""

import numpy as np
import pytest

from numeric.networks import TwoLayerNetwork
from numeric.training import (GradientDescent, Teacher, initial_parameters, kernel_method_errors, mean_squared_error,
                              predict, sphere, tangent_kernel)

SEED = 4
#: Relative error allowed between a gradient step and central finite differences of the loss (float64).
FD_RTOL = 1e-6


@pytest.fixture
def rng():
    return np.random.default_rng(SEED)


def _loss(a, b, alpha, x, y) -> np.ndarray:
    return 0.5 * np.mean((predict(a, b, alpha, x) - y) ** 2, axis=1)


def test_data_follow_the_protocol(rng):
    x = sphere(rng, 50, 7)
    assert np.allclose(np.linalg.norm(x, axis=1), 1.0)
    teacher = Teacher.draw(rng, 7)
    assert np.allclose(np.abs(teacher.b) * np.linalg.norm(teacher.a, axis=1), 1.0)
    assert np.allclose(teacher(x), np.maximum(x @ teacher.a.T, 0) @ teacher.b)


def test_doubling_gives_a_zero_network_and_tau_scales_the_draw(rng):
    a, b = initial_parameters(rng, [0.5, 3.0], 6, 4, dtype=np.float64)
    assert np.abs(predict(a, b, 1.0, sphere(rng, 9, 4))).max() <= 1e-14 * np.abs(b).max()  # 0 up to rounding
    assert np.array_equal(a[:, 3:], a[:, :3]) and np.array_equal(b[:, 3:], -b[:, :3])
    with pytest.raises(ValueError, match="even width"):
        initial_parameters(rng, [1.0], 5, 4)


def test_a_step_is_minus_eta_times_the_gradient(rng):
    x = sphere(rng, 8, 3)
    y = rng.standard_normal(8)
    a, b = initial_parameters(rng, [1.0, 2.0], 4, 3, doubling=False, dtype=np.float64)
    alpha, eta = np.array([0.7, 1.3]), 1e-3
    a0, b0 = a.copy(), b.copy()
    loss = GradientDescent(a, b, alpha, x, y, eta).step()
    assert np.allclose(loss, _loss(a0, b0, alpha, x, y), rtol=1e-12)
    step, grad_a = 1e-6, (a0 - a) / eta
    for index in np.ndindex(a0.shape[1:]):
        bump = np.zeros_like(a0)
        bump[(slice(None), *index)] = step
        numeric = (_loss(a0 + bump, b0, alpha, x, y) - _loss(a0 - bump, b0, alpha, x, y)) / (2 * step)
        assert np.allclose(grad_a[(slice(None), *index)], numeric, rtol=FD_RTOL, atol=1e-10)


def test_a_minibatch_step_uses_the_batch_and_flops_are_counted(rng):
    x, x_batch = sphere(rng, 6, 3), sphere(rng, 6, 3)
    y, y_batch = rng.standard_normal(6), rng.standard_normal(6)
    a, b = initial_parameters(rng, [1.0], 4, 3, dtype=np.float64)
    other_a, other_b = a.copy(), b.copy()
    GradientDescent(a, b, 1.0, x, y, 0.1).step(x_batch, y_batch)
    reference = GradientDescent(other_a, other_b, 1.0, x_batch, y_batch, 0.1)
    reference.step()
    assert np.allclose(a, other_a) and np.allclose(b, other_b)
    assert reference.flops == 4 * 1 * 4 * 6 * 3


def test_tangent_kernel_is_the_jacobian_gram_matrix(rng):
    x, x_other = sphere(rng, 5, 3), sphere(rng, 4, 3)
    a, b = initial_parameters(rng, [1.0], 6, 3, doubling=False, dtype=np.float64)
    model = TwoLayerNetwork(x, 6, "relu", "one")
    w = TwoLayerNetwork.pack(a[0], b[0])
    gram = model.jacobian(w) @ model.jacobian_at(w, x_other).T
    assert np.allclose(tangent_kernel(a[0], b[0], 1.0, x, x_other), gram, rtol=1e-12)
    assert np.allclose(tangent_kernel(a[0], b[0], 0.5, x, x_other), 0.25 * gram, rtol=1e-12)


def test_kernel_method_runs_from_zero_to_kernel_interpolation(rng):
    x, x_test = sphere(rng, 6, 4), sphere(rng, 5, 4)
    y, y_test = rng.standard_normal(6), rng.standard_normal(5)
    a, b = initial_parameters(rng, [1.0], 40, 4, doubling=False, dtype=np.float64)
    kernel = tangent_kernel(a[0], b[0], 1.0, x, x)
    interpolant = tangent_kernel(a[0], b[0], 1.0, x_test, x) @ np.linalg.solve(kernel, y)
    start, end = kernel_method_errors(a[0], b[0], 1.0, x, y, x_test, y_test, [0.0, 1e12])
    assert np.isclose(start, np.mean(y_test**2))
    assert np.isclose(end, np.mean((interpolant - y_test) ** 2), rtol=1e-8)


def test_mean_squared_error(rng):
    x = sphere(rng, 7, 3)
    a, b = initial_parameters(rng, [1.0, 2.0], 4, 3, doubling=False, dtype=np.float64)
    y = rng.standard_normal(7)
    assert np.allclose(mean_squared_error(a, b, 1.0, x, y), np.mean((predict(a, b, 1.0, x) - y) ** 2, axis=1))


def test_chunked_steps_equal_one_unchunked_step(rng, monkeypatch):
    import numeric.training as training

    x, y = sphere(rng, 8, 3), rng.standard_normal(8)
    a, b = initial_parameters(rng, [0.5, 1.0, 2.0, 3.0, 4.0], 4, 3, dtype=np.float64)
    whole_a, whole_b = a.copy(), b.copy()
    whole_loss = GradientDescent(whole_a, whole_b, 1.0, x, y, 0.1).step()
    monkeypatch.setattr(training, "CHUNK_ENTRIES", 2 * 4 * 8)  # two networks per chunk: chunks 2, 2, 1
    descent = GradientDescent(a, b, 1.0, x, y, 0.1)
    assert descent.chunk == 2
    assert np.allclose(descent.step(), whole_loss, rtol=1e-14)
    assert np.allclose(a, whole_a, rtol=1e-14) and np.allclose(b, whole_b, rtol=1e-14)
