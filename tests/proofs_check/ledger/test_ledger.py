"""The claims ledger (proofs_check.ledger) and lazycheck verify over it."""

import json

import pytest

from proofs_check.cli import main
from proofs_check.ledger import STATUSES, Entry, ledger
from proofs_check.ledger.decide import decide
from proofs_check.results import CheckResult

REQUIRED_IDS = {
    "chizat-bach/lemma-3.3", "chizat-bach/lemma-A.1", "chizat-bach/theorem-3.2", "chizat-bach/theorem-3.4",
    "chizat-bach/theorem-3.2/convergence", "chizat-bach/theorem-3.2/laziness", "chizat-bach/theorem-3.2/prediction-gap",
    "chizat-bach/theorem-3.2/parameter-gap", "chizat-bach/eq-2-tangent-model", "chizat-bach/eq-3-tangent-kernel",
    "chizat-bach/eq-4-relu-kernel", "chizat-bach/eq-5-scaled-objective", "chizat-bach/eq-6-gradient-flow",
    "chizat-bach/eq-7-criterion", "chizat-bach/tangent-kernel-decomposition", "chizat-bach/section-4.2.1-homogeneous",
    "chizat-bach/section-4.2.2-wide-networks", "chizat-bach/section-4.2.2-mean-field",
    "smith/lemma-B.1", "smith/lemma-B.2", "smith/theorem-2.2", "smith/theorem-2.4", "smith/proposition-A.1",
    "smith/section-4-woodworth-l2", "smith/section-4-woodworth-l1",
}


def test_the_ledger_covers_every_required_claim_once():
    ids = [entry.id for entry in ledger()]
    assert len(ids) == len(set(ids))
    assert REQUIRED_IDS <= set(ids)
    assert sum(entry.id.startswith("chizat-bach/section-5") for entry in ledger()) >= 4


@pytest.mark.parametrize("entry", ledger(), ids=lambda e: e.id)
def test_every_entry_has_a_status_a_location_and_a_check(entry):
    assert entry.expected in STATUSES and entry.location and entry.statement
    assert entry.text in ("chizat-bach", "smith", "lazycheck")
    if entry.expected == "pending":
        assert entry.pending.startswith("issue ") and not entry.checks
    elif entry.expected == "reading":
        assert entry.reading and not entry.checks and not entry.pending  # a definition or prose, read
    else:
        assert entry.checks and not entry.pending
    assert entry.assumptions or entry.expected == "reading", "every entry lists its hypotheses"
    known = {e.id for e in ledger()}
    assert set(entry.twins) <= known


@pytest.mark.heavy
def test_same_seed_gives_the_same_report(tmp_path, capsys):
    reports = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.json"
        assert main(["verify", "--claim", "chizat-bach/lemma-3.3", "--seed", "7", "--max-examples", "8",
                     "--json", str(path)]) == 0
        report = json.loads(path.read_text())
        for claim in report["claims"]:
            claim.pop("seconds")
        reports.append(report["claims"])
    capsys.readouterr()
    assert reports[0] == reports[1]


def test_claim_globs_and_unknown_claims(capsys):
    assert main(["verify", "--claim", "smith/theorem-2.2/*", "--profile", "fast"]) == 0
    out = capsys.readouterr().out
    assert "smith/theorem-2.2/lip-sigma" in out and "chizat-bach/lemma-3.3 " not in out
    assert main(["verify", "--claim", "nosuch/*"]) == 2
    assert "no claim matches 'nosuch/*'" in capsys.readouterr().err


def test_list(capsys):
    assert main(["verify", "--list"]) == 0
    assert "chizat-bach/theorem-3.2/laziness" in capsys.readouterr().out


def test_the_ledger_covers_at_least_85_claims_with_twins_linked_both_ways():
    entries = {entry.id: entry for entry in ledger()}
    assert len(entries) >= 85
    for entry in entries.values():
        for twin in entry.twins:
            assert entry.id in entries[twin].twins or twin.startswith("lazycheck/"), (entry.id, twin)


def _entry(**fields) -> Entry:
    return Entry("chizat-bach/example", "Section 0", "a claim", "verified", **fields)


def test_the_decision_rule_for_experiments_and_readings():
    failing, passing = CheckResult("measured", False, "no rise"), CheckResult("measured", True, "a rise")
    assert decide(_entry(experiment=True), [failing]).status == "not-reproduced"
    assert decide(_entry(experiment=True), [passing]).status == "empirical"
    assert decide(_entry(), [failing]).status == "refuted"  # a mathematical statement with a counterexample
    assert decide(_entry(reading="a definition"), []).status == "reading"
    assert decide(_entry(), [CheckResult("numeric", True, "ok")]).status == "verified"
