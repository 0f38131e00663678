"""chizat-bach Theorem 3.4 (proofs_check.proofs.theorem_3_4) and its measurements (proofs_check.studies.appendix_b).

The measurements first (derivatives, the mirror trajectory, the constants), then the chain: every step has its
expected status, and corrupted steps (a wrong constant, a dropped hypothesis) fail with a counterexample.
"""

from dataclasses import replace

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis.errors import InvalidArgument

from proofs_check.proofs.catalog import chain_context
from proofs_check.proofs.chain import errata_of, run_chain, run_step
from proofs_check.proofs.checks import AnalyticCheck, IdentityCheck, InequalityCheck
from proofs_check.proofs.theorem_3_4 import _g_alpha_identities, theorem_3_4
from proofs_check.settings import RunConfig
from proofs_check.studies import appendix_b as b
from proofs_check.studies import appendix_b_flows as b_flows
from symbolic.symbols import symbol

CONFIG = RunConfig()
CONTEXT = chain_context(CONFIG)
ALPHA = symbol("alpha")
#: Central differences with this step agree with the exact derivatives to this relative error.
STEP, DIFFERENCE_RTOL = 1e-6, 1e-6
#: The statuses the chain declares, by step.
EXPECTED = {"5": "fails", "6": "gap", "7": "fails", "16": "fails", "22": "fails"}


@pytest.fixture(scope="module")
def report():
    return run_chain(theorem_3_4(), CONTEXT)


# The measurements --------------------------------------------------------------------------------

@settings(max_examples=15)
@given(b.cases())
def test_every_drawn_case_satisfies_the_hypotheses(case):
    assert all(b.hypotheses(case).values()), b.hypotheses(case)
    assert case.alpha >= b.local_constants(case.chart, case.loss).alpha_zero


def _difference(function, g) -> np.ndarray:
    return np.stack([(function(g + STEP * e) - function(g - STEP * e)) / (2 * STEP) for e in np.eye(g.size)], -1)


@settings(max_examples=15)
@given(b.cases(max_alpha_factor=3.0), b.fractions())
def test_the_gradient_and_hessian_of_g_alpha_match_finite_differences(case, fractions):
    g = 0.5 * b.chart_point(case, fractions)
    gradient = b.objective_gradient(case, g)
    numeric = _difference(lambda v: np.array([b.objective(case, v)]), g)[0]
    assert np.linalg.norm(numeric - gradient) <= DIFFERENCE_RTOL * (np.linalg.norm(gradient) + 1)
    hessian = sum(b.hessian_terms(case, g))
    numeric = _difference(lambda v: b.objective_gradient(case, v), g)
    assert np.linalg.norm(numeric - hessian) <= DIFFERENCE_RTOL * (np.linalg.norm(hessian) + 1)


def test_the_mirror_trajectory_stays_in_pi_r_and_converges_to_g_star():
    case = b.fixed_case(b.fixed_alphas()[1])
    trajectory = b_flows.mirror_trajectory(case)
    assert not trajectory.w.flags.writeable and not trajectory.g_star.flags.writeable
    assert np.allclose(trajectory.g, trajectory.g_via_psi, atol=1e-12)  # pi_r(phi(w(t))) = psi(f(w(t)))
    assert np.all(trajectory.g[:, 1] == 0)
    assert np.linalg.norm(trajectory.g[-1] - trajectory.g_star) <= 1e-6 * np.linalg.norm(trajectory.g_star)
    assert np.allclose(b.objective_gradient(case, trajectory.g_star)[:1], 0, atol=1e-14)
    assert b_flows.mirror_trajectory(b.fixed_case(case.alpha)) is trajectory  # cached per case


def test_the_fixed_case_constants():
    constants = b.local_constants(b.FIXED_CHART, b.fixed_loss())
    assert (constants.modulus, constants.smoothness, constants.radius, constants.metric_floor) == (0.5, 1.5, 0.25, 1.0)
    assert np.isclose(constants.rate, 0.5) and np.isclose(constants.c1, np.sqrt(3))
    assert b.fixed_alphas()[0] == constants.alpha_zero
    assert np.isclose(b.limit_rate(b.FIXED_CHART, b.fixed_loss()), 1.0)
    assert all(all(b.hypotheses(b.fixed_case(alpha)).values()) for alpha in b.fixed_alphas())


def test_the_case_strategy_validates_its_alpha_range():
    with pytest.raises(InvalidArgument, match="max_alpha_factor"):
        b.cases(max_alpha_factor=0.5)


def test_the_text_domain_is_not_convex_but_the_ball_is():
    """On the unit circle with R = ||y||^2/2, D^2 G_alpha on Pi_r is cos(g1) for every alpha (step 6)."""
    case = b.Case(b.FIXED_CHART, b.StronglyConvexQuadratic(np.eye(2), np.zeros(2)), 10.0)
    for g1 in (0.0, 1.0, 2.0, 2.5):
        assert np.isclose(b.restricted_hessian(case, np.array([g1, 0.0]))[0, 0], np.cos(g1))
    assert b.convexity_ratio(case, np.array([2.0, 0.0])) == np.inf
    assert b.convexity_ratio(case, np.array([0.25, 0.0])) <= 1


# The chain ----------------------------------------------------------------------------------------

def test_the_chain_is_well_formed():
    proof = theorem_3_4()
    labels = [step.label for step in proof.steps]
    assert proof.id == "chizat-bach/theorem-3.4" and proof.source == "chizat-bach" and proof.twins == ()
    assert proof.location == "Section 3.3, Theorem 3.4, and Appendix B"
    assert len(labels) >= 8 and len(set(labels)) == len(labels)
    for step in proof.steps:
        assert step.check is not None and step.before and step.after and step.location
        assert step.expected == EXPECTED.get(step.label, "holds"), step.label
        if step.expected in ("fails", "gap"):
            assert step.explanation and step.corrected_statement and step.corrected is not None


def test_every_step_has_its_expected_status(report):
    unexpected = [(r.step.label, r.status, r.step.expected) for r in report.results if r.status != r.step.expected]
    assert not unexpected
    for result in report.results:
        if result.status == "fails":
            assert result.outcome.counterexample and result.corrected.ok, result.step.label
        if result.status == "gap":
            assert result.corrected is not None and result.corrected.ok and result.step.explanation


def test_the_analytic_steps_report_their_ranges(report):
    for result in report.results:
        if result.step.kind == "analytic" and hasattr(result.step.check, "domain"):
            assert dict(result.outcome.ranges), result.step.label


def test_the_errata_are_the_fails_and_gap_steps(report):
    errata = {e.id: e for e in errata_of(report)}
    assert set(errata) == {f"chizat-bach/theorem-3.4/step-{label}" for label in EXPECTED}
    assert all(e.survives for e in errata.values())


def _step(label):
    return theorem_3_4().step(label)


def _corrupt_inequality(label, claim=None, drop=None):
    step = _step(label)
    assumptions = tuple(a for i, a in enumerate(step.check.assumptions) if i != drop)
    return replace(step, check=InequalityCheck(step.check.claim if claim is None else claim, assumptions))


def _scaled_check(check, factor):
    """``check`` with its ratio (and its batched ratios) multiplied by ``factor``."""
    ratios = check.ratios and (lambda instances: factor * np.asarray(check.ratios(instances)))
    return replace(check, ratio=lambda instance: factor * check.ratio(instance), ratios=ratios)


def _corrupt_analytic(label, factor):
    step = _step(label)
    return replace(step, check=_scaled_check(step.check, factor))


def _halved_displacement_constant():
    """Step 17 with C/(2 alpha C2) for C/(alpha C2)."""
    claim = _step("17").check.claim
    return _corrupt_inequality("17", claim=sp.Le(claim.lhs, claim.rhs / 2))


CORRUPTIONS = {
    "step 8 without G_alpha >= 0 (R >= 0 dropped)": lambda: _corrupt_inequality("8", drop=1),
    "step 17 with half the constant": _halved_displacement_constant,
    "step 13 with the floor 2 lam": lambda: _corrupt_analytic("13", 2.0),
    # exp(-5 m lam t) for exp(-2 m lam t): faster than the flow on the circle at its metric floor
    "step 20 with the rate 5 m lam": lambda: replace(_step("20"), check=replace(
        _step("20").check, ratio=lambda case: b_flows.suboptimality_decay_ratio(case, rate_factor=2.5),
        ratios=b_flows.over_flows(lambda case, trajectory: b_flows.suboptimality_decay_ratio(case, trajectory, 2.5)))),
}


@pytest.mark.parametrize("name", CORRUPTIONS)
def test_a_corrupted_step_fails_with_a_counterexample(name):
    result = run_step(CORRUPTIONS[name](), CONTEXT)
    assert result.status == "fails" and result.outcome.counterexample, result.outcome.detail


def _analytic_checks():
    """(label, check) of every analytic check of the chain over the Appendix B instance spaces, corrected ones too."""
    for step in theorem_3_4().steps:
        for check in (step.check, step.corrected):
            if isinstance(check, AnalyticCheck):
                yield step.label, check


def test_every_analytic_step_is_screened_and_the_flow_steps_in_batches():
    checks = list(_analytic_checks())
    assert len(checks) == 12
    for label, check in checks:
        assert check.sample is not None, label
        assert (check.ratios is not None) == check.flows, label


#: A run whose hypothesis search sees a single example: a refutation then comes from the screen.
ONE_EXAMPLE = RunConfig(max_examples=1)


def test_a_false_step_is_refuted_by_the_screen_alone():
    """Step 13 with twice its ratio: the metric floor lam is attained near w0, so the screen finds ratios near 2."""
    check = _scaled_check(_step("13").check, 2.0)
    worst, instance, screened = check._screen(ONE_EXAMPLE)
    result = run_step(replace(_step("13"), check=check), chain_context(ONE_EXAMPLE))
    assert screened == ONE_EXAMPLE.analytic_screen and worst > 1.9
    assert result.status == "fails" and result.outcome.counterexample == f"ratio {worst:.9g} at {instance!r}"
    assert result.outcome.searched == 1 + screened


def test_a_wrong_hessian_formula_is_rejected():
    """Step 3 with alpha for 1/alpha in front of the second term."""
    _, (computed, text) = _g_alpha_identities()
    assert not IdentityCheck(computed, text.subs(1 / ALPHA, ALPHA)).run(CONTEXT).ok


def test_the_velocity_as_extracted_without_its_minus_sign_is_rejected():
    """Step 15 holds under its reading (the minus sign restored); the display as extracted does not."""
    from proofs_check.proofs.theorem_3_4 import _parameter_velocity

    assert IdentityCheck(*_parameter_velocity(-1)).run(CONTEXT).ok
    assert not IdentityCheck(*_parameter_velocity(1)).run(CONTEXT).ok
    assert "minus sign" in _step("15").reading


def test_the_witness_validators_rebuild_the_case_and_check_every_hypothesis():
    from proofs_check.studies.appendix_b_validation import case_hypotheses, fixed_case_hypotheses

    case = b.fixed_case(100.0)
    assert case_hypotheses(repr(case)) == b.hypotheses(case) and all(b.hypotheses(case).values())
    assert case_hypotheses(repr((case, (0.1, 0.0)))) == b.hypotheses(case)
    assert len(fixed_case_hypotheses(30.0, 300.0)) == 2 * len(b.hypotheses(case))
