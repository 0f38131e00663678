"""Batched exact flows of quadratic losses under piecewise-constant metrics (numeric.exact_batch) agree with the
single-instance exact path, and their frozen flow is the tangent flow."""

import numpy as np
import pytest

from numeric.exact_batch import QuadraticPiecewiseBatch, errors
from numeric.flows import frozen_metric, solve
from numeric.losses import StronglyConvexQuadratic
from numeric.metrics import PiecewiseConstant


def _batch(rng, size=4, dim=3, pieces=3) -> QuadraticPiecewiseBatch:
    factors = rng.normal(size=(size, dim, dim))
    hessians = factors @ np.swapaxes(factors, -1, -2) + 0.5 * np.eye(dim)
    grams = rng.normal(size=(size, pieces, dim, dim))
    sigmas = grams @ np.swapaxes(grams, -1, -2) + 0.3 * np.eye(dim)
    gaps = rng.uniform(0.1, 1.0, (size, pieces - 1))
    starts = np.concatenate([np.zeros((size, 1)), np.cumsum(gaps, axis=1)], axis=1)
    return QuadraticPiecewiseBatch(hessians, rng.normal(size=(size, dim)), starts, sigmas, rng.normal(size=(size, dim)))


def test_the_batch_agrees_with_the_exact_single_instance_flow():
    batch = _batch(np.random.default_rng(0))
    times = np.tile(np.linspace(0.0, 3.0, 25), (batch.size, 1))
    lazy, tangent = errors(batch, times), errors(batch.frozen(), times)
    for b in range(batch.size):
        loss = StronglyConvexQuadratic(batch.hessians[b], batch.minimizers[b])
        metric = PiecewiseConstant(batch.starts[b], batch.sigmas[b])
        exact = solve(loss, metric, batch.y0[b], times[b])
        assert exact.method == "exact"
        assert np.abs(exact.y - batch.minimizers[b] - lazy[b]).max() < 1e-12
        frozen = solve(loss, frozen_metric(metric), batch.y0[b], times[b])
        assert np.abs(frozen.y - batch.minimizers[b] - tangent[b]).max() < 1e-12


def test_the_structure_at_the_corners():
    batch = _batch(np.random.default_rng(1))
    at_zero = errors(batch, np.zeros((batch.size, 1)))[:, 0]
    assert np.allclose(at_zero, batch.y0 - batch.minimizers)
    late = errors(batch, np.full((batch.size, 1), 200.0))[:, 0]
    assert np.abs(late).max() < 1e-12  # every piece contracts: the error vanishes
    assert np.all(batch.floors() > 0.29) and np.array_equal(batch.piece_index(batch.starts), np.tile(np.arange(3), (4, 1)))


def test_a_malformed_batch_is_rejected():
    batch = _batch(np.random.default_rng(2))
    with pytest.raises(ValueError, match="starts"):
        QuadraticPiecewiseBatch(batch.hessians, batch.minimizers, batch.starts[:, ::-1], batch.sigmas, batch.y0)
    with pytest.raises(ValueError, match="shape"):
        QuadraticPiecewiseBatch(batch.hessians, batch.minimizers, batch.starts, batch.sigmas[:, :2], batch.y0)
