"""Stacked evaluation of a batch (numeric.batch): every vectorized path equals the loop over instances."""

import numpy as np
import pytest

from numeric.batch import StackedFloorPlusGram, stacked_gradient, stacked_metric, stacked_rhs
from numeric.losses import LogCoshQuadratic, StronglyConvexQuadratic
from numeric.metrics import ConstantMetric, FloorPlusGram, RotatingSpectrum

SEED, DIM, BATCH = 3, 3, 5


@pytest.fixture
def rng():
    return np.random.default_rng(SEED)


def _points(rng) -> np.ndarray:
    return rng.normal(size=(DIM, BATCH))  # the batch is the last axis


def _looped_gradient(losses, y):
    return np.stack([loss.grad(column) for loss, column in zip(losses, y.T)], axis=-1)


@pytest.mark.parametrize("kind", ["quadratic", "logcosh", "mixed"])
def test_stacked_gradient_equals_the_loop(rng, kind):
    quadratic = [StronglyConvexQuadratic.random(rng, DIM, 0.5, 3.0) for _ in range(BATCH)]
    logcosh = [LogCoshQuadratic.random(rng, DIM, 0.5, 3.0) for _ in range(BATCH)]
    losses = {"quadratic": quadratic, "logcosh": logcosh, "mixed": quadratic[:2] + logcosh[2:]}[kind]
    y = _points(rng)
    assert np.allclose(stacked_gradient(losses)(y), _looped_gradient(losses, y), rtol=1e-13, atol=1e-13)


def _floor_plus_gram(rng) -> FloorPlusGram:
    return FloorPlusGram(rng.uniform(0.1, 1.0), rng.normal(size=(DIM, 2)), rng.normal(size=(DIM, 2)), rng.uniform(0, 3))


def _rotating(rng) -> RotatingSpectrum:
    generator = rng.normal(size=(DIM, DIM))
    return RotatingSpectrum(rng.uniform(0.5, 2.0, DIM), generator - generator.T)


@pytest.mark.parametrize("family", ["floor_plus_gram", "rotating", "mixed"])
def test_stacked_metric_equals_the_loop_and_applies_like_its_matrix(rng, family):
    metrics = {"floor_plus_gram": [_floor_plus_gram(rng) for _ in range(BATCH)],
               "rotating": [_rotating(rng) for _ in range(BATCH)],
               "mixed": [_floor_plus_gram(rng), _rotating(rng), ConstantMetric(np.eye(DIM) * 2.0)] * 2}[family]
    stacked, v = stacked_metric(metrics), rng.normal(size=(DIM, len(metrics)))
    for t in (0.0, 0.7, 3.1):
        looped = np.stack([metric(t) for metric in metrics], axis=-1)
        assert np.allclose(stacked(t), looped, rtol=1e-12, atol=1e-12)
        assert np.allclose(stacked.apply(t, v), np.einsum("ijb,jb->ib", looped, v), rtol=1e-12, atol=1e-12)
    assert isinstance(stacked, StackedFloorPlusGram) == (family == "floor_plus_gram")


@pytest.mark.parametrize("family", ["floor_plus_gram", "mixed"])
def test_the_fused_right_hand_side_equals_the_loop(rng, family):
    """Quadratic losses under FloorPlusGram fuse into A0 + cos(2 omega t) A1 + sin(2 omega t) A2 times H; any other
    mix takes the general path: both give -Sigma(t) grad F(y) column by column."""
    metrics = {"floor_plus_gram": [_floor_plus_gram(rng) for _ in range(BATCH)],
               "mixed": [_floor_plus_gram(rng), _rotating(rng)] * 2}[family]
    losses = [StronglyConvexQuadratic.random(rng, DIM, 0.5, 2.0) for _ in metrics]
    rhs, y = stacked_rhs(losses, metrics), rng.normal(size=(DIM, len(metrics)))
    for t in (0.0, 0.7, 3.1):
        looped = np.stack([-metric(t) @ loss.grad(column) for metric, loss, column in zip(metrics, losses, y.T)], axis=-1)
        assert np.allclose(rhs(t, y), looped, rtol=1e-12, atol=1e-12)
    if family == "floor_plus_gram":
        constant, cosine, sine = stacked_metric(metrics).harmonics()
        angle = 2 * np.array([m.omega for m in metrics]) * 0.7
        assert np.allclose(constant + np.cos(angle) * cosine + np.sin(angle) * sine, stacked_metric(metrics)(0.7))
