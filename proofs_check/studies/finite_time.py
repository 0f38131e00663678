"""smith's finite-time results on the tanh network of :mod:`proofs_check.studies.network`.

- Theorem 2.2 on [0, T], T = 10: the energy bound sup ||w - w0|| <= ``energy_bound`` along the flow,
  and the log-log slopes of the three sup-distances over alpha;
- Proposition A.1 on 30 held-out inputs: the proof's bound ``held_out_bound`` with M1 and a certified
  M2, and the decay of the held-out gap.

Both bounds are lambdified from their derivations in symbolic/.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

import numpy as np

from numeric.networks import TwoLayerNetwork
from numeric.parameter_flows import lazy_flow, tangent_flow_closed_form
from proofs_check.results import CheckResult, fit_slope, ranges_of
from proofs_check.settings import RunConfig
from proofs_check.studies.network import (EXPECTED_SLOPES, HELD_OUT, HELD_OUT_SEED, NETWORK_SEED, SLOPE_TOLERANCE,
                                          network_case)
from proofs_check.studies.sweeps import grid, span
from symbolic import formula

FINITE_HORIZON = 10.0


@lru_cache(maxsize=16)
def finite_horizon_measurements(alpha: float, seed: int = NETWORK_SEED) -> Mapping[str, float]:
    """smith Theorem 2.2 on the network: sup over [0, T] of the three quantities, and the energy-bound ratio."""
    net = network_case("null-space", seed)
    ts = np.linspace(0.0, FINITE_HORIZON, 201)
    w = lazy_flow(net.model, net.loss, net.w0, alpha, ts).y
    w_bar, y_bar = tangent_flow_closed_form(net.model, net.loss.y_star, net.w0, alpha, ts, normalization=1.0)
    bound = formula("energy_bound", "T R0 alpha")(FINITE_HORIZON, net.loss.value(alpha * net.model(net.w0)), alpha)
    displacement = float(np.linalg.norm(w - net.w0, axis=1).max())
    return MappingProxyType({
        "displacement": displacement, "energy_bound": float(bound),
        "prediction_gap": float(np.linalg.norm(alpha * net.model(w) - y_bar, axis=1).max()),
        "parameter_gap": float(np.linalg.norm(w - w_bar, axis=1).max())})


def finite_horizon_claim(config: RunConfig, bound_factor: float = 1.0, expected: dict | None = None) -> CheckResult:
    """sup_{t<=T} ||w - w0|| <= bound_factor * energy_bound along computed flows, and the rates.

    The text's claim is bound_factor = 1 and slopes -1 (displacement), -2 (parameter gap), -1 (prediction gap);
    a falsified variant lowers the factor or the expected slopes.
    """
    expected = {**EXPECTED_SLOPES, **(expected or {})}
    alphas, seed = grid("network-alphas", config.depth), config.study_seed(NETWORK_SEED)
    data = [finite_horizon_measurements(a, seed) for a in alphas]
    ratios = [d["displacement"] / (bound_factor * d["energy_bound"]) for d in data]
    slopes = tuple(fit_slope(f"sup {n}", "alpha", alphas, [d[n] for d in data], limit=expected[n] + SLOPE_TOLERANCE[n])
                   for n in ("displacement", "parameter_gap", "prediction_gap"))
    worst = int(np.argmax(ratios))
    ok = max(ratios) <= 1 and all(s.within_limit for s in slopes)
    detail = (f"tanh network, T = {FINITE_HORIZON:g}: sup ||w - w0|| / ({bound_factor:g} sqrt(T R(alpha h(w0)))/alpha) "
              f"over alpha {[round(float(r), 4) for r in ratios]} (must be <= 1); slopes: "
              + ", ".join(f"{s.name[4:]} {s.value:+.3f} (claim <= {s.limit:+.2f})" for s in slopes))
    return CheckResult("measured", ok, detail, ref="network: smith Theorem 2.2", observed=data[worst]["displacement"],
                       bound=bound_factor * data[worst]["energy_bound"], ratio=float(ratios[worst]), slopes=slopes,
                       searched=len(alphas), ranges=ranges_of({"alpha": span(alphas), "T": FINITE_HORIZON,
                                                               "seed": seed}))


def _held_out_inputs(seed: int, dim: int) -> np.ndarray:
    inputs = np.random.default_rng(seed).standard_normal((HELD_OUT, dim))
    return inputs / np.linalg.norm(inputs, axis=1, keepdims=True)


def _held_out_gap(net, held_out, alpha: float) -> tuple[float, float]:
    """(sup_x |alpha f(w(T), x) - alpha fbar(wbar(T), x)|, the bound held_out_bound with M1 and a certified M2)."""
    model, w0 = net.model, net.w0
    ts = np.array([0.0, net.horizon])
    w_end = lazy_flow(model, net.loss, w0, alpha, ts).y[-1]
    w_bar_end = tangent_flow_closed_form(model, net.loss.y_star, w0, alpha, ts, normalization=1.0)[0][-1]
    lazy = alpha * model.predict(w_end, held_out)
    tangent = alpha * (model.predict(w0, held_out) + model.jacobian_at(w0, held_out) @ (w_bar_end - w0))
    m1 = float(np.linalg.norm(model.jacobian_at(w0, held_out), axis=1).max())
    radius = float(np.linalg.norm(w_end - w0))
    m2 = max(TwoLayerNetwork(x[None], model.width, model.activation, model.scaling).lip_jacobian_bound(w0, radius)
             for x in held_out)
    bound = formula("held_out_bound", "alpha M1 M2 r delta", specialized=False)(
        alpha, m1, m2, radius, float(np.linalg.norm(w_end - w_bar_end)))
    return float(np.abs(lazy - tangent).max()), float(bound)


def held_out_claim(config: RunConfig, alpha_values: tuple | None = None, expected_slope: float = -1.0) -> CheckResult:
    """smith Proposition A.1 on held-out inputs X: the proof's bound with M1 and a certified M2.

    M1 = max_x ||grad f(w0, x)||, M2 = max_x of the certified Lipschitz constant of grad f(., x) on
    B(w0, ||w(T) - w0||). The gap must also decay at least like alpha^expected_slope (the text:
    log(alpha)/alpha, i.e. slope -1 up to the log factor); expected_slope = -2 is a falsified variant.
    """
    alpha_values = grid("held-out-alphas", config.depth) if alpha_values is None else alpha_values
    net = network_case("null-space", config.study_seed(NETWORK_SEED))
    held_out = _held_out_inputs(config.study_seed(HELD_OUT_SEED), net.model.dim)
    gaps, bounds = zip(*(_held_out_gap(net, held_out, alpha) for alpha in alpha_values))
    ratios = [g / b for g, b in zip(gaps, bounds)]
    slope = fit_slope("held-out gap", "alpha", alpha_values, gaps, limit=expected_slope + SLOPE_TOLERANCE["displacement"])
    worst = int(np.argmax(ratios))
    detail = (f"tanh network, {HELD_OUT} held-out inputs, T = {net.horizon:.0f}: held-out gap / bound = "
              f"{[round(float(r), 4) for r in ratios]} (must be <= 1); held-out gap by alpha "
              f"{[float(f'{g:.3g}') for g in gaps]}, slope {slope.value:+.3f} (claim <= {slope.limit:+.2f})")
    return CheckResult("numeric", max(ratios) <= 1 and slope.within_limit, detail, ref="network: held-out inputs",
                       observed=gaps[worst], bound=bounds[worst], ratio=float(ratios[worst]), slopes=(slope,),
                       searched=len(alpha_values) * HELD_OUT,
                       ranges=ranges_of({"alpha": span(alpha_values), "held-out inputs": HELD_OUT}))
