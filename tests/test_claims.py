"""Numeric claims of lazycheck verify (proofs_check.claims): true claims hold, a false one is refuted."""

from dataclasses import replace

from proofs_check.claims import NUMERIC_CLAIMS, run_claim
from tests.lemma_support import run_replay

EXAMPLES = 20


def test_every_numeric_claim_holds_and_its_witness_is_nearly_tight():
    for claim in NUMERIC_CLAIMS:
        report = run_claim(claim, max_examples=EXAMPLES)
        assert report["status"] == "holds", report
        assert 0.9 <= report["witness_ratio"] <= 1 + 1e-6


def test_a_false_claim_is_refuted_with_a_replayable_counterexample():
    false_claim = replace(NUMERIC_CLAIMS[0], id="false/lemma-3.3-without-sqrt-kappa",
                          options={"bound": "d0*exp(-mu*lam*t)"}, families=("level_set_transport",))
    report = run_claim(false_claim, max_examples=EXAMPLES)
    assert report["status"] == "refuted" and report["worst_ratio"] > 1
    assert "violation=True" in run_replay(report["counterexample"]["replay"])
