"""Proofs as chains of checked steps, and the errata they produce.

A :class:`ProofStep` records the statement before and after it, the justification as
the text gives it, and a check of one of these kinds:

- ``identity``: a sympy equality whose residual simplifies to 0 (:class:`IdentityCheck`,
  or a derivation of symbolic/ through :class:`DerivationCheck`);
- ``inequality``: a real-arithmetic implication certified by z3, or refuted with an
  assignment (:class:`InequalityCheck`);
- ``analytic``: a numeric property searched with hypothesis and ``target()`` on its
  ratio, giving a worst ratio or a shrunk counterexample (:mod:`proofs_check.analytic`);
- ``reference``: the step uses another result; the check is that result's own entry.

Status of a step: ``holds`` when its check passes; ``gap`` when the check of the text's
justification fails but the conclusion holds with the corrected justification;
``fails`` when the conclusion itself is refuted; ``unchecked`` only with a written
reason. Every ``fails`` or ``gap`` step is an erratum (:func:`errata_of`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import sympy as sp

from symbolic import derive
from symbolic.core import identity as sympy_identity
from symbolic.inequalities import certify

STATUSES = ("holds", "fails", "gap", "unchecked")


@dataclass(frozen=True)
class Outcome:
    """What a check found: ok, a detail (residual, certificate, worst ratio), a counterexample."""

    ok: bool
    detail: str
    counterexample: str = ""


@dataclass(frozen=True)
class IdentityCheck:
    """lhs == rhs, by sympy; the residual is reported."""

    lhs: sp.Basic
    rhs: sp.Basic
    kind = "identity"

    def run(self) -> Outcome:
        check = sympy_identity(self.lhs, self.rhs)
        counterexample = "" if check.ok else f"residual {check.residual} != 0"
        return Outcome(check.ok, f"residual {check.residual}", counterexample)


@dataclass(frozen=True)
class DerivationCheck:
    """A result derived in symbolic/: every step verified, and (optionally) a candidate verified."""

    name: str
    candidate: sp.Basic | None = None
    at: tuple = ()
    kind = "identity"

    def run(self) -> Outcome:
        derivation = derive(self.name)
        if not derivation.ok:
            return Outcome(False, f"derivation {self.name} has a failing step", "see lazycheck derive " + self.name)
        if self.candidate is None:
            return Outcome(True, f"derivation {self.name}: every step verified")
        check = derivation.verify(self.candidate, dict(self.at))
        counterexample = "" if check.ok else f"residual {check.residual}"
        return Outcome(check.ok, f"derivation {self.name}: candidate residual {check.residual}", counterexample)


@dataclass(frozen=True)
class InequalityCheck:
    """claim under assumptions, certified by z3 (unsat of the negation) or refuted with an assignment."""

    claim: sp.Basic
    assumptions: tuple = ()
    kind = "inequality"

    def run(self) -> Outcome:
        result = certify(self.claim, self.assumptions)
        if result.ok:
            return Outcome(True, result.certificate)
        assignment = ", ".join(f"{k} = {v}" for k, v in result.counterexample.items())
        return Outcome(False, f"{result.status}: {result.certificate}", assignment)


@dataclass(frozen=True)
class ReferenceCheck:
    """The step uses another result: its own proof chain must hold (gaps allowed)."""

    proof_id: str
    kind = "reference"

    def run(self) -> Outcome:
        from proofs_check.proofs import run_proof

        report = run_proof(self.proof_id)
        ok = report.status in ("holds", "gap")
        return Outcome(ok, f"{self.proof_id}: {report.status}", "" if ok else f"{self.proof_id} fails")


@dataclass(frozen=True)
class MissingJustification:
    """The text states the step with no reason: the justification check fails by construction."""

    what: str
    kind = "none"

    def run(self) -> Outcome:
        return Outcome(False, f"the text gives no justification for {self.what}")


@dataclass(frozen=True)
class ProofStep:
    """One step of a proof, as the text writes it, with its check.

    ``corrected`` checks the corrected statement or justification; ``gap`` says the
    text's conclusion is true and only its justification is wrong; ``reading`` records
    our reconstruction of garbled text (not an erratum); ``survives`` says whether the
    theorem's conclusion survives if this step fails.
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

    @property
    def expected(self) -> str:
        """The status this step should have: a declared gap, a declared failure, or holds."""
        if self.check is None:
            return "unchecked"
        if self.gap:
            return "gap"
        return "fails" if self.corrected is not None or self.explanation else "holds"


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


@dataclass(frozen=True)
class StepResult:
    step: ProofStep
    status: str
    outcome: Outcome | None
    corrected: Outcome | None
    seconds: float


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
        """Every step has the status the chain declares for it."""
        return all(r.status == r.step.expected for r in self.results)

    def counts(self) -> dict[str, int]:
        return {status: sum(r.status == status for r in self.results) for status in STATUSES}


def run_step(step: ProofStep) -> StepResult:
    """Run a step's check (and its corrected check when the first one fails)."""
    start = time.perf_counter()
    if step.check is None:
        if not step.unchecked_reason:
            raise ValueError(f"step {step.label} has neither a check nor a reason to be unchecked")
        return StepResult(step, "unchecked", None, None, 0.0)
    outcome = step.check.run()
    corrected = None
    if outcome.ok:
        status = "holds"
    else:
        corrected = step.corrected.run() if step.corrected is not None else None
        status = "gap" if step.gap and corrected is not None and corrected.ok else "fails"
    return StepResult(step, status, outcome, corrected, time.perf_counter() - start)


def run_chain(proof: Proof) -> ProofReport:
    """Run every step of a proof."""
    start = time.perf_counter()
    results = tuple(run_step(step) for step in proof.steps)
    return ProofReport(proof, results, time.perf_counter() - start)


@dataclass(frozen=True)
class Erratum:
    """A step of a text that fails or has a gap, with its counterexample and correction."""

    id: str
    text: str
    location: str
    wording: str
    why: str
    counterexample: str
    replay: str
    corrected_statement: str
    corrected_check: str
    survives: bool
    status: str


def errata_of(report: ProofReport) -> list[Erratum]:
    """The errata of one proof report: its fails and gap steps."""
    text = report.proof.id.split("/")[0]
    found = []
    for result in report.results:
        if result.status not in ("fails", "gap"):
            continue
        step = result.step
        corrected = "" if result.corrected is None else ("holds: " if result.corrected.ok else "fails: ") + result.corrected.detail
        found.append(Erratum(
            id=f"{report.proof.id}/step-{step.label}", text=text, location=step.location,
            wording=step.after, why=step.explanation, counterexample=result.outcome.counterexample or result.outcome.detail,
            replay=f"lazycheck proof {report.proof.id} --step {step.label}",
            corrected_statement=step.corrected_statement, corrected_check=corrected, survives=step.survives,
            status=result.status))
    return found
