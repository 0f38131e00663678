"""chizat-bach Appendix B, Steps 2-3 (proofs_check.studies.appendix_b_flows): the flows of many cases integrated
together agree with the single flows, and so do the ratios read off them. (The mirror trajectory's structure is
tested with the chain, tests/proofs_check/proofs/test_theorem_3_4.py.)
"""

import math

import numpy as np
import pytest

from numeric.charts import CircleChart, SaddleChart
from proofs_check.studies import appendix_b as b
from proofs_check.studies import appendix_b_flows as b_flows

#: Cases drawn (both families and both loss kinds; the first FLOW_CASES are integrated, about 50 ms each alone).
SAMPLED_CASES = 40
#: Cases whose flows are integrated both ways.
FLOW_CASES = 6
#: The batched flows meet the tolerances of the single ones (rtol 1e-10 on the displacement): their ratios agree
#: to this relative error.
FLOW_RTOL = 1e-7


@pytest.fixture(scope="module")
def drawn():
    rng = np.random.default_rng(0)
    return [b.random_case(rng) for _ in range(SAMPLED_CASES)]


def test_the_stacked_gradient_is_each_losss_gradient(drawn):
    for family in (CircleChart, SaddleChart):
        losses = [case.loss for case in drawn if type(case.chart) is family]
        points = np.random.default_rng(6).uniform(-3, 3, (len(losses), losses[0].dim))
        expected = np.stack([loss.grad(y) for loss, y in zip(losses, points)])
        assert np.allclose(b_flows._stacked_gradient(losses)(points), expected, rtol=1e-13, atol=1e-13)


def test_the_flows_integrated_together_match_the_single_flows(drawn, monkeypatch):
    cases = drawn[:FLOW_CASES]
    together = b_flows.mirror_trajectories(cases)
    for case, trajectory in zip(cases, together):
        single = b_flows.mirror_trajectory(case)
        assert np.array_equal(trajectory.ts, single.ts) and np.array_equal(trajectory.g_star, single.g_star)
        moved = np.abs(single.w - single.w[0]).max()
        assert np.abs(trajectory.w - single.w).max() <= 1e-8 * moved
        for ratio in (b_flows.chart_exit_ratio, b_flows.suboptimality_decay_ratio):
            assert math.isclose(ratio(case, trajectory), ratio(case), rel_tol=FLOW_RTOL)
    monkeypatch.setattr(b_flows, "FLOW_CHUNK", FLOW_CASES // 2 + 1)  # two chunks
    batched = b_flows.over_flows(b_flows.chart_exit_ratio)(cases)
    assert np.allclose(batched, [b_flows.chart_exit_ratio(case) for case in cases], rtol=FLOW_RTOL)
