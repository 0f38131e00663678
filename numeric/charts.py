"""Under-parameterized models with explicit rank-theorem charts (chizat-bach Appendix B).

The proof of chizat-bach's Theorem 3.4 rests on the rank theorem: near w0, a model of
constant rank r reads

.. math::  f = \\psi^{-1} \\circ \\pi_r \\circ \\varphi, \\qquad \\varphi(w_0) = 0, \\quad \\psi(f(w_0)) = 0,

with diffeomorphisms phi: W0 -> Wbar0 (parameters) and psi: F0 -> Fbar0 (predictors), and
pi_r(x1, ..., xp) = (x1, ..., xr, 0, ..., 0) in R^n. The models here are *built* that way, so
that every object of the proof is known in closed form: phi and its inverse and Jacobian,
psi, psi^{-1} and the Jacobian and second derivatives of psi^{-1}, the chart domains (boxes,
hence convex) and certified bounds on them:

- ``sigma_psi_inv``, ``lip_psi_inv``, ``lip_dpsi_inv``: inf sigma_min(D psi^{-1}), sup ||D psi^{-1}||
  and sup ||D^2 psi^{-1}|| (as a bilinear map) over Fbar0; the same with suffix ``_r`` over
  Pi_r cap Fbar0, the r-plane in which the proof runs;
- ``lip_phi``: sup ||D phi|| over W0; ``metric_floor``: inf lambda_min of the first r x r block
  of D phi D phi^T over W0 (the metric of the mirror flow, Appendix B, Step 2).

:class:`CircleChart` (p = 2, r = 1, n = 2): the image f(W0) is an arc of a circle through 0.
:class:`SaddleChart` (p = 3, r = 2, n = 3): the image is a saddle surface through 0.
Both have nonlinear phi and psi (D^2 psi^{-1} != 0), rank r < n everywhere, f(w0) = 0.
:func:`chart_models` draws them for hypothesis searches, :func:`random_chart` for numpy screens.

Shapes (:mod:`numeric.stacks`). The maps take points (..., p) or (..., n), leading axes being points; parameters of
shape (B,) (w0: (B, p)) are B charts of one family (:func:`stack_charts`), chart b evaluated at point b of (B, p):
many lazy flows integrate together that way, with Df^T v from :meth:`~_RankChart.vjp`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import cache

import numpy as np
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from numeric.stacks import box, matrices, scaled, vectors

#: Circle chart: the half-width of the angle kappa*s*g1 on Fbar0 (below pi, so psi^{-1} is one-to-one),
#: the half-width of the radial coordinate kappa*s*g2 (the radius factor stays in [1/2, 3/2]), and
#: the half-width of the free parameter coordinate x2 on Wbar0.
THETA_HALF_WIDTH, RADIAL_HALF_WIDTH, FREE_HALF_WIDTH = 2.5, 0.5, 1.0
#: Saddle chart: the half-width of u = s*g on Fbar0 in each coordinate.
SADDLE_HALF_WIDTH = 1.0


@cache
def _projection(n_outputs: int, n_params: int, rank: int) -> np.ndarray:
    """D pi_r (read-only): the identity on the first r coordinates, zero elsewhere."""
    matrix = np.eye(n_outputs, n_params) * (np.arange(n_params) < rank)
    matrix.flags.writeable = False
    return matrix


class _RankChart:
    """What both charts share: pi_r, the model f = psi^{-1} o pi_r o phi, its Jacobian and the domains."""

    n_params: int
    n_outputs: int
    rank: int

    def __post_init__(self):
        """Curvature, speed and phi scale finite and > 0 (for every chart of a stack), w0 with p entries."""
        for name in ("curvature", "speed", "phi_scale"):
            value = getattr(self, name)
            if not np.all(np.isfinite(value) & (np.asarray(value) > 0)):
                raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
        if np.shape(self.w0)[-1:] != (self.n_params,):
            raise ValueError(f"w0 must have {self.n_params} entries, got {self.w0!r}")

    @property
    def initialization(self) -> np.ndarray:
        """w0, where phi(w0) = 0 and f(w0) = 0."""
        return np.array(self.w0, dtype=float)

    def project(self, x) -> np.ndarray:
        """pi_r(x) = (x1, ..., xr, 0, ..., 0) in R^n, for x in R^p."""
        return self.embed(np.asarray(x, dtype=float)[..., : self.rank])

    @property
    def projection_matrix(self) -> np.ndarray:
        """D pi_r, the n x p matrix of pi_r: the identity on the first r coordinates, zero elsewhere (read-only)."""
        return _projection(self.n_outputs, self.n_params, self.rank)

    def embed(self, u) -> np.ndarray:
        """The point (u, 0) of Pi_r in R^n, for u in R^r."""
        u = np.asarray(u, dtype=float)
        return np.concatenate([u, np.zeros(u.shape[:-1] + (self.n_outputs - self.rank,))], axis=-1)

    def __call__(self, w) -> np.ndarray:
        """f(w) = psi^{-1}(pi_r(phi(w)))."""
        return self.psi_inv(self.project(self.phi(w)))

    def jacobian(self, w) -> np.ndarray:
        """Df_w = D psi^{-1} D pi_r D phi (the chain rule; chizat-bach Appendix B, Step 2)."""
        g = self.project(self.phi(w))
        return self.dpsi_inv(g) @ self.projection_matrix @ self.dphi(w)

    def vjp(self, w):
        """(f(w), v -> Df_w^T v): the value and the pullback D phi^T D pi_r^T (D psi^{-1})^T v, without forming Df."""
        g = self.project(self.phi(w))
        dpsi_inv, dphi = self.dpsi_inv(g), self.dphi(w)

        def pullback(v) -> np.ndarray:
            u = np.einsum("...ki,...k->...i", dpsi_inv, v) @ self.projection_matrix  # D pi_r^T (D psi^{-1})^T v
            return np.einsum("...ij,...i->...j", dphi, u)

        return self.psi_inv(g), pullback

    @property
    def g_half_widths(self) -> np.ndarray:
        """Fbar0 = {|g_i| <= h_i}: a box, hence convex."""
        return box(self._g_half_widths())

    @property
    def x_half_widths(self) -> np.ndarray:
        """Wbar0 = {|x_i| <= h_i}; its first r half-widths are those of Fbar0, so pi_r(Wbar0) lies in Fbar0."""
        return box(self._x_half_widths())

    def in_parameter_chart(self, w) -> bool:
        """w in W0 = phi^{-1}(Wbar0)."""
        return bool(np.all(np.abs(self.phi(w)) <= self.x_half_widths))

    def diagram_residual(self, w) -> float:
        """||psi(f(w)) - pi_r(phi(w))|| + ||f(w0)|| + ||phi(w0)|| + ||psi(0)||: 0 when the diagram commutes."""
        w0 = self.initialization
        return float(np.linalg.norm(self.psi(self(w)) - self.project(self.phi(w))) + np.linalg.norm(self(w0))
                     + np.linalg.norm(self.phi(w0)) + np.linalg.norm(self.psi(np.zeros(self.n_outputs))))

    def metric_block(self, w) -> np.ndarray:
        """The first r x r block of D phi D phi^T at w: the metric of the mirror flow g' = -block grad G_alpha."""
        rows = self.dphi(w)[..., : self.rank, :]
        return rows @ np.swapaxes(rows, -1, -2)


@dataclass(frozen=True)
class CircleChart(_RankChart):
    """f(w) = (sin th, 1 - cos th)/kappa with th = kappa s x1, x = phi(w): an arc of radius 1/kappa through 0.

    - phi(w) = t (d1 + beta d2^2, d2), d = w - w0 (t = ``phi_scale``, beta = ``shear``);
    - psi^{-1}(g) = (rho sin th, 1 - rho cos th)/kappa with th = kappa s g1, rho = 1 - kappa s g2: polar
      coordinates around (0, 1/kappa), scaled by the speed s, so D psi^{-1}(0) = s Id;
    - Fbar0 = {|kappa s g1| <= 2.5, |kappa s g2| <= 1/2}, Wbar0 = {|x1| <= 2.5/(kappa s), |x2| <= 1}.

    D psi^{-1} = s [rho u, v] with u = (cos th, sin th), v = (-sin th, cos th) orthonormal, so its singular
    values are s rho and s; D^2 psi^{-1}(a, b) = kappa s^2 (rho a1 b1 v - (a1 b2 + a2 b1) u).
    """

    curvature: float = 1.0
    speed: float = 1.0
    shear: float = 0.5
    phi_scale: float = 1.0
    w0: tuple[float, float] = (0.0, 0.0)
    n_params, n_outputs, rank = 2, 2, 1

    def phi(self, w) -> np.ndarray:
        d = np.asarray(w, dtype=float) - self.initialization
        return scaled(self.phi_scale, vectors(d[..., 0] + self.shear * d[..., 1] ** 2, d[..., 1]), 1)

    def dphi(self, w) -> np.ndarray:
        d = np.asarray(w, dtype=float) - self.initialization
        slope = 2 * self.shear * d[..., 1]
        return scaled(self.phi_scale, matrices({(0, 0): 1.0, (0, 1): slope, (1, 1): 1.0}, (2, 2)), 2)

    def phi_inv(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        d2 = x[..., 1] / self.phi_scale
        return self.initialization + vectors(x[..., 0] / self.phi_scale - self.shear * d2**2, d2)

    def _polar(self, g):
        g = np.asarray(g, dtype=float)
        theta = self.curvature * self.speed * g[..., 0]
        return theta, 1.0 - self.curvature * self.speed * g[..., 1]

    def psi_inv(self, g) -> np.ndarray:
        theta, rho = self._polar(g)
        return scaled(1 / self.curvature, vectors(rho * np.sin(theta), 1.0 - rho * np.cos(theta)), 1)

    def dpsi_inv(self, g) -> np.ndarray:
        theta, rho = self._polar(g)
        c, s = np.cos(theta), np.sin(theta)
        return scaled(self.speed, matrices({(0, 0): rho * c, (0, 1): -s, (1, 0): rho * s, (1, 1): c}, (2, 2)), 2)

    def d2psi_inv(self, g) -> np.ndarray:
        """D^2 psi^{-1}_k(g)[i, j], shape (..., n, n, n) indexed [..., k, i, j]."""
        theta, rho = self._polar(g)
        c, s = np.cos(theta), np.sin(theta)
        scale = self.curvature * self.speed**2
        hessian = np.zeros(np.shape(theta) + (2, 2, 2))
        hessian[..., :, 0, 0] = scaled(scale * rho, vectors(-s, c), 1)
        hessian[..., :, 0, 1] = hessian[..., :, 1, 0] = scaled(-scale, vectors(c, s), 1)
        return hessian

    def psi(self, y) -> np.ndarray:
        z = scaled(self.curvature, np.asarray(y, dtype=float), 1)
        z1, z2 = z[..., 0], 1.0 - z[..., 1]
        polar = vectors(np.arctan2(z1, z2), 1.0 - np.hypot(z1, z2))
        return scaled(1 / (self.curvature * self.speed), polar, 1)

    def _g_half_widths(self):
        scale = self.curvature * self.speed
        return THETA_HALF_WIDTH / scale, RADIAL_HALF_WIDTH / scale

    def _x_half_widths(self):
        return THETA_HALF_WIDTH / (self.curvature * self.speed), FREE_HALF_WIDTH

    @property
    def sigma_psi_inv(self) -> float:
        return self.speed * (1 - RADIAL_HALF_WIDTH)

    @property
    def lip_psi_inv(self) -> float:
        return self.speed * (1 + RADIAL_HALF_WIDTH)

    @property
    def lip_dpsi_inv(self) -> float:
        """kappa s^2 sqrt(rho_max^2 + 1): |a1 b1| <= 1 and |a1 b2 + a2 b1| <= 1 for unit a, b."""
        return self.curvature * self.speed**2 * math.hypot(1 + RADIAL_HALF_WIDTH, 1.0)

    @property
    def sigma_psi_inv_r(self) -> float:
        """On Pi_r (rho = 1) the first column s u has norm s exactly."""
        return self.speed

    @property
    def lip_psi_inv_r(self) -> float:
        return self.speed

    @property
    def lip_dpsi_inv_r(self) -> float:
        """D^2 psi^{-1}(e1, e1) = kappa s^2 v on Pi_r."""
        return self.curvature * self.speed**2

    @property
    def lip_phi(self) -> float:
        """||t [[1, 2 beta d2], [0, 1]]|| <= t + 2 |beta| |x2| with |x2| <= 1 on Wbar0."""
        return self.phi_scale + 2 * abs(self.shear) * FREE_HALF_WIDTH

    @property
    def metric_floor(self) -> float:
        """The first row of D phi is t (1, 2 beta d2): its squared norm is at least t^2."""
        return self.phi_scale**2


@dataclass(frozen=True)
class SaddleChart(_RankChart):
    """f(w) = s (x1, x2, kappa s (x1^2 - x2^2)) with x = phi(w): a saddle surface through 0.

    - phi(w) = t (d1 + beta d3^2, d2 - beta d3^2, d3), d = w - w0;
    - psi^{-1}(g) = (u1, u2, u3 + kappa (u1^2 - u2^2)) with u = s g (a global diffeomorphism);
    - Fbar0 = {|s g_i| <= 1}, Wbar0 = {|x1|, |x2| <= 1/s, |x3| <= 1}.

    D psi^{-1} = s (Id + e3 (2 kappa u1, -2 kappa u2, 0)) and D^2 psi^{-1}_3 = 2 kappa s^2 diag(1, -1, 0).
    """

    curvature: float = 1.0
    speed: float = 1.0
    shear: float = 0.5
    phi_scale: float = 1.0
    w0: tuple[float, float, float] = (0.0, 0.0, 0.0)
    n_params, n_outputs, rank = 3, 3, 2

    def phi(self, w) -> np.ndarray:
        d = np.asarray(w, dtype=float) - self.initialization
        bend = self.shear * d[..., 2] ** 2
        return scaled(self.phi_scale, vectors(d[..., 0] + bend, d[..., 1] - bend, d[..., 2]), 1)

    def dphi(self, w) -> np.ndarray:
        d = np.asarray(w, dtype=float) - self.initialization
        slope = 2 * self.shear * d[..., 2]
        entries = {(0, 0): 1.0, (1, 1): 1.0, (2, 2): 1.0, (0, 2): slope, (1, 2): -slope}
        return scaled(self.phi_scale, matrices(entries, (3, 3)), 2)

    def phi_inv(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        d3 = x[..., 2] / self.phi_scale
        bend = self.shear * d3**2
        coordinates = [x[..., 0] / self.phi_scale - bend, x[..., 1] / self.phi_scale + bend, d3]
        return self.initialization + vectors(*coordinates)

    def psi_inv(self, g) -> np.ndarray:
        u = scaled(self.speed, np.asarray(g, dtype=float), 1)
        return vectors(u[..., 0], u[..., 1], u[..., 2] + self.curvature * (u[..., 0] ** 2 - u[..., 1] ** 2))

    def dpsi_inv(self, g) -> np.ndarray:
        u = scaled(self.speed, np.asarray(g, dtype=float), 1)
        tilt = 2 * self.curvature
        entries = {(0, 0): 1.0, (1, 1): 1.0, (2, 2): 1.0, (2, 0): tilt * u[..., 0], (2, 1): -tilt * u[..., 1]}
        return scaled(self.speed, matrices(entries, (3, 3)), 2)

    def d2psi_inv(self, g) -> np.ndarray:
        """D^2 psi^{-1}_k(g)[i, j], shape (..., n, n, n) indexed [..., k, i, j]."""
        scale = 2 * self.curvature * self.speed**2
        hessian = np.zeros(np.broadcast_shapes(np.shape(g)[:-1], np.shape(scale)) + (3, 3, 3))
        hessian[..., 2, 0, 0], hessian[..., 2, 1, 1] = scale, -scale
        return hessian

    def psi(self, y) -> np.ndarray:
        y = np.asarray(y, dtype=float)
        bent = y[..., 2] - self.curvature * (y[..., 0] ** 2 - y[..., 1] ** 2)
        return scaled(1 / self.speed, vectors(y[..., 0], y[..., 1], bent), 1)

    def _g_half_widths(self):
        return (SADDLE_HALF_WIDTH / self.speed,) * 3

    def _x_half_widths(self):
        return SADDLE_HALF_WIDTH / self.speed, SADDLE_HALF_WIDTH / self.speed, FREE_HALF_WIDTH

    @property
    def _tilt(self) -> float:
        """sup ||(2 kappa u1, -2 kappa u2)|| over Fbar0."""
        return 2 * self.curvature * SADDLE_HALF_WIDTH * math.sqrt(2)

    @property
    def sigma_psi_inv(self) -> float:
        """||(Id + e3 a^T)^{-1}|| = ||Id - e3 a^T|| <= 1 + ||a||."""
        return self.speed / (1 + self._tilt)

    @property
    def lip_psi_inv(self) -> float:
        return self.speed * (1 + self._tilt)

    @property
    def lip_dpsi_inv(self) -> float:
        """|a1 b1 - a2 b2| <= 1 for unit a, b."""
        return 2 * self.curvature * self.speed**2

    @property
    def sigma_psi_inv_r(self) -> float:
        """On Pi_r the first two columns give s^2 (Id + a a^T) >= s^2 Id."""
        return self.speed

    @property
    def lip_psi_inv_r(self) -> float:
        return self.speed * math.sqrt(1 + self._tilt**2)

    @property
    def lip_dpsi_inv_r(self) -> float:
        return 2 * self.curvature * self.speed**2

    @property
    def lip_phi(self) -> float:
        """||t (Id + N)|| with ||N|| = sqrt(2) |2 beta d3| and |t d3| <= 1 on Wbar0."""
        return self.phi_scale + 2 * math.sqrt(2) * abs(self.shear) * FREE_HALF_WIDTH

    @property
    def metric_floor(self) -> float:
        """The first two rows of D phi give t^2 (Id + c^2 [[1, -1], [-1, 1]]) >= t^2 Id."""
        return self.phi_scale**2


CHARTS = {"circle": CircleChart, "saddle": SaddleChart}
#: The ranges of :func:`chart_models` (w0 is drawn in [-1, 1]^p).
PARAMETER_RANGES = {"curvature": (0.3, 1.5), "speed": (0.7, 1.5), "shear": (-1.0, 1.0), "phi_scale": (0.7, 1.5)}


def between(lo: float, hi: float):
    """Floats in [lo, hi] shrinking towards lo (hypothesis alone would shrink towards integers)."""
    return st.floats(0.0, 1.0).map(lambda fraction: lo + fraction * (hi - lo))


def _checked_families(families) -> tuple[str, ...]:
    families = tuple(families)
    if not families or not set(families) <= set(CHARTS):
        raise InvalidArgument(f"families must be a non-empty subset of {tuple(CHARTS)}, got {families!r}")
    return families


def chart_models(*, families=tuple(CHARTS)):
    """Circle and saddle charts: curvature [0.3, 1.5], speed [0.7, 1.5], shear [-1, 1], phi scale [0.7, 1.5],
    w0 in [-1, 1]^p. Shrinks towards the first family, curvature 0.3, speed 0.7, shear -1, phi scale 0.7."""
    return _chart_models(_checked_families(families))


@st.composite
def _chart_models(draw, families):
    kind = CHARTS[draw(st.sampled_from(families))]
    w0 = tuple(draw(st.lists(between(-1.0, 1.0), min_size=kind.n_params, max_size=kind.n_params)))
    return kind(**{name: draw(between(*bounds)) for name, bounds in PARAMETER_RANGES.items()}, w0=w0)


def random_chart(rng: np.random.Generator, *, families=tuple(CHARTS)) -> CircleChart | SaddleChart:
    """A chart as :func:`chart_models` draws it, with a numpy generator (for screens): the family with even odds,
    w0 uniform in [-1, 1]^p, each parameter uniform in its PARAMETER_RANGES (Python floats, so the repr replays)."""
    kind = CHARTS[str(rng.choice(_checked_families(families)))]
    w0 = tuple(float(v) for v in rng.uniform(-1.0, 1.0, kind.n_params))
    return kind(**{name: float(rng.uniform(*bounds)) for name, bounds in PARAMETER_RANGES.items()}, w0=w0)


def stack_charts(charts) -> CircleChart | SaddleChart:
    """B charts of one family as one chart whose parameters are arrays of shape (B,) (w0: (B, p)): its maps take
    points of shape (B, p) and evaluate chart b at point b, with the same formulas (for batched flows)."""
    kind, *others = {type(chart) for chart in charts}
    if others:
        raise ValueError(f"stacked charts must be of one family, got {sorted(k.__name__ for k in (kind, *others))}")
    return kind(**{field.name: np.array([getattr(chart, field.name) for chart in charts], dtype=float)
                   for field in fields(kind)})
