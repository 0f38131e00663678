"""chizat-bach Appendix B (proof of Theorem 3.4) measured on rank-theorem charts.

A :class:`Case` is a chart model f = psi^{-1} o pi_r o phi (:mod:`numeric.charts`), a loss R and a scale
alpha; every case drawn satisfies Theorem 3.4's hypotheses (:func:`hypotheses`). Measured, in closed form
(sigma, L1, L2: the chart's bounds on D psi^{-1}, D^2 psi^{-1} on Pi_r cap Fbar0; lam: its metric floor):

1. G_alpha(g) = R(alpha psi^{-1}(g))/alpha^2, its gradient and the two terms of its Hessian (Step 1);
2. :class:`LocalConstants`: on the ball ||g|| <= rho0 of Pi_r, the modulus m and smoothness M_G of G_alpha
   and an explicit alpha0 above which g*, g(t) and w(t) stay in the charts (the corrected Steps 1-3);
3. the minimizer g* of G_alpha on Pi_r (the lazy flow w(t) and its mirror g(t), Steps 2-3, are in
   :mod:`proofs_check.studies.appendix_b_flows`);
4. the ratios of the chain's pointwise analytic steps (each <= 1 when the step's claim holds);
5. numpy samplers of the strategies' instance spaces (:func:`random_case`, :func:`random_fractions`), for screens.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from numeric.charts import CircleChart, SaddleChart, between, chart_models, random_chart
from numeric.losses import StronglyConvexQuadratic
from numeric.samplers import strongly_convex_loss
from numeric.strategies import strongly_convex_losses

#: Newton's method on grad G_alpha = 0 stops after NEWTON_STEPS steps or a relative step below NEWTON_TOL.
NEWTON_STEPS, NEWTON_TOL = 30, 1e-14
#: Suboptimalities below this fraction of their start, or of (1 + R(0))/alpha^2 (the scale of G_alpha near 0,
#: whose log-cosh terms round at 1e-16 absolute), are rounding, not evidence.
SIGNIFICANCE = 1e-9
#: Grid points on the line Pi_r (r = 1), or per axis of the plane Pi_r (r = 2).
GRID_POINTS = {1: 101, 2: 11}
#: Gauss-Legendre nodes for G_alpha(0) - G_alpha(g*) = -int_0^1 <grad G_alpha(s g*), g*> ds, and the points of
#: [0, g*] on which the modulus of G_alpha is taken.
QUADRATURE_NODES, SEGMENT_POINTS = 8, 11


@dataclass(frozen=True, eq=False)
class Case:
    """A chart model, a loss R and a scale alpha; equal (and hashed) by their repr, so flows cache per case."""

    chart: CircleChart | SaddleChart
    loss: object
    alpha: float

    def __repr__(self) -> str:
        return f"Case({self.chart!r}, {self.loss!r}, alpha={self.alpha!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Case) and repr(self) == repr(other)

    def __hash__(self) -> int:
        return hash(repr(self))


def hypotheses(case: Case, samples: int = 20) -> dict[str, bool]:
    """Theorem 3.4's hypotheses: f(w0) = 0, rank Df_w = r < n at sampled w in W0, 0 < mu <= nu, R >= 0."""
    chart, loss = case.chart, case.loss
    rng = np.random.default_rng(0)
    points = [chart.phi_inv(chart.x_half_widths * rng.uniform(-1, 1, chart.n_params)) for _ in range(samples)]
    ranks = {int(np.linalg.matrix_rank(chart.jacobian(w), tol=1e-9)) for w in [chart.initialization, *points]}
    predictors = case.alpha * np.array([chart(w) for w in points])
    return {"f(w0) = 0": bool(np.allclose(chart(chart.initialization), 0.0, atol=1e-14)),
            "rank Df = r < n on W0": ranks == {chart.rank} and chart.rank < chart.n_outputs,
            "0 < mu <= nu": bool(0 < loss.mu <= loss.nu), "R >= 0": bool(np.all(loss.value(predictors) >= 0))}


# Step 1: G_alpha, its gradient and Hessian -------------------------------------------------------

def objective(case: Case, g):
    """G_alpha(g) = R(alpha psi^{-1}(g)) / alpha^2: a float at one point g, an array at points g of shape (..., n)."""
    value = case.loss.value(case.alpha * case.chart.psi_inv(g)) / case.alpha**2
    return float(value) if np.ndim(value) == 0 else value


def objective_gradient(case: Case, g) -> np.ndarray:
    """grad G_alpha(g) = (1/alpha) (D psi^{-1}_g)^T grad R(alpha psi^{-1}(g)), chizat-bach Appendix B, Step 1
    (at points g of shape (..., n))."""
    pushed = case.loss.grad(case.alpha * case.chart.psi_inv(g))
    return np.einsum("...ki,...k->...i", case.chart.dpsi_inv(g), pushed) / case.alpha


def hessian_terms(case: Case, g) -> tuple[np.ndarray, np.ndarray]:
    """The two terms of D^2 G_alpha(g) (Appendix B, Step 1): (D psi^{-1})^T grad^2 R D psi^{-1} and
    (1/alpha) sum_k d_k R(alpha psi^{-1}(g)) D^2 psi^{-1}_k, at points g of shape (..., n). (Far from y*, cosh
    overflows in the log-cosh Hessian and sech^2 = 0 there, exactly.)"""
    jacobian, prediction = case.chart.dpsi_inv(g), case.alpha * case.chart.psi_inv(g)
    with np.errstate(over="ignore"):
        first = np.swapaxes(jacobian, -1, -2) @ case.loss.hessian(prediction) @ jacobian
    second = np.einsum("...k,...kij->...ij", case.loss.grad(prediction), case.chart.d2psi_inv(g)) / case.alpha
    return first, second


def rounding_floor(case: Case) -> float:
    """Differences of G_alpha below this are rounding: SIGNIFICANCE (1 + R(0)) / alpha^2."""
    return SIGNIFICANCE * (1 + float(case.loss.value(np.zeros(case.chart.n_outputs)))) / case.alpha**2


def restricted_hessian(case: Case, g) -> np.ndarray:
    """D^2 G_alpha(g) on Pi_r (the block of the first r coordinates), at points g of shape (..., n)."""
    first, second = hessian_terms(case, g)
    return (first + second)[..., : case.chart.rank, : case.chart.rank]


def smallest_eigenvalue(matrix: np.ndarray) -> float:
    return float(np.linalg.eigvalsh(matrix)[0])


def operator_norm(matrix: np.ndarray) -> float:
    """||A|| of a symmetric matrix."""
    return float(np.abs(np.linalg.eigvalsh(matrix)).max())


@dataclass(frozen=True)
class LocalConstants:
    """On the ball ||g|| <= radius of Pi_r, for alpha >= alpha_zero: m <= D^2 G_alpha <= M_G (corrected Step 1).

    ``rate`` = m lam is C2 of Step 2 and ``c1`` = (M_G/m)^{1/2} is C1 (Lemma 3.3); ||g*|| <= g_star_scale/alpha.
    """

    modulus: float
    smoothness: float
    radius: float
    metric_floor: float
    g_star_scale: float
    alpha_zero: float

    @property
    def rate(self) -> float:
        return self.modulus * self.metric_floor

    @property
    def c1(self) -> float:
        return math.sqrt(self.smoothness / self.modulus)


def local_constants(chart, loss) -> LocalConstants:
    """The constants of the corrected proof; alpha0 is the largest of

    - alpha_conv = 4 L2 ||grad R(0)|| / (mu sigma^2): on the ball the second Hessian term, at most
      L2 (||grad R(0)||/alpha + nu L1 ||g||), is at most m, so m <= D^2 G_alpha <= M_G;
    - alpha_ball = (1 + c1) g_star_scale / rho0, g_star_scale = 2 L1 ||grad R(0)|| / m: g* and the sublevel set
      {G_alpha <= G_alpha(0)} near it lie in the ball;
    - alpha_W = L_phi^2 M_G c1 g_star_scale / (m lam h_min): phi(w(t)) stays in Wbar0 (Step 3).
    """
    sigma, lip, curvature = chart.sigma_psi_inv_r, chart.lip_psi_inv_r, chart.lip_dpsi_inv_r
    modulus = loss.mu * sigma**2 / 2
    smoothness = loss.nu * lip**2 + modulus
    radius = min(loss.mu * sigma**2 / (4 * loss.nu * lip * curvature), *chart.g_half_widths[: chart.rank])
    grad_r0 = float(np.linalg.norm(loss.grad(np.zeros(chart.n_outputs))))
    g_star_scale, c1 = 2 * lip * grad_r0 / modulus, math.sqrt(smoothness / modulus)
    alpha_conv = 4 * curvature * grad_r0 / (loss.mu * sigma**2)
    alpha_ball = (1 + c1) * g_star_scale / radius
    alpha_w = (chart.lip_phi**2 * smoothness * c1 * g_star_scale
               / (modulus * chart.metric_floor * chart.x_half_widths.min()))
    return LocalConstants(modulus, smoothness, radius, chart.metric_floor, g_star_scale,
                          float(max(1.0, alpha_conv, alpha_ball, alpha_w)))


def minimizer(case: Case) -> np.ndarray:
    """g*, the minimizer of G_alpha on Pi_r near 0, by Newton's method from g(0) = 0 (read-only)."""
    rank, u = case.chart.rank, np.zeros(case.chart.rank)
    for _ in range(NEWTON_STEPS):
        g = case.chart.embed(u)
        step = np.linalg.solve(restricted_hessian(case, g), objective_gradient(case, g)[:rank])
        u = u - step
        if np.linalg.norm(step) <= NEWTON_TOL * (1 + np.linalg.norm(u)):
            break
    g_star = case.chart.embed(u)
    g_star.flags.writeable = False
    return g_star


def plane_grid(case: Case, radius: float | None = None) -> np.ndarray:
    """Grid points of Pi_r cap Fbar0 (the text's domain), or of the ball ||g|| <= radius of Pi_r; shape (N, n)."""
    rank = case.chart.rank
    half_widths = case.chart.g_half_widths[:rank] if radius is None else np.full(rank, radius)
    axes = [np.linspace(-h, h, GRID_POINTS[rank]) for h in half_widths]
    plane = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, rank)
    plane = plane if radius is None else plane[np.linalg.norm(plane, axis=1) <= radius]
    return np.hstack([plane, np.zeros((len(plane), case.chart.n_outputs - rank))])


# Step 1: the ratios ------------------------------------------------------------------------------

def first_term_ratio(case: Case, g) -> float:
    """max(mu sigma^2/lambda_min, lambda_max/(nu L1^2)) of the first Hessian term at g in Fbar0 (full-domain bounds):
    at most 1 when its eigenvalues lie in [mu sigma^2, nu L1^2] (Appendix B, Step 1: 'in [C^{-1}, C]')."""
    eigenvalues, chart = np.linalg.eigvalsh(hessian_terms(case, g)[0]), case.chart
    return float(max(case.loss.mu * chart.sigma_psi_inv**2 / eigenvalues[0],
                     eigenvalues[-1] / (case.loss.nu * chart.lip_psi_inv**2)))


def second_term_bound_ratio(case: Case, g) -> float:
    """||second term|| / (L2 (||grad R(0)||/alpha + nu L1 ||g||)) at g in Fbar0 (full-domain bounds): the bound
    that replaces 'goes to 0 as alpha increases' (Appendix B, Step 1)."""
    chart, loss = case.chart, case.loss
    grad_r0 = np.linalg.norm(loss.grad(np.zeros(chart.n_outputs)))
    norm = operator_norm(hessian_terms(case, g)[1])
    bound = chart.lip_dpsi_inv * (grad_r0 / case.alpha + loss.nu * chart.lip_psi_inv * np.linalg.norm(g))
    return 0.0 if norm == 0 else float(norm / bound)


def convexity_ratio(case: Case, g) -> float:
    """m / lambda_min(D^2 G_alpha(g)) on Pi_r, m = mu sigma^2/2 (inf when lambda_min <= 0): at most 1 where G_alpha
    is m-strongly convex (Appendix B, Step 1)."""
    smallest = smallest_eigenvalue(restricted_hessian(case, g))
    return local_constants(case.chart, case.loss).modulus / smallest if smallest > 0 else math.inf


@lru_cache(maxsize=None)
def _gauss_legendre(count: int) -> tuple[np.ndarray, np.ndarray]:
    """The Gauss-Legendre nodes and weights on [-1, 1], read-only (computed once: 170 us each time otherwise)."""
    nodes, weights = np.polynomial.legendre.leggauss(count)
    nodes.flags.writeable = weights.flags.writeable = False
    return nodes, weights


def minimizer_ratio(case: Case, modulus: str) -> float:
    """||g*||^2 / ((2/c)(G_alpha(0) - G_alpha(g*))) (Appendix B, Step 1, display), c = mu (``"mu"``, the text) or
    the least eigenvalue of D^2 G_alpha on [0, g*] (``"G"``). The decrease is -int_0^1 <grad G_alpha(s g*), g*> ds
    (Gauss-Legendre): accurate even for a tiny g*; both sides scale like ||g*||^2, so g*/||g*|| is used."""
    g_star = minimizer(case)
    norm = float(np.linalg.norm(g_star))
    if norm == 0:
        return 0.0
    nodes, weights = _gauss_legendre(QUADRATURE_NODES)
    slope = weights / 2 @ (objective_gradient(case, np.outer((1 + nodes) / 2, g_star)) @ (-g_star / norm))
    segment = np.outer(np.linspace(0, 1, SEGMENT_POINTS), g_star)
    c = case.loss.mu if modulus == "mu" else np.linalg.eigvalsh(restricted_hessian(case, segment))[:, 0].min()
    return float(norm / (2 / c * slope))


def interior_ratio(case: Case) -> float:
    """||g*|| / rho0, or inf when a grid point of the ball ||g|| <= rho0 has G_alpha below G_alpha(g*) (beyond
    :func:`rounding_floor`): g* interior to the ball and its minimizer there (Appendix B, Step 1)."""
    constants, g_star = local_constants(case.chart, case.loss), minimizer(case)
    floor = objective(case, g_star) - rounding_floor(case)
    if objective(case, plane_grid(case, constants.radius)).min() < floor:
        return math.inf
    return float(np.linalg.norm(g_star) / constants.radius)


# Step 3: the gradient bound ----------------------------------------------------------------------

def gradient_bound_ratio(case: Case, g) -> float:
    """||grad G_alpha(g)|| / (M_G ||g - g*||) on Pi_r (grad G_alpha read on Pi_r: its first r coordinates): the
    bound Lipschitz smoothness gives (Appendix B, Step 3, corrected)."""
    gap = np.linalg.norm(g - minimizer(case))
    gradient = np.linalg.norm(objective_gradient(case, g)[: case.chart.rank])
    return 0.0 if gap == 0 else float(gradient / (local_constants(case.chart, case.loss).smoothness * gap))


def limit_rate(chart, loss) -> float:
    """The rate as alpha -> oo for a quadratic R = (y - y*)^T H (y - y*)/2: lambda_min(Sigma(w0) J_r^T H J_r)."""
    jacobian = chart.dpsi_inv(np.zeros(chart.n_outputs))[:, : chart.rank]
    product = chart.metric_block(chart.initialization) @ jacobian.T @ loss.H @ jacobian
    return float(np.min(np.linalg.eigvals(product).real))


# The fixed case of the O(.) measurements ----------------------------------------------------------

#: The unit circle through 0 (p = 2, r = 1, n = 2) and R(y) = ||y - y*||^2/2.
FIXED_CHART = CircleChart(curvature=1.0, speed=1.0, shear=0.5, phi_scale=1.0, w0=(0.0, 0.0))
FIXED_TARGET = (0.3, 0.2)
#: The alphas of the O(.) measurements are ALPHA_FACTORS times the fixed case's alpha0.
ALPHA_FACTORS = (1.0, 3.0, 10.0, 30.0, 100.0)


@lru_cache(maxsize=1)
def fixed_loss() -> StronglyConvexQuadratic:
    return StronglyConvexQuadratic(np.eye(2), np.array(FIXED_TARGET))


def fixed_case(alpha: float) -> Case:
    return Case(FIXED_CHART, fixed_loss(), float(alpha))


def fixed_alphas() -> tuple[float, ...]:
    """ALPHA_FACTORS times alpha0 of the fixed case."""
    return tuple(f * local_constants(FIXED_CHART, fixed_loss()).alpha_zero for f in ALPHA_FACTORS)


def second_term_sup(alpha: float) -> float:
    """sup over Pi_r cap Fbar0 of ||(1/alpha) D^2 psi^{-1}(.,.)^T grad R(alpha psi^{-1}(g))|| on Pi_r, fixed case."""
    case = fixed_case(alpha)
    return max(abs(hessian_terms(case, g)[1][0, 0]) for g in plane_grid(case))


def gradient_at_start(alpha: float) -> float:
    """||grad G_alpha(g(0))|| / ||g(0) - g*|| at g(0) = 0, on Pi_r, fixed case."""
    case = fixed_case(alpha)
    return float(abs(objective_gradient(case, np.zeros(2))[0]) / np.linalg.norm(minimizer(case)))


# Instances ---------------------------------------------------------------------------------------

def cases(*, families=("circle", "saddle"), max_alpha_factor: float = 100.0):
    """Cases with losses of condition number <= 4, mu in [0.5, 5], ||y*||_inf <= 2 (quadratic and log-cosh),
    and alpha = alpha0 10^u, u in [0, log10 max_alpha_factor]; every case satisfies :func:`hypotheses`.
    Shrinks towards the shrink targets of the charts and losses, and alpha = alpha0."""
    if not max_alpha_factor >= 1:
        raise InvalidArgument(f"max_alpha_factor must be >= 1, got {max_alpha_factor!r}")
    return _cases(chart_models(families=families), max_alpha_factor)


#: The losses of the cases: mu in [0.5, 5] (min_mu 0.5), condition number <= 4.
CASE_LOSSES = {"min_mu": 0.5, "max_kappa": 4.0}


@st.composite
def _cases(draw, charts, max_alpha_factor):
    chart = draw(charts)
    loss = draw(strongly_convex_losses(min_dim=chart.n_outputs, max_dim=chart.n_outputs, **CASE_LOSSES))
    alpha_zero = local_constants(chart, loss).alpha_zero
    return Case(chart, loss, alpha_zero * 10 ** draw(between(0.0, math.log10(max_alpha_factor))))


def random_case(rng: np.random.Generator, *, families=("circle", "saddle"), max_alpha_factor: float = 100.0) -> Case:
    """A case as :func:`cases` draws it, with a numpy generator (for screens): :func:`numeric.charts.random_chart`,
    :func:`numeric.samplers.strongly_convex_loss` on its n outputs, alpha = alpha0 10^u with u uniform in
    [0, log10 max_alpha_factor]."""
    if not max_alpha_factor >= 1:
        raise InvalidArgument(f"max_alpha_factor must be >= 1, got {max_alpha_factor!r}")
    chart = random_chart(rng, families=families)
    loss = strongly_convex_loss(rng, min_dim=chart.n_outputs, max_dim=chart.n_outputs, **CASE_LOSSES)
    alpha_zero = local_constants(chart, loss).alpha_zero
    return Case(chart, loss, float(alpha_zero * 10 ** rng.uniform(0.0, math.log10(max_alpha_factor))))


def fractions(size: int = 3):
    """``size`` floats in [-1, 1], shrinking towards -1 (coordinates of a point, in units of a domain's size)."""
    return st.lists(between(-1.0, 1.0), min_size=size, max_size=size).map(tuple)


def random_fractions(rng: np.random.Generator, size: int = 3) -> tuple[float, ...]:
    """``size`` floats uniform in [-1, 1], as :func:`fractions` draws them (for screens)."""
    return tuple(float(v) for v in rng.uniform(-1.0, 1.0, size))


def plane_point(case: Case, fractions, radius: float | None = None) -> np.ndarray:
    """A point of Pi_r cap Fbar0 (fractions of its half-widths), or of the ball ||g|| <= radius (clipped to it)."""
    rank = case.chart.rank
    if radius is None:
        return case.chart.embed(np.asarray(fractions[:rank]) * case.chart.g_half_widths[:rank])
    u = np.asarray(fractions[:rank]) * radius
    return case.chart.embed(u * min(1.0, radius / max(np.linalg.norm(u), 1e-300)))


def chart_point(case: Case, fractions) -> np.ndarray:
    """A point of Fbar0 (all n coordinates): fractions in [-1, 1]^n of its half-widths."""
    return np.asarray(fractions[: case.chart.n_outputs], dtype=float) * case.chart.g_half_widths
