"""The scales of the two lemmas, and the what-if domain that spans them.

Lemma 3.3 and Lemma A.1 (chizat-bach; smith Lemmas B.1, B.2) hold for every mu-strongly
convex, nu-smooth loss F and every metric Sigma(t) >= lam Id, at every scale. The class of
instances is closed under three rescalings, each mapping the flow y(t) of
y' = -Sigma(t) grad F(y) onto the flow of the image instance:

1. the loss, by a: F -> a F and Sigma(t) -> Sigma(a t); then y~(t) = y(a t)
   (mu, nu -> a mu, a nu; K -> a K; t -> t/a);
2. the metric, by c: Sigma(t) -> c Sigma(c t); then y~(t) = y(c t)
   (lam, ||Sigma(0)|| -> c lam, c ||Sigma(0)||; K -> c K; t -> t/c);
3. the distance, by b: F -> b^2 F(./b) and y0 -> b y0; then y~ = b y
   (d0 = ||y0 - y*||, ||y - y*|| and ||y - ybar|| -> b times; K -> b K).

Together: mu -> a mu, lam -> c lam, d0 -> b d0, K -> a b c K and t -> t/(a c); kappa is
unchanged. The paper's bounds are invariant (both sides of either lemma scale by b), so an
image has the ratio observed/bound of its preimage: the searches of ``lazycheck verify`` draw
the normalized domain :data:`~proofs_check.search.claims.LEMMA_DOMAIN` only. A variant bound
need not be invariant (sqrt(nu/mu) d0 exp(-mu^2 lam t) is the paper's bound at mu = 1 and
false for every mu > 1), so what-if draws a normalized instance together with scales a, b, c
spanning SCALE_DECADES decades each, and checks the image, on the image of the normalized
time window. The images are built from the families' own parameters, so that every drawn
instance is admissible by the same certificates (a floor, certified mu and nu) and its
``repr`` replays it.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from numeric.adversarial import ForcingMetric, LevelSetTransport
from numeric.flows import DEFAULT_ATOL
from numeric.losses import LogCoshQuadratic, StronglyConvexQuadratic
from numeric.metrics import FloorPlusGram, PiecewiseConstant, RotatingSpectrum
from numeric.models import SineTiltedLinear
from numeric.parameter_flows import ModelInducedMetric
from numeric.strategies import KAPPA_ONE_ODDS, LOSS_KINDS, flow_instances
from proofs_check.results import ranges_of
from proofs_check.search.claims import INITIAL_DISTANCE, LEMMA_DOMAIN
from proofs_check.search.properties import DEFAULT_HORIZON, MAX_EFOLDINGS, evaluate_bound, horizon_for

#: Each scale (loss a, metric c, distance b) is drawn from [10^-SCALE_DECADES, 10^SCALE_DECADES].
SCALE_DECADES = 3.0
#: The normalized domain what-if rescales: the lemma searches' domain, with kappa = 1 drawn exactly and lam up
#: to 20, so that the time window often spans its MAX_EFOLDINGS e-foldings (min(10 mu lam, 18) of them).
NORMALIZED_DOMAIN = dict(LEMMA_DOMAIN, max_lam=20.0, kappa_one=True)
#: ForcingMetric finds its cap time from a bracket starting at t = 1, where exp(mu lam t) overflows
#: beyond mu lam ~ 709: its images keep mu lam <= FORCING_MAX_RATE (the metric scale is lowered).
FORCING_MAX_RATE = 500.0
NORMALIZATIONS = ("loss", "metric", "distance")


@dataclass(frozen=True)
class Scales:
    """The rescaling by a (``loss``), c (``metric``) and b (``distance``); time is multiplied by 1/(a c)."""

    loss: float = 1.0
    metric: float = 1.0
    distance: float = 1.0

    @property
    def time(self) -> float:
        """The factor of t (and of every time of the metric): 1/(a c)."""
        return 1.0 / (self.loss * self.metric)

    @property
    def forcing(self) -> float:
        """The factor of K: a b c."""
        return self.loss * self.metric * self.distance


def scaled_loss(loss, scales: Scales):
    """a b^2 F(y/b): Hessian times a, y* times b (log-cosh directions / b, weights a b^2)."""
    a, b = scales.loss, scales.distance
    if isinstance(loss, StronglyConvexQuadratic):
        return StronglyConvexQuadratic(a * loss.H, b * loss.y_star)
    if isinstance(loss, LogCoshQuadratic):
        return LogCoshQuadratic(a * loss.H, b * loss.y_star, loss.directions / b, a * b**2 * loss.weights)
    raise TypeError(f"no rescaling for a {type(loss).__name__} loss")


def scaled_metric(metric, loss, y0, scales: Scales):
    """c Sigma(t/tau), tau = 1/(a c); ``loss`` and ``y0`` are the images, for the families designed from them."""
    c, tau = scales.metric, scales.time
    if isinstance(metric, LevelSetTransport):
        return LevelSetTransport(loss, y0, c * metric.lam, stages=metric.stages, duration=tau * metric.duration)
    if isinstance(metric, ForcingMetric):
        return ForcingMetric(loss, y0, c * metric.lam, scales.forcing * metric.K, ramp_time=tau * metric.ramp_time,
                             floor_fraction=metric.floor_fraction)
    if isinstance(metric, PiecewiseConstant):
        switch_times = tau * metric.switch_times
        lasting = np.append(np.diff(switch_times) > 0, True)  # a piece whose length rounds to 0 is dropped
        return PiecewiseConstant(switch_times[lasting], c * metric.sigmas[lasting], lam=c * metric.lam)
    if isinstance(metric, RotatingSpectrum):
        return RotatingSpectrum(c * metric.spectrum, metric.generator / tau)
    if isinstance(metric, FloorPlusGram):
        root = math.sqrt(c)
        return FloorPlusGram(c * metric.lam, root * metric.B0, root * metric.B1, metric.omega / tau)
    if isinstance(metric, ModelInducedMetric):
        return _scaled_model_metric(metric, scales)
    raise TypeError(f"no rescaling for a {type(metric).__name__} metric")


def _scaled_model_metric(metric: ModelInducedMetric, scales: Scales) -> ModelInducedMetric:
    """The model times sqrt(c) (Dh Dh^T times c) and its loss a R(./sqrt(c)): its own flow is w(t/tau).

    That flow is the normalized metric's path re-timed, so the path is carried over (grid times tau,
    velocities / tau) instead of integrated again; its ``repr`` integrates it anew, to the same path within the
    path's tolerance (tests/proofs_check/search/test_scales.py compares the two).
    """
    root, tau, model = math.sqrt(scales.metric), scales.time, metric.model
    image = copy.copy(metric)
    image.model = SineTiltedLinear(root * model.J0, model.C, root * model.eps, model.phase)
    image.loss = scaled_loss(metric.loss, Scales(loss=scales.loss, distance=root))
    image.horizon, image.lam, image.y0 = tau * metric.horizon, image.model.kernel_floor, root * metric.y0
    image._grid, image._velocity = tau * metric._grid, metric._velocity / tau
    return image


def admissible(instance: tuple, scales: Scales) -> Scales:
    """``scales`` as applied to ``instance``: unchanged, except for the families designed from the loss.

    LevelSetTransport and ForcingMetric are built along the flattest eigenvector of the loss, which is not
    unique when its smallest eigenvalue is repeated (kappa = 1): their loss scale is rounded to a power of two,
    towards 1, which scales the Hessian exactly, so that its eigenvectors and the design carry over to the
    image. A ForcingMetric's metric scale is also lowered to keep mu lam <= FORCING_MAX_RATE.
    """
    loss, metric, _ = instance[:3]
    if not isinstance(metric, (LevelSetTransport, ForcingMetric)):
        return scales
    loss_scale = 2.0 ** math.trunc(math.log2(scales.loss))
    rate = loss_scale * scales.metric * loss.mu * metric.lam
    cap = FORCING_MAX_RATE / rate if isinstance(metric, ForcingMetric) else 1.0
    return Scales(loss_scale, scales.metric * min(1.0, cap), scales.distance)


def scaled_instance(instance: tuple, scales: Scales, horizon: float = DEFAULT_HORIZON) -> tuple:
    """The image (loss, metric, y0, options) of a normalized (loss, metric, y0) checked up to ``horizon``.

    The options are the image's horizon and an absolute tolerance scaled with the distance, so that the
    image is integrated as accurately, relative to its size, as the normalized instance.
    """
    loss, metric, y0 = instance[:3]
    scales = admissible(instance, scales)
    image_loss, image_y0 = scaled_loss(loss, scales), scales.distance * np.asarray(y0, dtype=float)
    options = {"horizon": horizon * scales.time, "atol": DEFAULT_ATOL * scales.distance}
    return image_loss, scaled_metric(metric, image_loss, image_y0, scales), image_y0, options


def scale_factors(decades: float = SCALE_DECADES):
    """10^e for e in [-decades, decades]; shrinks towards 1."""
    return st.floats(-decades, decades).map(lambda exponent: 10.0**exponent)


def scaled_instances(families: tuple[str, ...], *, decades: float = SCALE_DECADES):
    """Images (loss, metric, y0, options) of normalized instances over the given metric families.

    Shrinks towards: the normalized instance's shrink targets (numeric.strategies.flow_instances, with
    kappa = 1) at the scales a = b = c = 1.
    """
    factor = scale_factors(decades)
    normalized = flow_instances(**NORMALIZED_DOMAIN, families=families, horizon=DEFAULT_HORIZON)
    return st.builds(lambda instance, a, c, b: scaled_instance(instance, Scales(a, c, b)),
                     normalized, factor, factor, factor)


def witness_images(instance: tuple, *, decades: float = SCALE_DECADES) -> list[tuple]:
    """A witness over its whole time window (MAX_EFOLDINGS e-foldings of mu lam), and its images under each
    normalization alone, at both ends of its range."""
    loss, metric = instance[:2]
    window = MAX_EFOLDINGS / (loss.mu * metric.lam)
    ends = [Scales(**{name: 10.0**exponent}) for name in NORMALIZATIONS for exponent in (-decades, decades)]
    return [scaled_instance(instance, scales, horizon=window) for scales in [Scales()] + ends]


def instance_parameters(instance: tuple) -> dict[str, float]:
    """The symbols of an instance that do not need its flow, and the end T of its checked time window."""
    loss, metric, y0, *own = instance
    return {"mu": loss.mu, "nu": loss.nu, "kappa": loss.nu / loss.mu, "lam": metric.lam,
            "Sigma0_norm": float(np.linalg.norm(metric(0.0), 2)), "d0": float(np.linalg.norm(y0 - loss.y_star)),
            "T": horizon_for(loss, metric, own[0]["horizon"] if own else None)}


def _drawn(instances: list[tuple]) -> dict[str, str]:
    if not instances:
        return {}
    values = [instance_parameters(instance) for instance in instances]
    return {name: f" (drawn {min(v[name] for v in values):.3g}..{max(v[name] for v in values):.3g})"
            for name in values[0]}


def scaled_ranges(families: tuple[str, ...], instances: list[tuple] = (), *,
                  decades: float = SCALE_DECADES) -> tuple[tuple[str, str], ...]:
    """The what-if domain per symbol, and the extent actually drawn over ``instances``."""
    d, low, high = NORMALIZED_DOMAIN, 10.0**-decades, 10.0**decades
    drawn = _drawn(list(instances))
    near, far = INITIAL_DISTANCE
    metrics = ", ".join(families) + (f"; forcing with mu lam <= {FORCING_MAX_RATE:g}" if "forcing" in families else "")
    return ranges_of({
        "dimension n": f"{d['min_dim']}..{d['max_dim']}",
        "scales": f"loss a, metric c, distance b each in [{low:g}, {high:g}], on a normalized instance",
        "mu": f"[{low * d['min_mu']:g}, {high * 10 * d['min_mu']:g}]" + drawn.get("mu", ""),
        "kappa = nu/mu": f"1 (one draw in {KAPPA_ONE_ODDS}) and [1, {d['max_kappa']:g}]" + drawn.get("kappa", ""),
        "nu": "kappa mu" + drawn.get("nu", ""),
        "lam": f"[{low * d['min_lam']:g}, {high * d['max_lam']:g}]" + drawn.get("lam", ""),
        "||Sigma(0)||": "c times the normalized metric's (>= lam)" + drawn.get("Sigma0_norm", ""),
        "d0 = ||y0 - y*||": f"[{low * near:g}, {high * far:g}]" + drawn.get("d0", ""),
        "K": "sup of the forcing along each flow, a b c times the normalized instance's",
        "t": f"[0, T], T = min({DEFAULT_HORIZON:g}/(a c), {MAX_EFOLDINGS:g}/(mu lam))" + drawn.get("T", "").replace(
            "(drawn", "(T drawn"),
        "losses": ", ".join(LOSS_KINDS), "metrics": metrics,
    })


def scaled_values(values: dict, scales: Scales) -> dict:
    """The symbols of a bound on the image instance (the observed side of either lemma scales by b)."""
    factors = {"t": scales.time, "mu": scales.loss, "nu": scales.loss, "kappa": 1.0, "lam": scales.metric,
               "d0": scales.distance, "K": scales.forcing, "Sigma0_norm": scales.metric}
    return {name: value * factors[name] for name, value in values.items()}


#: A generic point of the symbols (nu = kappa mu), at which invariance is tested over a time window.
REFERENCE_POINT = {"mu": 0.3, "nu": 2.1, "kappa": 7.0, "lam": 0.7, "d0": 1.3, "K": 0.05, "Sigma0_norm": 1.9}


def dependence(expression, names: tuple[str, ...], *, decades: float = SCALE_DECADES) -> tuple[str, ...]:
    """The normalizations under which a bound is not invariant: bound(image) != b bound at the reference point,
    for t over four decades and scale factors 10^e with e on a grid of [-decades, decades].

    Reported with what-if's result; the search spans every scale whatever this says.
    """
    point = {name: REFERENCE_POINT[name] for name in names if name != "t"} | {"t": np.geomspace(1e-3, 30.0, 13)}
    with np.errstate(all="ignore"):
        base = evaluate_bound(expression, names, point)
        return tuple(name for name in NORMALIZATIONS if not all(
            np.allclose(evaluate_bound(expression, names, scaled_values(point, scales)), scales.distance * base,
                        rtol=1e-9, atol=0.0)
            for scales in (Scales(**{name: 10.0**e}) for e in np.linspace(-decades, decades, 13))))
