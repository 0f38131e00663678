"""The rate check of the proof chains (proofs_check.proofs.checks.decide_rate): it separates neighbouring rates."""

import numpy as np
import pytest

from proofs_check.proofs.checks import RATE_ALPHAS, RATE_SLOPE_TOLERANCE, decide_rate

ALPHAS = np.asarray(RATE_ALPHAS)


@pytest.mark.parametrize("scale", [1e-3, 1.0, 40.0])
def test_data_decaying_like_alpha_to_minus_1_75_is_rejected_as_o_alpha_minus_2(scale):
    """Acceptance (item 6): alpha^-1.75 is not O(alpha^-2); the slope is reported with its error."""
    result = decide_rate("synthetic", ALPHAS, scale * ALPHAS**-1.75, "1/alpha**2")
    assert not result.ok
    slope, whole = result.slopes
    assert whole.value == pytest.approx(0.25, abs=1e-9)
    assert slope.value == pytest.approx(0.25, abs=1e-9) and slope.error < 1e-9
    assert "+0.250 +- 0.000" in result.detail and result.counterexample


@pytest.mark.parametrize("shift, holds", [(0.0, True), (-0.15, True), (+0.15, False), (+0.10, False),
                                          (+0.05, True)])
def test_the_tolerance_separates_p_from_p_plus_0_15(shift, holds):
    """value ~ alpha^(-2 + shift): O(alpha^-2) holds for shift <= tolerance (faster decay is allowed)."""
    rng = np.random.default_rng(0)
    noise = np.exp(0.01 * rng.standard_normal(ALPHAS.size))  # 1% multiplicative noise
    assert decide_rate("synthetic", ALPHAS, noise * ALPHAS ** (-2 + shift), "1/alpha**2").ok is holds


def test_the_value_exponent_is_reported_so_p_minus_0_15_is_told_apart_from_p():
    faster = decide_rate("synthetic", ALPHAS, ALPHAS**-2.15, "1/alpha**2")
    exact = decide_rate("synthetic", ALPHAS, ALPHAS**-2.0, "1/alpha**2")
    assert "alpha^(-2.150" in faster.detail and "alpha^(-2.000" in exact.detail


def test_a_stated_log_factor_is_tested_for():
    with_log = decide_rate("synthetic", ALPHAS, np.log(ALPHAS) / ALPHAS**2, "log(alpha)/alpha**2")
    without_log = decide_rate("synthetic", ALPHAS, 1 / ALPHAS**2, "log(alpha)/alpha**2")
    squared_log = decide_rate("synthetic", ALPHAS, np.log(ALPHAS) ** 2 / ALPHAS**2, "log(alpha)/alpha**2")
    assert with_log.ok and "the log factor is needed" in with_log.detail
    assert without_log.ok and "the log factor is not seen" in without_log.detail
    assert not squared_log.ok
    # over the last decade (alpha 100..1000) alpha^-1.75 outgrows log(alpha)/alpha^2 (slope 0.25 - 1/ln(alpha))
    assert not decide_rate("synthetic", ALPHAS, ALPHAS**-1.75, "log(alpha)/alpha**2").ok


def test_a_range_shorter_than_a_decade_decides_nothing():
    alphas = np.array([100.0, 120.0, 150.0])
    result = decide_rate("synthetic", alphas, 1 / alphas**2, "1/alpha**2")
    assert not result.ok and "shorter than a decade" in result.detail


def test_a_noisy_fit_is_not_decided():
    rng = np.random.default_rng(1)
    noisy = ALPHAS**-2.0 * np.exp(rng.standard_normal(ALPHAS.size))
    result = decide_rate("synthetic", ALPHAS, noisy, "1/alpha**2")
    assert result.slopes[0].error > RATE_SLOPE_TOLERANCE and not result.ok
    assert "too noisy" in result.detail


# The numpy screen of the sampled analytic steps.

def _analytic(ratio, sample):
    from proofs_check.proofs.checks import AnalyticCheck
    from proofs_check.proofs.domains import MATRIX_PAIRS

    return AnalyticCheck("a test ratio", MATRIX_PAIRS.strategy, ratio, domain=MATRIX_PAIRS.ranges, sample=sample)


def _context(**config):
    from proofs_check.proofs.chain import ChainRun
    from proofs_check.settings import RunConfig

    return ChainRun(RunConfig(**config), lambda proof_id: None)


def test_a_sampled_step_screens_its_budget_before_hypothesis():
    from proofs_check.proofs.domains import MATRIX_PAIRS
    from proofs_check.studies.pointwise import operator_norm_ratio

    result = _analytic(operator_norm_ratio, MATRIX_PAIRS.sample).run(_context(max_examples=5))
    assert result.ok and result.searched == 5 + 1000 and result.as_json()["instances"] == 1005
    again = _analytic(operator_norm_ratio, MATRIX_PAIRS.sample).run(_context(max_examples=5))
    assert again == result  # the screen is seeded by the run's configuration
    assert _analytic(operator_norm_ratio, None).run(_context(max_examples=5)).searched == 5


def test_the_screen_alone_refutes_a_false_step():
    """||A^T v|| <= (1/2)||A|| ||v|| is false; a strategy that never leaves A = 0 cannot see it, the screen does."""
    from hypothesis import strategies as st

    from numeric import samplers
    from proofs_check.proofs.checks import AnalyticCheck
    from proofs_check.studies.pointwise import operator_norm_ratio

    zeros = lambda: st.just((np.zeros((2, 2)), np.zeros((2, 2))))  # noqa: E731
    check = AnalyticCheck("twice the operator-norm ratio", zeros, lambda i: 2 * operator_norm_ratio(i),
                          sample=samplers.matrix_pair)
    result = check.run(_context(max_examples=3))
    assert not result.ok and result.counterexample.startswith("ratio ") and result.ratio > 1


def test_a_ratio_that_is_not_a_number_crashes_the_screen():
    from numeric import samplers
    from proofs_check.proofs.chain import ProofStep, run_step

    check = _analytic(lambda instance: float("nan"), samplers.matrix_pair)
    result = run_step(ProofStep("1", "here", "a", "b", "because", check), _context(max_examples=2))
    assert result.outcome.crashed and result.status == "fails"


def test_a_screened_flow_step_refutes_a_false_decay_rate():
    """Fbar(y(t)) <= Fbar(y0) exp(-4 mu lam t) is false (the rate is 2 mu lam); a strategy pinned at a metric far
    above its declared floor cannot see it, the screen does."""
    from hypothesis import strategies as st

    from numeric import samplers
    from numeric.flows import solve
    from numeric.losses import StronglyConvexQuadratic
    from numeric.metrics import PiecewiseConstant
    from proofs_check.proofs.checks import AnalyticCheck
    from proofs_check.studies.pointwise import suboptimality

    def doubled_rate_ratio(instance):
        loss, metric, y0 = instance
        ts = np.linspace(0.0, 1.0, 21)
        values = suboptimality(loss, solve(loss, metric, y0, ts).y)
        return float(np.max(values / (suboptimality(loss, y0) * np.exp(-4 * loss.mu * metric.lam * ts))))

    loss, fast = StronglyConvexQuadratic(np.eye(1), [0.0]), PiecewiseConstant([0.0], [100 * np.eye(1)], lam=1.0)
    pinned_instance = (loss, fast, np.array([1.0]))  # Sigma = 100 Id, declared floor 1
    pinned = lambda: st.just(pinned_instance)  # noqa: E731
    assert doubled_rate_ratio(pinned_instance) <= 1
    check = AnalyticCheck("a doubled decay rate", pinned, doubled_rate_ratio, flows=True,
                          sample=samplers.exact_flow_instance)
    result = check.run(_context(max_examples=3))
    assert not result.ok and result.ratio > 1 and result.counterexample.startswith("ratio ")
