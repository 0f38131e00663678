"""Public hypothesis strategies (numeric.strategies): validation, shrink targets, use from outside."""

import subprocess
import sys
import textwrap

import numpy as np
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis.errors import InvalidArgument

from numeric import adversarial, losses, metrics, models, parameter_flows
from numeric.losses import StronglyConvexQuadratic
from numeric.strategies import (KAPPA_ONE_ODDS, MIN_PIECE_FRACTION, concave_scalars, flow_instances, initial_points, matrix_pairs,
                                metric_samples, rotations, sine_models, strongly_convex_losses, time_varying_metrics)

#: Losses sampled to count the draws of kappa = 1.
KAPPA_SAMPLES = 120


@pytest.mark.parametrize("make", [
    lambda: strongly_convex_losses(min_dim=3, max_dim=2),
    lambda: strongly_convex_losses(min_dim=0),
    lambda: strongly_convex_losses(min_mu=0.0),
    lambda: strongly_convex_losses(max_kappa=0.5),
    lambda: strongly_convex_losses(kinds=()),
    lambda: strongly_convex_losses(kinds=("cubic",)),
    lambda: time_varying_metrics(dim=2, lam=-1.0),
    lambda: time_varying_metrics(dim=0, lam=1.0),
    lambda: time_varying_metrics(dim=2, lam=1.0, families=("wobbly",)),
    lambda: initial_points(dim=2, min_distance=2.0, max_distance=1.0),
    lambda: initial_points(dim=2, center=[0.0, 0.0, 0.0]),
    lambda: flow_instances(min_lam=1.0, max_lam=0.5),
    lambda: flow_instances(kinds=("logcosh",), families=("forcing",)),
    lambda: strongly_convex_losses(kappa_one=1),
    lambda: flow_instances(kappa_one="yes"),
    lambda: initial_points(dim=2, center=[float("nan"), 0.0]),
    lambda: initial_points(dim=2, center=[float("inf"), 0.0]),
    lambda: initial_points(dim=2, max_distance=float("inf")),
    lambda: strongly_convex_losses(max_kappa=float("inf")),
    lambda: flow_instances(horizon=float("nan")),
    lambda: flow_instances(max_lam=float("inf")),
    lambda: metric_samples(max_lam=float("nan")),
    lambda: rotations(0),
    lambda: matrix_pairs(bound=float("inf")),
    lambda: sine_models(max_outputs=0),
])
def test_bad_arguments_are_rejected(make):
    """Raised as hypothesis' InvalidArgument, which is also a ValueError (as numeric/ raises elsewhere)."""
    with pytest.raises(InvalidArgument) as raised:
        make().example()
    assert isinstance(raised.value, ValueError)


def test_losses_shrink_towards_the_documented_target():
    loss = find(strongly_convex_losses(min_dim=2, max_dim=4, min_mu=0.5), lambda loss: True)
    assert isinstance(loss, StronglyConvexQuadratic) and loss.dim == 2
    assert loss.mu == pytest.approx(0.5) and loss.nu == pytest.approx(0.5)
    assert np.allclose(loss.H, 0.5 * np.eye(2)) and np.all(loss.y_star == 0)


def test_losses_with_kappa_one_shrink_towards_an_isotropic_loss():
    loss = find(strongly_convex_losses(min_dim=3, max_dim=4, kappa_one=True), lambda loss: True)
    assert loss.dim == 3 and loss.mu == loss.nu == pytest.approx(0.1) and np.allclose(loss.H, 0.1 * np.eye(3))


def test_kappa_one_draws_kappa_equal_to_one_exactly_in_several_dimensions():
    losses = []

    @settings(max_examples=KAPPA_SAMPLES, derandomize=True, database=None)
    @given(strongly_convex_losses(min_dim=2, max_dim=4, kappa_one=True))
    def sample(loss):
        losses.append(loss)

    sample()
    isotropic = [loss for loss in losses if loss.nu / loss.mu - 1 < 1e-12]
    assert len(isotropic) >= KAPPA_SAMPLES // (2 * KAPPA_ONE_ODDS)
    assert all(np.allclose(loss.H, loss.mu * np.eye(loss.dim), rtol=0, atol=1e-12 * loss.mu) for loss in isotropic)


@given(time_varying_metrics(dim=2, lam=0.5, families=("piecewise",), horizon=3.0))
def test_piecewise_metrics_have_no_piece_shorter_than_the_floor(metric):
    assert np.all(np.diff(metric.switch_times) >= MIN_PIECE_FRACTION * 3.0) and metric.switch_times[0] == 0


def test_initial_points_shrink_towards_center_plus_min_distance_e1():
    point = find(initial_points(dim=3, center=[1.0, 2.0, 3.0], min_distance=0.25), lambda y: True)
    assert np.allclose(point, [1.25, 2.0, 3.0])


def test_metrics_shrink_towards_a_static_floor():
    metric = find(time_varying_metrics(dim=2, lam=0.3, families=("floor_plus_gram",)), lambda m: True)
    assert np.allclose(metric(0.0), metric(5.0)) and np.allclose(metric(1.0), 0.3 * np.eye(2))


def test_concave_scalars_shrink_towards_the_documented_model():
    model = find(concave_scalars(), lambda m: True)
    assert (model.sigma_min, model.lip_jacobian, model.offset) == (0.1, 0.1, -2.0)


@given(concave_scalars())
def test_concave_scalars_lie_in_their_ranges(model):
    assert 0.1 <= model.sigma_min <= 2.0 and 0.1 <= model.lip_jacobian <= 5.0 and -2.0 <= model.offset <= 2.0


@given(strongly_convex_losses(max_kappa=50.0))
def test_loss_constants_respect_the_bounds(loss):
    assert 0.1 * (1 - 1e-12) <= loss.mu <= 1.0 * (1 + 1e-12) and loss.nu / loss.mu <= 50.0 * (1 + 1e-9)


@given(flow_instances())
def test_instances_have_certified_floors_and_distinct_start(instance):
    loss, metric, y0 = instance
    metric.check_floor(horizon=10.0, samples=33)
    assert metric.dim == loss.dim and np.linalg.norm(y0 - loss.y_star) > 0


def test_strategies_and_profiles_work_from_a_scratch_project(tmp_path):
    """Another project's test file imports the strategies; the pytest11 plugin provides the profiles."""
    scratch = tmp_path / "test_scratch.py"
    scratch.write_text(textwrap.dedent("""
        from hypothesis import given, settings
        from numeric.strategies import strongly_convex_losses, time_varying_metrics, initial_points

        def test_profile_is_active():
            assert settings().max_examples == 10

        @given(strongly_convex_losses(max_dim=3), initial_points(dim=1))
        def test_gradient_vanishes_at_the_minimizer(loss, point):
            assert abs(loss.grad(loss.y_star)).max() < 1e-9

        @given(time_varying_metrics(dim=2, lam=0.5))
        def test_floor(metric):
            metric.check_floor(horizon=2.0, samples=9)
    """))
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
                             "--hypothesis-profile=fast", str(scratch)], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout


#: Names a printed falsifying example may use: numpy's array and the classes of numeric/.
REPLAY_NAMESPACE = {"array": np.array} | {name: value for module in (losses, metrics, adversarial, models,
                                                                      parameter_flows)
                                          for name, value in vars(module).items() if isinstance(value, type)}


def test_a_printed_falsifying_example_replays_exactly():
    """What hypothesis prints for a failing @given(flow_instances()) evaluates to the instance that failed."""
    failed = []

    @settings(max_examples=5, derandomize=True, database=None, phases=[Phase.generate])  # unshrunk: full floats
    @given(flow_instances(min_dim=2, families=("rotating",)))
    def fails_away_from_the_minimizer(instance):
        failed.append(instance)
        loss, _, y0 = instance
        assert np.linalg.norm(y0 - loss.y_star) < 0.1

    with pytest.raises(AssertionError) as raised:
        fails_away_from_the_minimizer()
    printed = next(note for note in raised.value.__notes__ if "fails_away_from_the_minimizer(" in note)
    call = printed[printed.index("fails_away_from_the_minimizer("):]
    replayed = eval(call, REPLAY_NAMESPACE | {"fails_away_from_the_minimizer": dict})["instance"]
    loss, metric, y0 = failed[-1]
    assert len(repr(y0[0])) > 10  # a float that numpy's own repr (8 digits) would have rounded
    assert repr(replayed[:2]) == repr((loss, metric)) and np.array_equal(replayed[2], y0)
    assert np.array_equal(replayed[1](0.7), metric(0.7)) and np.array_equal(replayed[0].grad(y0), loss.grad(y0))
