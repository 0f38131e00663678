"""Numeric claims run by ``lazycheck verify``: the two lemmas, searched adversarially.

Each claim pairs a property check (:mod:`proofs_check.properties`) with an instance
space (:func:`numeric.strategies.flow_instances`) and a tightness witness: a constructed
instance on which the bound is nearly attained. ``run_claim`` reports the worst ratio
the search found, the witness's ratio, and any counterexample with its replay command.
The full claims ledger of both texts is a later issue; these are its first entries.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from numeric.adversarial import ForcingMetric, LevelSetTransport
from numeric.losses import StronglyConvexQuadratic
from numeric.strategies import flow_instances
from proofs_check.properties import PropertyResult, lemma_3_3, stability
from proofs_check.search import find_counterexample, replay_command, worst_case


def transport_witness(kappa: float = 100.0) -> tuple:
    """Lemma 3.3's tightness witness: y0 on the steepest axis, carried to the flattest by LevelSetTransport."""
    loss = StronglyConvexQuadratic(np.diag([kappa, 1.0]), [0.0, 0.0])
    y0 = np.array([1.0, 0.0])
    return loss, LevelSetTransport(loss, y0, 1.0, stages=64, duration=1e-3 / kappa), y0


def forcing_witness(lam: float = 1.0, K: float = 0.02) -> tuple:
    """Lemma A.1's tightness witness: ForcingMetric along the flattest direction of a 2-d quadratic."""
    loss = StronglyConvexQuadratic(np.diag([1.0, 3.0]), [0.0, 0.0])
    y0 = np.array([1.0, 0.0])
    return loss, ForcingMetric(loss, y0, lam, K), y0


@dataclass(frozen=True)
class NumericClaim:
    """A claim checked numerically: id, source, the check, its instance space and witness."""

    id: str
    source: str
    statement: str
    check_name: str
    check: Callable[..., PropertyResult]
    options: dict
    families: tuple
    witness: Callable[[], tuple]


NUMERIC_CLAIMS = (
    NumericClaim("chizat-bach/lemma-3.3", "chizat-bach Lemma 3.3 = smith Lemma B.1",
                 "||y(t) - y*|| <= sqrt(nu/mu) ||y(0) - y*|| exp(-mu lam t)", "lemma_3_3", lemma_3_3, {},
                 ("rotating", "floor_plus_gram", "piecewise", "model_induced", "level_set_transport", "forcing"),
                 transport_witness),
    NumericClaim("chizat-bach/lemma-A.1", "chizat-bach Lemma A.1 = smith Lemma B.2",
                 "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2} / (lam^{3/2} mu)", "stability", stability, {},
                 ("forcing", "floor_plus_gram", "rotating", "piecewise"), forcing_witness),
    NumericClaim("lazycheck/stability-time-dependent", "lazycheck (derivation stability_bound_time_dependent)",
                 "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2} (1 - exp(-lam mu t)) / (lam^{3/2} mu)", "stability",
                 stability, {"time_dependent": True}, ("forcing", "floor_plus_gram", "rotating", "piecewise"),
                 forcing_witness),
)


def run_claim(claim: NumericClaim, *, max_examples: int, seed: int | None = None) -> dict:
    """Search the claim's instance space; report worst ratio, witness ratio, counterexample.

    The tightness witness is part of the search: if it violates the (possibly variant)
    bound, it is the counterexample, small and replayable; otherwise hypothesis searches
    for one and shrinks it.
    """
    start = time.perf_counter()
    strategy = flow_instances(families=claim.families)
    check = lambda instance: claim.check(*instance, **claim.options)  # noqa: E731
    options = dict(claim.options)
    bound = options.pop("bound", None)
    replay = lambda i: replay_command(claim.check_name, i, bound, **options)  # noqa: E731
    worst, instance = worst_case(check, strategy, max_examples=max_examples, seed=seed)
    witness_instance = claim.witness()
    witness = check(witness_instance)
    if witness.violation:
        counterexample = {"result": repr(witness), "replay": replay(witness_instance)}
    elif worst.violation:
        found = find_counterexample(check, strategy, max_examples=max_examples, replay=replay)
        counterexample = None if found is None else {"result": repr(found.result), "replay": found.replay}
    else:
        counterexample = None
    refuted = worst.violation or witness.violation
    return {
        "id": claim.id, "source": claim.source, "statement": claim.statement,
        "status": "refuted" if refuted else "holds",
        "worst_ratio": max(worst.ratio, witness.ratio), "worst_family": type(instance[1]).__name__,
        "worst_resolved": worst.resolved, "witness_ratio": witness.ratio, "examples": max_examples,
        "counterexample": counterexample, "seconds": time.perf_counter() - start,
    }
