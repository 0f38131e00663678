"""The step checks of proofs_check.proofs.checks, compared whole (issue 16).

Each check must accept a true statement, reject a false one, and return its counterexample when it fails. The
results are compared field by field with what the check must return, so that no field (the verdict, the detail a
reader sees, the counterexample, the witness a test validates again) can change without a test failing.
"""

import numpy as np
import pytest
import sympy as sp

from proofs_check.proofs import checks
from proofs_check.proofs.chain import ChainRun
from proofs_check.proofs.checks import (RATE_SLOPE_TOLERANCE, AnalyticCheck, DerivationCheck, IdentityCheck, InequalityCheck,
                                        InstanceCheck, MissingJustification, RateCheck, decide_rate, last_table,
                                        tabled_check)
from proofs_check.results import CheckResult, Slope, Witness
from proofs_check.settings import RATIO_TOLERANCE, RunConfig
from symbolic.symbols import symbol

CONTEXT = ChainRun(RunConfig(max_examples=5), lambda proof_id: None)
x, a = sp.Symbol("x", real=True), sp.Symbol("a", real=True)


# IdentityCheck: the residual simplify(lhs - rhs), a counterexample and a witness when it is not 0.

def test_an_identity_that_holds_reports_a_zero_residual_and_nothing_else():
    assert IdentityCheck(2 * x, x + x).run(CONTEXT) == CheckResult("identity", True, "residual 0")


def test_a_false_identity_reports_its_residual_as_its_counterexample_and_witness():
    assert IdentityCheck(x + 1, x).run(CONTEXT) == CheckResult(
        "identity", False, "residual 1", counterexample="residual 1 != 0",
        witness=Witness("residual", "x + 1 == x", values=(("residual", "1"),)))


# DerivationCheck: a derivation of symbolic/ whose steps all verify, and a candidate checked against it.

def test_a_derivation_with_every_step_verified_holds():
    assert DerivationCheck("held_out_bound").run(CONTEXT) == CheckResult(
        "identity", True, "derivation held_out_bound: every step verified", ref="held_out_bound")


def test_a_derivation_with_a_failing_step_fails_whatever_the_candidate(monkeypatch):
    class Failing:
        ok = False

    monkeypatch.setattr(checks, "derive", lambda name: Failing())
    assert DerivationCheck("held_out_bound", x).run(CONTEXT) == CheckResult(
        "identity", False, "derivation held_out_bound has a failing step", ref="held_out_bound",
        counterexample="see lazycheck derive held_out_bound")


def test_a_candidate_is_checked_against_the_derivation_at_its_point():
    from proofs_check.proofs.derived import stated

    bound, at = stated("held_out_bound", "smith")
    assert DerivationCheck("held_out_bound", bound, at).run(CONTEXT).ok
    wrong = DerivationCheck("held_out_bound", 2 * bound, at).run(CONTEXT)
    residual = wrong.witness.values[0][1]
    assert not wrong.ok and sp.sympify(residual) != 0 and wrong.counterexample == f"residual {residual}"
    assert wrong == CheckResult("identity", False, f"derivation held_out_bound: candidate residual {residual}",
                                ref="held_out_bound", counterexample=f"residual {residual}",
                                witness=Witness("residual", f"{2 * bound} is held_out_bound at {dict(at)}",
                                                values=(("residual", residual),)))


# InequalityCheck: z3 certifies, refutes with an admissible assignment, or leaves the step unknown.

def test_a_certified_inequality_reports_its_certificate():
    assert InequalityCheck(sp.Le(a, a**2 + 1)).run(CONTEXT) == CheckResult(
        "inequality", True, "z3: unsat of NOT(a <= a**2 + 1) under 0 assumption(s)")


def test_a_refuted_inequality_reports_the_assignment_as_counterexample_and_witness():
    result = InequalityCheck(sp.Le(a, 1), (sp.Ge(a, 0),)).run(CONTEXT)
    (name, value), = result.witness.values
    assert name == "a" and sp.Rational(value) > 1
    assert result == CheckResult("inequality", False, "refuted: z3: the negation is satisfiable",
                                 counterexample=f"a = {value}",
                                 witness=Witness("assignment", "a <= 1", ("a >= 0",), (("a", value),)))


def test_the_admissibility_relations_of_documented_symbols_are_assumed():
    mu, nu = symbol("mu"), symbol("nu")
    assert InequalityCheck(sp.Ge(nu, mu)).run(CONTEXT).ok  # nu >= mu, assumed of every documented loss
    assert InequalityCheck(sp.Ge(nu, mu)).hypotheses == (sp.Ge(nu, mu),)
    refuted = InequalityCheck(sp.Ge(mu, nu)).run(CONTEXT)
    values = {name: sp.Rational(value) for name, value in refuted.witness.values}
    assert not refuted.ok and values["nu"] > values["mu"] > 0 and refuted.witness.hypotheses == ("nu >= mu",)


def test_an_undecided_inequality_fails_without_a_counterexample():
    """exp(a) >= 1 + a + a^2/2 for a >= 0 is true, but z3 sees only the relaxation exp(a) >= 1 + a."""
    result = InequalityCheck(sp.Ge(sp.exp(a), 1 + a + a**2 / 2), (sp.Ge(a, 0),)).run(CONTEXT)
    assert result == CheckResult("inequality", False,
                                 "unknown: z3's model of a relaxation is not a genuine counterexample")


def test_a_missing_justification_fails_by_construction_without_a_counterexample():
    assert MissingJustification("an order").run(CONTEXT) == CheckResult(
        "none", False, "the text gives no justification for an order (a gap: no counterexample, the conclusion is "
        "checked by the corrected step)")


# The shared screen of tabled flow checks.

def test_last_table_evaluates_once_per_tuple_of_draws_by_identity():
    calls = []

    def table(instances):
        calls.append(instances)
        return [[i, 2 * i] for i in instances]

    remembered = last_table(table)
    draws, equal_draws = (1, 2), tuple([1, 2])
    first = remembered(draws)
    assert first.dtype == float and first.tolist() == [[1.0, 2.0], [2.0, 4.0]]
    assert remembered(draws) is first and len(calls) == 1
    assert remembered(equal_draws) is not first and len(calls) == 2


def test_a_tabled_check_reads_its_column_of_the_row_and_of_the_table():
    from proofs_check.proofs.domains import MATRIX_PAIRS

    row = lambda instance: (instance, 2 * instance, 3 * instance)  # noqa: E731
    table = last_table(lambda instances: [row(i) for i in instances])
    check = tabled_check("the middle column", MATRIX_PAIRS, row, table, 1, screen_key="key")
    assert check.ratio(0.25) == 0.5 and check.ratios((0.25, 1.0)).tolist() == [0.5, 2.0]
    assert (check.description, check.flows, check.screen_key) == ("the middle column", True, "key")
    assert (check.strategy, check.domain, check.sample) == (MATRIX_PAIRS.strategy, MATRIX_PAIRS.ranges,
                                                            MATRIX_PAIRS.sample)
    assert check.screened == MATRIX_PAIRS.screened



# decide_rate and RateCheck: exact power laws, whose slopes are known, compared with the whole result.

ALPHAS = np.array([10.0, 100.0, 1000.0, 10000.0])
FOUR = (("alpha", "10..10000 (4 values)"),)


def _slope(name, value, limit=None):
    return Slope(name, "alpha", pytest.approx(value, abs=1e-12), pytest.approx(0.0, abs=1e-12), limit)


def test_a_rate_that_holds_exactly_has_slope_zero():
    assert decide_rate("exact", ALPHAS, 1 / ALPHAS, "1/alpha") == CheckResult(
        "analytic", True, "value/rate over alpha: alpha=10: 1, alpha=100: 1, alpha=1000: 1, alpha=10000: 1; log-log "
        "slope over the last decade +0.000 +- 0.000 (O(1/alpha) needs <= +0.075), over the whole range +0.000 +- "
        "0.000; the value itself decays like alpha^(-1.000 +- 0.000) (exact)",
        slopes=(_slope("value/rate (last decade)", 0.0, RATE_SLOPE_TOLERANCE), _slope("value/rate", 0.0)),
        searched=4, ranges=FOUR)


def test_a_slower_rate_is_refuted_with_its_table():
    table = "alpha=10: 3.162, alpha=100: 10, alpha=1000: 31.62, alpha=10000: 100"
    assert decide_rate("slow", ALPHAS, ALPHAS**-0.5, "1/alpha") == CheckResult(
        "analytic", False, f"value/rate over alpha: {table}; log-log slope over the last decade +0.500 +- 0.000 "
        "(O(1/alpha) needs <= +0.075), over the whole range +0.500 +- 0.000; the value itself decays like "
        "alpha^(-0.500 +- 0.000) (slow)",
        slopes=(_slope("value/rate (last decade)", 0.5, RATE_SLOPE_TOLERANCE), _slope("value/rate", 0.5)),
        searched=4, ranges=FOUR,
        counterexample=f"value/rate over alpha in [10, 10000] has log-log slope +0.500 +- 0.000 over the last "
                       f"decade: {table}")


def test_a_log_factor_is_reported_needed_or_not_seen():
    """log(alpha) over 1000..10000 has the log-log slope log(4/3)/log(10) = 0.125 > 0.075."""
    needed = decide_rate("log", ALPHAS, np.log(ALPHAS) / ALPHAS, "log(alpha)/alpha")
    assert needed.ok and needed.detail.endswith("; without log(alpha): slope +0.125 +- 0.000, the log factor is "
                                                "needed (log)")
    assert needed.detail.startswith("value/rate over alpha: alpha=10: 1, alpha=100: 1, alpha=1000: 1, alpha=10000: 1;")
    unseen = decide_rate("no log", ALPHAS, 1 / ALPHAS, "log(alpha)/alpha")
    assert unseen.ok and unseen.detail.endswith("; without log(alpha): slope +0.000 +- 0.000, the log factor is not "
                                                "seen: value = O(1/alpha) here (no log)")
    assert "last decade -0.125 +- 0.000" in unseen.detail


def test_the_last_decade_starts_at_a_tenth_of_the_largest_alpha():
    """alpha = 95 lies within 1/11 of 1000, not within 1/10: the last decade is (300, 1000), where the data is flat."""
    alphas = np.array([10.0, 95.0, 300.0, 1000.0])
    values = np.array([1.0, 1.0, 0.5, 0.5])
    result = decide_rate("kink", alphas, values, "1")
    assert result.ok and result.slopes[0].value == pytest.approx(0.0, abs=1e-12)


def test_a_range_shorter_than_a_decade_is_not_decided():
    result = decide_rate("short", np.array([10.0, 50.0]), np.array([0.1, 0.02]), "1/alpha")
    assert not result.ok and "(O(1/alpha) needs <= +0.075), range shorter than a decade, over" in result.detail
    assert result.counterexample.startswith("value/rate over alpha in [10, 50] has log-log slope")


def test_a_rate_check_reports_its_description_and_its_validated_witness():
    alphas = (100.0, 1000.0)
    refuted = RateCheck("alpha^-1", lambda a: 1 / a, "1/alpha**2", alphas=alphas,
                        validator="tests.proofs_check.proofs.test_checks:_hypotheses_hold").run(CONTEXT)
    assert refuted.detail.endswith(" (alpha^-1)") and refuted.kind == "analytic"
    assert refuted.witness == Witness("instance", "O(1/alpha**2)", validator=refuted.witness.validator,
                                      arguments=alphas)


def test_an_inadmissible_witness_is_a_crash_of_the_check_with_its_kind_and_ref():
    witness = Witness("instance", "O(1)", validator="tests.proofs_check.proofs.test_checks:_hypotheses_fail")
    result = checks._validated(CheckResult("analytic", False, "found", ref="the-ref"), witness)
    assert result == CheckResult.crash("analytic", "the-ref", "the witness violates admissible "
                                       "(tests.proofs_check.proofs.test_checks:_hypotheses_fail)")
    assert result.crashed and not result.ok


def test_an_instance_check_reports_its_ratio_and_description():
    assert InstanceCheck("one", lambda: 2.0, lambda x: x / 4).run(CONTEXT) == CheckResult(
        "analytic", True, "ratio 0.5 on one", ratio=0.5, searched=1)


# AnalyticCheck: the search, the screen, and the counterexample, shrunk to the simplest violating instance.

LADDER = (0.5, 1.0, 1 + RATIO_TOLERANCE, 2.0, 3.0)  # sampled_from shrinks towards the front
DOMAIN = (("x", "the ladder"),)


def _ladder():
    from hypothesis import strategies as st

    return st.sampled_from(LADDER)


def _floats():
    from hypothesis import strategies as st

    return st.floats(0.0, 1.0)


def _run(check, seed=None):
    return check.run(ChainRun(RunConfig(max_examples=20, seed=seed), lambda proof_id: None))


def test_a_violated_analytic_bound_reports_the_worst_ratio_and_the_simplest_violation():
    """The worst rung is 3; the first rung above 1 + RATIO_TOLERANCE is 2 (not 1 + RATIO_TOLERANCE, not 1)."""
    result = _run(AnalyticCheck("x <= 1", _ladder, lambda x: x, domain=DOMAIN))
    assert result == CheckResult("analytic", False, "worst ratio 3 (x <= 1)", ratio=3.0, searched=result.searched,
                                 ranges=DOMAIN, counterexample="ratio 2 at 2.0")
    assert len(LADDER) <= result.searched <= 20


def test_a_held_analytic_bound_reports_how_much_was_searched_and_screened():
    held = _run(AnalyticCheck("x <= 3", _ladder, lambda x: x / 3, domain=DOMAIN))
    assert held == CheckResult("analytic", True, f"worst ratio 1 over {held.searched} instances (x <= 3)", ratio=1.0,
                               searched=held.searched, ranges=DOMAIN)
    screened = _run(AnalyticCheck("x <= 3", _ladder, lambda x: x / 3, domain=DOMAIN, sample=lambda rng: 1.5,
                                  screened=(("x", "1.5"),)))
    count = screened.searched - held.searched
    assert count == RunConfig().analytic_screen and screened == CheckResult(
        "analytic", True, f"worst ratio 1 over {screened.searched} instances, {count} of them screened by a numpy "
        "sampler (x <= 3)", ratio=1.0, searched=screened.searched, ranges=DOMAIN + (("x", "1.5"),))


def test_a_tie_between_the_screen_and_the_search_is_shrunk_by_the_search():
    """Every instance has ratio 2: the search's shrunk 0.0 is reported, not the screen's 0.75."""
    result = _run(AnalyticCheck("2 <= 1", _floats, lambda x: 2.0, sample=lambda rng: 0.75))
    assert result.counterexample == "ratio 2 at 0.0"


def test_the_search_and_the_screen_follow_the_run_seed_and_the_description():
    ratio = lambda x: x  # noqa: E731
    search = AnalyticCheck("x", _floats, ratio)
    assert _run(search, 1) == _run(search, 1) and _run(search, 1).ratio != _run(search, 2).ratio
    screen = AnalyticCheck("x", lambda: _floats().filter(lambda x: x < 0.001), ratio, sample=lambda rng: rng.random())
    renamed = AnalyticCheck("y", screen.strategy, ratio, sample=screen.sample)
    assert _run(screen, 1) == _run(screen, 1)
    assert _run(screen, 1).ratio != _run(screen, 2).ratio and _run(screen, 1).ratio != _run(renamed, 1).ratio


def test_a_batched_screen_uses_its_ratios_and_checks_their_shape_and_values():
    batched = AnalyticCheck("x", _floats, lambda x: 0.0, sample=lambda rng: 0.5,
                            ratios=lambda instances: [2.0] * len(instances))
    assert _run(batched).ratio == 2.0  # the batched ratios, not the per-instance ratio
    with pytest.raises(ValueError, match=r"the batched ratios have shape \(1,\), expected \(1000,\)"):
        _run(AnalyticCheck("x", _floats, lambda x: 0.0, sample=lambda rng: 0.5, ratios=lambda instances: [2.0]))
    with pytest.raises(ValueError, match="the ratio is not a number at 0.5"):
        _run(AnalyticCheck("x", _floats, lambda x: float("nan") if x == 0.5 else 0.0, sample=lambda rng: 0.5))


def test_a_validated_analytic_counterexample_carries_its_witness():
    result = _run(AnalyticCheck("x <= 1", _ladder, lambda x: x, validator="tests.proofs_check.proofs.test_checks:"
                                "_hypotheses_hold"))
    assert result.witness == Witness("instance", "x <= 1", validator="tests.proofs_check.proofs.test_checks:"
                                     "_hypotheses_hold", arguments=("2.0",))
    assert result.counterexample == "ratio 2 at 2.0" and not result.crashed


def test_a_rate_in_another_symbol_than_alpha_is_refused():
    with pytest.raises(ValueError, match=r"unknown symbol\(s\) mu in '1/\(alpha\*mu\)'; allowed: alpha"):
        decide_rate("other", ALPHAS, 1 / ALPHAS, "1/(alpha*mu)")


def test_the_log_factor_at_exactly_the_tolerance_is_not_seen(monkeypatch):
    """'needed' only for a slope without log(alpha) above RATE_SLOPE_TOLERANCE; at it, 'not seen'."""
    from proofs_check.results import fit_slope

    values = np.log(ALPHAS) / ALPHAS
    without = fit_slope("", "alpha", ALPHAS[2:], values[2:] * ALPHAS[2:]).value
    monkeypatch.setattr(checks, "RATE_SLOPE_TOLERANCE", without)
    assert "the log factor is not seen" in decide_rate("log", ALPHAS, values, "log(alpha)/alpha").detail


def test_an_inadmissible_witness_names_every_broken_hypothesis():
    witness = Witness("instance", "O(1)", validator=f"{__name__}:_two_broken")
    result = checks._validated(CheckResult("analytic", False, "found"), witness)
    assert result.detail.endswith(f"the witness violates mu > 0, nu >= mu ({__name__}:_two_broken)")


def _two_broken(*arguments):
    return {"mu > 0": False, "nu >= mu": False, "t >= 0": True}


def test_a_screen_names_the_instance_whose_ratio_is_not_a_number():
    from itertools import count

    counter = count()
    check = AnalyticCheck("x", _floats, lambda x: float("nan") if x == 7 else 0.0, sample=lambda rng: next(counter))
    with pytest.raises(ValueError, match="the ratio is not a number at 7$"):
        _run(check)


def test_a_violation_the_shrinker_cannot_reproduce_is_reported_at_the_searched_instance():
    """The ratio exceeds 1 on its first evaluation only: the search saw it, the shrinker never does."""
    calls = []

    def once(x):
        calls.append(x)
        return 2.0 if len(calls) == 1 else 0.5

    result = _run(AnalyticCheck("once", _floats, once))
    assert not result.ok and result.counterexample == f"ratio 0.5 at {calls[0]!r}"
