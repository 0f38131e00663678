"""smith Theorem 2.2 and Proposition A.1 on the tanh network (proofs_check.studies.finite_time)."""

from proofs_check.settings import RunConfig
from proofs_check.studies.finite_time import finite_horizon_claim, held_out_claim

CONFIG = RunConfig()


def test_theorem_2_2_energy_bound_and_rates_on_the_network():
    result = finite_horizon_claim(CONFIG)
    assert result.ok and result.ratio <= 1 and len(result.slopes) == 3, result.detail


def test_theorem_2_2_falsified_variants_are_refuted():
    assert not finite_horizon_claim(CONFIG, bound_factor=0.5).ok  # half the energy bound: the measured ratio is ~0.75
    assert not finite_horizon_claim(CONFIG, expected={"displacement": -2.0}).ok


def test_proposition_a1_on_held_out_inputs():
    result = held_out_claim(CONFIG)
    assert result.ok and result.ratio < 0.1 and result.searched == 4 * 30, result.detail


def test_proposition_a1_falsified_rate_is_refuted():
    assert not held_out_claim(CONFIG, expected_slope=-2.0).ok  # "the held-out gap is O(1/alpha^2)" is false
