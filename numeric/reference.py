"""High-precision reference flows in mpmath (Gragg-Bulirsch-Stoer extrapolation).

Used only to verify the fast paths. Each macro step H runs the modified midpoint rule
with n_j = 2, 4, 6, ... substeps and extrapolates the results in h^2 (Aitken-Neville).
A step is accepted when two successive diagonal entries of the tableau agree to
``digits`` significant digits relative to the state's size; otherwise H is halved,
and after a success it may grow again. Arithmetic is carried out at ``digits + 10``
decimal digits.

The loss must provide ``grad_mp(y, mp)`` and the metric ``apply_mp(t, v, mp)``
(Sigma(t) v), both on lists of mpf.
"""

from __future__ import annotations

import mpmath

from numeric.validation import times

#: Digits the reference guarantees by default (>= 30, as the project requires).
REFERENCE_DIGITS = 30
_MAX_COLUMNS = 16
_MAX_HALVINGS = 40


class ReferenceError(RuntimeError):
    """The extrapolation did not converge."""


def _axpy(a, x, y):
    """a*x + y on lists."""
    return [a * xi + yi for xi, yi in zip(x, y)]


def _midpoint(rhs, t, y, big_step, substeps):
    h = big_step / substeps
    previous, current = y, _axpy(h, rhs(t, y), y)
    for m in range(1, substeps):
        previous, current = current, _axpy(2 * h, rhs(t + m * h, current), previous)
    final = rhs(t + big_step, current)
    return [(p + c + h * f) / 2 for p, c, f in zip(previous, current, final)]


def _norm(v):
    return mpmath.sqrt(mpmath.fsum(x * x for x in v))


def _extrapolated_step(rhs, t, y, big_step, digits):
    """One GBS macro step, or None if the tableau did not converge."""
    tolerance = mpmath.mpf(10) ** (-digits)
    rows = []
    for j in range(1, _MAX_COLUMNS + 1):
        row = [_midpoint(rhs, t, y, big_step, 2 * j)]
        for k in range(1, j):
            ratio = mpmath.mpf(j) ** 2 / mpmath.mpf(j - k) ** 2
            row.append([a + (a - b) / (ratio - 1) for a, b in zip(row[k - 1], rows[-1][k - 1])])
        if j > 2:
            change = _norm([a - b for a, b in zip(row[-1], rows[-1][-1])])
            if change <= tolerance * (1 + _norm(row[-1])):
                return row[-1]
        rows.append(row)
    return None


def reference_flow(loss, metric, y0, ts, *, digits: int = REFERENCE_DIGITS, step: float = 0.25) -> list[list]:
    """y(ts) for y' = -Sigma(t) grad R(y) to about ``digits`` digits, as lists of mpf.

    Raises
    ------
    ReferenceError
        If a macro step fails to converge after repeated halving.
    """
    ts = times(ts)
    pieces = metric.pieces(float(ts[-1]))
    starts = [] if pieces is None else [start for start, _ in pieces[1:]]
    with mpmath.workdps(digits + 10):
        def rhs_for(active):
            def rhs(t, y):
                return [-v for v in active.apply_mp(t, loss.grad_mp(y, mpmath.mp), mpmath.mp)]
            return rhs

        y = [mpmath.mpf(float(v)) for v in y0]
        t, out, trial = mpmath.mpf(float(ts[0])), [], mpmath.mpf(step)
        # Piecewise-constant metrics are integrated piece by piece, stopping at each switch.
        stops = sorted({float(x) for x in ts} | {s for s in starts if s < ts[-1]})
        for stop in stops:
            target = mpmath.mpf(stop)
            rhs = rhs_for(_active_piece(metric, pieces, float(t)))
            while t < target:
                y, t, trial = _advance(rhs, t, y, trial, target, digits, mpmath.mpf(step))
            if stop in set(float(x) for x in ts):
                out.extend([+v for v in y] for x in ts if float(x) == stop)
    return out


def _active_piece(metric, pieces, t: float):
    """The metric, or on a piecewise-constant one the constant piece starting at or before t."""
    if pieces is None:
        return metric
    from numeric.metrics import ConstantMetric

    sigma = [s for start, s in pieces if start <= t][-1]
    return ConstantMetric(sigma)


def _advance(rhs, t, y, trial, target, digits, largest):
    """Advance by the largest step <= trial that converges; return (y, t, next trial)."""
    big_step = min(trial, target - t)
    for halvings in range(_MAX_HALVINGS):
        result = _extrapolated_step(rhs, t, y, big_step, digits)
        if result is not None:
            landed = target if big_step == target - t else t + big_step
            grown = big_step * (mpmath.mpf(3) / 2 if halvings == 0 else 1)
            return result, landed, min(max(grown, trial if halvings == 0 else big_step), largest)
        big_step /= 2
    raise ReferenceError(f"extrapolation did not converge at t={mpmath.nstr(t, 8)}")


def to_float(states: list[list]) -> list[list[float]]:
    """Reference states as floats (for comparison with the fast paths)."""
    return [[float(v) for v in state] for state in states]
