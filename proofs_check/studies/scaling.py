"""chizat-bach Section 4: criterion (7) and the scaling statements, measured on two-layer networks.

Criterion (7): lazy training occurs when ||T_f(w*) - f(w0)|| << ||Df_w0||^2 / L_Df. With the
quadratic loss on n points and the tangent model's interpolating solution, T_f(w*) = y, so the
criterion's ratio is (||Df(w0)||^2 / L_Df) / ||y - f(w0)||. L_Df is taken as the local
Lipschitz constant of Df at w0, sqrt(sum_i ||D^2 f_i(w0)||^2) (numeric.networks), which is
exact for the two-layer network's block structure.
"""

from __future__ import annotations

import numpy as np

from numeric.losses import StronglyConvexQuadratic
from numeric.networks import TwoLayerNetwork, doubled_parameters, hessian_norm_bound
from numeric.parameter_flows import lazy_flow
from numeric.sparse import DiagonalNetwork, sparse_problem
from proofs_check.results import CheckResult, fit_slope, ranges_of
from proofs_check.settings import RunConfig
from proofs_check.studies.sweeps import grid, span
from symbolic import formula

N_POINTS, DIM = 20, 5
TAUS = (0.25, 0.5, 1.0, 2.0, 4.0)
SLOPE_TOLERANCE = 0.1


def _data(rng):
    inputs = rng.standard_normal((N_POINTS, DIM))
    inputs /= np.linalg.norm(inputs, axis=1, keepdims=True)
    return inputs, rng.standard_normal(N_POINTS)


def criterion_ratio(model: TwoLayerNetwork, w0, targets, lipschitz: float) -> float:
    """(||Df(w0)||^2 / L_Df) / ||y - f(w0)||: large means lazy (chizat-bach (7))."""
    return float(np.linalg.norm(model.jacobian(w0), 2) ** 2 / lipschitz / np.linalg.norm(targets - model(w0)))


def tangent_displacement(model: TwoLayerNetwork, w0, targets) -> float:
    """||w* - w0|| / ||w0|| for the tangent model's minimum-norm interpolating solution."""
    step = np.linalg.lstsq(model.jacobian(w0), targets - model(w0), rcond=None)[0]
    return float(np.linalg.norm(step) / np.linalg.norm(w0))


def _rademacher_doubled(rng, width: int, tau: float) -> np.ndarray:
    """Doubled parameters with a ~ N(0, tau^2/d) and output weights +-tau (so max |b_j| does not grow with m)."""
    w = doubled_parameters(rng, width, DIM, tau / np.sqrt(DIM))
    a, b = TwoLayerNetwork.unpack(TwoLayerNetwork(np.zeros((1, DIM)), width), w)
    return TwoLayerNetwork.pack(a, tau * np.sign(b))


def width_study(scaling: str, seed: int, widths: tuple) -> dict:
    """The ratio of (7) over ``widths`` for alpha(m) = 1/sqrt(m) ("sqrt") or 1/m ("mean"); its log-log slope."""
    rng = np.random.default_rng(seed)
    inputs, targets = _data(rng)
    ratios = []
    for width in widths:
        model = TwoLayerNetwork(inputs, width, "tanh", scaling)
        w0 = _rademacher_doubled(rng, width, 1.0)
        ratios.append(criterion_ratio(model, w0, targets, hessian_norm_bound(model, w0)))
    return {"widths": list(widths), "ratios": ratios, "slope": fit_slope("ratio of (7)", "m", widths, ratios)}


def initialization_study(seed: int) -> dict:
    """The ratio of (7) and the tangent solution's relative displacement over TAUS (tanh, scaling 1)."""
    rng = np.random.default_rng(seed)
    inputs, targets = _data(rng)
    model = TwoLayerNetwork(inputs, 200, "tanh", "one")
    base = _rademacher_doubled(rng, 200, 1.0)
    ratios, displacements = [], []
    for tau in TAUS:
        w0 = tau * base
        ratios.append(criterion_ratio(model, w0, targets, hessian_norm_bound(model, w0)))
        displacements.append(tangent_displacement(model, w0, targets))
    return {"taus": list(TAUS), "ratios": ratios, "displacements": displacements}


def homogeneity_study(seed: int, scales=(0.5, 2.0, 4.0)) -> dict:
    """On the 2-homogeneous ReLU network (scaling 1), the ratio of (7) at lam*w0 over the one at w0.

    L_Df of a ReLU network is estimated by difference quotients of Df over pairs of points
    near w0 (the same pairs, scaled by lam, at lam*w0); the expected factor lam^q is
    lambdified from the derivation ``criterion_homogeneity`` with q = 2.
    """
    rng = np.random.default_rng(seed)
    inputs, targets = _data(rng)
    model = TwoLayerNetwork(inputs, 50, "relu", "one")
    w0 = doubled_parameters(rng, 50, DIM, 1.0)
    pairs = [(w0 + 0.05 * rng.standard_normal(w0.size), w0 + 0.05 * rng.standard_normal(w0.size)) for _ in range(40)]

    def ratio(lam: float) -> float:
        quotients = [np.linalg.norm(model.jacobian(lam * u) - model.jacobian(lam * v), 2) / np.linalg.norm(lam * (u - v))
                     for u, v in pairs]
        return criterion_ratio(model, lam * w0, targets, max(quotients))

    expected = formula("criterion_homogeneity", "lam q")
    measured = [ratio(s) / ratio(1.0) for s in scales]
    return {"scales": list(scales), "measured": measured, "expected": [float(expected(s, 2.0)) for s in scales]}


def width_claim(config: RunConfig, scaling: str, expected_slope: float) -> CheckResult:
    """The ratio of (7) grows like m^expected_slope (m alpha(m): 1/2 for 1/sqrt(m), 0 for 1/m)."""
    seed, widths = config.study_seed(0), grid("scaling-widths", config.depth)
    data = width_study(scaling, seed, widths)
    slope = data["slope"]
    ok = abs(slope.value - expected_slope) <= SLOPE_TOLERANCE
    table = ", ".join(f"m={m}: {r:.3g}" for m, r in zip(data["widths"], data["ratios"]))
    detail = (f"ratio of (7) for alpha(m) = {'1/sqrt(m)' if scaling == 'sqrt' else '1/m'}: {table}; log-log slope "
              f"{slope.value:+.3f} (expected {expected_slope:+.1f} +- {SLOPE_TOLERANCE})")
    return CheckResult("measured", ok, detail, ref=f"widths, alpha(m) scaling {scaling}", slopes=(slope,),
                       searched=len(widths), ranges=ranges_of({"m": span(widths), "seed": seed}))


def criterion_claim(config: RunConfig) -> CheckResult:
    """Criterion (7) predicts laziness: as its ratio grows, the tangent solution moves relatively less."""
    seed = config.study_seed(0)
    data = initialization_study(seed)
    order = np.argsort(data["ratios"])
    displacements = np.asarray(data["displacements"])[order]
    ok = bool(np.all(np.diff(displacements) < 0))
    table = ", ".join(f"tau={t:g}: ratio {r:.3g}, ||w* - w0||/||w0|| {d:.3g}"
                      for t, r, d in zip(data["taus"], data["ratios"], data["displacements"]))
    return CheckResult("measured", ok, f"tanh network, m = 200: {table}", ref="criterion (7) over tau",
                       searched=len(TAUS), ranges=ranges_of({"tau": span(TAUS), "seed": seed}))


#: The measured factor must equal lam^q to this relative tolerance (float64 rounding of the norms).
HOMOGENEITY_RTOL = 1e-9


def homogeneity_claim(config: RunConfig) -> CheckResult:
    """Scaling the 2-homogeneous ReLU network's initialization by lam multiplies the ratio of (7) by lam^2."""
    seed = config.study_seed(0)
    data = homogeneity_study(seed)
    ok = bool(np.allclose(data["measured"], data["expected"], rtol=HOMOGENEITY_RTOL))
    detail = (f"2-homogeneous ReLU network: ratio(lam w0)/ratio(w0) = {[round(v, 12) for v in data['measured']]} for "
              f"lam = {data['scales']}; lam^q with q = 2: {data['expected']}")
    return CheckResult("numeric", ok, detail, ref="ReLU network, scaled initializations", searched=len(data["scales"]),
                       ranges=ranges_of({"lam": data["scales"], "seed": seed}))


#: Agreement required between the two flows after the time change, relative to ||alpha^(1/q) w0||: the
#: integrator runs at rtol 1e-10 (observed gaps below 1e-12).
TIME_CHANGE_RTOL = 1e-7


def time_change_study(alphas: tuple, factor=None, seed: int = 0) -> dict:
    """smith Section 2 on the 2-homogeneous diagonal network h(u, v) = X(u*u - v*v) (smith Section 4).

    w is the lazy flow of F_alpha(w) = R(alpha h(w))/alpha^2 from w0; vtilde is the flow of
    G_alpha(v) = R(h(v))/alpha^2 from alpha^(1/q) w0, computed as vtilde(s) = u(s/alpha^2) with u the
    flow of R(h(u)) (alpha = 1). The time factor c is lambdified from the derivation
    ``homogeneous_time_change`` (q = 2), or given as ``factor`` (c = 1: the equal-time reading).
    Returns the largest gap over t in [0, 2], relative to ||alpha^(1/q) w0||, for each alpha.
    (A ReLU network is 2-homogeneous too, but its flow slides along kinks, where no integrator is accurate.)
    """
    rng = np.random.default_rng(seed)
    inputs, targets, _ = sparse_problem(rng, n=10, d=20)
    model = DiagonalNetwork(inputs / np.sqrt(inputs.shape[1]))
    w0 = np.abs(rng.standard_normal(model.n_params))
    loss = StronglyConvexQuadratic(np.eye(len(targets)), targets)
    degree = 2.0
    derived = formula("homogeneous_time_change", "alpha q")
    ts = np.linspace(0.0, 2.0, 41)
    gaps = []
    for value in alphas:
        c = float(derived(value, degree)) if factor is None else factor
        w = lazy_flow(model, loss, w0, value, ts).y
        start = value ** (1 / degree) * w0
        v_tilde = lazy_flow(model, loss, start, 1.0, c * ts / value**2).y
        gaps.append(float(np.linalg.norm(value ** (1 / degree) * w - v_tilde, axis=1).max() / np.linalg.norm(start)))
    return {"alphas": list(alphas), "gaps": gaps}


def time_change_claim(config: RunConfig, factor=None) -> CheckResult:
    """The paths coincide after w -> alpha^(1/q) w and t -> c t with the derived c = alpha^(2/q).

    ``factor=1.0`` is smith's sentence read at equal times, a falsified variant: the gap is then of order 1.
    """
    seed, alphas = config.study_seed(0), grid("time-change-alphas", config.depth)
    data = time_change_study(alphas, factor, seed)
    worst = max(data["gaps"])
    reading = "c = alpha^(2/q) (derived)" if factor is None else f"c = {factor:g}"
    table = ", ".join(f"{a:g}: {g:.1e}" for a, g in zip(data["alphas"], data["gaps"]))
    detail = (f"2-homogeneous diagonal network, {reading}: sup_t ||alpha^(1/2) w(t) - vtilde(c t)|| / "
              f"||alpha^(1/2) w0|| by alpha {table} (must be <= {TIME_CHANGE_RTOL:g})")
    return CheckResult("numeric", worst <= TIME_CHANGE_RTOL, detail, ref=f"diagonal network, {reading}",
                       observed=worst, bound=TIME_CHANGE_RTOL, ratio=worst / TIME_CHANGE_RTOL, searched=len(alphas),
                       ranges=ranges_of({"alpha": span(alphas), "t": "[0, 2]", "seed": seed}))


#: "The flows differ at equal times": the equal-time gap must be at least this (relative to ||alpha^(1/q) w0||),
#: ten thousand times the tolerance within which the time-changed paths agree.
EQUAL_TIME_GAP = 1e4 * TIME_CHANGE_RTOL


def equal_times_claim(config: RunConfig, factor: float | None = 1.0) -> CheckResult:
    """lazycheck: for alpha > 1 the two flows of smith Section 2 are not equal at equal times (c = 1).

    Passes when every alpha of the grid gives an equal-time gap of at least EQUAL_TIME_GAP; ``factor=None``
    (the derived time change) is the falsified variant, under which the gap vanishes and the claim fails.
    """
    seed, alphas = config.study_seed(0), grid("time-change-alphas", config.depth)
    data = time_change_study(alphas, factor, seed)
    least = min(data["gaps"])
    table = ", ".join(f"{a:g}: {g:.2g}" for a, g in zip(data["alphas"], data["gaps"]))
    reading = "c = alpha^(2/q) (derived)" if factor is None else f"c = {factor:g}"
    detail = (f"2-homogeneous diagonal network, {reading}: sup_t ||alpha^(1/2) w(t) - vtilde(c t)|| / "
              f"||alpha^(1/2) w0|| by alpha {table} (must be >= {EQUAL_TIME_GAP:g} for every alpha)")
    return CheckResult("numeric", least >= EQUAL_TIME_GAP, detail, ref=f"diagonal network, {reading}",
                       observed=least, bound=EQUAL_TIME_GAP, ratio=EQUAL_TIME_GAP / least, searched=len(alphas),
                       ranges=ranges_of({"alpha": span(alphas), "t": "[0, 2]", "seed": seed}))
