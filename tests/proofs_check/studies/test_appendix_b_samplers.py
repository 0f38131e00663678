"""The numpy samplers of chizat-bach Appendix B (proofs_check.studies.appendix_b) and its measurements at many points.

The samplers draw admissible instances from the spaces of the hypothesis strategies ``cases`` and ``fractions``,
deterministically for a seed; the measurements at many points agree with the pointwise ones.
"""

import math

import numpy as np
import pytest
from hypothesis.errors import InvalidArgument

from numeric.charts import CircleChart, SaddleChart
from proofs_check.studies import appendix_b as b

#: Cases drawn by the range tests (each costs its hypotheses' 20 sampled ranks).
SAMPLED_CASES = 60


@pytest.fixture(scope="module")
def drawn():
    rng = np.random.default_rng(0)
    return [b.random_case(rng) for _ in range(SAMPLED_CASES)]


def test_every_sampled_case_satisfies_the_hypotheses_and_lies_in_the_ranges(drawn):
    for case in drawn:
        assert all(b.hypotheses(case).values()), case
        chart, loss = case.chart, case.loss
        alpha_zero = b.local_constants(chart, loss).alpha_zero
        assert alpha_zero <= case.alpha <= 100 * alpha_zero * (1 + 1e-12) and type(case.alpha) is float
        assert loss.dim == chart.n_outputs and 0.5 <= loss.mu <= 5.0 and loss.nu <= 4.0 * loss.mu * (1 + 1e-12)
        assert np.abs(loss.y_star).max() <= 2.0
    assert {type(case.chart) for case in drawn} == {CircleChart, SaddleChart}
    assert {case.loss.kind for case in drawn} == {"quadratic", "logcosh"}


def test_the_case_sampler_takes_the_strategys_arguments():
    rng = np.random.default_rng(1)
    for _ in range(10):
        case = b.random_case(rng, families=("circle",), max_alpha_factor=1.0)
        assert isinstance(case.chart, CircleChart)
        assert math.isclose(case.alpha, b.local_constants(case.chart, case.loss).alpha_zero, rel_tol=1e-15)
    with pytest.raises(InvalidArgument, match="max_alpha_factor"):
        b.random_case(rng, max_alpha_factor=0.5)


def test_fractions_lie_in_the_unit_box():
    rng = np.random.default_rng(2)
    drawn = [b.random_fractions(rng) for _ in range(200)]
    assert all(len(f) == 3 and all(type(v) is float and -1 <= v <= 1 for v in f) for f in drawn)
    assert len(b.random_fractions(rng, size=5)) == 5


def test_the_samplers_are_deterministic_for_a_seed():
    def draw(seed):
        rng = np.random.default_rng(seed)
        return [repr((b.random_case(rng), b.random_fractions(rng))) for _ in range(4)]

    assert draw(11) == draw(11) != draw(12)


@pytest.mark.parametrize("kind", ["quadratic", "logcosh"])
def test_a_sampled_case_replays_from_its_repr(kind):
    """The validator of a counterexample rebuilds the case from its repr, whatever its loss (a screen's
    counterexample is not shrunk, so a log-cosh case is as likely as a quadratic one)."""
    from proofs_check.studies.appendix_b_validation import case_hypotheses

    rng = np.random.default_rng(4)
    case = next(c for c in (b.random_case(rng) for _ in range(40)) if c.loss.kind == kind)
    assert case_hypotheses(repr((case, b.random_fractions(rng)))) == b.hypotheses(case)


def test_the_measurements_take_many_points(drawn):
    rng = np.random.default_rng(5)
    for case in drawn[:10]:
        points = np.stack([b.chart_point(case, b.random_fractions(rng)) for _ in range(7)])
        assert np.allclose(b.objective(case, points), [b.objective(case, g) for g in points], rtol=1e-14, atol=0)
        assert np.allclose(b.objective_gradient(case, points), [b.objective_gradient(case, g) for g in points],
                           rtol=1e-13, atol=1e-300)
        for many, one_by_one in zip(b.hessian_terms(case, points), zip(*(b.hessian_terms(case, g) for g in points))):
            assert np.allclose(many, np.stack(one_by_one), rtol=1e-13, atol=1e-300)
