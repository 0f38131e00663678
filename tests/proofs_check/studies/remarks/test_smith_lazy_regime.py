"""smith's lazy-regime remarks (proofs_check.studies.remarks.smith_lazy_regime): each holds, each variant is rejected."""

import pytest

from proofs_check.settings import RunConfig
from proofs_check.studies.remarks.smith_lazy_regime import (displacement_bound, initialization_claim,
                                                            large_initialization_claim, relative_gap,
                                                            training_points_claim, uniform_extension_claim)

CONFIG = RunConfig()


def test_the_displacement_bound_scales_like_one_over_alpha():
    assert displacement_bound(10.0) == pytest.approx(10 * displacement_bound(100.0))


def test_the_initialization_reading_holds_and_the_literal_reading_fails():
    reading = initialization_claim(CONFIG)
    assert reading.ok and reading.ratio <= 1, reading.detail
    literal = initialization_claim(CONFIG, literal=True)
    assert not literal.ok and literal.ratio > 1, literal.detail


def test_uniform_rates_hold_and_a_faster_rate_is_rejected():
    assert uniform_extension_claim(CONFIG).ok
    assert not uniform_extension_claim(CONFIG, {"parameter_gap": -3.0}).ok


def test_training_point_gaps_decay_and_a_faster_rate_is_rejected():
    assert training_points_claim(CONFIG).ok
    assert not training_points_claim(CONFIG, expected=-2.0).ok


def test_the_diagonal_flows_start_together():
    assert 0 < relative_gap(2.0) < 0.1


def test_large_initialization_is_lazy_only_from_a_zero_output():
    assert large_initialization_claim(CONFIG).ok
    unbalanced = large_initialization_claim(CONFIG, balanced=False)
    assert not unbalanced.ok, unbalanced.detail
