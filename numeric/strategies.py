"""Hypothesis strategies for property tests of lazy-training claims.

Public, for other people's test suites::

    from hypothesis import given
    from numeric.strategies import strongly_convex_losses, time_varying_metrics, initial_points

Every strategy takes keyword-only bounds, validates them (raising
:class:`StrategyArgumentError`, both hypothesis' ``InvalidArgument`` and a ``ValueError``),
and documents what its examples shrink towards.

Replay. Every drawn object is printed by its own ``repr``, which is valid Python and exact:
losses, metrics and models repr as their constructor calls with every float in full
(``StronglyConvexQuadratic(H=[[0.5]], y_star=[0.0])``), and the arrays the strategies return
(points, rotations, matrices) are :class:`ExactArray`s, which repr as ``array([...])`` with
every float in full. So hypothesis' printed falsifying example evaluates, after
``from numpy import array`` and the imports of the classes it names, to an instance equal to
the one that failed.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from numeric.adversarial import ForcingMetric, LevelSetTransport
from numeric.families import MIN_PIECE_FRACTION as MIN_PIECE_FRACTION  # re-exported: time_varying_metrics' pieces
from numeric.families import log_cosh_from, piecewise_from, rotating_from, sine_model_from
from numeric.losses import StronglyConvexQuadratic
from numeric.metrics import FloorPlusGram
from numeric.models import ConcaveScalar, SineTiltedLinear
from numeric.parameter_flows import ModelInducedMetric

#: Loss kinds: quadratic (exact constants) and a non-quadratic log-cosh family.
LOSS_KINDS = ("quadratic", "logcosh")
#: Metric families that need nothing but a dimension and a floor.
METRIC_FAMILIES = ("rotating", "floor_plus_gram", "piecewise", "model_induced")
#: Adversarial families, built for a given quadratic loss and initial point.
ADVERSARIAL_FAMILIES = ("level_set_transport", "forcing")

_MAX_DIM = 12


class StrategyArgumentError(InvalidArgument, ValueError):
    """A bad argument of a strategy: hypothesis' ``InvalidArgument``, and a ``ValueError`` as numeric/ raises."""


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise StrategyArgumentError(message)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_dim(name: str, value, low: int = 1) -> None:
    _require(isinstance(value, int) and not isinstance(value, bool) and low <= value <= _MAX_DIM,
             f"{name} must be an integer in [{low}, {_MAX_DIM}], got {value!r}")


def _check_range(low_name: str, low, high_name: str, high) -> None:
    """``low`` checked > 0 elsewhere; ``high`` a finite number >= low."""
    _require(_is_number(high) and high >= low, f"{high_name} must be a finite number >= {low_name} = {low!r}, "
             f"got {high!r}")


def _check_dims(min_dim, max_dim) -> None:
    _require(isinstance(min_dim, int) and isinstance(max_dim, int), "min_dim and max_dim must be integers")
    _require(1 <= min_dim <= max_dim <= _MAX_DIM, f"need 1 <= min_dim <= max_dim <= {_MAX_DIM}, "
             f"got min_dim={min_dim}, max_dim={max_dim}")


def _check_positive(name: str, value) -> None:
    _require(_is_number(value) and value > 0, f"{name} must be a finite number > 0, got {value!r}")


def _check_choices(name: str, chosen, allowed) -> None:
    _require(len(chosen) > 0 and set(chosen) <= set(allowed),
             f"{name} must be a non-empty subset of {allowed}, got {chosen!r}")


class ExactArray(np.ndarray):
    """A float array whose repr is exact: ``array([...])`` with each entry's shortest round-trip repr.

    numpy's own repr keeps 8 significant digits, so a printed counterexample would replay a nearby point, not
    the one that failed. The arrays the strategies return are ExactArrays; after ``from numpy import array`` their
    repr evaluates to an equal plain array. Everything else is numpy's: arithmetic on an ExactArray gives an
    ExactArray, ``np.asarray`` a plain view.
    """

    def __repr__(self) -> str:
        return f"array({self.tolist()!r})"


def exact_array(values) -> ExactArray:
    """A float copy of ``values`` as an :class:`ExactArray`."""
    return np.array(values, dtype=float).view(ExactArray)


def _floats(lo: float, hi: float):
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def _between(lo: float, hi: float):
    """Floats in [lo, hi] that shrink towards lo (hypothesis alone would prefer integers)."""
    return st.floats(0.0, 1.0).map(lambda fraction: lo + fraction * (hi - lo))


def _vectors(size: int, lo: float = -1.0, hi: float = 1.0):
    return st.lists(_floats(lo, hi), min_size=size, max_size=size).map(np.array)


def _matrices(rows: int, cols: int, bound: float):
    return _vectors(rows * cols, -bound, bound).map(lambda v: v.reshape(rows, cols))


def rotations(dim: int):
    """Orthogonal matrices as products of Givens rotations; shrink towards the identity."""
    _check_dim("dim", dim)
    pairs = [(i, j) for i in range(dim) for j in range(i + 1, dim)]

    @st.composite
    def build(draw) -> np.ndarray:
        rotation = np.eye(dim)
        for (i, j), angle in zip(pairs, draw(_vectors(len(pairs), -math.pi, math.pi))):
            givens = np.eye(dim)
            givens[[i, j], [i, j]] = math.cos(angle)
            givens[i, j], givens[j, i] = -math.sin(angle), math.sin(angle)
            rotation = givens @ rotation
        return exact_array(rotation)

    return build()


def _spectrum(mu: float, nu: float, fractions) -> np.ndarray:
    """[mu, interior..., nu] with the interior at the given fractions of [mu, nu]."""
    return np.sort(np.concatenate([[mu], mu + np.asarray(fractions) * (nu - mu), [nu]]))


#: With ``kappa_one``, kappa = 1 exactly is drawn in one case out of KAPPA_ONE_ODDS.
KAPPA_ONE_ODDS = 4


def _condition_numbers(max_kappa: float, kappa_one: bool):
    """kappa in [1, max_kappa]; with ``kappa_one``, also kappa = 1 exactly, as a case of its own (shrink target)."""
    if not kappa_one:
        return _floats(1.0, max_kappa)
    spread = _floats(1.0, max_kappa)
    return st.integers(0, KAPPA_ONE_ODDS - 1).flatmap(lambda case: st.just(1.0) if case == 0 else spread)


@st.composite
def _losses(draw, min_dim, max_dim, min_mu, max_kappa, kinds, kappa_one=False):
    dim = draw(st.integers(min_dim, max_dim))
    kind = draw(st.sampled_from(kinds))
    mu = draw(_between(min_mu, 10 * min_mu))
    nu = mu * draw(_condition_numbers(max_kappa, kappa_one))
    rotation, y_star = draw(rotations(dim)), draw(_vectors(dim, -2.0, 2.0))
    if kind == "quadratic":
        spectrum = np.array([mu]) if dim == 1 else _spectrum(mu, nu, draw(_vectors(dim - 2, 0.0, 1.0)))
        return StronglyConvexQuadratic.from_spectrum(spectrum, rotation, y_star)
    middle = (mu + nu) / 2
    spectrum = np.array([mu]) if dim == 1 else _spectrum(mu, middle, draw(_vectors(dim - 2, 0.0, 1.0)))
    terms = draw(st.integers(1, 2))
    return log_cosh_from(rotation, spectrum, y_star, draw(_matrices(terms, dim, 1.0)), nu)


def strongly_convex_losses(*, min_dim: int = 1, max_dim: int = 6, min_mu: float = 0.1,
                           max_kappa: float = 100.0, kinds=LOSS_KINDS, kappa_one: bool = False):
    """mu-strongly convex, nu-smooth losses with certified mu, nu and condition number <= max_kappa.

    ``kinds`` chooses among ``"quadratic"`` (mu, nu the exact extreme eigenvalues, both
    attained) and ``"logcosh"`` (a quadratic plus log-cosh terms; certified bounds).
    mu lies in [min_mu, 10 min_mu]. kappa = nu/mu is drawn from [1, max_kappa], where
    kappa = 1 itself is hardly ever drawn; ``kappa_one=True`` also draws kappa = 1 exactly
    (an isotropic loss), in one case out of KAPPA_ONE_ODDS.

    Shrinks towards: the smallest dimension, the first kind, mu = min_mu, kappa = 1 (with
    ``kappa_one``, the case kappa = 1 exactly), the identity rotation and y* = 0.
    """
    _check_dims(min_dim, max_dim)
    _check_positive("min_mu", min_mu)
    _require(_is_number(max_kappa) and max_kappa >= 1, f"max_kappa must be a finite number >= 1, got {max_kappa!r}")
    _check_choices("kinds", tuple(kinds), LOSS_KINDS)
    _require(isinstance(kappa_one, bool), f"kappa_one must be True or False, got {kappa_one!r}")
    return _losses(min_dim, max_dim, float(min_mu), float(max_kappa), tuple(kinds), kappa_one)


# The strategies below build their objects inside st.composite, never with st.builds or .map of a local function
# or lambda: hypothesis prints an object it saw built by a call as that call (``build(array(...), 0.1)``) whenever
# an argument earns an "or any other generated value" comment, and such a call cannot be replayed. An object
# built inside a composite is printed by its own repr, which is valid Python.

@st.composite
def _rotating(draw, dim, lam):
    spread, fractions = draw(_floats(0.0, 10.0)), draw(_vectors(dim - 1, 0.0, 1.0))
    return rotating_from(lam, spread, fractions, draw(_matrices(dim, dim, 1.0)))


@st.composite
def _floor_plus_gram(draw, dim, lam):
    b0, b1 = draw(_matrices(dim, dim, 1.5)), draw(_matrices(dim, dim, 1.5))
    return FloorPlusGram(lam, b0, b1, draw(_floats(0.0, 3.0)))


@st.composite
def _piecewise(draw, dim, lam, horizon):
    pieces = draw(st.integers(1, 4))
    fractions = draw(_vectors(pieces - 1, 0.0, 1.0))
    return piecewise_from(lam, horizon, fractions, draw(st.lists(_matrices(dim, dim, 1.5), min_size=pieces,
                                                                  max_size=pieces)))


def _model_induced(dim, lam, horizon):
    @st.composite
    def build(draw):
        params = dim + draw(st.integers(0, 2))
        coupling, eps = draw(_matrices(dim, params, 1.0)), draw(_floats(0.0, 0.5))
        slack = eps * np.linalg.norm(coupling, 2)
        singular = math.sqrt(lam) * (1 + 2 * np.concatenate([[0.0], draw(_vectors(dim - 1, 0.0, 1.0))])) + slack
        stretch = np.zeros((dim, params))
        stretch[:, :dim] = np.diag(singular)
        model = SineTiltedLinear(draw(rotations(dim)) @ stretch @ draw(rotations(params)).T, coupling, eps)
        loss = StronglyConvexQuadratic.from_spectrum(np.linspace(0.5, 2.0, dim), np.eye(dim), draw(_vectors(dim)))
        return ModelInducedMetric(model, loss, draw(_vectors(params)), draw(_floats(0.5, 10.0)), horizon)

    return build()


def time_varying_metrics(*, dim: int, lam: float, families=METRIC_FAMILIES, horizon: float = 10.0):
    """Metrics Sigma(t) on R^dim with certified floor ``lam`` (attained or approached).

    ``families`` chooses among ``"rotating"`` (Q(t) D Q(t)^T), ``"floor_plus_gram"``
    (lam Id + B(t) B(t)^T), ``"piecewise"`` (switching at times in [0, horizon], each piece
    at least MIN_PIECE_FRACTION of the horizon long) and
    ``"model_induced"`` (Dh(w(t)) Dh(w(t))^T along a model's own flow on [0, horizon]).

    Shrinks towards: the first family, static metrics (zero rotation generator, zero
    frequency, a single piece) and Sigma = lam Id where the family allows it.
    """
    _check_dim("dim", dim)
    _check_positive("lam", lam)
    _check_positive("horizon", horizon)
    _check_choices("families", tuple(families), METRIC_FAMILIES)
    builders = {"rotating": lambda: _rotating(dim, lam), "floor_plus_gram": lambda: _floor_plus_gram(dim, lam),
                "piecewise": lambda: _piecewise(dim, lam, horizon),
                "model_induced": lambda: _model_induced(dim, lam, horizon)}
    return st.one_of([builders[family]() for family in families])


def initial_points(*, dim: int, center=None, min_distance: float = 0.1, max_distance: float = 5.0):
    """Points y0 with min_distance <= ||y0 - center|| <= max_distance (center defaults to 0).

    Shrinks towards: center + min_distance * e1.
    """
    _check_dim("dim", dim)
    _check_positive("min_distance", min_distance)
    _check_range("min_distance", min_distance, "max_distance", max_distance)
    try:
        center = np.zeros(dim) if center is None else np.array(center, dtype=float)
    except (TypeError, ValueError):
        raise StrategyArgumentError(f"center must be a vector of {dim} finite numbers, got {center!r}") from None
    _require(center.shape == (dim,), f"center must have shape ({dim},) (dim={dim}), got {center.shape}")
    _require(bool(np.all(np.isfinite(center))), f"center must be finite, got {center.tolist()!r}")
    low = np.full(dim, -1.0)
    low[0] = -2.0  # e1 + offset then covers every direction

    offsets = st.tuples(*[_floats(lo, 1.0) for lo in low]).map(np.array)

    @st.composite
    def build(draw):
        direction = np.eye(dim)[0] + draw(offsets)
        distance = draw(_between(min_distance, max_distance))
        norm = np.linalg.norm(direction)
        direction = np.eye(dim)[0] if norm < 1e-12 else direction / norm
        return exact_array(center + distance * direction)

    return build()


@st.composite
def _instances(draw, loss_strategy, min_lam, max_lam, families, horizon):
    loss = draw(loss_strategy)
    lam = draw(_between(min_lam, max_lam))
    y0 = draw(initial_points(dim=loss.dim, center=loss.y_star))
    usable = [f for f in families if f in METRIC_FAMILIES or isinstance(loss, StronglyConvexQuadratic)]
    family = draw(st.sampled_from(usable))
    if family == "level_set_transport":
        stages = draw(st.integers(8, 64))
        duration = draw(_floats(1e-4, 1e-1)) / (lam * loss.nu)
        return loss, LevelSetTransport(loss, y0, lam, stages=stages, duration=duration), y0
    if family == "forcing":
        z0 = y0 - loss.y_star
        v = loss.eigenvectors[:, 0]
        y0 = y0 + np.linalg.norm(z0) * (v if v @ z0 >= 0 else -v)
        a0 = abs(v @ (y0 - loss.y_star))
        K = draw(_floats(0.01, 1.0)) * lam * loss.mu * a0
        return loss, ForcingMetric(loss, y0, lam, K, ramp_time=1e-3 / (lam * loss.mu)), y0
    return loss, draw(time_varying_metrics(dim=loss.dim, lam=lam, families=(family,), horizon=horizon)), y0


def flow_instances(*, min_dim: int = 1, max_dim: int = 4, min_mu: float = 0.1, max_kappa: float = 100.0,
                   min_lam: float = 0.1, max_lam: float = 2.0, kinds=LOSS_KINDS,
                   families=METRIC_FAMILIES + ADVERSARIAL_FAMILIES, horizon: float = 10.0, kappa_one: bool = False):
    """Triples (loss, metric, y0) for the lemmas, adversarial families included.

    The adversarial families are only drawn for quadratic losses, for which they are
    designed. ``kappa_one`` is passed to :func:`strongly_convex_losses` (kappa = 1 drawn
    exactly). Shrinks towards: the shrink targets of :func:`strongly_convex_losses`,
    lam = min_lam, the first family and y0 = y* + 0.1 e1.
    """
    _check_positive("min_lam", min_lam)
    _check_range("min_lam", min_lam, "max_lam", max_lam)
    _check_positive("horizon", horizon)
    _check_choices("families", tuple(families), METRIC_FAMILIES + ADVERSARIAL_FAMILIES)
    _require(any(f in METRIC_FAMILIES for f in families) or "quadratic" in kinds,
             "adversarial families need the 'quadratic' loss kind")
    losses = strongly_convex_losses(min_dim=min_dim, max_dim=max_dim, min_mu=min_mu, max_kappa=max_kappa, kinds=kinds,
                                    kappa_one=kappa_one)
    if not any(f in METRIC_FAMILIES for f in families):
        losses = strongly_convex_losses(min_dim=min_dim, max_dim=max_dim, min_mu=min_mu, max_kappa=max_kappa,
                                        kinds=("quadratic",), kappa_one=kappa_one)
    return _instances(losses, float(min_lam), float(max_lam), tuple(families), float(horizon))


def loss_points(*, min_dim: int = 1, max_dim: int = 4, max_kappa: float = 100.0, kinds=LOSS_KINDS):
    """Pairs (loss, y) with y != y*. Shrinks towards the loss targets and y = y* + 0.1 e1."""
    return strongly_convex_losses(min_dim=min_dim, max_dim=max_dim, max_kappa=max_kappa, kinds=kinds).flatmap(
        lambda loss: st.tuples(st.just(loss), initial_points(dim=loss.dim, center=loss.y_star)))


def metric_samples(*, max_dim: int = 4, min_lam: float = 0.1, max_lam: float = 2.0, horizon: float = 10.0):
    """Triples (metric, t, v): a metric, a time in [0, horizon] and a vector v != 0."""
    _check_dim("max_dim", max_dim)
    _check_positive("min_lam", min_lam)
    _check_range("min_lam", min_lam, "max_lam", max_lam)
    _check_positive("horizon", horizon)

    @st.composite
    def build(draw):
        dim = draw(st.integers(1, max_dim))
        metric = draw(time_varying_metrics(dim=dim, lam=draw(_between(min_lam, max_lam)), horizon=horizon))
        return metric, draw(_between(0.0, horizon)), draw(initial_points(dim=dim))

    return build()


def matrix_pairs(*, max_rows: int = 4, max_cols: int = 5, bound: float = 3.0):
    """Pairs (A, E) of equally shaped matrices with entries in [-bound, bound]. Shrink to zeros."""
    _check_dim("max_rows", max_rows)
    _check_dim("max_cols", max_cols)
    _check_positive("bound", bound)

    @st.composite
    def build(draw):
        shape = draw(st.tuples(st.integers(1, max_rows), st.integers(1, max_cols)))
        return exact_array(draw(_matrices(*shape, bound))), exact_array(draw(_matrices(*shape, bound)))

    return build()


def sine_models(*, max_outputs: int = 3, max_extra_params: int = 2):
    """Over-parameterized SineTiltedLinear models h(w) = J0 w + eps sin(C w) with h(0) = 0.

    Shrinks towards: one output, a square identity J0 and eps = 0.
    """
    _check_dim("max_outputs", max_outputs)
    _check_dim("max_extra_params", max_extra_params, low=0)

    @st.composite
    def build(draw):
        n = draw(st.integers(1, max_outputs))
        p = n + draw(st.integers(0, max_extra_params))
        coupling, eps = draw(_matrices(n, p, 1.0)), draw(_floats(0.0, 0.5))
        return sine_model_from(coupling, eps, draw(_vectors(n, 0.0, 1.0)), draw(rotations(n)), draw(rotations(p)))

    return build()


def concave_scalars():
    """ConcaveScalar models f(w) = offset + sigma_min w - lip_Df w^2/2 on R, sigma_min in [0.1, 2], lip_Df in
    [0.1, 5], offset in [-2, 2]: the Taylor remainder at any point is exactly lip_Df w^2/2, the bound's equality case.

    Shrinks towards: sigma_min = lip_Df = 0.1, offset -2.
    """
    return st.builds(ConcaveScalar, _between(0.1, 2.0), _between(0.1, 5.0), _between(-2.0, 2.0))
