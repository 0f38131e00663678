"""The two-lane run of the ledger (proofs_check.ledger.runner): the same report as a serial run, twins share
their checks, crashes reported."""

import json

import pytest

from proofs_check.cli import main
from proofs_check.ledger import runner, select
from proofs_check.ledger.entry import NumericRef, ProofRef

#: Entries with checks in both lanes, a shared (twin) search in the proof lane, and a refuted claim.
CLAIMS = ["chizat-bach/lemma-A.1", "smith/lemma-B.2", "smith/section-2-homogeneous-scaling*",
          "chizat-bach/theorem-3.2/laziness"]


def _report(tmp_path, name: str, *extra: str) -> dict:
    path = tmp_path / f"{name}.json"
    arguments = ["verify", "--max-examples", "6", "--seed", "3", "--json", str(path), *extra]
    for claim in CLAIMS:
        arguments += ["--claim", claim]
    assert main(arguments) == 0
    report = json.loads(path.read_text())
    for claim in report["claims"]:
        claim.pop("seconds")
    return report


@pytest.mark.heavy
def test_parallel_and_serial_runs_give_the_same_report(tmp_path, capsys):
    parallel, serial = _report(tmp_path, "parallel"), _report(tmp_path, "serial", "--serial")
    capsys.readouterr()
    assert parallel["claims"] == serial["claims"]
    assert parallel["errata"] == serial["errata"] and parallel["errata"]
    assert {c["status"] for c in parallel["claims"]} == {"verified", "refuted"}


def test_lanes_split_the_checks():
    (entry,) = select(["chizat-bach/lemma-A.1"])
    lanes = {type(check): runner.in_proof_lane(check) for check in entry.checks}
    assert lanes[ProofRef] and lanes[NumericRef]  # its search is one of PROOF_LANE_SEARCHES
    (entry,) = select(["chizat-bach/lemma-3.3"])
    assert [runner.in_proof_lane(c) for c in entry.checks if isinstance(c, NumericRef)] == [False]


def test_errata_cover_only_the_proofs_the_selection_reads():
    assert runner.referenced_proofs(select(["smith/section-2-homogeneous-scaling*"])) == [
        "smith/section-2-homogeneous-scaling"]
    assert runner.referenced_proofs(select(["chizat-bach/eq-7-criterion"])) == []


def test_twins_share_one_run_of_their_search(monkeypatch):
    from proofs_check.settings import RunConfig

    calls = []
    original = NumericRef.run
    monkeypatch.setattr(NumericRef, "run", lambda self, config: calls.append(self.key) or original(self, config))
    results, *_ = runner.run_ledger(select(["chizat-bach/lemma-3.3", "smith/lemma-B.1"]),
                                      RunConfig(max_examples=4), parallel=False)
    assert calls == ["numeric:chizat-bach/lemma-3.3"]
    assert results[0].checks[-1] == results[1].checks[-1]


def _broken_lane(*arguments, log=None):
    raise RuntimeError("lane down")


def test_a_failed_proof_lane_is_reported_as_crashed(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(runner, "_proof_lane", _broken_lane)  # inherited by the forked worker
    path = tmp_path / "crash.json"
    code = main(["verify", "--claim", "smith/section-2-homogeneous-scaling", "--json", str(path)])
    assert code == 1
    (claim,) = json.loads(path.read_text())["claims"]
    assert claim["status"] == "crashed"
    assert any("proof lane: RuntimeError: lane down" in c["detail"] for c in claim["checks"])
    assert "lane down" in capsys.readouterr().err
