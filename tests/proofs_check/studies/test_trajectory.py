"""lazycheck's sharper constants along the trajectory (proofs_check.studies.trajectory), and their falsified variants."""

import numpy as np
import pytest

from proofs_check.settings import RunConfig
from proofs_check.studies.trajectory import (extremal_hypotheses, extremal_instance, radius_claim, rate_claim,
                                             sharp_c0_claim)

CONFIG = RunConfig()


def test_every_instance_of_the_family_satisfies_theorem_3_2s_hypotheses():
    for theta in (0.5, 0.999):
        assert all(extremal_hypotheses(theta, 1.0, 1.0).values())
    assert not extremal_hypotheses(1.5, 1.0, 1.0)["theta < 1"]


def test_the_instance_starts_at_the_largest_allowed_bias():
    model, loss, w0 = extremal_instance(0.9, 2.0, 1.0)
    assert model(w0)[0] < 0 and loss.y_star[0] > 0
    assert np.isclose(abs(model(w0)[0]), 2.0**2 / 32)  # C0 = sigma^3/(32 kappa^{3/2} ||Df|| L), ||Df|| = sigma = 2


def test_the_flow_stays_within_u_star_and_a_smaller_radius_is_refuted():
    result = radius_claim(CONFIG)
    assert result.ok and 0.7 < result.ratio < 1.0, result.detail
    falsified = radius_claim(CONFIG, 0.06)
    assert not falsified.ok and falsified.witness is not None and falsified.witness.validator


def test_the_rate_with_the_floor_c_star_holds_and_a_faster_rate_is_refuted():
    assert rate_claim(CONFIG).ok
    assert not rate_claim(CONFIG, 0.9).ok


@pytest.mark.parametrize("constant", ["c0", "c0_sharp_growth"])
def test_both_constants_keep_the_flow_in_the_ball_and_eight_times_more_does_not(constant):
    assert sharp_c0_claim(CONFIG, constant).ok
    assert not sharp_c0_claim(CONFIG, constant, scale=8.0).ok
