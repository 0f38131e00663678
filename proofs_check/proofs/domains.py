"""The instance spaces of the analytic proof steps: a strategy factory and the ranges it covers.

Each :class:`Domain` is what an :class:`~proofs_check.proofs.checks.AnalyticCheck` searches; its
``ranges`` are reported with the step's result, so that a reader sees how much was searched. A domain with a
``sample`` (a plain numpy sampler of the same space, :mod:`numeric.samplers`) is also screened: many instances
drawn without hypothesis' overhead before hypothesis searches it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import strategies as st

from numeric import samplers
from numeric.strategies import concave_scalars, flow_instances, initial_points, loss_points, matrix_pairs, metric_samples, sine_models
from proofs_check.results import ranges_of
from proofs_check.search.claims import LEMMA_DOMAIN, domain_ranges


@dataclass(frozen=True)
class Domain:
    """A strategy factory (called once per search), the ranges it draws from, and optionally a numpy sampler of the
    same space, or of a part of it described by ``screened`` (``sample(rng) -> instance``), for the screen."""

    strategy: Callable
    ranges: tuple[tuple[str, str], ...]
    sample: Callable | None = None
    #: The screened space, when the sampler covers only part of ``ranges`` (reported beside them).
    screened: tuple[tuple[str, str], ...] = ()

    @property
    def options(self) -> dict:
        """An AnalyticCheck's keyword arguments for searching this domain: its ranges, sampler and screened space."""
        return {"domain": self.ranges, "sample": self.sample, "screened": self.screened}


LOSS_POINTS = Domain(loss_points, ranges_of({
    "losses": "quadratic and log-cosh, n 1..4, mu [0.1, 1], kappa [1, 100]", "||y - y*||": "[0.1, 5]"}),
    samplers.loss_point)
METRIC_SAMPLES = Domain(metric_samples, ranges_of({
    "metrics": "rotating, floor_plus_gram, piecewise, model_induced; n 1..4, lam [0.1, 2]", "t": "[0, 10]",
    "||v||": "[0.1, 5]"}), samplers.metric_sample,
    ranges_of({"screened metrics": "rotating, floor_plus_gram, piecewise (model_induced by hypothesis only)"}))
#: The flows the screens of the flow steps draw: exact, so that a thousand of them cost about a second.
EXACT_FLOWS = ranges_of({"screened flows": "quadratic losses under piecewise-constant metrics (1..4 pieces), "
                                           "solved exactly; the other families by hypothesis only"})
MATRIX_PAIRS = Domain(matrix_pairs, ranges_of({"A, E": "shapes 1..4 x 1..5, entries in [-3, 3]"}), samplers.matrix_pair)
LEMMA_FLOWS = Domain(lambda: flow_instances(**LEMMA_DOMAIN), domain_ranges(
    ("rotating", "floor_plus_gram", "piecewise", "model_induced", "level_set_transport", "forcing")),
    samplers.exact_flow_instance, EXACT_FLOWS)


def stability_pairs(families: tuple[str, ...]) -> Domain:
    """Instances (loss, metric, y0) of the stability pair (y, ybar), over the lemma searches' domain (``families``
    must include the piecewise family, which the screen draws)."""
    if "piecewise" not in families:
        raise ValueError(f"the screen of a stability pair draws piecewise metrics, not among {families}")
    return Domain(lambda: flow_instances(**LEMMA_DOMAIN, families=families), domain_ranges(families),
                  samplers.exact_flow_instance, EXACT_FLOWS)


def _taylor_instances():
    return st.one_of(sine_models(), concave_scalars()).flatmap(lambda m: st.tuples(st.just(m), initial_points(dim=m.n_params)))


def _lazy_instances():
    return sine_models().flatmap(lambda m: st.tuples(st.just(m), initial_points(dim=m.n_outputs),
                                                    st.floats(1.0, 50.0)))


#: SineTiltedLinear models h(w) = J0 w + eps sin(C w) (n 1..3, p n..n+2), and ConcaveScalar models, whose Taylor
#: remainder equals the bound (so that a smaller constant than 1/2 fails), with points w.
TAYLOR_POINTS = Domain(_taylor_instances, ranges_of({
    "models": "h(w) = J0 w + eps sin(C w), n 1..3, p n..n+2, eps [0, 0.5]; "
              "h(w) = c + s w - L w^2/2 on R, s [0.1, 2], L [0.1, 5], c [-2, 2]", "||w||": "[0.1, 5]"}),
    samplers.taylor_point)
#: The same models with a target y* and alpha, for lazy flows from w0 = 0.
LAZY_FLOWS = Domain(_lazy_instances, ranges_of({
    "models": "h(w) = J0 w + eps sin(C w), n 1..3, p n..n+2, eps [0, 0.5]", "||y*||": "[0.1, 5]",
    "alpha": "[1, 50]", "t": "[0, 5]"}), samplers.lazy_instance)
