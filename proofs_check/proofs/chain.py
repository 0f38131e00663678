"""Proofs as chains of checked steps, and the errata they produce.

A :class:`ProofStep` records the statement before and after it, the justification as the
text gives it, and a check (one of :mod:`proofs_check.proofs.checks`), which returns a
:class:`~proofs_check.results.CheckResult`. Checks run within a :class:`ChainRun`: the run's
configuration (seed and budgets of the analytic steps) and a way to obtain the report of a
referenced chain.

Status of a step: ``holds`` when its check passes; ``gap`` when the check of the text's
justification fails but the conclusion holds with the corrected justification; ``fails``
when the conclusion itself is refuted; ``unchecked`` only with a written reason. Every
``fails`` or ``gap`` step is an erratum (:func:`errata_of`).

A step may also name a Coq lemma (``coq``, a :class:`~proofs_check.proofs.coq.CoqCheck`): the step's statement
(``holds``), its correction (``gap``) or its negation at a witness (``fails``), machine-checked. A step holds (or
has a gap) only when its Coq check holds too; a Coq check that could not run (no ``coqc``) decides nothing.
A step is *checked formally* (:func:`checked_formally`) when its deciding check is a SymPy identity, a z3
certificate or a reference to another chain, or when its Coq check holds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from proofs_check.results import CheckResult, worst
from proofs_check.settings import RunConfig

STATUSES = ("holds", "fails", "gap", "unchecked")
#: Check kinds that decide a step formally (a SymPy identity, a z3 certificate, another chain), besides Coq.
FORMAL_KINDS = ("identity", "inequality", "reference")


@dataclass(frozen=True)
class ChainRun:
    """What the checks of a chain may use: the run configuration, and the reports of other chains
    (``resolve(proof_id)``, for the steps that cite another result)."""

    config: RunConfig
    resolve: Callable[[str], ProofReport]


@dataclass(frozen=True)
class ProofStep:
    """One step of a proof, as the text writes it, with its check.

    ``corrected`` checks the corrected statement or justification; ``gap`` says the text's
    conclusion is true and only its justification is wrong; ``reading`` records our
    reconstruction of garbled text (not an erratum); ``survives`` says whether the theorem's
    conclusion survives if this step fails.
    """

    label: str
    location: str
    before: str
    after: str
    justification: str
    check: object
    corrected: object | None = None
    corrected_statement: str = ""
    explanation: str = ""
    gap: bool = False
    reading: str = ""
    survives: bool = True
    unchecked_reason: str = ""
    coq: object | None = None

    @property
    def expected(self) -> str:
        """The status this step should have: a declared gap, a declared failure, or holds."""
        if self.check is None:
            return "unchecked"
        if self.gap:
            return "gap"
        return "fails" if self.corrected is not None or self.explanation else "holds"

    @property
    def kind(self) -> str:
        return getattr(self.check, "kind", "none")

    @property
    def kinds(self) -> str:
        """The kinds of its checks: 'analytic', or 'analytic+coq' when a Coq lemma checks it too."""
        return self.kind + ("+coq" if self.coq is not None else "")


@dataclass(frozen=True)
class Proof:
    """A proof of one text, as a chain of steps."""

    id: str
    title: str
    source: str
    location: str
    statement: str
    steps: tuple[ProofStep, ...]
    twins: tuple[str, ...] = ()

    def step(self, label: str) -> ProofStep:
        """The step with this label (KeyError naming the labels otherwise)."""
        for step in self.steps:
            if step.label == label:
                return step
        raise KeyError(f"{self.id} has no step {label!r}; steps: {', '.join(s.label for s in self.steps)}")


@dataclass(frozen=True)
class StepResult:
    step: ProofStep
    status: str
    outcome: CheckResult | None
    corrected: CheckResult | None
    seconds: float
    formal: CheckResult | None = None

    @property
    def formal_ok(self) -> bool:
        """No Coq check, or one that holds or could not run."""
        return self.formal is None or self.formal.ok or self.formal.skipped


@dataclass(frozen=True)
class ProofReport:
    proof: Proof
    results: tuple[StepResult, ...]
    seconds: float

    @property
    def status(self) -> str:
        statuses = {r.status for r in self.results}
        return "fails" if "fails" in statuses else "gap" if "gap" in statuses else "holds"

    @property
    def as_expected(self) -> bool:
        """Every step has the status the chain declares for it, and every Coq check that ran holds."""
        return all(r.status == r.step.expected and r.formal_ok for r in self.results)

    def counts(self) -> dict[str, int]:
        return {status: sum(r.status == status for r in self.results) for status in STATUSES}

    def worst_ratio(self, labels=()) -> float | None:
        """The largest observed/bound ratio among the steps that hold (of ``labels``, or all)."""
        return worst([r.outcome for r in self.results if r.status == "holds" and r.outcome is not None
                      and (not labels or r.step.label in labels)])


def run_step(step: ProofStep, context: ChainRun) -> StepResult:
    """Run a step's check (and its corrected check when the first one fails); a crash is a failing result."""
    start = time.perf_counter()
    if step.check is None:
        if not step.unchecked_reason:
            raise ValueError(f"step {step.label} has neither a check nor a reason to be unchecked")
        return StepResult(step, "unchecked", None, None, 0.0)
    outcome = _guarded(step.check, context)
    formal = None if step.coq is None else _guarded(step.coq, context)
    formal_ok = formal is None or formal.ok or formal.skipped
    corrected = None
    if outcome.ok:
        status = "holds" if formal_ok else "fails"
    else:
        corrected = _guarded(step.corrected, context) if step.corrected is not None else None
        status = "gap" if step.gap and corrected is not None and corrected.ok and formal_ok else "fails"
    return StepResult(step, status, outcome, corrected, time.perf_counter() - start, formal)


def checked_formally(result: StepResult) -> bool:
    """Whether the step's verdict rests on a formal check: its Coq lemma holds, or the check that decides it (the
    corrected one for a gap) is a SymPy identity, a z3 certificate or a reference."""
    if result.formal is not None and result.formal.ok:
        return True
    deciding = result.corrected if result.status == "gap" else result.outcome
    return deciding is not None and deciding.kind in FORMAL_KINDS


def formal_counts(reports) -> dict[str, int]:
    """Over the steps of ``reports``: how many are checked formally, by Coq (machine-checked), by Coq but not run
    here, and in all; and how deep the sampled checks searched (:func:`sampling_counts`)."""
    results = [r for report in reports for r in report.results]
    return {"steps": len(results), "formal": sum(map(checked_formally, results)),
            "coq": sum(r.formal is not None and r.formal.ok for r in results),
            "coq_not_run": sum(r.formal is not None and r.formal.skipped for r in results),
            "coq_failed": sum(not r.formal_ok for r in results)} | sampling_counts(results)


def sampling_counts(results) -> dict[str, int]:
    """The checks that sample instances (``samples``: the searched analytic checks, a step's check or its corrected
    check): how many ran, the instances they evaluated in all, and the fewest any of them evaluated."""
    searched = [outcome.searched for r in results for check, outcome in ((r.step.check, r.outcome),
                                                                         (r.step.corrected, r.corrected))
                if outcome is not None and getattr(check, "samples", False)]
    return {"sampled_checks": len(searched), "sampled_instances": sum(searched),
            "fewest_sampled_instances": min(searched, default=0)}


def _guarded(check, context: ChainRun) -> CheckResult:
    try:
        return check.run(context)
    except Exception as error:  # a crashed check is a result to report, not a traceback
        return CheckResult.crash(getattr(check, "kind", "none"), "", error)


def run_chain(proof: Proof, context: ChainRun) -> ProofReport:
    """Run every step of a proof."""
    start = time.perf_counter()
    results = tuple(run_step(step, context) for step in proof.steps)
    return ProofReport(proof, results, time.perf_counter() - start)


@dataclass(frozen=True)
class Erratum:
    """A step of a text that fails or has a gap, with its counterexample and correction.

    ``counterexample`` (text) and ``witness`` (a :meth:`~proofs_check.results.Witness.as_json` form that can be
    validated again) refute the step's check; a gap whose text gives no reason has neither. ``finding`` is what
    the step's check reported.
    """

    id: str
    text: str
    location: str
    wording: str
    why: str
    counterexample: str | None
    replay: str
    corrected_statement: str
    corrected_check: str
    survives: bool
    status: str
    witness: dict | None = None
    finding: str = ""


def errata_of(report: ProofReport) -> list[Erratum]:
    """The errata of one proof report: its fails and gap steps."""
    text = report.proof.id.split("/")[0]
    found = []
    for result in report.results:
        if result.status not in ("fails", "gap") or (result.outcome.ok and not result.formal_ok):
            continue  # a step whose only failure is its Coq check is a defect of the development, not of the text
        step = result.step
        corrected = "" if result.corrected is None else ("holds: " if result.corrected.ok else "fails: ") + \
            result.corrected.detail
        found.append(Erratum(
            id=f"{report.proof.id}/step-{step.label}", text=text, location=step.location,
            wording=step.after, why=step.explanation, counterexample=result.outcome.counterexample,
            witness=None if result.outcome.witness is None else result.outcome.witness.as_json(),
            finding=result.outcome.detail,
            replay=f"lazycheck proof {report.proof.id} --step {step.label}",
            corrected_statement=step.corrected_statement, corrected_check=corrected, survives=step.survives,
            status=result.status))
    return found
