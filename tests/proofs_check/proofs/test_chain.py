"""The chain machinery (proofs_check.proofs.chain): a step's status from its check, its corrected check and its Coq
check; a report's status, counts and worst ratio; the formal and sampled counts; the errata."""

import pytest

from tests.proofs_check.proofs.test_checks import _context

# Chains: a step's status from its check, its corrected check and its Coq check; the report and its errata.

class _Fixed:
    """A check that returns a fixed result (ok, skipped, or raises)."""

    def __init__(self, kind: str, ok: bool | None, skipped: bool = False, ratio: float | None = None):
        self.kind, self.ok, self.skipped, self.ratio = kind, ok, skipped, ratio

    def run(self, context):
        from proofs_check.results import CheckResult, Witness

        if self.ok is None:
            raise RuntimeError("a broken check")
        return CheckResult(self.kind, self.ok, "fixed", ratio=self.ratio, skipped=self.skipped, searched=4,
                           counterexample=None if self.ok else "x = 1",
                           witness=None if self.ok else Witness("assignment", "claim", values=(("x", "1"),)))


def _step(label="1", check=None, **fields):
    from proofs_check.proofs.chain import ProofStep

    return ProofStep(label, f"display {label}", "a", "b", "because", check, **fields)


@pytest.mark.parametrize("fields, status", [
    ({"check": _Fixed("identity", True)}, "holds"),
    ({"check": _Fixed("identity", False)}, "fails"),
    ({"check": _Fixed("none", False), "corrected": _Fixed("identity", True), "gap": True}, "gap"),
    ({"check": _Fixed("none", False), "corrected": _Fixed("identity", False), "gap": True}, "fails"),
    ({"check": _Fixed("none", False), "corrected": _Fixed("identity", True)}, "fails"),
    ({"check": _Fixed("none", False), "gap": True}, "fails"),
    ({"check": _Fixed("identity", True), "coq": _Fixed("coq", False)}, "fails"),
    ({"check": _Fixed("identity", True), "coq": _Fixed("coq", False, skipped=True)}, "holds"),
    ({"check": _Fixed("identity", True), "coq": _Fixed("coq", True)}, "holds"),
    ({"check": _Fixed("none", False), "corrected": _Fixed("identity", True), "gap": True,
      "coq": _Fixed("coq", False)}, "fails"),
    ({"check": _Fixed("analytic", None)}, "fails"),
])
def test_a_step_holds_has_a_gap_or_fails_from_its_checks(fields, status):
    from proofs_check.proofs.chain import run_step

    step = _step(**fields)
    result = run_step(step, _context())
    assert result.step is step and result.status == status and result.seconds >= 0
    assert result.outcome.ok is (fields["check"].ok is True)
    assert (result.corrected is not None) is (not result.outcome.ok and "corrected" in fields)
    assert (result.formal is None) is ("coq" not in fields)
    assert result.formal_ok is ("coq" not in fields or fields["coq"].ok or fields["coq"].skipped)
    if fields["check"].ok is None:
        assert result.outcome.crashed and "RuntimeError: a broken check" in result.outcome.detail


def test_a_step_declares_its_expected_status_and_kinds():
    assert _step(check=None, unchecked_reason="r").expected == "unchecked"
    assert _step(check=_Fixed("identity", True)).expected == "holds"
    assert _step(check=_Fixed("none", False), gap=True, corrected=_Fixed("identity", True)).expected == "gap"
    assert _step(check=_Fixed("none", False), corrected=_Fixed("identity", True)).expected == "fails"
    assert _step(check=_Fixed("identity", False), explanation="wrong").expected == "fails"
    assert _step(check=None, unchecked_reason="r").kind == "none"
    assert _step(check=_Fixed("analytic", True)).kinds == "analytic"
    assert _step(check=_Fixed("analytic", True), coq=_Fixed("coq", True)).kinds == "analytic+coq"


def _chain(*steps):
    from proofs_check.proofs.chain import Proof, run_chain

    return run_chain(Proof("text/result", "a result", "text", "here", "b", steps), _context())


def test_a_report_is_as_bad_as_its_worst_step_and_counts_its_statuses():
    from dataclasses import replace

    holds = _step("1", _Fixed("analytic", True, ratio=0.5))
    gap = _step("2", _Fixed("none", False), corrected=_Fixed("identity", True), gap=True)
    fails = _step("3", _Fixed("identity", False))
    unchecked = _step("4", None, unchecked_reason="a definition")
    assert _chain(holds, unchecked).status == "holds"
    assert _chain(holds, gap).status == "gap" and _chain(gap, holds).status == "gap"
    assert _chain(gap, fails, holds).status == "fails"
    report = _chain(holds, gap, fails, unchecked)
    assert report.counts() == {"holds": 1, "fails": 1, "gap": 1, "unchecked": 1}
    assert not report.as_expected  # step 3 fails but declares that it holds
    assert _chain(holds, gap, unchecked).as_expected
    declared_failure = _step("1", _Fixed("identity", False), explanation="wrong")
    assert _chain(declared_failure).as_expected
    assert not _chain(replace(declared_failure, coq=_Fixed("coq", False))).as_expected  # its Coq check must hold
    assert report.proof.step("2") is gap
    with pytest.raises(KeyError, match="no step '9'; steps: 1, 2, 3, 4"):
        report.proof.step("9")


def test_the_worst_ratio_is_over_the_steps_that_hold():
    first, second = _step("1", _Fixed("analytic", True, ratio=0.5)), _step("2", _Fixed("analytic", True, ratio=0.7))
    failing = _step("3", _Fixed("analytic", False, ratio=9.0))
    report = _chain(first, second, failing)
    assert report.worst_ratio() == 0.7 and report.worst_ratio(("1",)) == 0.5
    assert _chain(_step("1", _Fixed("identity", True))).worst_ratio() is None


def test_formal_checks_and_sampled_checks_are_counted():
    from proofs_check.proofs.chain import checked_formally, formal_counts

    identity, analytic = _Fixed("identity", True), _Fixed("analytic", True)
    analytic.samples = True
    gap = _step("3", _Fixed("none", False), corrected=_Fixed("inequality", True), gap=True)
    report = _chain(_step("1", identity), _step("2", analytic), gap, _step("4", analytic, coq=_Fixed("coq", True)),
                    _step("5", analytic, coq=_Fixed("coq", False, skipped=True)),
                    _step("6", analytic, coq=_Fixed("coq", False)))
    assert [checked_formally(r) for r in report.results] == [True, False, True, True, False, False]
    assert formal_counts([report]) == {"steps": 6, "formal": 3, "coq": 1, "coq_not_run": 1, "coq_failed": 1,
                                       "sampled_checks": 4, "sampled_instances": 16, "fewest_sampled_instances": 4}
    assert formal_counts([])["fewest_sampled_instances"] == 0


def test_the_errata_are_the_failing_and_gap_steps_of_the_text_with_their_counterexamples():
    from proofs_check.proofs.chain import errata_of

    fails = _step("2", _Fixed("identity", False), explanation="wrong", corrected=_Fixed("identity", True),
                  corrected_statement="c", survives=False)
    gap = _step("3", _Fixed("none", False), corrected=_Fixed("identity", False), gap=True)
    coq_only = _step("4", _Fixed("identity", True), coq=_Fixed("coq", False))
    report = _chain(_step("1", _Fixed("identity", True)), fails, gap, coq_only)
    erratum, = errata_of(report)[:1]
    assert [e.id for e in errata_of(report)] == ["text/result/step-2", "text/result/step-3"]
    assert erratum.text == "text" and erratum.location == "display 2" and erratum.wording == "b"
    assert erratum.why == "wrong" and erratum.counterexample == "x = 1" and erratum.status == "fails"
    assert erratum.witness == {"kind": "assignment", "claim": "claim", "hypotheses": [], "values": {"x": "1"},
                               "validator": "", "arguments": []}
    assert erratum.replay == "lazycheck proof text/result --step 2" and erratum.finding == "fixed"
    assert erratum.corrected_statement == "c" and erratum.corrected_check == "holds: fixed" and not erratum.survives
    second = errata_of(report)[1]
    assert second.status == "fails" and second.corrected_check == "fails: fixed" and second.survives


def test_an_erratum_without_a_correction_or_witness_says_so_and_a_double_failure_is_kept():
    from proofs_check.proofs.chain import errata_of
    from proofs_check.proofs.checks import MissingJustification

    bare = _step("1", MissingJustification("a reason"), explanation="none given")
    twice = _step("2", _Fixed("identity", False), coq=_Fixed("coq", False), explanation="wrong")
    first, second = errata_of(_chain(bare, twice))
    assert (first.corrected_check, first.witness, first.counterexample) == ("", None, None)
    assert second.id == "text/result/step-2" and second.counterexample == "x = 1"


class _Recording:
    """A check that records the context it runs in."""

    kind = "identity"

    def __init__(self, ok: bool):
        self.ok, self.contexts = ok, []

    def run(self, context):
        from proofs_check.results import CheckResult

        self.contexts.append(context)
        return CheckResult(self.kind, self.ok, "recorded")


def test_every_check_of_a_step_runs_in_the_chain_context_and_the_time_is_measured():
    from proofs_check.proofs.chain import Proof, run_chain, run_step

    check, coq, corrected = _Recording(False), _Recording(True), _Recording(True)
    context = _context()
    result = run_step(_step("1", check, coq=coq, corrected=corrected, gap=True), context)
    assert result.status == "gap" and check.contexts == coq.contexts == corrected.contexts == [context]
    assert 0 <= result.seconds < 60
    chained = _Recording(True)
    report = run_chain(Proof("text/result", "a result", "text", "here", "b", (_step("1", chained),)), context)
    assert chained.contexts == [context] and 0 <= report.seconds < 60
    assert run_step(_step("2", None, unchecked_reason="a definition"), context).seconds == 0.0


def test_a_crashed_check_is_a_crash_result_of_its_kind():
    from proofs_check.proofs.chain import _guarded
    from proofs_check.results import CheckResult

    class Broken:
        def run(self, context):
            raise RuntimeError("broken")

    assert _guarded(_Fixed("analytic", None), _context()) == CheckResult.crash("analytic", "", RuntimeError("a broken check"))
    assert _guarded(Broken(), _context()) == CheckResult.crash("none", "", RuntimeError("broken"))
