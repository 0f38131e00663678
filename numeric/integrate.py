"""A batched adaptive Dormand-Prince 5(4) integrator with an error estimate.

Many instances y' = f(t, y) (a batch of shape (n, B): the batch is the last axis, see
:mod:`numeric.batch`) share one step-size sequence:
the step is accepted when the worst instance meets ``rtol``/``atol``. Steps land exactly
on the requested output times, so no interpolation error is added.

Error estimate. Each step's embedded difference (5th minus 4th order) estimates the
local error of the 4th-order solution, which exceeds that of the 5th-order solution
being propagated. The estimate reported at each output time is the running sum of
these local estimates, in the 2-norm, per instance. For the contracting flows of this
project that sum dominates the global error; ``tests/test_integrators.py`` checks it
against the mpmath reference on every metric family. When the tolerance cannot be met
(step underflow, too many steps, non-finite values) :class:`IntegrationError` is raised:
no trajectory is returned that the integrator cannot vouch for.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# Dormand-Prince 5(4) tableau (Dormand & Prince 1980). Order conditions are checked in tests.
C = np.array([0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1])
A = [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
]
B5 = np.array([35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0])
B4 = np.array([5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40])

MAX_STEPS = 200_000
_SAFETY, _MIN_FACTOR, _MAX_FACTOR = 0.9, 0.2, 5.0


class IntegrationError(RuntimeError):
    """The integrator could not meet its tolerance; no trajectory is returned."""


def _error_norm(error, y_old, y_new, rtol, atol) -> float:
    scale = atol + rtol * np.maximum(np.abs(y_old), np.abs(y_new))
    return float(np.sqrt(np.mean((error / scale) ** 2, axis=0)).max())


#: The initial step is never below this fraction of the integration span: a first guess is
#: not an error-control decision, and error control will shrink it if it must.
MIN_INITIAL_FRACTION = 1e-10


def _initial_step(rhs, t0, y0, f0, rtol, atol, span) -> float:
    """Hairer, Norsett & Wanner's starting step (Solving ODEs I, II.4), with a floor."""
    scale = atol + rtol * np.abs(y0)
    d0 = np.sqrt(np.mean((y0 / scale) ** 2))
    d1 = np.sqrt(np.mean((f0 / scale) ** 2))
    h0 = 1e-6 if d0 < 1e-5 or d1 < 1e-5 else 0.01 * d0 / d1
    h0 = min(h0, span)
    f1 = rhs(t0 + h0, y0 + h0 * f0)
    d2 = np.sqrt(np.mean(((f1 - f0) / scale) ** 2)) / h0
    largest = max(d1, d2)
    h1 = max(1e-6, h0 * 1e-3) if largest <= 1e-15 else (0.01 / largest) ** (1 / 5)
    return min(max(min(100 * h0, h1), MIN_INITIAL_FRACTION * span), span)


#: The tableau as dense arrays: row i of STAGE_WEIGHTS combines the first i stages into stage i's argument; the
#: 5th-order weights and the embedded error weights (5th minus 4th order) combine all seven.
STAGE_WEIGHTS = np.array([row + [0.0] * (7 - len(row)) for row in A])
ERROR_WEIGHTS = B5 - B4


def _step(rhs, t, y, f0, h, stages):
    """One Dormand-Prince step: (y5, error estimate, f at the new point). ``stages`` is a (7,) + y.shape buffer, reused
    across steps; each combination of stages is one matrix product over the flattened buffer."""
    flat = stages.reshape(7, -1)
    stages[0] = f0
    for i in range(1, 7):
        stages[i] = rhs(t + C[i] * h, y + h * (STAGE_WEIGHTS[i, :i] @ flat[:i]).reshape(y.shape))
    return y + h * (B5 @ flat).reshape(y.shape), h * (ERROR_WEIGHTS @ flat).reshape(y.shape), stages[6].copy()


def dormand_prince(rhs: Callable[[float, np.ndarray], np.ndarray], y0: np.ndarray, ts: np.ndarray, *,
                   rtol: float, atol: float, max_steps: int = MAX_STEPS) -> tuple[np.ndarray, np.ndarray, int]:
    """Integrate a batch y0 of shape (n, B) through ts; return (y (T, n, B), error (T, B), steps taken)."""
    y = np.array(y0, dtype=float)
    out = np.empty((ts.size,) + y.shape)
    error_out = np.zeros((ts.size, y.shape[1]))
    out[0], accumulated, t = y, np.zeros(y.shape[1]), float(ts[0])
    f = rhs(t, y)
    h = _initial_step(rhs, t, y, f, rtol, atol, max(float(ts[-1] - ts[0]), 1e-300))
    steps, stages = 0, np.empty((7,) + y.shape)
    for index in range(1, ts.size):
        target = float(ts[index])
        while t < target:
            if steps >= max_steps:
                raise IntegrationError(f"more than {max_steps} steps before t={target:g} (rtol={rtol:g})")
            step, clipped = min(h, target - t), h > target - t
            if not clipped and step <= 1e-14 * max(1.0, abs(t)):  # a tiny step forced by error control
                raise IntegrationError(f"step size underflow at t={t:.6g} (rtol={rtol:g})")
            y_new, error, f_new = _step(rhs, t, y, f, step, stages)
            if not np.all(np.isfinite(y_new)):
                raise IntegrationError(f"non-finite state at t={t + step:.6g}")
            norm = _error_norm(error, y, y_new, rtol, atol)
            steps += 1
            if norm <= 1.0:
                t = target if step == target - t else t + step
                y, f = y_new, f_new
                accumulated += np.sqrt((error * error).sum(axis=0))
            factor = _MAX_FACTOR if norm == 0 else min(_MAX_FACTOR, max(_MIN_FACTOR, _SAFETY * norm ** -0.2))
            if norm > 1.0:
                h = step * factor
            else:  # a step shortened to land on an output time does not shrink the next one
                h = max(h, step * factor) if clipped else step * factor
        out[index], error_out[index] = y, accumulated
    return out, error_out, steps

