"""The whole ledger's report, run once (``lazycheck verify --json``): every entry has its expected status, and
every counterexample that ``lazycheck errata --json`` and ``lazycheck verify --json`` report satisfies the
hypotheses of the claim it refutes (acceptance of issue 12, item 3); and the committed notes/ are what
``lazycheck notes`` renders from that run.

The witnesses are validated here independently of the checks that found them: a z3 assignment is substituted
into the claim and every hypothesis in exact arithmetic (sympy); a residual must not simplify to zero; a numeric
instance is handed to its validator, whose every hypothesis must hold. A counterexample without a witness is a
defect, unless it names errata whose witnesses are validated.
"""

import json
from contextlib import redirect_stdout
from io import StringIO

import pytest
import sympy as sp

from proofs_check.cli import main
from proofs_check.ledger import ledger
from proofs_check.proofs.catalog import run_proof
from proofs_check.proofs.checks import RateCheck, call_validator
from proofs_check.proofs.coq import coq_missing
from proofs_check.report import notes
from proofs_check.report.proofs import proof_json
from proofs_check.results import Witness
from proofs_check.settings import RunConfig


def _truth(relation: str, values: dict[str, sp.Expr]) -> bool:
    """The truth value of ``relation`` (sympy text) at ``values``; every symbol must be assigned."""
    parsed = sp.sympify(relation)
    free = {s.name for s in parsed.free_symbols}
    assert free <= set(values), f"the assignment leaves {sorted(free - set(values))} free in {relation}"
    value = parsed.subs({s: values[s.name] for s in parsed.free_symbols})
    assert value in (sp.true, sp.false), f"{relation} is undecided at {values}: {value}"
    return value == sp.true


def validate(witness: dict) -> None:
    """Raise AssertionError unless ``witness`` (a Witness.as_json form) is an admissible counterexample."""
    kind = witness["kind"]
    if kind == "assignment":
        values = {name: sp.Rational(text) if "/" in text or text.lstrip("-").isdigit() else sp.sympify(text)
                  for name, text in witness["values"].items()}
        for hypothesis in witness["hypotheses"]:
            assert _truth(hypothesis, values), f"the witness violates the hypothesis {hypothesis}: {values}"
        assert not _truth(witness["claim"], values), f"the claim {witness['claim']} holds at {values}"
    elif kind == "residual":
        residual = sp.sympify(witness["values"]["residual"])
        zero = residual.is_zero_matrix if isinstance(residual, sp.MatrixBase) else sp.simplify(residual) == 0
        assert not zero, f"the residual of {witness['claim']} is zero"
    elif kind == "instance":
        found = call_validator(Witness("instance", validator=witness["validator"],
                                       arguments=tuple(witness["arguments"])))
        assert found and all(found.values()), f"the instance violates {[k for k, v in found.items() if not v]}"
    else:
        raise AssertionError(f"unknown witness kind {kind!r}")


def _verify_report(tmp_path) -> dict:
    """``lazycheck verify --json`` at the default configuration, in this process (``--serial``), so that the proof
    chains it runs are cached for ``lazycheck errata``."""
    path = tmp_path / "report.json"
    main(["verify", "--serial", "--json", str(path)])
    return json.loads(path.read_text())


def _errata_report() -> list:
    out = StringIO()
    with redirect_stdout(out):
        assert main(["errata", "--json"]) == 0
    return json.loads(out.getvalue())


@pytest.mark.heavy
def test_the_whole_ledger_report(tmp_path):
    """One run of the whole ledger (one test, so that it runs once under xdist): statuses, witnesses, and the
    committed notes rendered from the same run."""
    report = _verify_report(tmp_path)
    _the_committed_notes_are_current(report)
    _every_entry_has_its_expected_status(report)
    _every_verify_counterexample_is_admissible(report)
    _every_erratum_counterexample_is_admissible(_errata_report())
    _most_steps_are_checked_formally(report["proof_steps"])
    _every_sampled_step_searches_a_thousand_instances(report["proof_steps"])


def _the_committed_notes_are_current(verify_report):
    """notes/ is what ``lazycheck notes`` would write from this run: the claims and errata of the verify report, and
    the noted chains as the serial run left them (cached)."""
    config = RunConfig()
    chains = {proof_id: proof_json(run_proof(proof_id, config)) for proof_id in notes.noted_proofs()}
    run = notes.ledger_run(config, verify_report["claims"], verify_report["errata"], chains)
    stale = notes.notes_status(notes.default_directory(), run)
    assert not stale, f"notes/ is stale (run 'lazycheck notes'): {stale}"


def _most_steps_are_checked_formally(steps):
    """Issue 13's floor: at least 80% of the proof steps checked formally and 20 machine-checked by Coq; without
    Coq, the Coq checks are reported as not run and none fails."""
    assert steps["coq_failed"] == 0
    if coq_missing():
        assert steps["coq"] == 0 and steps["coq_not_run"] >= 20
    else:
        assert steps["coq_not_run"] == 0 and steps["coq"] >= 20
        assert steps["formal"] >= 0.8 * steps["steps"], steps


def _every_sampled_step_searches_a_thousand_instances(steps):
    """Issue 14's floor: every analytic check that samples evaluates at least 1,000 instances in the default run."""
    assert steps["sampled_checks"] >= 30 and steps["fewest_sampled_instances"] >= 1000, steps


def _every_entry_has_its_expected_status(verify_report):
    fields = {"kind", "ok", "detail", "observed", "bound", "ratio", "tight", "searched", "ranges", "counterexample",
              "replay", "slopes", "witness"}
    assert len(verify_report["claims"]) == len(ledger())
    for claim in verify_report["claims"]:
        assert claim["status"] == claim["expected"], (claim["id"], [c["detail"] for c in claim["checks"]])
        if claim["status"] == "refuted":
            assert claim["replay"], claim["id"]
        for check in claim["checks"]:  # one result type: every field present in every check's JSON
            assert set(check) >= fields


def _every_erratum_counterexample_is_admissible(errata_report):
    assert errata_report
    with_counterexample = [e for e in errata_report if e["counterexample"]]
    assert with_counterexample
    for erratum in with_counterexample:
        assert erratum["witness"], f"{erratum['id']}: a counterexample without a witness"
        validate(erratum["witness"])
    for erratum in errata_report:
        if not erratum["counterexample"]:
            assert erratum["status"] == "gap", f"{erratum['id']} fails without a counterexample"


def _every_verify_counterexample_is_admissible(verify_report):
    errata = {e["id"]: e for e in verify_report["errata"]}
    for erratum in errata.values():
        if erratum["witness"]:
            validate(erratum["witness"])
    checked = 0
    for claim in verify_report["claims"]:
        for check in claim["checks"]:
            if not check["counterexample"]:
                continue
            checked += 1
            if check["witness"]:
                validate(check["witness"])
                continue
            named = check["errata"]
            assert named, f"{claim['id']}: a counterexample without a witness or an erratum: {check['detail']}"
            for erratum_id in named:
                assert errata[erratum_id]["witness"], f"{claim['id']}: erratum {erratum_id} has no witness"
    assert checked, "no counterexample was reported: the test would pass vacuously"


# The validation rejects inadmissible witnesses (the test can fail).

def test_an_assignment_violating_a_hypothesis_is_rejected():
    """The old witness of chizat-bach Theorem 3.2 step 7 had mu = 4, nu = 1: kappa < 1."""
    witness = Witness("assignment", "displacement <= 2*nu**(3/2)/mu", ("nu >= mu",),
                      (("displacement", "3"), ("mu", "4"), ("nu", "1"))).as_json()
    with pytest.raises(AssertionError, match="violates the hypothesis nu >= mu"):
        validate(witness)


def test_an_assignment_under_which_the_claim_holds_is_rejected():
    witness = Witness("assignment", "x <= 2", ("x >= 0",), (("x", "1"),)).as_json()
    with pytest.raises(AssertionError, match="holds"):
        validate(witness)


def test_a_zero_residual_is_rejected():
    with pytest.raises(AssertionError, match="is zero"):
        validate(Witness("residual", "a == a", values=(("residual", "sin(x)**2 + cos(x)**2 - 1"),)).as_json())


def _hypotheses_broken(*alphas):
    return {"alpha > ||f*||/M": False, "sigma_min > 0": True}


def test_an_instance_outside_the_hypotheses_is_rejected_and_never_reported_as_a_refutation():
    witness = Witness("instance", validator=f"{__name__}:_hypotheses_broken", arguments=(1.0,)).as_json()
    with pytest.raises(AssertionError, match="violates"):
        validate(witness)
    check = RateCheck("grows like alpha", lambda a: a, "1/alpha", validator=f"{__name__}:_hypotheses_broken")
    result = check.run(None)
    assert result.crashed and "violates alpha > ||f*||/M" in result.detail and result.witness is None
