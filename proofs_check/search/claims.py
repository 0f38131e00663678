"""The adversarial searches of ``lazycheck verify``: the two lemmas and lazycheck's sharper stability bound.

Each :class:`NumericClaim` pairs a property check (:mod:`proofs_check.search.properties`) with
an instance space (:func:`numeric.strategies.flow_instances` over :data:`LEMMA_DOMAIN`) and a
tightness witness: a constructed instance on which the bound is nearly attained.
:func:`run_claim` reports, as one :class:`~proofs_check.results.CheckResult`, the worst ratio
the search found, the witness's ratio, the domain searched and any counterexample with its
replay command. A :class:`SearchDomain` can replace the instance space: what-if searches the
rescaled domain of :mod:`proofs_check.search.scales`, whose instances are (loss, metric, y0,
options), each checked with its own options (its horizon and absolute tolerance).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import zlib

import numpy as np

from numeric.adversarial import ForcingMetric, LevelSetTransport
from numeric.losses import StronglyConvexQuadratic
from numeric.metrics import PiecewiseConstant
from numeric.strategies import LOSS_KINDS, flow_instances
from proofs_check.results import CheckResult, ranges_of
from proofs_check.search import batched
from proofs_check.search.engine import Worst, maximize, replay_command, shrink
from proofs_check.search.properties import DEFAULT_HORIZON, MAX_EFOLDINGS, PropertyResult, lemma_3_3, stability
from proofs_check.settings import RunConfig

#: The instance space of the lemma searches (arguments of numeric.strategies.flow_instances).
LEMMA_DOMAIN = {"min_dim": 1, "max_dim": 4, "min_mu": 0.1, "max_kappa": 100.0, "min_lam": 0.1, "max_lam": 2.0}
#: The range of ||y0 - y*|| of numeric.strategies.initial_points (its defaults).
INITIAL_DISTANCE = (0.1, 5.0)


def domain_ranges(families: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The searched domain of a lemma search, as the ``ranges`` field of its result."""
    d = LEMMA_DOMAIN
    return ranges_of({
        "dimension n": f"{d['min_dim']}..{d['max_dim']}", "mu": f"[{d['min_mu']:g}, {10 * d['min_mu']:g}]",
        "kappa = nu/mu": f"[1, {d['max_kappa']:g}]", "lam": f"[{d['min_lam']:g}, {d['max_lam']:g}]",
        "||y0 - y*||": "[{:g}, {:g}]".format(*INITIAL_DISTANCE), "losses": ", ".join(LOSS_KINDS),
        "metrics": ", ".join(families), "horizon": f"min({DEFAULT_HORIZON:g}, {MAX_EFOLDINGS:g}/(mu lam))"})


def transport_witness(kappa: float = 100.0) -> tuple:
    """Lemma 3.3's tightness witness: y0 on the steepest axis, carried to the flattest by LevelSetTransport."""
    loss = StronglyConvexQuadratic(np.diag([kappa, 1.0]), [0.0, 0.0])
    y0 = np.array([1.0, 0.0])
    return loss, LevelSetTransport(loss, y0, 1.0, stages=64, duration=1e-3 / kappa), y0


def isotropic_witness() -> tuple:
    """Lemma 3.3 attained exactly: kappa = 1 and Sigma = lam Id give ||y(t) - y*|| = d0 exp(-mu lam t)."""
    return StronglyConvexQuadratic([[1.0]], [0.0]), PiecewiseConstant([0.0], [[[1.0]]]), np.array([1.0])


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
    #: The simplest instance on which the bound is attained exactly, if there is one (checked by what-if).
    exact_witness: Callable[[], tuple] | None = None

    def arguments(self, instance: tuple) -> tuple[tuple, dict]:
        """(loss, metric, y0) and the check's options, updated by the instance's own (its fourth entry, if any)."""
        loss, metric, y0, *own = instance
        return (loss, metric, y0), dict(self.options, **(own[0] if own else {}))

    def evaluate(self, instance: tuple) -> PropertyResult:
        triple, options = self.arguments(instance)
        with np.errstate(over="ignore"):  # observed/bound overflows to inf where a variant bound underflows
            return self.check(*triple, **options)

    def replay(self, instance: tuple) -> str:
        triple, options = self.arguments(instance)
        return replay_command(self.check_name, triple, options.pop("bound", None), **options)


_STABILITY_FAMILIES = ("forcing", "floor_plus_gram", "rotating", "piecewise")
NUMERIC_CLAIMS = (
    NumericClaim("chizat-bach/lemma-3.3", "chizat-bach Lemma 3.3 = smith Lemma B.1",
                 "||y(t) - y*|| <= sqrt(nu/mu) ||y(0) - y*|| exp(-mu lam t)", "lemma_3_3", lemma_3_3,
                 ("rotating", "floor_plus_gram", "piecewise", "model_induced", "level_set_transport", "forcing"),
                 transport_witness, exact_witness=isotropic_witness),
    NumericClaim("chizat-bach/lemma-A.1", "chizat-bach Lemma A.1 = smith Lemma B.2",
                 "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2} / (lam^{3/2} mu)", "stability", stability,
                 _STABILITY_FAMILIES, forcing_witness),
    NumericClaim("lazycheck/stability-time-dependent", "lazycheck (derivation stability_bound_time_dependent)",
                 "||y(t) - ybar(t)|| <= K ||Sigma(0)||^{1/2} (1 - exp(-lam mu t)) / (lam^{3/2} mu)", "stability",
                 stability, _STABILITY_FAMILIES, forcing_witness, {"time_dependent": True}),
)
CLAIMS_BY_ID = {claim.id: claim for claim in NUMERIC_CLAIMS}


def _tightness_witness(claim: NumericClaim) -> list[tuple]:
    return [claim.witness()]


@dataclass(frozen=True)
class SearchDomain:
    """Where a claim is searched: its instances over some metric families, the witnesses checked beside
    them (given the claim), and the ranges searched (given the instances evaluated)."""

    instances: Callable[[tuple[str, ...]], object]
    ranges: Callable[[tuple[str, ...], list], tuple[tuple[str, str], ...]]
    witnesses: Callable[[NumericClaim], list[tuple]] = _tightness_witness
    #: The batched screen draws normalized instances (None), or rescales them over this many decades.
    screen_decades: float | None = None


#: The normalized domain of ``lazycheck verify``: LEMMA_DOMAIN, and the claim's witness alone.
LEMMA_SEARCH = SearchDomain(lambda families: flow_instances(**LEMMA_DOMAIN, families=families),
                            lambda families, instances: domain_ranges(families))


def _witnesses(claim: NumericClaim, domain: SearchDomain) -> list[tuple[tuple, PropertyResult]]:
    """(instance, result) of each of the claim's witnesses in ``domain``."""
    return [(instance, claim.evaluate(instance)) for instance in domain.witnesses(claim)]


def _counterexample(claim: NumericClaim, strategy, worst, checked, config: RunConfig):
    """(result, instance) of a violation: the first of ``checked`` (the witnesses, then the screen's candidates:
    small, and replayable at once) that violates, else a shrunk search instance."""
    violating = [(result, instance) for instance, result in checked if result.violation]
    if violating:
        return violating[0]
    found = shrink(strategy, claim.evaluate, violates=lambda result: result.violation, max_examples=config.examples,
                   seed=config.seed, score=lambda result: result.ratio)
    return (worst.value, worst.instance) if found is None else (claim.evaluate(found), found)


def screen_claim(claim: NumericClaim, config: RunConfig, decades: float | None = None) -> batched.Screening:
    """The batched screen of the claim (:mod:`proofs_check.search.batched`), with its bound (a variant's too); with
    ``decades``, over what-if's rescaled instances."""
    options = dict(claim.options)
    if claim.check_name == "lemma_3_3":
        def ratio_of(batch):
            return batched.lemma_3_3_ratios(batch, options.get("bound"))
    else:
        def ratio_of(batch):
            return batched.stability_ratios(batch, options.get("bound"), options.get("time_dependent", False))
    screening, _ = batched.screen(ratio_of, config.batch_instances, config.study_seed(zlib.crc32(claim.id.encode())),
                                  jobs=config.search_jobs, decades=decades)
    return screening


def run_claim(claim: NumericClaim, config: RunConfig, domain: SearchDomain = LEMMA_SEARCH) -> CheckResult:
    """Screen the claim in batches (over ``domain``'s scales), check its witnesses and the screen's best candidates
    with the claim's own check, then search its instance space (``domain``) with the run's seed and budget.

    The tightness witness (with its rescaled images, in what-if's domain) is part of the
    search: if one violates the (possibly variant) bound, the first that does is the
    counterexample, small and replayable; then the screen's candidates, re-checked by the claim's own check. Either
    settles the verdict, and hypothesis' search is skipped; otherwise hypothesis searches, and shrinks a violating
    instance of its search, if there is one.
    """
    strategy, evaluated = domain.instances(claim.families), []

    def evaluate(instance):
        evaluated.append(instance)
        return claim.evaluate(instance)

    screening = screen_claim(claim, config, domain.screen_decades)
    candidates = [(c, claim.evaluate(c)) for c in screening.candidates]
    witnesses = _witnesses(claim, domain)
    checked = witnesses + candidates
    settled = [Worst(result, instance, 0) for instance, result in checked if result.violation]
    if settled:  # refuted by an admissible instance already: hypothesis has nothing to add to the verdict
        worst = max(settled, key=lambda w: w.value.ratio)
    else:
        worst = maximize(evaluate, strategy, max_examples=config.examples, seed=config.seed,
                         score=lambda result: result.ratio)
    worst = max([worst] + [Worst(result, instance, 0) for instance, result in candidates], key=lambda w: w.value.ratio)
    witness = max((result for _, result in witnesses), key=lambda result: result.ratio)
    largest = max((worst.value, witness), key=lambda result: result.ratio)
    counterexample = replay = None
    if worst.value.violation or any(result.violation for _, result in checked):
        result, instance = _counterexample(claim, strategy, worst, checked, config)
        counterexample, replay = repr(result), claim.replay(instance)
    unresolved = "" if worst.value.resolved else "; the worst instance is below the integrator's resolution"
    images = "" if len(witnesses) == 1 else f" (the largest of {len(witnesses)}: witnesses and their rescaled images)"
    metric = type(worst.instance[1]).__name__
    searched = len(evaluated) + len(checked) + screening.evaluated
    rescaled = "" if domain.screen_decades is None else ", rescaled"
    screened = (f"; {screening.evaluated} screened in batches (quadratic losses, piecewise-constant metrics, exact "
                f"flows{rescaled}), best screened ratio {screening.best_ratio:.6g}, its {len(candidates)} best re-checked")
    detail = (f"worst ratio {worst.value.ratio:.6g} over {searched} instances ({metric} metric){screened}; "
              f"witness ratio {witness.ratio:.6g}{images}{unresolved}")
    ranges = domain.ranges(claim.families, evaluated) + tuple(screening.ranges().items())
    return CheckResult("numeric", counterexample is None, detail, ref=claim.id, observed=largest.observed,
                       bound=largest.bound, ratio=largest.ratio, tight=True, searched=searched,
                       ranges=ranges, counterexample=counterexample,
                       replay=() if replay is None else (replay,), witness_ratio=witness.ratio)
