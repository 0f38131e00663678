"""A ledger entry and the references to the checks that decide it.

An :class:`Entry` names a claim of chizat-bach or smith (stable id, location, statement, assumptions,
twins) and the checks that apply to it, each a reference that runs with the run configuration and
returns a :class:`~proofs_check.results.CheckResult`:

- :class:`DerivationRef`: a derivation of symbolic/ whose steps all verify and which agrees with
  the text's statement as written;
- :class:`ProofRef`: steps of a proof chain (``lazycheck proof``); a failing step refutes the claim
  (for a whole theorem, only a failing step whose conclusion does not survive);
- :class:`NumericRef`: an adversarial search of :mod:`proofs_check.search.claims`;
- :class:`MeasureRef`: an O(.) rate measured by a step of a chain;
- :class:`StudyRef`: a study of :mod:`proofs_check.studies`, by a real reference to its function;
- :class:`CoqRef`: a lemma of the Coq development, machine-checked (not run, and deciding nothing, without Coq).

A Coq check that fails, or a chain step that fails only by its Coq check, is a defect of the development, not a
counterexample: it is reported as a crash, never as a refutation.

Each reference has a ``key``: two entries with the same check (twins) share one run of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from proofs_check.proofs.catalog import chain_context, proof, run_proof
from proofs_check.proofs.coq import CoqCheck
from proofs_check.results import CheckResult
from proofs_check.search.claims import CLAIMS_BY_ID, run_claim
from proofs_check.settings import RunConfig
from symbolic import derive

#: verified, refuted (a counterexample to a mathematical statement), empirical (measured), not-reproduced (an
#: experiment whose claimed effect did not appear under the protocols tried), reading (a definition or prose
#: that asserts nothing checkable, recorded with how lazycheck reads it), pending (owned by a later issue).
STATUSES = ("verified", "refuted", "empirical", "not-reproduced", "reading", "pending")


@dataclass(frozen=True)
class DerivationRef:
    """A derivation whose steps all verify, agreeing with ``text``'s statement as written (if a text is named)."""

    name: str
    text: str | None = None
    kind = "derivation"

    @property
    def key(self) -> str:
        return f"derivation:{self.name}:{self.text}"

    def run(self, config: RunConfig) -> CheckResult:
        derivation = derive(self.name)
        agrees = True if self.text is None else derivation.agrees_with.get(self.text, False)
        detail = f"{self.name}: {sum(s.ok for s in derivation.steps)}/{len(derivation.steps)} steps verified"
        if self.text is not None:
            detail += f", {'agrees' if agrees else 'DIFFERS'} with {self.text} as written"
        return CheckResult(self.kind, derivation.ok and agrees, detail, ref=self.name, searched=len(derivation.steps))


@dataclass(frozen=True)
class ProofRef:
    """Steps of a proof chain (all of them when ``steps`` is empty)."""

    proof_id: str
    steps: tuple[str, ...] = ()
    kind = "proof"

    @property
    def key(self) -> str:
        return f"proof:{self.proof_id}:{','.join(self.steps)}"

    def run(self, config: RunConfig) -> CheckResult:
        report = run_proof(self.proof_id, config)
        chosen = [r for r in report.results if not self.steps or r.step.label in self.steps]
        broken = [r.step.label for r in chosen if not r.formal_ok]
        if broken:
            return CheckResult.crash(self.kind, self.proof_id, f"the Coq check of step(s) {', '.join(broken)} fails "
                                     f"(lazycheck proof {self.proof_id})")
        failing = [r for r in chosen if r.status == "fails" and (self.steps or not r.step.survives)]
        counts = {s: sum(r.status == s for r in chosen) for s in ("holds", "gap", "fails")}
        selection = f" steps {','.join(self.steps)}" if self.steps else ""
        detail = f"{self.proof_id}{selection}: " + ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        return CheckResult(self.kind, not failing, detail, ref=self.proof_id, ratio=report.worst_ratio(self.steps),
                           searched=len(chosen), errata=tuple(f"{self.proof_id}/step-{r.step.label}" for r in failing),
                           counterexample="; ".join(r.outcome.counterexample or "" for r in failing) or None,
                           replay=tuple(f"lazycheck proof {self.proof_id} --step {r.step.label}" for r in failing))


@dataclass(frozen=True)
class NumericRef:
    """An adversarial search of proofs_check.search.claims."""

    claim_id: str
    kind = "numeric"

    @property
    def key(self) -> str:
        return f"numeric:{self.claim_id}"

    def run(self, config: RunConfig) -> CheckResult:
        return run_claim(CLAIMS_BY_ID[self.claim_id], config)


@dataclass(frozen=True)
class MeasureRef:
    """An O(.) rate measured by a step of a chain (its corrected check when ``corrected``)."""

    proof_id: str
    step: str
    corrected: bool = False
    kind = "measured"

    @property
    def key(self) -> str:
        return f"measure:{self.proof_id}:{self.step}:{self.corrected}"

    def run(self, config: RunConfig) -> CheckResult:
        if self.corrected:
            outcome = proof(self.proof_id).step(self.step).corrected.run(chain_context(config))
        else:
            (outcome,) = [r.outcome for r in run_proof(self.proof_id, config).results if r.step.label == self.step]
        return outcome.with_(kind=self.kind, ref=f"{self.proof_id} step {self.step}")


@dataclass(frozen=True)
class CoqRef:
    """A lemma of the Coq development that proves the entry's claim (see :mod:`proofs_check.proofs.coq`)."""

    lemma: str
    kind = "coq"

    @property
    def key(self) -> str:
        return f"coq:{self.lemma}"

    def run(self, config: RunConfig) -> CheckResult:
        result = CoqCheck(self.lemma).run()
        return result if result.ok or result.skipped else result.with_(crashed=True)


@dataclass(frozen=True)
class StudyRef:
    """A study: ``study(config, *arguments)`` returns the result; ``label`` names what it measures, ``replay``
    is the command that reproduces a failure."""

    label: str
    study: Callable[..., CheckResult]
    arguments: tuple = ()
    replay: str = ""

    @property
    def kind(self) -> str:
        return "study"

    @property
    def key(self) -> str:
        return f"study:{self.study.__module__}.{self.study.__qualname__}{self.arguments!r}"

    def run(self, config: RunConfig) -> CheckResult:
        result = self.study(config, *self.arguments).with_(ref=self.label)
        return result if result.ok or not self.replay else result.with_(replay=result.replay + (self.replay,))


@dataclass(frozen=True)
class Entry:
    """One claim of the ledger.

    ``assumptions`` are the claim's hypotheses as the text states them; ``reading`` records how lazycheck reads a
    sentence (the charitable reading its checks test, or, with no checks, what a definition or remark says);
    ``experiment`` marks a claim about the texts' experiments, which a failed check leaves not-reproduced
    (never refuted: the texts leave parts of the protocol unstated).
    """

    id: str
    location: str
    statement: str
    expected: str
    checks: tuple = ()
    expression: str | DerivedText | None = None
    assumptions: tuple[str, ...] = ()
    twins: tuple[str, ...] = ()
    pending: str = ""
    reading: str = ""
    experiment: bool = False

    @property
    def text(self) -> str:
        return self.id.split("/")[0]


@dataclass(frozen=True)
class DerivedText:
    """The derived expression of ``name`` (at its specialization when ``specialized``), derived only when read:
    listing the ledger builds no derivation."""

    name: str
    specialized: bool = True

    def __str__(self) -> str:
        derivation = derive(self.name)
        use_specialized = self.specialized and derivation.specialization
        return str(derivation.specialized if use_specialized else derivation.expression)


def derived_text(name: str, specialized: bool = True) -> DerivedText:
    """The derived expression of ``name`` for an entry's ``expression`` (rendered as text when reported)."""
    return DerivedText(name, specialized)
