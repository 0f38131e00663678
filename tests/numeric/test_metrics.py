"""Metric families (numeric.metrics, numeric.adversarial): certified floors and bad input."""

from collections.abc import Callable

import numpy as np
import pytest

from numeric.adversarial import ForcingMetric, LevelSetTransport
from numeric.flows import predictor_flow
from numeric.losses import StronglyConvexQuadratic
from numeric.parameter_flows import ModelInducedMetric
from numeric.metrics import (CallableMetric, ConstantMetric, FloorPlusGram, Metric,
                             PiecewiseConstant, RotatingSpectrum, check_floor)
from numeric.models import SineTiltedLinear

SEED = 7


@pytest.fixture
def rng():
    return np.random.default_rng(SEED)


def _families(rng):
    dim, lam = 3, 0.4
    generator = rng.normal(size=(dim, dim))
    loss = StronglyConvexQuadratic.random(rng, dim, 0.5, 5.0)
    model = SineTiltedLinear(np.hstack([np.diag([1.0, 1.5, 2.0]), rng.normal(size=(dim, 1))]),
                             rng.uniform(-1, 1, (dim, dim + 1)), 0.1)
    return {
        "rotating": RotatingSpectrum([lam, 1.0, 3.0], generator - generator.T),
        "floor_plus_gram": FloorPlusGram(lam, rng.normal(size=(dim, 2)), rng.normal(size=(dim, 2)), 1.7),
        "piecewise": PiecewiseConstant([0.0, 1.0, 2.5], [lam * np.eye(dim) + g @ g.T for g in rng.normal(size=(3, dim, dim))]),
        "model_induced": ModelInducedMetric(model, loss, rng.normal(size=dim + 1), 2.0, horizon=5.0),
        "level_set_transport": LevelSetTransport(loss, loss.y_star + rng.normal(size=dim), lam),
        "forcing": ForcingMetric(loss, loss.y_star + loss.eigenvectors[:, 0], lam, 0.05),
    }


@pytest.mark.parametrize("family", ["rotating", "floor_plus_gram", "piecewise", "model_induced",
                                    "level_set_transport", "forcing"])
def test_every_family_keeps_its_floor_and_is_symmetric(rng, family):
    metric = _families(rng)[family]
    metric.check_floor(horizon=6.0, samples=97)
    sigma = metric(np.linspace(0, 6, 13))
    assert sigma.shape == (13, metric.dim, metric.dim)
    assert np.allclose(sigma, np.swapaxes(sigma, -1, -2))


def test_array_of_times_equals_loop(rng):
    for metric in _families(rng).values():
        ts = np.array([0.0, 0.3, 2.0])
        assert np.allclose(metric(ts), np.stack([metric(float(t)) for t in ts]), atol=1e-13)


def test_rotating_spectrum_is_exactly_its_spectrum_and_floor_attained(rng):
    metric = _families(rng)["rotating"]
    for t in (0.0, 0.7, 5.0):
        assert np.allclose(np.linalg.eigvalsh(metric(t)), [0.4, 1.0, 3.0], atol=1e-12)
    q = metric.rotation(1.3)
    assert np.allclose(q @ q.T, np.eye(3), atol=1e-13)


def test_model_induced_metric_floor_is_the_models_certified_bound(rng):
    metric = _families(rng)["model_induced"]
    jacobians = metric.model.jacobian(rng.normal(size=(200, 4)) * 5)
    smallest = np.linalg.svd(jacobians, compute_uv=False)[:, -1] ** 2
    assert smallest.min() >= metric.lam


def test_predictor_flow_with_the_induced_metric_is_the_models_own_trajectory(rng):
    """chizat-bach's predictor ODE, numerically: alpha h(w(t)) solves y' = -Sigma(w(t)) grad R(y)."""
    metric = _families(rng)["model_induced"]
    ts = np.linspace(0, 5, 21)
    y = predictor_flow(metric.loss, metric, metric.y0, ts)
    assert np.allclose(y, metric.alpha * metric.model(metric.parameters(ts)), atol=1e-8)


def test_callable_metric_rejects_a_false_floor():
    with pytest.raises(ValueError, match="declared floor lam=1.5 is false"):
        CallableMetric(lambda t: np.diag([1.0 + np.sin(t) ** 2, 2.0]), lam=1.5)
    metric = CallableMetric(lambda t: np.diag([1.0 + np.sin(t) ** 2, 2.0]), lam=1.0)
    assert metric.dim == 2 and metric(0.5).shape == (2, 2)


@pytest.mark.parametrize("build,message", [
    (lambda: CallableMetric(lambda t: np.eye(2), lam=0.0), "lam must be"),
    (lambda: CallableMetric(lambda t: np.array([[1.0, 0.5], [0.0, 1.0]]), lam=0.1), r"fn\(0\) is not symmetric"),
    (lambda: CallableMetric(lambda t: np.eye(2), lam=1.0, horizon=0.0), "horizon must be"),
    (lambda: ConstantMetric(-np.eye(2)), "Sigma is not positive definite"),
    (lambda: ConstantMetric(np.eye(2), lam=2.0), "exceeds"),
    (lambda: PiecewiseConstant([0.0, 1.0], [np.eye(2), 0.5 * np.eye(2)], lam=1.0), "exceeds"),
    (lambda: PiecewiseConstant([0.5], [np.eye(2)]), "start at 0"),
    (lambda: FloorPlusGram(-1.0, np.eye(2), np.eye(2), 1.0), "lam must be"),
    (lambda: RotatingSpectrum([1.0, 2.0], np.eye(2)), "skew-symmetric"),
    (lambda: SineTiltedLinear(np.eye(2), np.eye(2), 2.0), "must be below"),
])
def test_bad_metric_input_is_a_value_error(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_adversarial_families_need_a_quadratic_loss(rng):
    from numeric.losses import LogCoshQuadratic

    loss = LogCoshQuadratic.random(rng, 2, 0.5, 2.0)
    with pytest.raises(ValueError, match="StronglyConvexQuadratic"):
        LevelSetTransport(loss, np.ones(2), 1.0)


def test_forcing_metric_starts_at_the_floor_and_caps_the_forcing(rng):
    metric = _families(rng)["forcing"]
    assert np.allclose(metric(0.0), metric.lam * np.eye(3))
    assert metric.t_cap > 0 and metric.amplitude(metric.t_cap) == pytest.approx(1e-3 * metric.a0, rel=1e-6)


def test_mpmath_application_matches_numpy(rng):
    import mpmath

    for family in ("rotating", "floor_plus_gram", "piecewise"):
        metric = _families(rng)[family]
        v = rng.normal(size=3)
        with mpmath.workdps(30):
            applied = metric.apply_mp(mpmath.mpf("0.7"), [mpmath.mpf(x) for x in v], mpmath.mp)
        assert np.allclose([float(x) for x in applied], metric(0.7) @ v, atol=1e-13)


def test_model_induced_metric_with_a_subnormal_initial_point():
    """Found by the thorough search: scipy's DOP853 failed on w0 with a subnormal entry."""
    model = SineTiltedLinear(np.hstack([np.sqrt(0.1) * np.eye(4)]), np.zeros((4, 4)), 0.0)
    loss = StronglyConvexQuadratic(np.diag([0.5, 1.0, 1.5, 2.0]), np.zeros(4))
    metric = ModelInducedMetric(model, loss, [0.0, 0.0, 0.0, 1.466446160666202e-160], 1.0)
    metric.check_floor(horizon=10.0, samples=33)
    assert np.allclose(metric(3.0), 0.1 * np.eye(4))


# Soundness (issue 16): each test below fails when the checker or the reference path it pins is made wrong.

#: Times at which the float64 and the 30-digit paths are compared: t = 0, a generic t, and t far from 0.
REFERENCE_TIMES = (0.0, 0.7, 37.0)
#: Agreement of the float64 path with the 30-digit one (relative to ||Sigma||), and of two 30-digit paths.
FLOAT_ATOL, MP_ATOL = 1e-11, 1e-25
#: numeric.metrics.FLOOR_RTOL, written out so that a changed tolerance fails the boundary tests below.
PINNED_FLOOR_RTOL = 1e-10


def _mp_metrics(rng):
    """Every family of numeric.metrics with an mpmath path, small (n = 3) so that 30 digits stay cheap."""
    dim, lam = 3, 0.4
    generator = rng.normal(size=(dim, dim))
    return {
        "constant": ConstantMetric(lam * np.eye(dim) + np.diag([0.0, 1.0, 2.5])),
        "rotating": RotatingSpectrum([lam, 1.0, 3.0], generator - generator.T),
        "floor_plus_gram": FloorPlusGram(lam, rng.normal(size=(dim, 2)), rng.normal(size=(dim, 2)), 1.7),
        "piecewise": PiecewiseConstant([0.0, 0.5, 20.0], [lam * np.eye(dim) + g @ g.T
                                                          for g in rng.normal(size=(3, dim, dim))]),
    }


@pytest.mark.parametrize("family", ["constant", "rotating", "floor_plus_gram", "piecewise"])
def test_float64_path_equals_the_30_digit_path(rng, family):
    """sigma_mp and apply_mp (numeric.reference's right-hand side) against the float64 Sigma(t)."""
    import mpmath

    from numeric.reference import REFERENCE_DIGITS

    metric = _mp_metrics(rng)[family]
    v = rng.normal(size=metric.dim)
    for t in REFERENCE_TIMES:
        sigma = metric(t)
        with mpmath.workdps(REFERENCE_DIGITS):
            t_mp, v_mp = mpmath.mpf(t), [mpmath.mpf(x) for x in v]
            sigma_mp = metric.sigma_mp(t_mp, mpmath.mp)
            applied = metric.apply_mp(t_mp, v_mp, mpmath.mp)
            from_matrix = [mpmath.fsum(sigma_mp[i, j] * v_mp[j] for j in range(metric.dim)) for i in range(metric.dim)]
            assert max(abs(a - b) for a, b in zip(applied, from_matrix)) < MP_ATOL * np.abs(sigma).max()
        scale = np.abs(sigma).max()
        assert np.allclose(np.array(sigma_mp.tolist(), dtype=float), sigma, rtol=0, atol=FLOAT_ATOL * scale), t
        assert np.allclose([float(x) for x in applied], sigma @ v, rtol=0, atol=FLOAT_ATOL * scale * np.abs(v).sum())


def test_floor_plus_gram_of_dimension_one():
    """A scalar metric lam + b(t)^2: the mpmath path must not assume n >= 2."""
    import mpmath

    metric = FloorPlusGram(0.5, [[1.0, 2.0]], [[-1.0, 0.5]], 0.3)
    expected = 0.5 + (np.cos(0.6) - np.sin(0.6)) ** 2 + (2 * np.cos(0.6) + 0.5 * np.sin(0.6)) ** 2
    assert metric(2.0).shape == (1, 1) and metric(2.0)[0, 0] == pytest.approx(expected, rel=1e-14)
    with mpmath.workdps(30):
        applied = metric.apply_mp(mpmath.mpf(2), [mpmath.mpf(3)], mpmath.mp)
    assert float(applied[0]) == pytest.approx(3 * expected, rel=1e-14)


class _DeclaredFloor(Metric):
    """Sigma(t) = diag(lambda_1(t), 2) with a declared floor; records the times it is evaluated at."""

    family = "declared"

    def __init__(self, smallest: Callable[[float], float], lam: float):
        self.smallest, self.lam, self.dim, self.times = smallest, lam, 2, []

    def _at(self, t: float) -> np.ndarray:
        self.times.append(t)
        return np.diag([self.smallest(t), 2.0])


def _dip(start: float, end: float) -> Callable[[float], float]:
    """lambda_1(t) = 1, except 1/2 on [start, end]."""
    return lambda t: 0.5 if start <= t <= end else 1.0


def test_check_floor_samples_the_whole_horizon_including_both_ends():
    metric = _DeclaredFloor(lambda t: 1.0, 1.0)
    metric.check_floor()
    assert np.array_equal(metric.times, np.linspace(0.0, 10.0, 257))
    metric.times.clear()
    metric.check_floor(horizon=3.0, samples=5)
    assert metric.times == [0.0, 0.75, 1.5, 2.25, 3.0]


@pytest.mark.parametrize("start,end", [(0.0, 0.4), (9.7, 10.0)], ids=["only-early", "only-late"])
def test_a_floor_false_only_early_or_only_late_is_rejected(start, end):
    with pytest.raises(ValueError, match="declared floor lam=1 is false"):
        _DeclaredFloor(_dip(start, end), 1.0).check_floor(horizon=10.0, samples=101)
    with pytest.raises(ValueError, match="declared floor lam=1 is false"):
        CallableMetric(lambda t: np.diag([_dip(start, end)(t), 2.0]), lam=1.0)
    _DeclaredFloor(_dip(start, end), 0.5).check_floor(horizon=10.0, samples=101)


def test_check_floor_defaults_to_the_horizon_ten():
    """A floor broken only after t = 10 passes the default check (it is the documented [0, 10])."""
    _DeclaredFloor(_dip(10.1, 11.0), 1.0).check_floor()
    CallableMetric(lambda t: np.diag([_dip(10.1, 11.0)(t), 2.0]), lam=1.0)
    with pytest.raises(ValueError, match="is false"):
        CallableMetric(lambda t: np.diag([_dip(10.1, 11.0)(t), 2.0]), lam=1.0, horizon=11.0)


def test_callable_metric_samples_the_whole_default_horizon():
    times = []
    CallableMetric(lambda t: times.append(t) or np.eye(2), lam=1.0)
    assert times[0] == 0.0 and np.array_equal(times[1:], np.linspace(0.0, 10.0, 257))


def test_a_piecewise_metric_whose_low_piece_starts_late_breaks_a_raised_floor():
    metric = PiecewiseConstant([0.0, 9.5], [np.eye(2), np.diag([0.5, 1.0])])
    assert metric.lam == 0.5
    metric.lam = 1.0  # a false floor, broken only on [9.5, horizon]
    metric.check_floor(horizon=9.0)
    with pytest.raises(ValueError, match=r"lambda_min\(Sigma\(9\.5"):
        metric.check_floor(horizon=10.0, samples=21)


@pytest.mark.parametrize("scale", [1.0, 1e4])
def test_check_floor_tolerance_is_floor_rtol_times_the_size_of_sigma(scale):
    """lambda_min = lam - 0.5 tol is accepted, lam - 1.5 tol is rejected, tol = FLOOR_RTOL max(1, max |Sigma|)."""
    tolerance = PINNED_FLOOR_RTOL * scale
    check_floor(lambda t: np.diag([1.0 - 0.5 * tolerance, scale]), 1.0, 1.0, 3)
    check_floor(lambda t: np.diag([1.0, scale]), 1.0, 1.0, 3)  # attained exactly
    with pytest.raises(ValueError, match="is false"):
        check_floor(lambda t: np.diag([1.0 - 1.5 * tolerance, scale]), 1.0, 1.0, 3)


def test_check_floor_rejects_asymmetry_beyond_rounding():
    """Asymmetry of 1e-7 on entries of 1e6 is rounding; on entries of 3 it is not."""
    check_floor(lambda t: np.array([[1e6, 1e-7], [0.0, 1e6]]), 1.0, 1.0, 3)
    with pytest.raises(ValueError, match="not symmetric"):
        check_floor(lambda t: np.array([[1.0, 1.0 + 1e-7], [1.0, 3.0]]), 0.1, 1.0, 3)


def test_a_declared_floor_is_accepted_up_to_rounding_and_rejected_beyond():
    """ConstantMetric and PiecewiseConstant: lam <= lambda_min + FLOOR_RTOL * lambda_max."""
    sigma = np.diag([1.0, 2.0, 1e4])
    pieces, tolerance = [sigma + np.diag([1.0, 0.0, 0.0]), sigma], PINNED_FLOOR_RTOL * 1e4
    assert ConstantMetric(sigma).lam == 1.0 and PiecewiseConstant([0.0, 1.0], pieces).lam == 1.0
    for lam in (1.0, 1.0 + 0.5 * tolerance):
        assert ConstantMetric(sigma, lam=lam).lam == lam
        assert PiecewiseConstant([0.0, 1.0], pieces, lam=lam).lam == lam
    with pytest.raises(ValueError, match="exceeds"):
        ConstantMetric(sigma, lam=1.0 + 1.5 * tolerance)
    with pytest.raises(ValueError, match="exceeds"):
        PiecewiseConstant([0.0, 1.0], pieces, lam=1.0 + 1.5 * tolerance)


@pytest.mark.parametrize("spectrum", [[0.0, 1.0], [-0.5, 1.0], [1.0, np.nan]])
def test_rotating_spectrum_rejects_a_spectrum_that_is_not_positive(spectrum):
    """A certified floor lam = min(spectrum) <= 0 is impossible."""
    with pytest.raises(ValueError, match="spectrum"):
        RotatingSpectrum(spectrum, [[0.0, 1.0], [-1.0, 0.0]])


def test_rotating_spectrum_accepts_a_small_spectrum_and_rejects_a_nearly_skew_generator():
    """A generator skew only to 1e-5 was accepted (allclose's default rtol), and the float64 path (from the
    Hermitian part of i A) then differed from the 30-digit path (expm(t A)) by 1e-4 at t = 30."""
    metric = RotatingSpectrum([1e-3, 0.5], [[0.0, 2.0], [-2.0, 0.0]])
    assert metric.lam == 1e-3 and metric.pieces(5.0) is None
    assert np.allclose(metric(np.pi / 8), [[0.2505, 0.2495], [0.2495, 0.2505]], atol=1e-14)  # Q = rotation by pi/4
    with pytest.raises(ValueError, match="skew-symmetric"):
        RotatingSpectrum([1.0, 2.0], [[0.0, 1.0], [-1.0 + 1e-10, 0.0]])


def test_piecewise_pieces_include_a_switch_exactly_at_the_horizon():
    """pieces(h) describes Sigma on the closed [0, h]: Sigma(h) is the piece starting at or before h."""
    metric = _mp_metrics(np.random.default_rng(SEED))["piecewise"]
    for horizon in (0.5, 20.0, 19.9, 25.0):
        pieces = metric.pieces(horizon)
        for t in np.linspace(0.0, horizon, 41):
            assert np.array_equal([s for start, s in pieces if start <= t][-1], metric(t))
    assert [start for start, _ in metric.pieces(20.0)] == [0.0, 0.5, 20.0]
    assert [start for start, _ in metric.pieces(19.9)] == [0.0, 0.5]
    assert np.array_equal(metric(0.5), metric.sigmas[1]) and np.array_equal(metric(0.49), metric.sigmas[0])


@pytest.mark.parametrize("switch_times,count,message", [
    ([], 0, "start at 0"), ([0.0, 1.0, 1.0], 3, "increase strictly"), ([0.0, 2.0, 1.0], 3, "increase strictly"),
    ([0.0, 1.0], 3, "need as many matrices"),
])
def test_bad_switch_times_are_value_errors(switch_times, count, message):
    with pytest.raises(ValueError, match=message):
        PiecewiseConstant(switch_times, [np.eye(2)] * count)


def test_single_piece_and_constant_metrics_hold_for_all_t():
    sigma = np.array([[2.0, 0.5], [0.5, 1.0]])
    for metric in (PiecewiseConstant([0.0], [sigma]), ConstantMetric(sigma)):
        assert metric.lam == pytest.approx(np.linalg.eigvalsh(sigma)[0], rel=1e-14)
        assert np.array_equal(metric(np.array([0.0, 3.0])), [sigma, sigma])
        assert np.array_equal(metric(np.array([[1.0]])), [[sigma]])
        assert [(start, m.tolist()) for start, m in metric.pieces(7.0)] == [(0.0, sigma.tolist())]


def test_floor_plus_gram_rejects_mismatched_factors():
    with pytest.raises(ValueError, match="B1 must have shape"):
        FloorPlusGram(1.0, np.ones((2, 2)), np.ones((2, 3)), 1.0)


def test_callable_metric_checks_its_shape_at_every_time_and_has_no_mpmath_path():
    metric = CallableMetric(lambda t: np.eye(2) if t <= 10 else np.eye(3), lam=1.0)
    assert np.array_equal(metric(np.array([0.0, 1.0])), [np.eye(2)] * 2)
    with pytest.raises(ValueError, match=r"fn\(11\.0\) must be 2x2"):
        metric(11.0)
    with pytest.raises(NotImplementedError, match="CallableMetric has no mpmath evaluation"):
        metric.sigma_mp(0.0, None)


@pytest.mark.parametrize("family", ["constant", "rotating", "floor_plus_gram", "piecewise"])
def test_repr_replays_exactly(rng, family):
    metric = _mp_metrics(rng)[family]
    replayed = eval(repr(metric), {"ConstantMetric": ConstantMetric, "RotatingSpectrum": RotatingSpectrum,
                                   "FloorPlusGram": FloorPlusGram, "PiecewiseConstant": PiecewiseConstant})
    ts = np.array(REFERENCE_TIMES)
    assert np.array_equal(replayed(ts), metric(ts)) and replayed.lam == metric.lam


@pytest.mark.parametrize("build,message", [
    (lambda: RotatingSpectrum([[1.0, 2.0]], np.zeros((2, 2))), "spectrum must have 1 dimension"),
    (lambda: RotatingSpectrum([1.0, 2.0], np.zeros((3, 3))), "generator must have shape"),
    (lambda: FloorPlusGram(1.0, [1.0, 2.0], [1.0, 2.0], 1.0), "B0 must have 2 dimension"),
    (lambda: FloorPlusGram(1.0, np.eye(2), np.eye(2), [1.0, 2.0]), "omega must have 0 dimension"),
    (lambda: PiecewiseConstant([[0.0, 1.0]], [np.eye(2)] * 2), "switch_times must have 1 dimension"),
    (lambda: PiecewiseConstant([0.0, 1.0], [np.eye(2), -np.eye(2)]), r"sigmas\[1\] is not positive definite"),
    (lambda: PiecewiseConstant([0.0], [np.eye(2)], lam=-1.0), "lam must be"),
    (lambda: ConstantMetric(np.eye(2), lam=-1.0), "lam must be"),
])
def test_bad_family_arguments_are_value_errors_naming_the_argument(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_a_floor_exactly_at_the_tolerance_is_accepted():
    """The boundary itself: lambda_min = lam - tol in check_floor, lam = lambda_min + tol declared."""
    check_floor(lambda t: np.diag([1.0 - PINNED_FLOOR_RTOL * 1.0, 1.0]), 1.0, 1.0, 3)  # max(1, max |Sigma|) = 1
    sigma = np.diag([1.0, 3.0, 1e4])
    boundary = 1.0 + PINNED_FLOOR_RTOL * 1e4
    assert ConstantMetric(sigma, lam=boundary).lam == boundary
    assert PiecewiseConstant([0.0, 1.0], [sigma, 2 * sigma], lam=1.0 + PINNED_FLOOR_RTOL * 2e4).lam > 1.0
