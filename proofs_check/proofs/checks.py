"""The kinds of check a proof step can carry; each returns a :class:`~proofs_check.results.CheckResult`.

- ``identity``: a sympy equality whose residual simplifies to 0 (:class:`IdentityCheck`), or a
  derivation of symbolic/ (:class:`DerivationCheck`);
- ``inequality``: a real-arithmetic implication certified by z3, or refuted with an assignment
  (:class:`InequalityCheck`);
- ``analytic``: a numeric property searched with hypothesis and ``target()`` on its ratio
  (:class:`AnalyticCheck`), one constructed instance (:class:`InstanceCheck`), or an O(rate(alpha))
  claim measured across alpha (:class:`RateCheck`);
- ``reference``: the step uses another result; the check is that result's own chain
  (:class:`ReferenceCheck`);
- ``none``: the text gives no reason (:class:`MissingJustification`).

Tolerance: a ratio counts as above 1 only beyond :data:`~proofs_check.settings.RATIO_TOLERANCE`,
which covers float64 rounding and the integrators' errors.
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import sympy as sp

from proofs_check.proofs.chain import ChainRun
from proofs_check.results import CheckResult, Witness, fit_slope, ranges_of
from proofs_check.search.engine import maximize, shrink
from proofs_check.settings import RATIO_TOLERANCE
from symbolic import derive, numeric_function, parse_expression
from symbolic.core import identity as sympy_identity
from symbolic.inequalities import certify
from symbolic.symbols import admissible

#: An O(alpha^p) claim holds on the measured range when the log-log slope of value/rate is at most this: half of
#: 0.15, so that data decaying like alpha^(p + 0.15) is rejected and data decaying like alpha^p is accepted.
RATE_SLOPE_TOLERANCE = 0.075
#: The alphas of a rate measurement, by default: three decades, so that the last decade (1000..10000) tells a
#: log(alpha) factor (local slope 1/ln(alpha) <= 0.15) from a power alpha^0.25.
RATE_ALPHAS = (10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0, 10000.0)


@dataclass(frozen=True)
class IdentityCheck:
    """lhs == rhs, by sympy; the residual is reported."""

    lhs: sp.Basic
    rhs: sp.Basic
    kind = "identity"

    def run(self, context: ChainRun) -> CheckResult:
        check = sympy_identity(self.lhs, self.rhs)
        counterexample = None if check.ok else f"residual {check.residual} != 0"
        witness = None if check.ok else Witness("residual", f"{self.lhs} == {self.rhs}",
                                                values=(("residual", str(check.residual)),))
        return CheckResult(self.kind, check.ok, f"residual {check.residual}", counterexample=counterexample,
                           witness=witness)


@dataclass(frozen=True)
class DerivationCheck:
    """A result derived in symbolic/: every step verified, and (optionally) a candidate verified at ``at``."""

    name: str
    candidate: sp.Basic | None = None
    at: tuple = ()
    kind = "identity"

    def run(self, context: ChainRun) -> CheckResult:
        derivation = derive(self.name)
        if not derivation.ok:
            return CheckResult(self.kind, False, f"derivation {self.name} has a failing step", ref=self.name,
                               counterexample=f"see lazycheck derive {self.name}")
        if self.candidate is None:
            return CheckResult(self.kind, True, f"derivation {self.name}: every step verified", ref=self.name)
        check = derivation.verify(self.candidate, dict(self.at))
        witness = None if check.ok else Witness("residual", f"{self.candidate} is {self.name} at {dict(self.at)}",
                                                values=(("residual", str(check.residual)),))
        return CheckResult(self.kind, check.ok, f"derivation {self.name}: candidate residual {check.residual}",
                           ref=self.name, counterexample=None if check.ok else f"residual {check.residual}",
                           witness=witness)


@dataclass(frozen=True)
class InequalityCheck:
    """claim under assumptions, certified by z3 (unsat of the negation) or refuted with an assignment.

    The relations that the documented symbols satisfy under every claim's hypotheses (nu >= mu, kappa >= 1,
    sigma_min <= ||Df(w0)||, ...: :func:`symbolic.symbols.admissible`) are added to the assumptions, so that
    a refutation is always an admissible counterexample.
    """

    claim: sp.Basic
    assumptions: tuple = ()
    kind = "inequality"

    @property
    def hypotheses(self) -> tuple:
        """The step's assumptions and the admissibility relations of its symbols."""
        return tuple(self.assumptions) + admissible((self.claim,) + tuple(self.assumptions))

    def run(self, context: ChainRun) -> CheckResult:
        result = certify(self.claim, self.hypotheses)
        if result.ok:
            return CheckResult(self.kind, True, result.certificate)
        assignment = ", ".join(f"{k} = {v}" for k, v in result.counterexample.items())
        witness = Witness("assignment", str(self.claim), tuple(str(h) for h in self.hypotheses),
                          tuple((k, str(v)) for k, v in result.counterexample.items())) if assignment else None
        return CheckResult(self.kind, False, f"{result.status}: {result.certificate}", counterexample=assignment or None,
                           witness=witness)


@dataclass(frozen=True)
class ReferenceCheck:
    """The step uses another result: its own proof chain must hold (gaps allowed)."""

    proof_id: str
    kind = "reference"

    def run(self, context: ChainRun) -> CheckResult:
        report = context.resolve(self.proof_id)
        ok = report.status in ("holds", "gap")
        return CheckResult(self.kind, ok, f"{self.proof_id}: {report.status}", ref=self.proof_id,
                           counterexample=None if ok else f"{self.proof_id} fails")


@dataclass(frozen=True)
class MissingJustification:
    """The text states the step with no reason: the justification check fails by construction."""

    what: str
    kind = "none"

    def run(self, context: ChainRun) -> CheckResult:
        return CheckResult(self.kind, False, f"the text gives no justification for {self.what} (a gap: no "
                           "counterexample, the conclusion is checked by the corrected step)")


@lru_cache(maxsize=8)
def _screen_draws(sample: Callable, seed: int, count: int) -> tuple:
    """``count`` instances of ``sample`` from the stream ``seed``: what a screen evaluates (kept, so that the checks
    of one screen key share them)."""
    rng = np.random.default_rng(seed)
    return tuple(sample(rng) for _ in range(count))


def last_table(table: Callable) -> Callable:
    """``table(instances)``, remembered for the last ``instances`` object it was given (by identity): the checks of
    one screen key receive the same tuple of draws, so their common quantities are evaluated once."""
    memo: dict = {}

    def remembered(instances):
        if memo.get("instances") is not instances:
            memo["instances"], memo["table"] = instances, np.asarray(table(instances), dtype=float)
        return memo["table"]

    return remembered


@dataclass(frozen=True)
class AnalyticCheck:
    """ratio(instance) <= 1 over ``strategy()``, searched with the run's seed and budget.

    ``flows``: the ratio integrates flows (a smaller budget, see
    :meth:`~proofs_check.settings.RunConfig.analytic_examples`); ``domain`` describes the instance space
    (the ``ranges`` of the result); ``validator`` ("module:function", called with the instance's ``repr``) checks
    the claim's hypotheses on a counterexample before it is reported. ``sample`` (a numpy sampler of the same
    space, :mod:`numeric.samplers`) screens :attr:`~proofs_check.settings.RunConfig.analytic_screen` instances
    first, without hypothesis' overhead; the worst of both is reported, and a violation found by the screen is
    its own counterexample. ``ratios`` (optional) evaluates a list of screened instances at once and returns the same
    numbers as ``ratio`` on each (a batched flow, say); ``screened`` describes the screened space when it is narrower
    than ``domain`` (an exactly solvable sub-family, say), and is reported with the ranges. Checks with the same
    ``screen_key`` (default: the description) screen the same instances, so that a :func:`last_table` of their
    common quantities is computed once. A variant built with ``dataclasses.replace(check, ratio=...)`` must replace
    ``ratios`` too (or set it to None), or its screen keeps evaluating the original ratio.
    """

    description: str
    strategy: Callable
    ratio: Callable
    flows: bool = False
    domain: tuple[tuple[str, str], ...] = ()
    validator: str = ""
    sample: Callable | None = None
    ratios: Callable | None = None
    screened: tuple[tuple[str, str], ...] = ()
    screen_key: str = ""
    kind = "analytic"
    samples = True

    def _screen(self, config) -> tuple[float, object, int]:
        """(worst ratio, its instance, instances screened) of the numpy screen; (-inf, None, 0) without a sampler."""
        if self.sample is None:
            return float("-inf"), None, 0
        seed = config.study_seed(zlib.crc32((self.screen_key or self.description).encode()))
        drawn = _screen_draws(self.sample, seed, config.analytic_screen)
        values = np.asarray(self.ratios(drawn) if self.ratios else [self.ratio(x) for x in drawn], dtype=float)
        if values.shape != (len(drawn),):
            raise ValueError(f"the batched ratios have shape {values.shape}, expected ({len(drawn)},)")
        if np.isnan(values).any():  # as in hypothesis' search, a ratio that is not a number crashes the check
            raise ValueError(f"the ratio is not a number at {drawn[int(np.argmax(np.isnan(values)))]!r}")
        worst = int(np.argmax(values))
        return float(values[worst]), drawn[worst], len(drawn)

    def run(self, context: ChainRun) -> CheckResult:
        config, strategy = context.config, self.strategy()
        examples = config.analytic_examples(self.flows)
        found = maximize(self.ratio, strategy, max_examples=examples, seed=config.seed)
        screened, screened_instance, screened_count = self._screen(config)
        worst, from_screen = max(found.value, screened), screened > found.value
        searched = found.evaluated + screened_count
        screen = f", {screened_count} of them screened by a numpy sampler" if screened_count else ""
        result = CheckResult(self.kind, worst <= 1 + RATIO_TOLERANCE,
                             f"worst ratio {worst:.9g} over {searched} instances{screen} ({self.description})",
                             ratio=float(worst), searched=searched, ranges=self.domain + self.screened)
        if result.ok:
            return result
        if from_screen:
            shrunk = screened_instance
        else:
            shrunk = shrink(strategy, self.ratio, violates=lambda ratio: ratio > 1 + RATIO_TOLERANCE,
                            max_examples=examples, seed=config.seed)
            shrunk = found.instance if shrunk is None else shrunk
        result = result.with_(detail=f"worst ratio {worst:.9g} ({self.description})",
                              counterexample=f"ratio {self.ratio(shrunk):.9g} at {shrunk!r}")
        if not self.validator:
            return result
        return _validated(result, Witness("instance", self.description, validator=self.validator,
                                          arguments=(repr(shrunk),)))


def tabled_check(description: str, domain, row: Callable, table: Callable, index: int, *,
                 screen_key: str) -> AnalyticCheck:
    """The flow check ``row(instance)[index] <= 1`` over ``domain`` (a :class:`~proofs_check.proofs.domains.Domain`),
    whose screen reads column ``index`` of ``table`` (a :func:`last_table` of the rows of many instances), shared by
    the checks of ``screen_key``."""
    return AnalyticCheck(description, domain.strategy, lambda instance: row(instance)[index], flows=True,
                         screen_key=screen_key, ratios=lambda instances: table(instances)[:, index], **domain.options)


@dataclass(frozen=True)
class InstanceCheck:
    """ratio(build()) <= 1 on one constructed instance."""

    description: str
    build: Callable
    ratio: Callable
    kind = "analytic"

    def run(self, context: ChainRun) -> CheckResult:
        value = float(self.ratio(self.build()))
        ok = value <= 1 + RATIO_TOLERANCE
        return CheckResult(self.kind, ok, f"ratio {value:.9g} on {self.description}", ratio=value, searched=1,
                           counterexample=None if ok else f"ratio {value:.9g} > 1 on {self.description}")


def _without_log(rate: sp.Expr) -> sp.Expr:
    """``rate`` with its factors log(alpha) removed (log(alpha)/alpha**2 -> 1/alpha**2)."""
    return rate.replace(sp.log, lambda argument: sp.S.One)


def decide_rate(description: str, alphas, values, rate: str) -> CheckResult:
    """Decide value(alpha) = O(rate(alpha)) as alpha -> oo on measured ``values`` at ``alphas`` (a range of at least a
    decade): the log-log slope of value/rate over the last decade of the range (the asymptotic end) must be at
    most RATE_SLOPE_TOLERANCE, with a standard error below it. The slope over the whole range and the exponent of
    the value itself are reported too.

    Where ``rate`` has a log(alpha) factor, the slope of value/(rate without it) over the last decade is reported:
    the log factor is needed when that slope exceeds the tolerance (log(alpha) alone has a slope of 1/ln(alpha),
    at least 0.14 up to alpha = 1000), and not seen otherwise.
    """
    alphas, values = np.asarray(alphas, dtype=float), np.asarray(values, dtype=float)
    expression = parse_expression(rate, allowed=("alpha",))
    normalized = values / _evaluate(expression, alphas)
    top = alphas >= alphas.max() / 10
    slope = fit_slope("value/rate (last decade)", "alpha", alphas[top], normalized[top], limit=RATE_SLOPE_TOLERANCE)
    whole, own = fit_slope("value/rate", "alpha", alphas, normalized), fit_slope("value", "alpha", alphas, values)
    table = ", ".join(f"alpha={a:g}: {v:.4g}" for a, v in zip(alphas, normalized))
    spans_a_decade = alphas.max() >= 10 * alphas.min() and top.sum() >= 2
    decided = spans_a_decade and slope.error <= RATE_SLOPE_TOLERANCE
    reason = "" if decided else (", fit too noisy to decide" if spans_a_decade else ", range shorter than a decade")
    detail = (f"value/rate over alpha: {table}; log-log slope over the last decade {slope.value:+.3f} +- "
              f"{slope.error:.3f} (O({rate}) needs <= {RATE_SLOPE_TOLERANCE:+.3f}){reason}, over the whole range "
              f"{whole.value:+.3f} +- {whole.error:.3f}; the value itself decays like alpha^({own.value:+.3f} +- "
              f"{own.error:.3f})")
    bare = _without_log(expression)
    if bare != expression:
        without = fit_slope("value/rate without log", "alpha", alphas[top], values[top] / _evaluate(bare, alphas[top]))
        seen = ("the log factor is needed" if without.value > RATE_SLOPE_TOLERANCE
                else f"the log factor is not seen: value = O({bare}) here")
        detail += f"; without log(alpha): slope {without.value:+.3f} +- {without.error:.3f}, {seen}"
    ok = bool(decided and slope.within_limit)
    counterexample = None if ok else (f"value/rate over alpha in [{alphas[0]:g}, {alphas[-1]:g}] has log-log slope "
                                      f"{slope.value:+.3f} +- {slope.error:.3f} over the last decade: {table}")
    return CheckResult("analytic", ok, f"{detail} ({description})", slopes=(slope, whole), searched=alphas.size,
                       ranges=ranges_of({"alpha": f"{alphas[0]:g}..{alphas[-1]:g} ({alphas.size} values)"}),
                       counterexample=counterexample)


def _evaluate(expression: sp.Expr, alphas: np.ndarray) -> np.ndarray:
    """An expression of alpha at each alpha (lambdified once by symbolic/)."""
    function = numeric_function(expression, "alpha")
    return np.array([float(function(a)) for a in alphas])


@dataclass(frozen=True)
class RateCheck:
    """A claim value(alpha) = O(rate(alpha)) as alpha -> oo, measured over ``alphas`` and decided by
    :func:`decide_rate`.

    ``rate`` is the claimed rate as the text writes it, an expression in alpha (``"log(alpha)/alpha**2"``),
    parsed and lambdified by symbolic/. A negative slope of value/rate means it holds with room to spare.
    """

    description: str
    measure: Callable[[float], float]
    rate: str
    alphas: Sequence[float] = RATE_ALPHAS
    validator: str = ""
    kind = "analytic"

    def run(self, context: ChainRun) -> CheckResult:
        values = [self.measure(a) for a in self.alphas]
        result = decide_rate(self.description, self.alphas, values, self.rate).with_(kind=self.kind)
        if result.ok or not self.validator:
            return result
        return _validated(result, Witness("instance", f"O({self.rate})", validator=self.validator,
                                          arguments=tuple(float(a) for a in self.alphas)))


def _validated(result: CheckResult, witness: Witness) -> CheckResult:
    """``result`` with its witness, after the claim's hypotheses are checked on it: a witness that violates one is a
    defect of the checker, reported as a crash (never as a counterexample)."""
    broken = [name for name, holds in call_validator(witness).items() if not holds]
    if broken:
        return CheckResult.crash(result.kind, result.ref, f"the witness violates {', '.join(broken)} ({witness.validator})")
    return result.with_(witness=witness)


def call_validator(witness: Witness) -> dict[str, bool]:
    """{hypothesis: holds} from the witness's validator ("module:function") called with its arguments."""
    module, function = witness.validator.split(":")
    return getattr(importlib.import_module(module), function)(*witness.arguments)
