"""The decision rule: an entry's status from the results of its checks.

- ``crashed`` if a check crashed (reported, never raised);
- ``refuted`` if a check of a mathematical statement failed: a counterexample exists, linked to its
  erratum and replay command;
- ``not-reproduced`` if a check of an experiment failed: the claimed effect did not appear under the
  protocols tried (which the entry lists);
- ``reading`` if the entry has no check: a definition or prose recorded with its reading;
- ``empirical`` if every check passed and one of them is a measurement (a rate or a qualitative
  statement, measured);
- ``verified`` if every check passed and none is a measurement.

A check that could not run here (``skipped``: a Coq lemma without ``coqc``) decides nothing. ``pending`` entries
(owned by a later issue, named) run no check. The expected status is part of
each entry, so that ``lazycheck verify`` detects a regression.
"""

from __future__ import annotations

from dataclasses import dataclass

from proofs_check.ledger.entry import Entry
from proofs_check.results import CheckResult, worst
from proofs_check.settings import RunConfig


@dataclass(frozen=True)
class EntryResult:
    """An entry, its status and the results of its checks (in the entry's order)."""

    entry: Entry
    status: str
    checks: tuple[CheckResult, ...] = ()
    seconds: float = 0.0

    @property
    def as_expected(self) -> bool:
        return self.status == self.entry.expected

    @property
    def worst_ratio(self) -> float | None:
        """The largest observed/bound ratio over every check that has one."""
        return worst(self.checks)

    @property
    def witness_ratio(self) -> float | None:
        ratios = [c.witness_ratio for c in self.checks if c.witness_ratio is not None]
        return max(ratios) if ratios else None

    @property
    def tight(self) -> bool:
        """Some check's bound is meant to be attained (its witness ratio shows how nearly)."""
        return any(c.tight for c in self.checks)

    def as_json(self) -> dict:
        e = self.entry
        return {"id": e.id, "text": e.text, "location": e.location, "statement": e.statement,
                "expression": None if e.expression is None else str(e.expression),
                "assumptions": list(e.assumptions), "twins": list(e.twins), "reading": e.reading or None,
                "experiment": e.experiment, "status": self.status,
                "expected": e.expected, "as_expected": self.as_expected, "pending": e.pending or None,
                "checks": [c.as_json() for c in self.checks], "worst_ratio": self.worst_ratio,
                "witness_ratio": self.witness_ratio, "tight": self.tight,
                "errata": [x for c in self.checks for x in c.errata],
                "replay": [x for c in self.checks for x in c.replay], "seconds": round(self.seconds, 3)}


def run_check(check, config: RunConfig) -> CheckResult:
    """Run one check reference; a crash is a result, not an exception."""
    try:
        return check.run(config)
    except Exception as error:  # a crashed check is reported, not raised
        return CheckResult.crash(check.kind, getattr(check, "label", getattr(check, "key", "")), error)


def decide(entry: Entry, checks: list[CheckResult] | tuple[CheckResult, ...], seconds: float = 0.0) -> EntryResult:
    """The status of an entry from the results of all its checks (in the entry's order)."""
    if entry.pending:
        return EntryResult(entry, "pending")
    ran = [c for c in checks if not c.skipped]
    if any(c.crashed for c in ran):
        status = "crashed"
    elif not all(c.ok for c in ran):
        status = "not-reproduced" if entry.experiment else "refuted"
    elif not checks:
        status = "reading"
    elif any(c.kind == "measured" for c in checks):
        status = "empirical"
    else:
        status = "verified"
    return EntryResult(entry, status, tuple(checks), seconds)
