"""Adversarial metric families that push Lemma 3.3 and Lemma A.1 toward their bounds.

:class:`LevelSetTransport` (Lemma 3.3). The bound sqrt(nu/mu) d0 exp(-mu lam t) is
reached when the flow carries y from the steepest direction of a quadratic loss to the
flattest one *along a level set*, before the floor lam Id has had time to act. In the
coordinates x = H^{1/2}(y - y*) a level set is a sphere; the metric is piecewise
constant, Sigma_k = lam Id + M_k u_k u_k^T with a large gain M_k, and each stage moves y
(obliquely, along u_k) to the minimizer of R on a chord of that sphere. k stages of angle
Theta/k lose only the factor cos(Theta/k)^(2k) ~ exp(-Theta^2/k) of the loss. The loss
decreases throughout, as Lemma 3.3 requires.

:class:`ForcingMetric` (Lemma A.1). Along the flattest eigenvector v of the loss, the metric
Sigma(t) = lam Id + (s(t) - lam) v v^T keeps the forcing ||(Sigma(t) - Sigma(0)) grad R(y(t))||
at its cap K (after a short ramp), which makes the difference y - ybar grow like
K (1 - e^{-lam mu t})/(lam mu): our time-dependent bound is then attained.
"""

from __future__ import annotations

import numpy as np

from numeric.linear import ConstantMetricFlow
from numeric.losses import StronglyConvexQuadratic
from numeric.metrics import Metric, PiecewiseConstant
from numeric.validation import finite_array, positive_number

#: Each transport stage runs its rank-one mode for this many e-foldings.
TRANSPORT_GAIN = 40.0


def _require_quadratic(loss) -> StronglyConvexQuadratic:
    if not isinstance(loss, StronglyConvexQuadratic):
        raise ValueError(f"this adversarial family needs a StronglyConvexQuadratic loss, got {type(loss).__name__}")
    return loss


def _flattest_direction(loss: StronglyConvexQuadratic, z: np.ndarray) -> np.ndarray:
    v = loss.eigenvectors[:, 0]
    return v if v @ z >= 0 else -v


def _slerp(start: np.ndarray, end: np.ndarray, fraction: float) -> np.ndarray:
    """Point at ``fraction`` of the great-circle arc between unit vectors."""
    angle = np.arccos(np.clip(start @ end, -1.0, 1.0))
    if angle < 1e-12:
        return end
    return (np.sin((1 - fraction) * angle) * start + np.sin(fraction * angle) * end) / np.sin(angle)


class LevelSetTransport(PiecewiseConstant):
    """Piecewise-constant metric carrying y0 along its level set to the flattest direction.

    Parameters
    ----------
    loss
        A :class:`~numeric.losses.StronglyConvexQuadratic`.
    y0
        The initial point the schedule is designed for.
    lam
        The certified floor; every piece is lam Id + (positive semi-definite).
    stages, duration
        Number of transport stages and their total duration; after it, Sigma = lam Id.
    """

    family = "level_set_transport"

    def __init__(self, loss, y0, lam: float, *, stages: int = 64, duration: float = 1e-3):
        loss = _require_quadratic(loss)
        lam = positive_number(lam, "lam")
        duration = positive_number(duration, "duration")
        if stages < 1:
            raise ValueError(f"stages must be >= 1, got {stages}")
        self.design = (loss, finite_array(y0, "y0", shape=(loss.dim,)))
        sigmas = self._schedule(loss, self.design[1] - loss.y_star, lam, stages, duration / stages)
        times = np.arange(len(sigmas)) * (duration / stages)
        super().__init__(times, sigmas, lam=lam)
        self.stages, self.duration = stages, duration

    @staticmethod
    def _schedule(loss, z, lam, stages, stage_time) -> list[np.ndarray]:
        floor = lam * np.eye(loss.dim)
        root = loss.eigenvectors * np.sqrt(loss.eigenvalues) @ loss.eigenvectors.T
        inverse_root = loss.eigenvectors / np.sqrt(loss.eigenvalues) @ loss.eigenvectors.T
        if np.linalg.norm(z) == 0:
            return [floor]
        start = root @ z / np.linalg.norm(root @ z)
        end = _flattest_direction(loss, z)
        sigmas = []
        for k in range(stages):
            radius = np.linalg.norm(root @ z)
            target = inverse_root @ (radius * _slerp(start, end, min(1.0, (k + 2) / stages)))
            direction = target - z
            if np.linalg.norm(direction) < 1e-14 * radius:
                break
            u = direction / np.linalg.norm(direction)
            gain = TRANSPORT_GAIN / (stage_time * (u @ loss.H @ u))
            sigma = floor + gain * np.outer(u, u)
            sigmas.append(sigma)
            z = ConstantMetricFlow(sigma, loss.H)(z, stage_time)
        return sigmas + [floor]


class ForcingMetric(Metric):
    """Sigma(t) = lam Id + (s(t) - lam) v v^T with the forcing held at K along the flattest direction v.

    With a = v.(y - y*), a' = -s mu a. Choosing s = lam + K r(t)/(mu a) with the ramp
    r(t) = 1 - exp(-t/ramp_time) gives a' = -lam mu a - K r(t), solved in closed form.
    When a has fallen to ``floor_fraction`` of a(0) (time ``t_cap``), s is frozen.
    Sigma(0) = lam Id, so ||Sigma(0)|| = lam, and K is the sup of the forcing.
    """

    family = "forcing"

    def __init__(self, loss, y0, lam: float, K: float, *, ramp_time: float = 1e-3, floor_fraction: float = 1e-3):
        from scipy.optimize import brentq

        loss = _require_quadratic(loss)
        self.lam, self.K = positive_number(lam, "lam"), positive_number(K, "K")
        self.ramp_time = positive_number(ramp_time, "ramp_time")
        self.floor_fraction = positive_number(floor_fraction, "floor_fraction")
        self.dim, self.mu = loss.dim, loss.mu
        self.design = (loss, finite_array(y0, "y0", shape=(loss.dim,)))
        z0 = self.design[1] - loss.y_star
        self.v = _flattest_direction(loss, z0)
        self.a0 = float(self.v @ z0)
        if self.a0 <= 0:
            raise ValueError("y0 - y* has no component along the flattest direction of the loss")
        if 1 / self.ramp_time <= self.lam * self.mu:
            raise ValueError("ramp_time must be shorter than 1/(lam mu)")
        target = floor_fraction * self.a0
        upper = 1.0
        while self.amplitude(upper) > target:
            upper *= 2
        self.t_cap = brentq(lambda t: self.amplitude(t) - target, 0.0, upper, xtol=1e-14)

    def amplitude(self, t) -> np.ndarray:
        """a(t) = v.(y(t) - y*) before t_cap, in closed form."""
        rate, fast = self.lam * self.mu, 1 / self.ramp_time
        t = np.asarray(t, dtype=float)
        integral = np.expm1(rate * t) / rate - np.expm1((rate - fast) * t) / (rate - fast)
        return np.exp(-rate * t) * (self.a0 - self.K * integral)

    def stretch(self, t) -> np.ndarray:
        """s(t), the eigenvalue of Sigma(t) along v."""
        t = np.minimum(np.asarray(t, dtype=float), self.t_cap)
        ramp = -np.expm1(-t / self.ramp_time)
        return self.lam + self.K * ramp / (self.mu * self.amplitude(t))

    def __call__(self, t) -> np.ndarray:
        extra = (self.stretch(t) - self.lam)[..., None, None] * np.outer(self.v, self.v)
        return self.lam * np.eye(self.dim) + extra

    def _at(self, t: float) -> np.ndarray:
        return self(t)

    def __repr__(self) -> str:
        loss, y0 = self.design
        return (f"ForcingMetric({loss!r}, y0={y0.tolist()!r}, lam={self.lam!r}, K={self.K!r}, "
                f"ramp_time={self.ramp_time!r}, floor_fraction={self.floor_fraction!r})")
