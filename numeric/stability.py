"""The quantity K of the stability lemma (chizat-bach Lemma A.1; smith Lemma B.2).

.. math::  K = \\sup_{0 \\le t \\le T} \\|(\\Sigma(t) - \\Sigma(0)) \\nabla R(y(t))\\|

computed along the computed path y on the horizon [0, T]. The lemma's proof only uses
K up to the current time, so the bound with K over [0, T] holds for t in [0, T].

The sup is taken over the output grid, to which the switch times of a piecewise-constant
metric are added (where the forcing jumps), and then refined: around the largest grid
value the flow is re-solved on a 64-times finer grid, so that a smooth peak between
grid points is not missed.
"""

from __future__ import annotations

import numpy as np

from numeric.flows import solve

REFINEMENT = 64


def forcing(loss, metric, ts, y) -> np.ndarray:
    """||(Sigma(t) - Sigma(0)) grad R(y(t))|| at each time of ``ts`` (y of shape (T, n))."""
    difference = metric(np.asarray(ts, dtype=float)) - metric(0.0)
    return np.linalg.norm(np.einsum("tij,tj->ti", difference, loss.grad(y)), axis=-1)


def sup_forcing(loss, metric, y0, ts, y=None, **tolerances) -> float:
    """K over [0, ts[-1]]: the grid maximum of :func:`forcing`, refined around its peak."""
    ts = np.asarray(ts, dtype=float)
    pieces = metric.pieces(float(ts[-1]))
    switches = [] if pieces is None else [start for start, _ in pieces if ts[0] < start <= ts[-1]]
    if y is None or not set(switches) <= set(ts.tolist()):
        ts = np.unique(np.concatenate([ts, switches]))
        y = solve(loss, metric, y0, ts, **tolerances).y
    values = forcing(loss, metric, ts, y)
    peak = int(np.argmax(values))
    lo, hi = ts[max(peak - 1, 0)], ts[min(peak + 1, ts.size - 1)]
    if hi <= lo:
        return float(values[peak])
    fine = np.unique(np.concatenate([ts[ts < lo], np.linspace(lo, hi, REFINEMENT + 1)]))
    fine_y = solve(loss, metric, y0, fine, **tolerances).y
    return float(max(values.max(), forcing(loss, metric, fine, fine_y).max()))
