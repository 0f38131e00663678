"""One construction per instance family from drawn values, shared by the hypothesis strategies of
:mod:`numeric.strategies` and the numpy samplers of :mod:`numeric.samplers`: both draw the same values, one with
hypothesis (shrinking), the other with a ``numpy.random.Generator`` (screening), and build through these."""

from __future__ import annotations

import numpy as np

from numeric.losses import LogCoshQuadratic
from numeric.metrics import PiecewiseConstant, RotatingSpectrum
from numeric.models import SineTiltedLinear

#: Pieces of a piecewise-constant metric last at least this fraction of its horizon: a switch drawn closer to
#: the previous one is dropped (a piece of 1e-310 time units is admissible, but no integrator can step onto it).
MIN_PIECE_FRACTION = 1e-6


def log_cosh_from(rotation, spectrum, y_star, offsets, nu: float) -> LogCoshQuadratic:
    """The log-cosh loss with base Q diag(spectrum) Q^T and one term per row of ``offsets`` (terms x dim, in
    [-1, 1]): direction e_i + offset_i normalized (e_i, or e1 when i >= dim, if degenerate), each of weight
    (nu - max spectrum)/terms, so that its certified smoothness is nu."""
    terms, dim = np.shape(offsets)
    directions = np.asarray(offsets, dtype=float) + np.eye(terms, dim)  # shrinks to unit axes
    norms = np.linalg.norm(directions, axis=1, keepdims=True)
    directions = np.where(norms > 1e-6, directions / np.where(norms > 1e-6, norms, 1.0), np.eye(terms, dim) + 0.0)
    directions[np.linalg.norm(directions, axis=1) == 0, 0] = 1.0  # a degenerate row becomes e1
    base = rotation @ np.diag(spectrum) @ rotation.T
    return LogCoshQuadratic(base, y_star, directions, np.full(terms, (nu - spectrum[-1]) / terms))


def rotating_from(lam: float, spread: float, fractions, generator) -> RotatingSpectrum:
    """Q(t) diag(lam (1 + spread (0, fractions))) Q(t)^T, Q(t) = exp(t (G - G^T))."""
    spectrum = lam * (1 + spread * np.concatenate([[0.0], fractions]))
    return RotatingSpectrum(spectrum, generator - generator.T)


def piecewise_from(lam: float, horizon: float, fractions, factors) -> PiecewiseConstant:
    """Sigma = lam Id + G_k G_k^T from the switch times ``fractions * horizon``, a switch closer than
    MIN_PIECE_FRACTION of the horizon to the previous one dropped (with its factor)."""
    dim = np.shape(factors[0])[0]
    times = np.unique(np.concatenate([[0.0], np.asarray(fractions) * horizon]))
    switch_times = times[np.concatenate([[True], np.diff(times) >= MIN_PIECE_FRACTION * horizon])]
    sigmas = [lam * np.eye(dim) + g @ g.T for g in factors[: switch_times.size]]
    return PiecewiseConstant(switch_times[: len(sigmas)], sigmas, lam=lam)


def sine_model_from(coupling, eps: float, fractions, left, right) -> SineTiltedLinear:
    """h(w) = J0 w + eps sin(C w) with J0 = left [diag(1 + 2 fractions + eps ||C||), 0] right^T (left, right
    rotations): sigma_min(J0) > eps ||C||, the certified kernel floor."""
    n, p = np.shape(coupling)
    stretch = np.zeros((n, p))
    stretch[:, :n] = np.diag(1 + 2 * np.asarray(fractions) + eps * np.linalg.norm(coupling, 2))
    return SineTiltedLinear(left @ stretch @ right.T, coupling, eps)
