"""smith Section 3.1 (proofs_check.studies.remarks.smith_limits): the t -> oo limits and the horizon dependence."""

import numpy as np
import pytest

from proofs_check.proofs.checks import call_validator
from proofs_check.settings import RunConfig
from proofs_check.studies.remarks.smith_limits import (CIRCLE_ALPHAS, LIMIT_ACCURACY, circle_hypotheses, circle_limits,
                                                       circle_rows, horizon_claim, limits_claim)

CONFIG = RunConfig()


def test_the_rows_start_where_the_derivation_says():
    rows = circle_rows(0.0, 10.0)
    assert rows["lazy velocity, escaping loss"] == pytest.approx(0.1) and rows["tangent velocity"] == pytest.approx(0.1)
    assert rows["alpha h_1"] == rows["alpha h_2"] == 0.0
    assert rows["bracket pi - asin(1/alpha)"] == pytest.approx(np.pi - np.arcsin(0.1))


@pytest.mark.parametrize("case", ["escape", "wedge"])
def test_the_integrated_limits_match_their_references(case):
    for alpha in CIRCLE_ALPHAS["ci"]:
        data = circle_limits(alpha, case)
        assert data["accuracy"] <= LIMIT_ACCURACY and data["residual_velocity"] <= LIMIT_ACCURACY
        assert data["tangent_limit"] == pytest.approx(1 / alpha, abs=1e-12)
    assert circle_limits(30.0, "escape")["lazy_limit"] > np.pi - np.arcsin(1 / 30)
    assert circle_limits(30.0, "wedge")["lazy_limit"] == pytest.approx(np.arccos(1 - 1 / 30), abs=1e-10)


@pytest.mark.parametrize("case", ["escape", "wedge"])
def test_the_text_claim_is_refuted_with_a_validated_witness(case):
    result = limits_claim(CONFIG, case)
    assert not result.ok and not result.crashed and result.counterexample, result.detail
    found = call_validator(result.witness)
    assert found and all(found.values()), found


def test_the_checker_does_not_refute_under_theorem_2_4s_hypotheses():
    result = limits_claim(CONFIG, "theorem-2.4")
    assert result.ok and not result.crashed, result.detail
    assert all(s.value < -0.9 for s in result.slopes)


def test_the_validator_rejects_an_alpha_outside_the_instance():
    found = circle_hypotheses(1.0)
    assert not found["alpha > 1 at alpha = 1"]


def test_the_horizon_dependence_is_genuine_and_a_uniform_bound_is_rejected():
    holds = horizon_claim(CONFIG)
    assert holds.ok, holds.detail
    uniform = horizon_claim(CONFIG, uniform=True)
    assert not uniform.ok and uniform.witness is not None, uniform.detail
