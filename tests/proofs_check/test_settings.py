"""The profile table and the run configuration (proofs_check.settings), and the pytest plugin's profiles."""

import pytest
from hypothesis import settings

from proofs_check.settings import PROFILES, RunConfig


def test_the_plugin_registers_every_profile_of_the_table():
    for profile in PROFILES.values():
        assert settings.get_profile(profile.name).max_examples == profile.property_examples


def test_a_run_configuration_resolves_its_budgets_and_depth():
    assert RunConfig().examples == PROFILES["ci"].search_examples and RunConfig().depth == "ci"
    assert RunConfig(profile="thorough").depth == "thorough"
    config = RunConfig(max_examples=7)
    assert config.examples == 7 and config.analytic_examples(False) == 7 and config.analytic_examples(True) == 3
    assert config.as_json() == {"profile": "ci", "seed": None, "max_examples": 7, "sweep_depth": "ci",
                                "batch_instances": config.batch_instances}


def test_study_seeds_are_the_defaults_when_derandomized_and_spread_otherwise():
    assert RunConfig().study_seed(5) == 5
    seeded = RunConfig(seed=1)
    assert seeded.study_seed(5) == RunConfig(seed=1).study_seed(5)  # deterministic
    assert len({seeded.study_seed(k) for k in range(100)} | {RunConfig(seed=2).study_seed(5)}) == 101


@pytest.mark.parametrize("arguments,fragment", [
    ({"profile": "deep"}, "unknown profile"), ({"seed": 1.5}, "seed must be an integer"),
    ({"max_examples": 0}, "max_examples must be a positive integer"),
])
def test_a_bad_configuration_is_a_value_error(arguments, fragment):
    with pytest.raises(ValueError, match=fragment):
        RunConfig(**arguments)


def test_a_configuration_is_hashable_so_runs_can_be_cached_by_it():
    assert hash(RunConfig(seed=3)) == hash(RunConfig(seed=3)) and RunConfig(seed=3) != RunConfig(seed=4)


@pytest.mark.parametrize("examples, flow_examples", [(1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (30, 10)])
def test_a_flow_step_searches_ceil_of_examples_over_three(examples, flow_examples):
    """FLOW_COST = 3 at its boundary: a multiple of 3 divides exactly, one more rounds up (a doubled or halved cost
    fails)."""
    config = RunConfig(max_examples=examples)
    assert config.analytic_examples(True) == flow_examples and config.analytic_examples(False) == examples
