"""The rate check of the proof chains (proofs_check.proofs.checks.decide_rate): it separates neighbouring rates."""

import numpy as np
import sympy as sp
import pytest

from proofs_check.proofs.checks import RATE_ALPHAS, RATE_SLOPE_TOLERANCE, decide_rate

ALPHAS = np.asarray(RATE_ALPHAS)


@pytest.mark.parametrize("scale", [1e-3, 1.0, 40.0])
def test_data_decaying_like_alpha_to_minus_1_75_is_rejected_as_o_alpha_minus_2(scale):
    """Acceptance (item 6): alpha^-1.75 is not O(alpha^-2); the slope is reported with its error."""
    result = decide_rate("synthetic", ALPHAS, scale * ALPHAS**-1.75, "1/alpha**2")
    assert not result.ok
    slope, whole = result.slopes
    assert whole.value == pytest.approx(0.25, abs=1e-9)
    assert slope.value == pytest.approx(0.25, abs=1e-9) and slope.error < 1e-9
    assert "+0.250 +- 0.000" in result.detail and result.counterexample


@pytest.mark.parametrize("shift, holds", [(0.0, True), (-0.15, True), (+0.15, False), (+0.10, False),
                                          (+0.05, True)])
def test_the_tolerance_separates_p_from_p_plus_0_15(shift, holds):
    """value ~ alpha^(-2 + shift): O(alpha^-2) holds for shift <= tolerance (faster decay is allowed)."""
    rng = np.random.default_rng(0)
    noise = np.exp(0.01 * rng.standard_normal(ALPHAS.size))  # 1% multiplicative noise
    assert decide_rate("synthetic", ALPHAS, noise * ALPHAS ** (-2 + shift), "1/alpha**2").ok is holds


def test_the_value_exponent_is_reported_so_p_minus_0_15_is_told_apart_from_p():
    faster = decide_rate("synthetic", ALPHAS, ALPHAS**-2.15, "1/alpha**2")
    exact = decide_rate("synthetic", ALPHAS, ALPHAS**-2.0, "1/alpha**2")
    assert "alpha^(-2.150" in faster.detail and "alpha^(-2.000" in exact.detail


def test_a_stated_log_factor_is_tested_for():
    with_log = decide_rate("synthetic", ALPHAS, np.log(ALPHAS) / ALPHAS**2, "log(alpha)/alpha**2")
    without_log = decide_rate("synthetic", ALPHAS, 1 / ALPHAS**2, "log(alpha)/alpha**2")
    squared_log = decide_rate("synthetic", ALPHAS, np.log(ALPHAS) ** 2 / ALPHAS**2, "log(alpha)/alpha**2")
    assert with_log.ok and "the log factor is needed" in with_log.detail
    assert without_log.ok and "the log factor is not seen" in without_log.detail
    assert not squared_log.ok
    # over the last decade (alpha 100..1000) alpha^-1.75 outgrows log(alpha)/alpha^2 (slope 0.25 - 1/ln(alpha))
    assert not decide_rate("synthetic", ALPHAS, ALPHAS**-1.75, "log(alpha)/alpha**2").ok


def test_a_range_shorter_than_a_decade_decides_nothing():
    alphas = np.array([100.0, 120.0, 150.0])
    result = decide_rate("synthetic", alphas, 1 / alphas**2, "1/alpha**2")
    assert not result.ok and "shorter than a decade" in result.detail


def test_a_noisy_fit_is_not_decided():
    rng = np.random.default_rng(1)
    noisy = ALPHAS**-2.0 * np.exp(rng.standard_normal(ALPHAS.size))
    result = decide_rate("synthetic", ALPHAS, noisy, "1/alpha**2")
    assert result.slopes[0].error > RATE_SLOPE_TOLERANCE and not result.ok
    assert "too noisy" in result.detail


# The numpy screen of the sampled analytic steps.

def _analytic(ratio, sample):
    from proofs_check.proofs.checks import AnalyticCheck
    from proofs_check.proofs.domains import MATRIX_PAIRS

    return AnalyticCheck("a test ratio", MATRIX_PAIRS.strategy, ratio, domain=MATRIX_PAIRS.ranges, sample=sample)


def _context(**config):
    from proofs_check.proofs.chain import ChainRun
    from proofs_check.settings import RunConfig

    return ChainRun(RunConfig(**config), lambda proof_id: None)


def test_a_sampled_step_screens_its_budget_before_hypothesis():
    from proofs_check.proofs.domains import MATRIX_PAIRS
    from proofs_check.studies.pointwise import operator_norm_ratio

    result = _analytic(operator_norm_ratio, MATRIX_PAIRS.sample).run(_context(max_examples=5))
    assert result.ok and result.searched == 5 + 1000 and result.as_json()["instances"] == 1005
    again = _analytic(operator_norm_ratio, MATRIX_PAIRS.sample).run(_context(max_examples=5))
    assert again == result  # the screen is seeded by the run's configuration
    assert _analytic(operator_norm_ratio, None).run(_context(max_examples=5)).searched == 5


def test_the_screen_alone_refutes_a_false_step():
    """||A^T v|| <= (1/2)||A|| ||v|| is false; a strategy that never leaves A = 0 cannot see it, the screen does."""
    from hypothesis import strategies as st

    from numeric import samplers
    from proofs_check.proofs.checks import AnalyticCheck
    from proofs_check.studies.pointwise import operator_norm_ratio

    zeros = lambda: st.just((np.zeros((2, 2)), np.zeros((2, 2))))  # noqa: E731
    check = AnalyticCheck("twice the operator-norm ratio", zeros, lambda i: 2 * operator_norm_ratio(i),
                          sample=samplers.matrix_pair)
    result = check.run(_context(max_examples=3))
    assert not result.ok and result.counterexample.startswith("ratio ") and result.ratio > 1


def test_a_ratio_that_is_not_a_number_crashes_the_screen():
    from numeric import samplers
    from proofs_check.proofs.chain import ProofStep, run_step

    check = _analytic(lambda instance: float("nan"), samplers.matrix_pair)
    result = run_step(ProofStep("1", "here", "a", "b", "because", check), _context(max_examples=2))
    assert result.outcome.crashed and result.status == "fails"


def test_a_screened_flow_step_refutes_a_false_decay_rate():
    """Fbar(y(t)) <= Fbar(y0) exp(-4 mu lam t) is false (the rate is 2 mu lam); a strategy pinned at a metric far
    above its declared floor cannot see it, the screen does."""
    from hypothesis import strategies as st

    from numeric import samplers
    from numeric.flows import solve
    from numeric.losses import StronglyConvexQuadratic
    from numeric.metrics import PiecewiseConstant
    from proofs_check.proofs.checks import AnalyticCheck
    from proofs_check.studies.pointwise import suboptimality

    def doubled_rate_ratio(instance):
        loss, metric, y0 = instance
        ts = np.linspace(0.0, 1.0, 21)
        values = suboptimality(loss, solve(loss, metric, y0, ts).y)
        return float(np.max(values / (suboptimality(loss, y0) * np.exp(-4 * loss.mu * metric.lam * ts))))

    loss, fast = StronglyConvexQuadratic(np.eye(1), [0.0]), PiecewiseConstant([0.0], [100 * np.eye(1)], lam=1.0)
    pinned_instance = (loss, fast, np.array([1.0]))  # Sigma = 100 Id, declared floor 1
    pinned = lambda: st.just(pinned_instance)  # noqa: E731
    assert doubled_rate_ratio(pinned_instance) <= 1
    check = AnalyticCheck("a doubled decay rate", pinned, doubled_rate_ratio, flows=True,
                          sample=samplers.exact_flow_instance)
    result = check.run(_context(max_examples=3))
    assert not result.ok and result.ratio > 1 and result.counterexample.startswith("ratio ")


# Soundness of the checks (issue 16): each accepts a true step up to its tolerance, rejects a false one just beyond
# it, and a failing check always carries its counterexample.

#: proofs_check.settings.RATIO_TOLERANCE, written out so that a changed tolerance fails the boundary tests below.
PINNED_RATIO_TOLERANCE = 1e-7


def _hypotheses_hold(*arguments) -> dict[str, bool]:
    """A validator (``module:function``) for which every witness is admissible."""
    return {"admissible": True}


def _hypotheses_fail(*arguments) -> dict[str, bool]:
    """A validator for which no witness is admissible: a counterexample would be a defect of the checker."""
    return {"admissible": False}


def _constant(value):
    return lambda instance: value


@pytest.mark.parametrize("ratio, holds", [(1.0, True), (1 + PINNED_RATIO_TOLERANCE, True),
                                          (1 + 1.5 * PINNED_RATIO_TOLERANCE, False), (1.5, False)])
def test_an_instance_check_holds_up_to_its_tolerance_and_no_further(ratio, holds):
    from proofs_check.proofs.checks import InstanceCheck

    result = InstanceCheck("a constant ratio", lambda: None, _constant(ratio)).run(_context())
    assert result.ok is holds and result.ratio == ratio and result.searched == 1
    assert (result.counterexample is None) is holds
    if not holds:
        assert f"ratio {ratio:.9g} > 1" in result.counterexample


@pytest.mark.parametrize("ratio, holds", [(1 + PINNED_RATIO_TOLERANCE, True), (1 + 1.5 * PINNED_RATIO_TOLERANCE, False)])
def test_a_searched_check_holds_up_to_its_tolerance_and_no_further(ratio, holds):
    from hypothesis import strategies as st

    from proofs_check.proofs.checks import AnalyticCheck

    check = AnalyticCheck("a constant ratio", lambda: st.integers(0, 3), _constant(ratio))
    result = check.run(_context(max_examples=3))
    assert result.ok is holds and result.ratio == ratio
    assert (result.counterexample is None) is holds
    if not holds:
        assert result.counterexample.startswith(f"ratio {ratio:.9g} at ")


def test_a_step_that_integrates_flows_searches_a_third_of_the_budget_rounded_up():
    """FLOW_COST = 3: 7 examples become ceil(7/3) = 3 for a flow step, 6 would become 2."""
    from dataclasses import replace

    from proofs_check.studies.pointwise import operator_norm_ratio

    flow = replace(_analytic(operator_norm_ratio, None), flows=True)
    assert flow.run(_context(max_examples=7)).searched == 3
    assert flow.run(_context(max_examples=6)).searched == 2
    assert _analytic(operator_norm_ratio, None).run(_context(max_examples=7)).searched == 7


# The Taylor remainder: the quadratic model f(w) = sigma_min w - lip_Df w^2/2 attains (1/2) lip_Df w^2 exactly.

def _quadratic_taylor_points():
    from hypothesis import strategies as st

    from numeric.models import ConcaveScalar

    return st.tuples(st.builds(ConcaveScalar, st.floats(0.5, 2.0), st.floats(0.1, 3.0)),
                     st.floats(0.1, 5.0).map(lambda w: np.array([w])))


def test_the_taylor_ratio_is_one_where_the_remainder_attains_its_bound():
    """|f(2) - f(0) - f'(0) 2| = 1 = (1/2)(1/2) 2^2 for f(w) = w - w^2/4: a bound (1/3) lip ||w||^2 would give 1.5."""
    from numeric.models import ConcaveScalar
    from proofs_check.studies.pointwise import taylor_ratio

    assert taylor_ratio((ConcaveScalar(1.0, 0.5), np.array([2.0]))) == 1.0
    assert taylor_ratio((ConcaveScalar(1.0, 0.5, offset=3.0), np.array([-2.0]))) == 1.0


def test_a_taylor_step_with_a_third_instead_of_a_half_is_refuted_near_the_bound():
    from proofs_check.proofs.checks import AnalyticCheck, InstanceCheck
    from proofs_check.studies.pointwise import taylor_ratio

    from numeric.models import ConcaveScalar

    def third_ratio(instance):  # ||remainder|| / (lip ||w||^2 / 3)
        return 1.5 * taylor_ratio(instance)

    context = _context(max_examples=10)
    half = AnalyticCheck("the remainder within (1/2) lip ||w||^2", _quadratic_taylor_points, taylor_ratio).run(context)
    third = AnalyticCheck("the remainder within (1/3) lip ||w||^2", _quadratic_taylor_points, third_ratio).run(context)
    assert half.ok and half.ratio == pytest.approx(1.0, abs=1e-12)
    assert not third.ok and third.ratio == pytest.approx(1.5, abs=1e-12) and "ConcaveScalar" in third.counterexample
    at_bound = InstanceCheck("f(w) = w - w^2/4 at w = 2", lambda: (ConcaveScalar(1.0, 0.5), np.array([2.0])),
                             taylor_ratio).run(context)
    assert at_bound.ok and at_bound.ratio == 1.0


# Weyl's inequality: sigma_min(A + E) >= sigma_min(A) - ||E||, vacuous (ratio 0) where the right side is <= 0.

@pytest.mark.parametrize("a, e, ratio", [
    (np.diag([2.0, 1.0]), np.diag([0.0, -0.5]), 1.0),  # equality: sigma_min(A + E) = 1/2 = 1 - 1/2
    (np.diag([2.0, 1.0]), np.diag([0.0, 0.5]), 0.5 / 1.5),
    (np.eye(2), -np.eye(2), 0.0),  # the floor is exactly 0 (and A + E = 0)
    (np.eye(2), 3 * np.eye(2), 0.0),  # the floor is negative
])
def test_the_weyl_ratio_at_equality_and_where_the_floor_is_not_positive(a, e, ratio):
    from proofs_check.studies.pointwise import weyl_ratio

    assert weyl_ratio((a, e)) == pytest.approx(ratio, abs=1e-15)


# Derivations and references: a failing one carries its counterexample.

def test_a_derivation_check_accepts_the_derived_value_and_refutes_a_wrong_one_with_its_residual():
    from proofs_check.proofs.checks import DerivationCheck
    from symbolic.symbols import symbols

    sigma_min, lip_Df = symbols("sigma_min lip_Df")
    right = DerivationCheck("r0", sigma_min / (2 * lip_Df)).run(_context())
    assert right.ok and right.ref == "r0" and right.counterexample is None and right.witness is None
    wrong = DerivationCheck("r0", sigma_min / lip_Df).run(_context())
    assert not wrong.ok and wrong.ref == "r0"
    assert wrong.counterexample.startswith("residual ") and wrong.counterexample != "residual 0"
    assert wrong.witness.kind == "residual" and wrong.witness.values[0][1] not in ("", "0")
    bare = DerivationCheck("r0").run(_context())
    assert bare.ok and bare.counterexample is None and "every step verified" in bare.detail


def test_a_derivation_with_a_failing_step_fails_the_check_with_a_counterexample(monkeypatch):
    from types import SimpleNamespace

    from proofs_check.proofs import checks

    monkeypatch.setattr(checks, "derive", lambda name: SimpleNamespace(ok=False))
    result = checks.DerivationCheck("r0", sp.Integer(1)).run(_context())
    assert not result.ok and result.ref == "r0" and result.counterexample == "see lazycheck derive r0"


def _report(status_of_step: str):
    """The report of a one-step chain whose step holds, has a gap, or fails."""
    from proofs_check.proofs.chain import ChainRun, Proof, ProofStep, run_chain
    from proofs_check.proofs.checks import IdentityCheck, MissingJustification

    one = sp.Integer(1)
    step = {"holds": ProofStep("1", "here", "a", "b", "algebra", IdentityCheck(one, one)),
            "gap": ProofStep("1", "here", "a", "b", "none given", MissingJustification("b"),
                             corrected=IdentityCheck(one, one), gap=True),
            "fails": ProofStep("1", "here", "a", "b", "algebra", IdentityCheck(one, 2 * one))}[status_of_step]
    proof = Proof("test/cited", "a cited result", "test", "here", "b", (step,))
    return run_chain(proof, ChainRun(_context().config, lambda proof_id: None))


@pytest.mark.parametrize("status, holds", [("holds", True), ("gap", True), ("fails", False)])
def test_a_reference_holds_when_the_cited_chain_holds_or_has_a_gap_and_fails_with_a_counterexample(status, holds):
    from proofs_check.proofs.chain import ChainRun
    from proofs_check.proofs.checks import ReferenceCheck

    report = _report(status)
    assert report.status == status
    resolved = []
    context = ChainRun(_context().config, lambda proof_id: resolved.append(proof_id) or report)
    result = ReferenceCheck("test/cited").run(context)
    assert resolved == ["test/cited"] and result.ref == "test/cited" and result.kind == "reference"
    assert result.ok is holds and f"test/cited: {status}" in result.detail
    assert result.counterexample == (None if holds else "test/cited fails")


# Chains: an unchecked step keeps its step and needs its reason.

def test_an_unchecked_step_keeps_its_step_and_needs_a_reason():
    from proofs_check.proofs.chain import ProofStep, run_step

    step = ProofStep("1", "here", "a", "b", "the text says so", None, unchecked_reason="a definition")
    result = run_step(step, _context())
    assert result.step is step and result.status == "unchecked" == step.expected
    assert result.outcome is None and result.corrected is None and result.formal is None
    with pytest.raises(ValueError, match="neither a check nor a reason"):
        run_step(ProofStep("2", "here", "a", "b", "the text says so", None), _context())


# Rates: the boundaries of decide_rate are inclusive.

def test_a_range_of_exactly_one_decade_with_two_alphas_decides():
    """alphas = (100, 1000): max = 10 min, both in the last decade, two points; alpha^-2 is O(alpha^-2)."""
    from proofs_check.proofs.checks import RateCheck

    result = RateCheck("alpha^-2", lambda a: a**-2.0, "1/alpha**2", alphas=(100.0, 1000.0)).run(_context())
    assert result.ok and result.searched == 2 and result.kind == "analytic"


def test_a_slope_exactly_at_the_tolerance_is_accepted(monkeypatch):
    from proofs_check.proofs import checks

    rate = checks.RateCheck("alpha^-1.9", lambda a: a**-1.9, "1/alpha**2", alphas=(100.0, 1000.0))
    slope = rate.run(_context()).slopes[0]
    assert slope.value == pytest.approx(0.1) and slope.error == 0
    monkeypatch.setattr(checks, "RATE_SLOPE_TOLERANCE", slope.value)
    assert rate.run(_context()).ok
    monkeypatch.setattr(checks, "RATE_SLOPE_TOLERANCE", np.nextafter(slope.value, 0.0))
    assert not rate.run(_context()).ok


def test_a_fit_error_exactly_at_the_tolerance_is_decided(monkeypatch):
    from proofs_check.proofs import checks

    alphas = (1000.0, 2000.0, 5000.0, 10000.0)
    noise = dict(zip(alphas, (1.0, 1.3, 0.8, 1.1)))
    rate = checks.RateCheck("a noisy alpha^-3", lambda a: noise[a] * a**-3.0, "1/alpha**2", alphas=alphas)
    slope = rate.run(_context()).slopes[0]
    assert slope.value < 0 < slope.error
    monkeypatch.setattr(checks, "RATE_SLOPE_TOLERANCE", slope.error)
    assert rate.run(_context()).ok
    monkeypatch.setattr(checks, "RATE_SLOPE_TOLERANCE", np.nextafter(slope.error, 0.0))
    assert "too noisy" in rate.run(_context()).detail


def test_a_refuted_rate_carries_its_validated_witness_and_an_inadmissible_one_is_a_crash():
    from proofs_check.proofs.checks import RateCheck

    module = __name__
    alphas = (100.0, 1000.0)
    slow = RateCheck("alpha^-1", lambda a: 1 / a, "1/alpha**2", alphas=alphas, validator=f"{module}:_hypotheses_hold")
    refuted = slow.run(_context())
    assert not refuted.ok and not refuted.crashed and refuted.counterexample
    assert refuted.witness.validator == f"{module}:_hypotheses_hold" and refuted.witness.arguments == alphas
    inadmissible = RateCheck("alpha^-1", lambda a: 1 / a, "1/alpha**2", alphas=alphas,
                             validator=f"{module}:_hypotheses_fail").run(_context())
    assert inadmissible.crashed and "violates admissible" in inadmissible.detail
    holds = RateCheck("alpha^-2", lambda a: a**-2.0, "1/alpha**2", alphas=alphas,
                      validator=f"{module}:_hypotheses_fail").run(_context())
    assert holds.ok and holds.witness is None  # a rate that holds is not validated
