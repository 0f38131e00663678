"""Adversarial claim searches of lazycheck verify (proofs_check.search.claims): true claims hold, a false one is
refuted with a replayable counterexample, and the seed changes the draws."""

from dataclasses import replace

import pytest

from proofs_check.search import batched
from proofs_check.search.claims import NUMERIC_CLAIMS, run_claim
from proofs_check.settings import RunConfig
from tests.lemma_support import run_replay

EXAMPLES = 20


@pytest.mark.heavy
def test_every_numeric_claim_holds_and_its_witness_is_nearly_tight():
    for claim in NUMERIC_CLAIMS:
        result = run_claim(claim, RunConfig(max_examples=EXAMPLES))
        assert result.ok, result
        assert 0.9 <= result.witness_ratio <= 1 + 1e-6 and result.tight
        screened = batched.screen(lambda b: batched.lemma_3_3_ratios(b), RunConfig().batch_instances, 0)[0].evaluated
        assert result.searched == EXAMPLES + 1 + screened + batched.CANDIDATES
        assert dict(result.ranges)["kappa = nu/mu"] == "[1, 100]"
        assert result.as_json()["instances"] == result.searched >= 10_000
        assert dict(result.ranges)["screened kappa = nu/mu"] == "[1, 100]"
        assert result.ratio == max(result.observed / result.bound, result.witness_ratio) or result.ratio <= 1


def test_a_false_claim_is_refuted_with_a_replayable_counterexample():
    false_claim = replace(NUMERIC_CLAIMS[0], id="false/lemma-3.3-without-sqrt-kappa",
                          options={"bound": "d0*exp(-mu*lam*t)"}, families=("level_set_transport",))
    result = run_claim(false_claim, RunConfig(max_examples=EXAMPLES))
    assert not result.ok and result.ratio > 1 and result.counterexample
    assert "violation=True" in run_replay(result.replay[0])


@pytest.mark.heavy
def test_the_seed_changes_the_draws_and_the_same_seed_repeats_them():
    claim = NUMERIC_CLAIMS[1]
    runs = {seed: run_claim(claim, RunConfig("fast", seed=seed, max_examples=8)) for seed in (None, 1, 2)}
    assert len({r.detail for r in runs.values()}) == 3
    assert run_claim(claim, RunConfig("fast", seed=1, max_examples=8)) == runs[1]


def test_the_batched_screen_alone_refutes_a_false_claim():
    """Without sqrt(kappa), Lemma 3.3 is false; the screen's candidates (re-checked by the claim's own check) refute
    it even where hypothesis' own instances are the mild families only."""
    false_claim = replace(NUMERIC_CLAIMS[0], id="false/lemma-3.3-without-sqrt-kappa",
                          options={"bound": "d0*exp(-mu*lam*t)"}, families=("rotating",))
    result = run_claim(false_claim, RunConfig(max_examples=2))
    assert not result.ok and result.counterexample and "PiecewiseConstant" in result.replay[0]
    assert "violation=True" in run_replay(result.replay[0])
