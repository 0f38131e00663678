"""The adversarial searches of ``lazycheck verify``: the two lemmas and lazycheck's sharper stability bound.

Each :class:`NumericClaim` pairs a property check (:mod:`proofs_check.search.properties`) with
an instance space (:func:`numeric.strategies.flow_instances` over :data:`LEMMA_DOMAIN`) and a
tightness witness: a constructed instance on which the bound is nearly attained.
:func:`run_claim` reports, as one :class:`~proofs_check.results.CheckResult`, the worst ratio
the search found, the witness's ratio, the domain searched and any counterexample with its
replay command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from numeric.adversarial import ForcingMetric, LevelSetTransport
from numeric.losses import StronglyConvexQuadratic
from numeric.strategies import LOSS_KINDS, flow_instances
from proofs_check.results import CheckResult, ranges_of
from proofs_check.search.engine import maximize, replay_command, shrink
from proofs_check.search.properties import PropertyResult, lemma_3_3, stability
from proofs_check.settings import RunConfig

#: The instance space of the lemma searches (arguments of numeric.strategies.flow_instances).
LEMMA_DOMAIN = {"min_dim": 1, "max_dim": 4, "min_mu": 0.1, "max_kappa": 100.0, "min_lam": 0.1, "max_lam": 2.0}


def domain_ranges(families: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The searched domain of a lemma search, as the ``ranges`` field of its result."""
    d = LEMMA_DOMAIN
    return ranges_of({
        "dimension n": f"{d['min_dim']}..{d['max_dim']}", "mu": f"[{d['min_mu']:g}, {10 * d['min_mu']:g}]",
        "kappa = nu/mu": f"[1, {d['max_kappa']:g}]", "lam": f"[{d['min_lam']:g}, {d['max_lam']:g}]",
        "||y0 - y*||": "[0.1, 5]", "losses": ", ".join(LOSS_KINDS), "metrics": ", ".join(families),
        "horizon": "min(10, 18/(mu lam))"})


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
    families: tuple[str, ...]
    witness: Callable[[], tuple]
    options: dict = field(default_factory=dict)

    def evaluate(self, instance: tuple) -> PropertyResult:
        return self.check(*instance, **self.options)

    def replay(self, instance: tuple) -> str:
        options = dict(self.options)
        return replay_command(self.check_name, instance, options.pop("bound", None), **options)


_STABILITY_FAMILIES = ("forcing", "floor_plus_gram", "rotating", "piecewise")
NUMERIC_CLAIMS = (
    NumericClaim("chizat-bach/lemma-3.3", "chizat-bach Lemma 3.3 = smith Lemma B.1",
                 "||y(t) - y*|| <= sqrt(nu/mu) ||y(0) - y*|| exp(-mu lam t)", "lemma_3_3", lemma_3_3,
                 ("rotating", "floor_plus_gram", "piecewise", "model_induced", "level_set_transport", "forcing"),
                 transport_witness),
    NumericClaim("chizat-bach/lemma-A.1", "chizat-bach Lemma A.1 = smith Lemma B.2",
                 "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2} / (lam^{3/2} mu)", "stability", stability,
                 _STABILITY_FAMILIES, forcing_witness),
    NumericClaim("lazycheck/stability-time-dependent", "lazycheck (derivation stability_bound_time_dependent)",
                 "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2} (1 - exp(-lam mu t)) / (lam^{3/2} mu)", "stability",
                 stability, _STABILITY_FAMILIES, forcing_witness, {"time_dependent": True}),
)
CLAIMS_BY_ID = {claim.id: claim for claim in NUMERIC_CLAIMS}


def _counterexample(claim: NumericClaim, strategy, worst, witness, witness_instance, config: RunConfig):
    """(result, instance) of a violation: the witness if it violates, else a shrunk search instance."""
    if witness.violation:
        return witness, witness_instance
    found = shrink(strategy, claim.evaluate, violates=lambda result: result.violation, max_examples=config.examples,
                   seed=config.seed, score=lambda result: result.ratio)
    return (worst.value, worst.instance) if found is None else (claim.evaluate(found), found)


def run_claim(claim: NumericClaim, config: RunConfig) -> CheckResult:
    """Search the claim's instance space with the run's seed and budget, then check its witness.

    The tightness witness is part of the search: if it violates the (possibly variant)
    bound, it is the counterexample, small and replayable; otherwise hypothesis shrinks a
    violating instance of the search, if there is one.
    """
    strategy = flow_instances(**LEMMA_DOMAIN, families=claim.families)
    worst = maximize(claim.evaluate, strategy, max_examples=config.examples, seed=config.seed,
                     score=lambda result: result.ratio)
    witness_instance = claim.witness()
    witness = claim.evaluate(witness_instance)
    largest = max((worst.value, witness), key=lambda result: result.ratio)
    counterexample = replay = None
    if worst.value.violation or witness.violation:
        result, instance = _counterexample(claim, strategy, worst, witness, witness_instance, config)
        counterexample, replay = repr(result), claim.replay(instance)
    unresolved = "" if worst.value.resolved else "; the worst instance is below the integrator's resolution"
    detail = (f"worst ratio {worst.value.ratio:.6g} over {worst.evaluated} instances ({type(worst.instance[1]).__name__} "
              f"metric); witness ratio {witness.ratio:.6g}{unresolved}")
    return CheckResult("numeric", counterexample is None, detail, ref=claim.id, observed=largest.observed,
                       bound=largest.bound, ratio=largest.ratio, tight=True, searched=worst.evaluated + 1,
                       ranges=domain_ranges(claim.families), counterexample=counterexample,
                       replay=() if replay is None else (replay,), witness_ratio=witness.ratio)
