"""Proof chains (proofs_check.proofs): statuses, corruptions refuted, errata replayable."""

from dataclasses import replace

import pytest
import sympy as sp

from proofs_check.cli import main
from proofs_check.proofs import PROOF_IDS
from proofs_check.proofs.catalog import BUILDERS, chain_context, proof, run_proof
from proofs_check.proofs.chain import errata_of, run_step
from proofs_check.proofs.checks import InequalityCheck
from proofs_check.settings import RunConfig

ALL = PROOF_IDS
CONFIG = RunConfig()
CONTEXT = chain_context(CONFIG)


def _step(proof_id: str, label: str):
    return proof(proof_id).step(label)


def test_the_catalog_lists_the_proof_ids_in_order():
    assert tuple(BUILDERS) == PROOF_IDS


def test_every_step_has_a_check_or_a_written_reason():
    for proof_id in ALL:
        for step in proof(proof_id).steps:
            assert step.check is not None or step.unchecked_reason, (proof_id, step.label)
            assert step.before and step.after and step.location


@pytest.mark.parametrize("proof_id", ALL)
def test_every_step_has_its_expected_status(proof_id):
    report = run_proof(proof_id, CONFIG)
    unexpected = [(r.step.label, r.status, r.step.expected) for r in report.results if r.status != r.step.expected]
    assert not unexpected
    for result in report.results:
        if result.status == "fails":
            assert result.outcome.counterexample, result.step.label
        if result.status == "gap":
            assert result.corrected is not None and result.corrected.ok and result.step.explanation


def _corrupt_inequality(proof_id, label, claim=None, drop=None):
    step = _step(proof_id, label)
    assumptions = tuple(a for i, a in enumerate(step.check.assumptions) if i != drop)
    return replace(step, check=InequalityCheck(step.check.claim if claim is None else claim, assumptions))


def _corrupt_analytic(proof_id, label, factor):
    step = _step(proof_id, label)
    check = step.check
    return replace(step, check=replace(check, ratio=lambda instance: factor * check.ratio(instance)))


def _symbol(name):
    from symbolic.symbols import symbol

    return symbol(name)


Fbar, grad_sq, h, s_w = sp.symbols("Fbar grad_sq h s_w", nonnegative=True)
mu, lam, sigma_min, K = (_symbol(n) for n in ("mu", "lam", "sigma_min", "K"))

CORRUPTIONS = {
    "chizat-bach/lemma-3.3": [
        lambda: _corrupt_inequality("chizat-bach/lemma-3.3", "4", claim=sp.Le(-lam * grad_sq, -3 * mu * lam * Fbar)),
        lambda: _corrupt_analytic("chizat-bach/lemma-3.3", "1", 1.5),  # PL with 3 mu instead of 2 mu
    ],
    "chizat-bach/lemma-A.1": [
        lambda: _corrupt_inequality("chizat-bach/lemma-A.1", "8",
                                    claim=sp.Le(K * sp.sqrt(2 * h / lam) - 2 * lam * mu * h, 0)),  # reversed
        lambda: _corrupt_inequality("chizat-bach/lemma-A.1", "11", drop=0),  # dropped h <= h*
    ],
    "chizat-bach/theorem-3.2": [
        lambda: _corrupt_inequality("chizat-bach/theorem-3.2", "3",
                                    claim=sp.Ge(s_w**2, sigma_min**2 / 2)),  # floor 1/2
        lambda: _corrupt_inequality("chizat-bach/theorem-3.2", "9", drop=0),  # dropped d0 <= 2 alpha M
    ],
    "smith/theorem-2.2": [
        lambda: _corrupt_inequality("smith/theorem-2.2", "15", drop=1),  # dropped t <= T
        lambda: _corrupt_analytic("smith/theorem-2.2", "2", 2.0),  # Cauchy-Schwarz without sqrt(T)
    ],
    "smith/proposition-A.1": [
        lambda: _corrupt_analytic("smith/proposition-A.1", "3", 1.5),  # Taylor with 1/3 instead of 1/2
        lambda: _corrupt_analytic("smith/proposition-A.1", "4", 1.5),  # a smaller operator-norm constant
    ],
    "smith/theorem-2.4": [
        lambda: _corrupt_inequality("smith/theorem-2.4", "10", drop=1),  # dropped ||h(w0)|| <= C0
        lambda: _corrupt_inequality("smith/theorem-2.4", "11",
                                    claim=sp.Le(sp.exp(-_symbol("mu") * sigma_min**2 * _symbol("t") / 4),
                                                sp.exp(-3 * _symbol("mu") * sigma_min**2 * _symbol("t") / 4))),
    ],
}


@pytest.mark.parametrize("proof_id,index", [(p, i) for p in CORRUPTIONS for i in range(2)])
def test_a_corrupted_step_fails_with_a_counterexample(proof_id, index):
    step = CORRUPTIONS[proof_id][index]()
    result = run_step(step, CONTEXT)
    assert result.status == "fails" and result.outcome.counterexample


def test_the_inequality_path_shows_both_outcomes():
    statuses = {run_step(_step("smith/theorem-2.4", label), CONTEXT).outcome.detail.split(":")[0] for label in ("2", "9")}
    assert statuses == {"refuted", "z3"}


@pytest.mark.heavy
def test_every_erratum_replays_with_its_counterexample(capsys):
    errata = [e for proof_id in ALL for e in errata_of(run_proof(proof_id, CONFIG))]
    assert len(errata) >= 10
    for erratum in errata:
        assert erratum.why and (erratum.counterexample or erratum.status == "gap")
        assert erratum.corrected_statement, f"{erratum.id} has no correction"
        proof_id, label = erratum.replay.split()[2], erratum.replay.split()[-1]
        assert main(["proof", proof_id, "--step", label]) == 1  # the step fails or has a gap, as expected
        out, err = capsys.readouterr()
        assert "as lazycheck expects" in err
        assert erratum.status == "gap" or erratum.counterexample.split(" at ")[0] in out


@pytest.mark.parametrize("argv,fragment", [
    (["proof", "nosuch/claim"], "unknown claim id 'nosuch/claim'"),
    (["proof", "smith/theorem-2.4", "--step", "99"], "has no step '99'"),
])
def test_proof_usage_errors(argv, fragment, capsys):
    assert main(argv) == 2
    assert fragment in capsys.readouterr().err


def test_errata_json_lists_what_the_chains_found(capsys):
    import json

    assert main(["errata", "--json"]) == 0
    errata = json.loads(capsys.readouterr().out)
    ids = {e["id"] for e in errata}
    assert {"smith/theorem-2.4/step-3", "chizat-bach/theorem-3.2/step-7", "chizat-bach/theorem-3.2/step-11"} <= ids
    assert all(e["replay"].startswith("lazycheck proof ") for e in errata)


def test_analytic_steps_take_the_runs_seed_and_budget():
    step = _step("smith/proposition-A.1", "3")  # the Taylor remainder, a pointwise search with a numpy screen
    default, seeded = (run_step(step, chain_context(config)).outcome for config in (CONFIG, RunConfig(seed=5)))
    assert default.searched == CONFIG.examples + CONFIG.analytic_screen and default.ratio != seeded.ratio
    metrics = run_step(_step("chizat-bach/lemma-3.3", "3"), chain_context(CONFIG)).outcome  # metric samples
    assert metrics.searched == CONFIG.examples + CONFIG.analytic_screen and "screened metrics" in dict(metrics.ranges)
    flows = run_step(_step("chizat-bach/lemma-A.1", "9"), chain_context(RunConfig(max_examples=6))).outcome
    assert flows.searched == 2 + CONFIG.analytic_screen and dict(flows.ranges)["metrics"].startswith("forcing")
    assert "piecewise-constant" in dict(flows.ranges)["screened flows"]


def test_the_theorem_3_2_chain_checks_the_derived_constants():
    from proofs_check.proofs.derived import theorem_constants

    consts = theorem_constants()
    step = _step("chizat-bach/theorem-3.2", "3")
    assert consts.floor == sp.Rational(1, 4) and consts.floor * sigma_min**2 in step.check.claim.args
