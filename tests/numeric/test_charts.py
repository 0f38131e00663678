"""numeric.charts: the rank-theorem charts of chizat-bach Appendix B, in closed form.

Structure first: derivatives against finite differences, inverses, the commutative diagram, the ranks;
then the certified bounds the proof's constants are built from.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from numeric.charts import (CHARTS, PARAMETER_RANGES, CircleChart, SaddleChart, chart_models, random_chart,
                            stack_charts)

#: Central differences with this step agree with the exact derivatives to DIFFERENCE_TOL.
STEP, DIFFERENCE_TOL = 1e-6, 1e-7
#: Directions sampled for the bilinear norm of D^2 psi^{-1}.
DIRECTIONS = 400

unit_fractions = st.lists(st.floats(-1.0, 1.0), min_size=3, max_size=3).map(np.array)


def _difference(function, point) -> np.ndarray:
    """The central-difference Jacobian of ``function`` at ``point`` (columns: coordinates of the point)."""
    columns = [(function(point + STEP * e) - function(point - STEP * e)) / (2 * STEP) for e in np.eye(point.size)]
    return np.stack(columns, axis=-1)


def _parameter(chart, fractions) -> np.ndarray:
    """A point of W0: phi^{-1} of a point of the box Wbar0."""
    return chart.phi_inv(fractions[: chart.n_params] * chart.x_half_widths)


def _predictor(chart, fractions) -> np.ndarray:
    """A point of the box Fbar0."""
    return fractions[: chart.n_outputs] * chart.g_half_widths


@given(chart_models(), unit_fractions)
def test_the_jacobians_match_finite_differences(chart, fractions):
    w, g = _parameter(chart, fractions), _predictor(chart, fractions)
    assert np.allclose(_difference(chart.phi, w), chart.dphi(w), atol=DIFFERENCE_TOL)
    assert np.allclose(_difference(chart.psi_inv, g), chart.dpsi_inv(g), atol=DIFFERENCE_TOL)
    assert np.allclose(_difference(chart, w), chart.jacobian(w), atol=DIFFERENCE_TOL)


@given(chart_models(), unit_fractions)
def test_the_second_derivatives_of_psi_inverse_match_finite_differences(chart, fractions):
    g = _predictor(chart, fractions)
    numeric = _difference(chart.dpsi_inv, g)  # [k, i, j] = d_j (D psi^{-1})_{k i}
    assert np.allclose(numeric, chart.d2psi_inv(g), atol=DIFFERENCE_TOL)
    assert np.allclose(chart.d2psi_inv(g), np.swapaxes(chart.d2psi_inv(g), 1, 2))


@given(chart_models(), unit_fractions)
def test_the_charts_invert(chart, fractions):
    w, g = _parameter(chart, fractions), _predictor(chart, fractions)
    assert np.allclose(chart.psi(chart.psi_inv(g)), g, atol=1e-12)
    assert np.allclose(chart.phi(chart.phi_inv(fractions[: chart.n_params] * chart.x_half_widths)),
                       fractions[: chart.n_params] * chart.x_half_widths, atol=1e-12)
    assert np.allclose(chart.phi_inv(chart.phi(w)), w, atol=1e-12)


@given(chart_models(), unit_fractions)
def test_the_diagram_commutes_and_the_rank_is_r_everywhere_on_w0(chart, fractions):
    w = _parameter(chart, fractions)
    assert np.allclose(chart(w), chart.psi_inv(chart.project(chart.phi(w))))  # f = psi^{-1} o pi_r o phi
    assert chart.diagram_residual(w) <= 1e-12
    assert np.linalg.matrix_rank(chart.jacobian(w), tol=1e-9) == chart.rank < chart.n_outputs
    assert chart.in_parameter_chart(w)


@pytest.mark.parametrize("kind", [CircleChart, SaddleChart])
def test_the_base_points_are_zero(kind):
    chart = kind(w0=(0.3,) * kind.n_params)
    origin = chart.initialization
    assert np.allclose(chart(origin), 0) and np.allclose(chart.phi(origin), 0)
    assert np.allclose(chart.psi(np.zeros(chart.n_outputs)), 0)
    assert np.allclose(chart.projection_matrix @ np.arange(1.0, kind.n_params + 1),
                       chart.project(np.arange(1.0, kind.n_params + 1)))
    assert np.allclose(chart.dpsi_inv(np.zeros(chart.n_outputs)), chart.speed * np.eye(chart.n_outputs))


def test_psi_inverse_is_nonlinear():
    for kind in CHARTS.values():
        assert np.abs(kind().d2psi_inv(np.zeros(kind.n_outputs))).max() > 0


def _bilinear_norm(hessian, rng) -> float:
    """A lower estimate of sup_{|a| = |b| = 1} ||D^2 psi^{-1}(a, b)|| = sup_{|u| = 1} ||sum_k u_k D^2 psi^{-1}_k||."""
    directions = rng.standard_normal((DIRECTIONS, hessian.shape[0]))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    return max(np.abs(np.linalg.eigvalsh(np.einsum("k,kij->ij", u, hessian))).max() for u in directions)


@given(chart_models(), unit_fractions)
def test_the_certified_bounds_hold_on_the_chart_domains(chart, fractions):
    rng = np.random.default_rng(0)
    g, w = _predictor(chart, fractions), _parameter(chart, fractions)
    singular = np.linalg.svd(chart.dpsi_inv(g), compute_uv=False)
    assert chart.sigma_psi_inv <= singular[-1] * (1 + 1e-12) and singular[0] <= chart.lip_psi_inv * (1 + 1e-12)
    assert _bilinear_norm(chart.d2psi_inv(g), rng) <= chart.lip_dpsi_inv * (1 + 1e-12)
    on_plane = chart.embed(g[: chart.rank])
    singular_r = np.linalg.svd(chart.dpsi_inv(on_plane)[:, : chart.rank], compute_uv=False)
    assert chart.sigma_psi_inv_r <= singular_r[-1] * (1 + 1e-12) and singular_r[0] <= chart.lip_psi_inv_r * (1 + 1e-12)
    restricted = chart.d2psi_inv(on_plane)[:, : chart.rank, : chart.rank]
    assert _bilinear_norm(restricted, rng) <= chart.lip_dpsi_inv_r * (1 + 1e-12)
    assert np.linalg.norm(chart.dphi(w), 2) <= chart.lip_phi * (1 + 1e-12)
    assert chart.metric_floor <= np.linalg.eigvalsh(chart.metric_block(w))[0] * (1 + 1e-12)


def test_the_floors_are_attained_at_the_base_point():
    chart = CircleChart(curvature=0.8, speed=1.2, shear=0.4, phi_scale=0.9)
    assert np.isclose(np.linalg.eigvalsh(chart.metric_block(chart.initialization))[0], chart.metric_floor)
    g = np.array([0.0, chart.g_half_widths[1]])  # radius factor 1/2: sigma_min = s/2
    assert np.isclose(np.linalg.svd(chart.dpsi_inv(g), compute_uv=False)[-1], chart.sigma_psi_inv)


@pytest.mark.parametrize("field", ["curvature", "speed", "phi_scale"])
def test_bad_parameters_are_rejected(field):
    with pytest.raises(ValueError, match=field):
        CircleChart(**{field: 0.0})
    with pytest.raises(ValueError, match=field):
        SaddleChart(**{field: float("nan")})


def test_the_strategy_validates_its_families():
    with pytest.raises(InvalidArgument, match="families"):
        chart_models(families=("sphere",))
    with pytest.raises(InvalidArgument, match="families"):
        chart_models(families=())


@given(chart_models(families=("saddle",)))
def test_the_strategy_draws_the_families_asked_for(chart):
    assert isinstance(chart, SaddleChart) and chart.n_params == len(chart.w0) == 3


def test_a_wrong_initialization_is_rejected():
    with pytest.raises(ValueError, match="w0"):
        SaddleChart(w0=(0.0, 0.0))


# The numpy sampler and stacked charts -----------------------------------------------------------

#: Charts drawn by the sampler tests.
SAMPLED_CHARTS = 400


def test_the_sampler_draws_both_families_inside_the_parameter_ranges():
    rng, families = np.random.default_rng(0), set()
    for _ in range(SAMPLED_CHARTS):
        chart = random_chart(rng)
        families.add(type(chart))
        for name, (lo, hi) in PARAMETER_RANGES.items():
            assert lo <= getattr(chart, name) <= hi and type(getattr(chart, name)) is float, name
        assert len(chart.w0) == chart.n_params and all(-1 <= v <= 1 and type(v) is float for v in chart.w0)
    assert families == set(CHARTS.values())


def test_the_sampler_is_deterministic_for_a_seed_and_validates_its_families():
    def draw(seed):
        rng = np.random.default_rng(seed)
        return [repr(random_chart(rng)) for _ in range(5)]

    assert draw(3) == draw(3) != draw(4)
    assert all(isinstance(random_chart(np.random.default_rng(i), families=("saddle",)), SaddleChart) for i in range(5))
    with pytest.raises(InvalidArgument, match="families"):
        random_chart(np.random.default_rng(0), families=("sphere",))


MAPS = ("phi", "dphi", "phi_inv", "psi_inv", "dpsi_inv", "d2psi_inv", "psi", "project", "__call__", "jacobian",
        "metric_block")
ON_OUTPUTS = ("psi_inv", "dpsi_inv", "d2psi_inv", "psi")


def _points(chart, rng, count) -> np.ndarray:
    """``count`` points of W0 (Fbar0 for the maps of ON_OUTPUTS take their first n coordinates)."""
    return chart.phi_inv(rng.uniform(-1, 1, (count, chart.n_params)) * chart.x_half_widths)


@pytest.mark.parametrize("family", CHARTS)
def test_the_maps_take_many_points_and_stacked_charts_evaluate_each_chart_at_its_point(family):
    rng = np.random.default_rng(5)
    charts = [random_chart(rng, families=(family,)) for _ in range(20)]
    stacked, points = stack_charts(charts), _points(charts[0], rng, 20)
    for name in MAPS:
        at = points[:, : charts[0].n_outputs] if name in ON_OUTPUTS else points
        one_by_one = np.stack([getattr(charts[0], name)(x) for x in at])
        assert np.array_equal(getattr(charts[0], name)(at), one_by_one), name
        each = np.stack([getattr(chart, name)(x) for chart, x in zip(charts, at)])
        assert np.array_equal(getattr(stacked, name)(at), each), name
    assert stacked.x_half_widths.shape == (20, charts[0].n_params)


@given(chart_models(), unit_fractions, unit_fractions)
def test_the_vector_jacobian_product_is_the_transposed_jacobian(chart, fractions, direction):
    w = _parameter(chart, fractions)
    value, pullback = chart.vjp(w)
    assert np.array_equal(value, chart(w))
    assert np.allclose(pullback(direction[: chart.n_outputs]), chart.jacobian(w).T @ direction[: chart.n_outputs],
                       rtol=1e-13, atol=1e-13)


def test_only_charts_of_one_family_stack():
    with pytest.raises(ValueError, match="one family"):
        stack_charts([CircleChart(), SaddleChart()])
    with pytest.raises(ValueError, match="speed"):
        CircleChart(speed=np.array([1.0, -1.0]), w0=np.zeros((2, 2)))
    assert stack_charts([CircleChart(), CircleChart(speed=2.0)]).speed.tolist() == [1.0, 2.0]
